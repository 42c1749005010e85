// The files of the backup folder: their names, their .sha256 companions, how a finished dump is published under its
// final name, and the lock that keeps two backups from running into one folder at once.
//
//   pasar-2026-11-25T10-00-00Z.sqlite          a SQLite database (the online backup API's copy)
//   pasar-2026-11-25T10-00-00Z.pgdump          a PostgreSQL dump (pg_dump --format=custom)
//   pasar-2026-11-25T10-00-00Z.sqlite.sha256   its checksum, in sha256sum's format
//   pasar-2026-11-25T10-00-00Z-1.sqlite        a second backup started in the same second
//   .pasar-….tmp                               a backup being written (never under a final name until complete)
//   .pasar-backup.lock                         held while a backup runs
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Dialect } from '../db/database.ts';

export const BACKUP_EXTENSION: Record<Dialect, string> = { sqlite: 'sqlite', postgres: 'pgdump' };

const NAME_PATTERN = /^pasar-(\d{4})-(\d\d)-(\d\d)T(\d\d)-(\d\d)-(\d\d)Z(?:-([1-9]\d{0,3}))?\.(sqlite|pgdump)$/;
const TEMP_PATTERN = /^\.pasar-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.(?:sqlite|pgdump)\.\d+-[0-9a-f]{8}\.tmp$/;
const LOCK_NAME = '.pasar-backup.lock';

/** A problem the operator can act on: shown as it is, without a stack trace. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** Another backup is writing into the same folder. */
export class BackupBusyError extends BackupError {
  override name = 'BackupBusyError';
}

export interface BackupEntry {
  name: string;
  file: string;
  dialect: Dialect;
  /** When the backup started (from its name, which survives copying; mtimes do not). */
  time: number;
  /** 0, or N for the N+1-th backup started in the same second. */
  seq: number;
}

const stamp = (time: Date) => time.toISOString().slice(0, 19).replace(/:/g, '-') + 'Z';

/** `pasar-2026-11-25T10-00-00Z.sqlite`, or `…Z-2.sqlite` for seq 2. */
export function backupName(time: Date, dialect: Dialect, seq = 0): string {
  return `pasar-${stamp(time)}${seq > 0 ? `-${seq}` : ''}.${BACKUP_EXTENSION[dialect]}`;
}

/** The parts of a backup file name, or null for any other name (which retention then never touches). */
export function parseBackupName(name: string): Omit<BackupEntry, 'file'> | null {
  const m = NAME_PATTERN.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, seq, ext] = m;
  const time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // Date.UTC rolls 2026-02-31 over to March: such a name was not written by Pasar.
  if (stamp(new Date(time)) !== `${y}-${mo}-${d}T${h}-${mi}-${s}Z`) return null;
  return { name, dialect: ext === 'sqlite' ? 'sqlite' : 'postgres', time, seq: seq ? Number(seq) : 0 };
}

export const isBackupTempName = (name: string) => TEMP_PATTERN.test(name);

/** A fresh temporary name in `dir` for a backup started at `time`. */
export function tempBackupPath(dir: string, time: Date, dialect: Dialect): string {
  return path.join(dir, `.pasar-${stamp(time)}.${BACKUP_EXTENSION[dialect]}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
}

/** The backups in `dir`, oldest first; an absent folder has none. */
export async function listBackups(dir: string): Promise<BackupEntry[]> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const entries: BackupEntry[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (parsed) entries.push({ ...parsed, file: path.join(dir, name) });
  }
  return entries.sort((a, b) => a.time - b.time || a.seq - b.seq);
}

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export const checksumPath = (file: string) => `${file}.sha256`;

/**
 * The hash recorded in `file`.sha256 (sha256sum's `<hex>  <name>` or `<hex> *<name>`), or null when there is no
 * such file. A file that exists but holds no hash is an error: it was damaged too.
 */
export async function readChecksum(file: string): Promise<string | null> {
  let text: string;
  try {
    text = await fsp.readFile(checksumPath(file), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const m = /^([0-9a-fA-F]{64}) [ *]\S/.exec(text);
  if (!m) throw new BackupError(`${checksumPath(file)} does not hold a SHA-256 checksum in sha256sum's format`);
  return m[1]!.toLowerCase();
}

async function fsyncPath(file: string, flags = 'r'): Promise<void> {
  const handle = await fsp.open(file, flags);
  try {
    await handle.sync();
  } catch (err) {
    // Some filesystems refuse fsync on a directory; the rename is still atomic there.
    if ((err as NodeJS.ErrnoException).code !== 'EINVAL' && (err as NodeJS.ErrnoException).code !== 'EISDIR') throw err;
  } finally {
    await handle.close();
  }
}

/**
 * Gives a complete temporary dump its final name and its .sha256 beside it. The checksum file is created first and
 * exclusively, which reserves the name (two backups in one second get -1, -2…); the dump then appears under the
 * final name in one step (a hard link, which unlike rename never replaces an existing file). A crash at any point
 * leaves either no backup under the final name or a whole one.
 */
export async function publishBackup(tempFile: string, dir: string, time: Date, dialect: Dialect): Promise<{ file: string; sha256: string; bytes: number }> {
  await fsyncPath(tempFile);
  const sha256 = await sha256File(tempFile);
  const { size } = await fsp.stat(tempFile);
  for (let seq = 0; seq < 1000; seq++) {
    const name = backupName(time, dialect, seq);
    const file = path.join(dir, name);
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(checksumPath(file), 'wx');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    try {
      await handle.writeFile(`${sha256}  ${name}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fsp.link(tempFile, file);
    } catch (err) {
      await fsp.rm(checksumPath(file), { force: true });
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue; // a dump left without its checksum: keep it
      throw err;
    }
    await fsp.rm(tempFile, { force: true });
    await fsyncPath(dir);
    return { file, sha256, bytes: size };
  }
  throw new BackupError(`could not find a free backup name in ${dir}`);
}

interface LockContent {
  pid: number;
  host: string;
  startedAt: string;
}

const heldLocks = new Set<string>();

/** A lock this old is left over whatever it says: no backup takes a day. */
const STALE_LOCK_MS = 24 * 3600_000;

function isStale(lock: LockContent, lockFile: string): boolean {
  const started = Date.parse(lock.startedAt);
  if (!Number.isFinite(started) || Date.now() - started > STALE_LOCK_MS) return true;
  if (lock.host !== os.hostname()) return false;
  // Our own pid but not held here: a previous life of this process id (a container restarts as pid 1).
  if (lock.pid === process.pid) return !heldLocks.has(lockFile);
  try {
    process.kill(lock.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Takes the folder's backup lock, or throws BackupBusyError naming who holds it. A lock left by a process that
 * died (same host, pid gone) or older than a day is taken over. Returns the function that releases it.
 */
export async function acquireBackupLock(dir: string): Promise<() => Promise<void>> {
  const lockFile = path.join(dir, LOCK_NAME);
  const content: LockContent = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fsp.writeFile(lockFile, JSON.stringify(content), { flag: 'wx' });
      heldLocks.add(lockFile);
      return async () => {
        heldLocks.delete(lockFile);
        await fsp.rm(lockFile, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder: LockContent | null = null;
    try {
      holder = JSON.parse(await fsp.readFile(lockFile, 'utf8')) as LockContent;
    } catch {
      // Unreadable or half written: judge it by its age.
      const { mtimeMs } = await fsp.stat(lockFile).catch(() => ({ mtimeMs: 0 }));
      if (Date.now() - mtimeMs < 60_000) throw new BackupBusyError(`another backup is starting in ${dir} (${lockFile})`);
    }
    if (holder && !isStale(holder, lockFile)) {
      throw new BackupBusyError(`another backup into ${dir} is running (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}); if it is not, delete ${lockFile}`);
    }
    await fsp.rm(lockFile, { force: true });
  }
  throw new BackupBusyError(`could not take the backup lock ${lockFile}`);
}
