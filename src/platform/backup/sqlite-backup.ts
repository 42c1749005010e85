// SQLite: the backup is SQLite's online backup API on a connection of its own, so the shop keeps serving and writing
// while it runs; the restore swaps a checked copy in for the database file with one rename.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { BackupError } from './backup-files.ts';

type Log = (line: string) => void;

/** Pages copied per step at first; the event loop (the shop, when the job worker runs this) runs between steps. */
const FIRST_STEP_PAGES = 256;

export interface SqliteBackupOptions {
  /** Pages per step before any restart (tests use a small number to make writes land in the middle). */
  stepPages?: number;
}

/**
 * Copies the live database at `dbFile` into `target` (a new file). A write by another connection between two steps
 * makes SQLite restart the copy from the first page, so a busy shop could keep a small-step backup from ever
 * finishing: every restart quadruples the step, until one step copies the whole database at once (a read
 * transaction, which in WAL mode does not hold writers up). The result is the database as of one moment.
 */
export async function backupSqlite(dbFile: string, target: string, log: Log, options: SqliteBackupOptions = {}): Promise<{ pages: number; restarts: number }> {
  if (dbFile === ':memory:') throw new BackupError('an in-memory database (DATABASE_URL=sqlite::memory:) cannot be backed up');
  if (!fs.existsSync(dbFile)) throw new BackupError(`there is no SQLite database at ${dbFile} (DATABASE_URL)`);
  const source = new SQLite(dbFile, { readonly: true, fileMustExist: true, timeout: 5000 });
  let step = options.stepPages ?? FIRST_STEP_PAGES;
  let lastRemaining = Number.POSITIVE_INFINITY;
  let restarts = 0;
  let total = 0;
  try {
    await source.backup(target, {
      progress({ totalPages, remainingPages }) {
        total = totalPages;
        if (remainingPages > lastRemaining) {
          restarts++;
          step = Math.min(step * 4, 0x7fffffff);
        }
        lastRemaining = remainingPages;
        return step;
      },
    });
  } finally {
    source.close();
  }
  if (restarts > 0) log(`the database changed during the copy; restarted ${restarts} time(s) with larger steps`);

  // The copy carries the source's WAL flag; make it one self-contained file, and check it before it is published.
  const copy = new SQLite(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`the copy fails SQLite's quick_check (${String(check)}): the database itself may be damaged`);
    total = copy.pragma('page_count', { simple: true }) as number;
  } finally {
    copy.close();
  }
  return { pages: total, restarts };
}

function sqliteCode(err: unknown): string {
  return (err as { code?: string }).code ?? '';
}

/**
 * Takes the database's exclusive lock for a moment: it fails while any other process (a running shop) has the
 * database open. Folds the WAL into the main file while holding it, so the previous database is one file.
 */
function lockAndCheckpoint(dbFile: string, log: Log): void {
  let db: SQLite.Database | null = null;
  try {
    db = new SQLite(dbFile, { fileMustExist: true, timeout: 1000 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    const code = sqliteCode(err);
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new BackupError(`the database ${dbFile} is in use by another process: stop the shop (pasar start) before restoring`);
    }
    // A damaged database is exactly what a restore is for: note it and replace it.
    log(`the current database could not be opened cleanly (${code || (err as Error).message}); replacing it anyway`);
  } finally {
    db?.close();
  }
}

async function moveIfPresent(from: string, to: string): Promise<boolean> {
  try {
    await fsp.rename(from, to);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/**
 * Replaces the database at `dbFile` with the backup: a copy beside the database (same filesystem, so the final
 * rename is atomic) is checked with `PRAGMA integrity_check` first. The previous database stays beside it as
 * `<file>.pre-restore-<time>` (with its -wal, if one was left), and no stale -wal/-shm/-journal remains to be
 * replayed into the restored file. Returns the previous database's new name, or null when there was none.
 */
export async function restoreSqlite(backupFile: string, dbFile: string, log: Log): Promise<{ previous: string | null }> {
  if (dbFile === ':memory:') throw new BackupError('cannot restore into an in-memory database (DATABASE_URL=sqlite::memory:)');
  await fsp.mkdir(path.dirname(dbFile), { recursive: true });
  const exists = fs.existsSync(dbFile);
  if (exists) lockAndCheckpoint(dbFile, log);

  const temp = `${dbFile}.restore-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    log(`copying the backup to ${temp}`);
    await fsp.copyFile(backupFile, temp, fs.constants.COPYFILE_EXCL);
    const check = new SQLite(temp, { fileMustExist: true });
    try {
      const result = check.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
      const problems = result.map((r) => r.integrity_check).filter((r) => r !== 'ok');
      if (problems.length > 0) throw new BackupError(`the backup fails SQLite's integrity_check: ${problems.slice(0, 3).join('; ')}`);
      const migrations = check.prepare(`select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`).get() as { n: number };
      if (migrations.n === 0) throw new BackupError('the backup is a SQLite database but not a Pasar one (it has no kysely_migration table)');
      check.pragma('journal_mode = DELETE');
    } catch (err) {
      if (err instanceof BackupError) throw err;
      // SQLITE_CORRUPT, SQLITE_NOTADB…: a file cut short or damaged before its checksum was taken.
      throw new BackupError(`the backup is not a usable SQLite database (${sqliteCode(err) || (err as Error).message}): nothing was changed`);
    } finally {
      check.close();
    }
    // The restored file gets the permissions the database had (a backup is written readable by its owner only).
    if (exists) await fsp.chmod(temp, (await fsp.stat(dbFile)).mode & 0o777);
    const handle = await fsp.open(temp, 'r');
    await handle.sync();
    await handle.close();
    log('integrity_check: ok');

    let previous: string | null = null;
    if (exists) {
      previous = `${dbFile}.pre-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      // A hard link keeps the previous database while the database name moves to the restored file.
      await fsp.link(dbFile, previous);
    }
    // A WAL or hot journal beside the database would be replayed into the restored file: move them away with the
    // previous database, whose name SQLite then pairs them with.
    await moveIfPresent(`${dbFile}-wal`, `${previous ?? `${dbFile}.stale`}-wal`);
    await moveIfPresent(`${dbFile}-journal`, `${previous ?? `${dbFile}.stale`}-journal`);
    await fsp.rm(`${dbFile}-shm`, { force: true });
    await fsp.rename(temp, dbFile);
    const dir = await fsp.open(path.dirname(dbFile), 'r');
    await dir.sync().catch(() => {});
    await dir.close();
    return { previous };
  } finally {
    await fsp.rm(temp, { force: true });
  }
}
