// `pasar backup` and the scheduled backup job: one consistent copy of the database, taken while the shop runs,
// published under a timestamped name with its SHA-256 beside it.
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Dialect } from '../db/database.ts';
import { acquireBackupLock, publishBackup, tempBackupPath } from './backup-files.ts';
import { backupPostgres } from './postgres-backup.ts';
import { backupSqlite, type SqliteBackupOptions } from './sqlite-backup.ts';

export interface BackupOptions extends SqliteBackupOptions {
  /** The folder to write into (default: BACKUP_DIR, itself DATA_DIR/backups by default). */
  dir?: string;
  /** Progress lines (the CLI prints them on stderr, the job logs them). */
  log?: (line: string) => void;
}

export interface BackupResult {
  /** The backup's absolute path. */
  file: string;
  checksumFile: string;
  sha256: string;
  bytes: number;
  dialect: Dialect;
  durationMs: number;
}

const databaseLabel = (config: Config) =>
  config.database.dialect === 'sqlite' ? config.database.file : new URL(config.database.url).pathname.slice(1) || 'the database';

/**
 * Backs up the configured database into `dir` (created if missing, readable by its owner only: a backup holds
 * customers' addresses and staff password hashes). Two backups into one folder never run at once.
 */
export async function createBackup(config: Config, options: BackupOptions = {}): Promise<BackupResult> {
  const log = options.log ?? (() => {});
  const dir = path.resolve(options.dir ?? config.backup.dir);
  const dialect = config.database.dialect;
  const started = Date.now();
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const release = await acquireBackupLock(dir);
  const time = new Date(started);
  const temp = tempBackupPath(dir, time, dialect);
  try {
    log(`backing up ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database ${databaseLabel(config)} into ${dir}`);
    if (config.database.dialect === 'sqlite') {
      const { pages } = await backupSqlite(config.database.file, temp, log, options);
      log(`copied ${pages} pages; quick_check: ok`);
    } else {
      await backupPostgres(config.database.url, temp, log);
    }
    await fsp.chmod(temp, 0o600);
    const published = await publishBackup(temp, dir, time, dialect);
    const durationMs = Date.now() - started;
    log(`wrote ${published.bytes} bytes in ${(durationMs / 1000).toFixed(1)} s, sha256 ${published.sha256}`);
    return { ...published, checksumFile: `${published.file}.sha256`, dialect, durationMs };
  } finally {
    await fsp.rm(temp, { force: true });
    await release();
  }
}
