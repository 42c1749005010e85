// Where product photos live on disk, under DATA_DIR/media:
//   originals/<storage_key>.<jpg|png|webp>          the stored original (metadata stripped, auto-rotated)
//   renditions/<storage_key>/<width>.<format>         web renditions, made on first request
// Every name is built from a validated storage key, width and format, never from request text, so no path can
// leave these folders. Files are written to a temporary name and renamed: a reader sees a whole file or none.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { STORAGE_KEY_PATTERN, type ImageFormat, type ImageWidth } from './urls.ts';

export const ORIGINAL_EXTENSIONS = ['jpg', 'png', 'webp'] as const;
export type OriginalExtension = (typeof ORIGINAL_EXTENSIONS)[number];

export const mediaDir = (dataDir: string) => path.join(dataDir, 'media');
export const originalsDir = (dataDir: string) => path.join(mediaDir(dataDir), 'originals');
export const renditionsDir = (dataDir: string, key: string) => path.join(mediaDir(dataDir), 'renditions', checkedKey(key));

function checkedKey(key: string): string {
  if (!STORAGE_KEY_PATTERN.test(key)) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
  return key;
}

export const originalPath = (dataDir: string, key: string, ext: OriginalExtension) =>
  path.join(originalsDir(dataDir), `${checkedKey(key)}.${ext}`);

export const renditionPath = (dataDir: string, key: string, width: ImageWidth, format: ImageFormat) =>
  path.join(renditionsDir(dataDir, key), `${width}.${format}`);

/** The content address of stored bytes: the first 32 hex digits of their SHA-256. */
export const storageKeyOf = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 32);

/** The stored original of `key`, or null when there is none. */
export async function findOriginal(dataDir: string, key: string): Promise<string | null> {
  for (const ext of ORIGINAL_EXTENSIONS) {
    const file = originalPath(dataDir, key, ext);
    try {
      await fs.access(file);
      return file;
    } catch {
      // try the next extension
    }
  }
  return null;
}

/** Writes `bytes` to `file` through a temporary file in the same folder and a rename (atomic on one filesystem). */
export async function writeFileAtomic(file: string, bytes: Buffer): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temp, bytes, { flag: 'wx' });
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

/** Removes an original and all its renditions; missing files are not an error. */
export async function removeImageFiles(dataDir: string, key: string): Promise<void> {
  await Promise.all([
    ...ORIGINAL_EXTENSIONS.map((ext) => fs.rm(originalPath(dataDir, key, ext), { force: true })),
    fs.rm(renditionsDir(dataDir, key), { recursive: true, force: true }),
  ]);
}
