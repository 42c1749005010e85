// Which backups the scheduled job deletes: those older than BACKUP_RETENTION_DAYS, except the newest BACKUP_KEEP,
// which stay whatever their age (a shop whose backups stopped still has its last ones). Only names Pasar writes
// are ever considered; anything else in the folder is left alone.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { checksumPath, isBackupTempName, listBackups, parseBackupName, type BackupEntry } from './backup-files.ts';

export interface RetentionPolicy {
  retentionDays: number;
  /** At least 1. */
  keep: number;
}

const DAY = 86_400_000;
/** A temporary file this old belongs to a backup that crashed: no backup takes a day. */
const STALE_TEMP_MS = DAY;

/** The entries to delete (given oldest first, as listBackups returns them). */
export function expiredBackups(entries: readonly BackupEntry[], policy: RetentionPolicy, now: number): BackupEntry[] {
  const keep = Math.max(1, policy.keep);
  const cutoff = now - policy.retentionDays * DAY;
  const newestFirst = [...entries].sort((a, b) => b.time - a.time || b.seq - a.seq);
  return newestFirst.slice(keep).filter((e) => e.time < cutoff);
}

/**
 * Deletes expired backups with their .sha256 files, checksum files whose backup is gone and has expired, and the
 * temporary files of crashed backups. Returns the deleted paths.
 */
export async function pruneBackups(dir: string, policy: RetentionPolicy, now = Date.now()): Promise<string[]> {
  const deleted: string[] = [];
  const remove = async (file: string) => {
    try {
      await fsp.rm(file);
      deleted.push(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  };
  const entries = await listBackups(dir);
  for (const entry of expiredBackups(entries, policy, now)) {
    await remove(entry.file);
    await remove(checksumPath(entry.file));
  }
  const present = new Set(entries.map((e) => e.name));
  for (const name of await fsp.readdir(dir).catch(() => [] as string[])) {
    if (name.endsWith('.sha256')) {
      const of = parseBackupName(name.slice(0, -'.sha256'.length));
      if (of && !present.has(of.name) && of.time < now - policy.retentionDays * DAY) await remove(path.join(dir, name));
    } else if (isBackupTempName(name)) {
      const stat = await fsp.stat(path.join(dir, name)).catch(() => null);
      if (stat && now - stat.mtimeMs > STALE_TEMP_MS) await remove(path.join(dir, name));
    }
  }
  return deleted;
}
