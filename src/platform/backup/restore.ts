// `pasar restore FILE`: checks the backup (checksum, kind), replaces the database with it, brings the schema up to
// date and reports what is there. Meant for a stopped shop; it refuses when it can tell the shop is running.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { openDatabase, type Db, type Dialect } from '../db/database.ts';
import { migrateToLatest } from '../db/migrations.ts';
import { BackupError, checksumPath, readChecksum, sha256File } from './backup-files.ts';
import { otherSessions, restorePostgres } from './postgres-backup.ts';
import { restoreSqlite } from './sqlite-backup.ts';

export interface RestoreOptions {
  /** PostgreSQL: restore even though other sessions are connected to the database. */
  force?: boolean;
  log?: (line: string) => void;
}

export interface RestoreResult {
  dialect: Dialect;
  /** Migrations applied after the restore (a backup from an older version). */
  migrations: string[];
  /** Rows in the main tables after the restore: products, variants, orders, customers (those that exist). */
  counts: Record<string, number>;
  /** SQLite: where the replaced database was kept, or null when there was none. */
  previous: string | null;
  /** From the checksum to the verification, both included. */
  durationMs: number;
}

const MAIN_TABLES = ['products', 'variants', 'orders', 'customers'] as const;

/** What the first bytes say the file is: a SQLite database, a pg_dump custom-format archive, or neither. */
export async function backupKind(file: string): Promise<Dialect | null> {
  const handle = await fsp.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(16), 0, 16, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head.equals(Buffer.from('SQLite format 3\0', 'latin1'))) return 'sqlite';
    if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
    return null;
  } finally {
    await handle.close();
  }
}

const label = (d: Dialect) => (d === 'sqlite' ? 'SQLite' : 'PostgreSQL');

/**
 * Verifies `file` against its .sha256 and its kind against DATABASE_URL; throws BackupError before touching
 * anything when either does not hold.
 */
export async function verifyBackup(config: Config, file: string): Promise<Dialect> {
  const stat = await fsp.stat(file).catch(() => null);
  if (!stat?.isFile()) throw new BackupError(`${file} is not a file`);
  const expected = await readChecksum(file);
  if (expected === null) {
    throw new BackupError(
      `${checksumPath(file)} is missing: a backup is only restored with its checksum. If you trust the file (e.g. a dump made ` +
        `by pg_dump yourself), create it with: sha256sum ${path.basename(file)} > ${path.basename(file)}.sha256`,
    );
  }
  const actual = await sha256File(file);
  if (actual !== expected) {
    throw new BackupError(`${file} does not match its checksum (expected ${expected}, got ${actual}): the file is damaged or was changed. Nothing was restored.`);
  }
  const kind = await backupKind(file);
  if (kind === null) throw new BackupError(`${file} is neither a SQLite database nor a pg_dump custom-format archive`);
  if (kind !== config.database.dialect) {
    throw new BackupError(`${file} is a ${label(kind)} backup, but DATABASE_URL points at ${label(config.database.dialect)}: restore it into a ${label(kind)} database`);
  }
  return kind;
}

export async function countMainTables(db: Db): Promise<Record<string, number>> {
  const existing = new Set((await db.kysely.introspection.getTables()).map((t) => t.name));
  const counts: Record<string, number> = {};
  for (const table of MAIN_TABLES) {
    if (!existing.has(table)) continue;
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

export async function restoreBackup(config: Config, file: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const source = path.resolve(file);
  const dialect = await verifyBackup(config, source);
  log(`checksum ok: ${source} is a ${label(dialect)} backup`);

  let previous: string | null = null;
  if (config.database.dialect === 'sqlite') {
    ({ previous } = await restoreSqlite(source, config.database.file, log));
    if (previous) log(`the replaced database is kept as ${previous}`);
  } else {
    // A session that has just closed (the shop stopped a moment ago, an earlier command of ours) leaves the server's
    // list of sessions a little after its client is told it is done: look again for up to a second before refusing.
    let others = await otherSessions(config.database.url);
    for (let tries = 0; others > 0 && !options.force && tries < 10; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      others = await otherSessions(config.database.url);
    }
    if (others > 0 && !options.force) {
      throw new BackupError(
        `${others} other session(s) are connected to the database: stop the shop (pasar start) and other clients first, ` +
          'or pass --force if they are not Pasar. Nothing was restored.',
      );
    }
    await restorePostgres(config.database.url, source, log);
  }
  log('restored; applying migrations');

  const db = openDatabase(config.database);
  try {
    const migrations = await migrateToLatest(db);
    const counts = await countMainTables(db);
    return { dialect, migrations, counts, previous, durationMs: Date.now() - started };
  } finally {
    await db.destroy();
  }
}
