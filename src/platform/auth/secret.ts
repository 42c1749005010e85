// The server's signing secret (session cookies, CSRF tokens). SECRET_KEY from the environment when set; otherwise a
// random secret generated on first use and kept at DATA_DIR/secret.key (mode 600), so sessions survive restarts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const cache = new Map<string, Buffer>();

/** At least 32 characters: a shorter SECRET_KEY would make session cookies guessable. */
export const MIN_SECRET_LENGTH = 32;

export function loadSecret(dataDir: string, env: Record<string, string | undefined> = process.env): Buffer {
  const fromEnv = env.SECRET_KEY;
  if (fromEnv) {
    if (fromEnv.length < MIN_SECRET_LENGTH) throw new Error(`SECRET_KEY must be at least ${MIN_SECRET_LENGTH} characters long`);
    return Buffer.from(fromEnv, 'utf8');
  }
  const file = path.join(dataDir, 'secret.key');
  const cached = cache.get(file);
  if (cached) return cached;

  let secret: Buffer;
  try {
    secret = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    fs.mkdirSync(dataDir, { recursive: true });
    const fresh = crypto.randomBytes(32);
    try {
      // 'wx' fails when another process created the file first; then read theirs so both use one secret.
      fs.writeFileSync(file, fresh.toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
      secret = fresh;
    } catch (writeErr) {
      if ((writeErr as NodeJS.ErrnoException).code !== 'EEXIST') throw writeErr;
      secret = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
    }
  }
  if (secret.length < 16) throw new Error(`${file} does not hold a usable secret; delete it to generate a new one`);
  cache.set(file, secret);
  return secret;
}
