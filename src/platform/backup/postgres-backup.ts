// PostgreSQL: the backup is `pg_dump --format=custom` (one consistent snapshot, taken while the shop keeps running);
// the restore replays it with pg_restore through psql inside ONE transaction, after dropping what is there, so a
// restore that fails half-way leaves the database as it was.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { BackupError } from './backup-files.ts';

type Log = (line: string) => void;
export type PgTool = 'pg_dump' | 'pg_restore' | 'psql';

/** The tool's path on PATH, or a BackupError saying what to install. */
export function findPgTool(name: PgTool, envPath = process.env.PATH ?? ''): string {
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  throw new BackupError(
    `${name} was not found on PATH. Install the PostgreSQL client tools of your server's major version or newer ` +
      `(Debian/Ubuntu: apt-get install postgresql-client), or put their folder (e.g. /usr/lib/postgresql/16/bin) first on PATH.`,
  );
}

/**
 * The URL without its password, which goes to the tools through PGPASSWORD instead: a command line can be read by
 * every user of the machine (ps), the environment of a process only by its owner.
 */
export function toolConnection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env, PGOPTIONS: '-c client_min_messages=warning' };
  if (u.password) {
    env.PGPASSWORD = decodeURIComponent(u.password);
    u.password = '';
  }
  return { url: u.toString(), env };
}

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Resolves when the process ends, with the end of its stderr (enough for the error message). */
function finished(child: ChildProcess): Promise<Finished> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stderr: stderr.trim() }));
  });
}

function failure(what: string, result: Finished): BackupError {
  const why = result.stderr || (result.signal ? `killed by ${result.signal}` : `exit code ${result.code}`);
  return new BackupError(`${what} failed: ${why}`);
}

export async function pgToolVersion(name: PgTool): Promise<string> {
  const child = spawn(findPgTool(name), ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  const result = await finished(child);
  if (result.code !== 0) throw failure(`${name} --version`, result);
  return out.trim();
}

/** Dumps the database at `url` into `target` in pg_dump's custom format (compressed, restorable with pg_restore). */
export async function backupPostgres(url: string, target: string, log: Log): Promise<void> {
  const pgDump = findPgTool('pg_dump');
  log(`using ${await pgToolVersion('pg_dump')}`);
  const conn = toolConnection(url);
  const child = spawn(pgDump, ['--format=custom', '--no-password', `--file=${target}`, `--dbname=${conn.url}`], {
    env: conn.env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const result = await finished(child);
  if (result.code !== 0) throw failure('pg_dump', result);
}

/** Client sessions on the same database other than ours: a running shop holds at least one. */
export async function otherSessions(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    const name = new URL(url).pathname.slice(1);
    throw new BackupError(
      `cannot connect to the database (${(err as Error).message}). If it no longer exists, create it empty first, e.g. createdb -O <user> ${name}`,
    );
  }
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

// Drops every table, view and sequence of the current schema (not those an extension owns), so that tables a
// newer version created are gone too and the migrations after the restore start from the backup's own state.
const DROP_EVERYTHING = `
BEGIN;
SET client_min_messages = warning;
-- A forced restore next to a client that still holds locks fails after this instead of waiting for ever.
SET lock_timeout = '30s';
DO $pasar_restore$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT c.relkind, format('%I.%I', n.nspname, c.relname) AS name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema()
       AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('DROP %s IF EXISTS %s CASCADE',
      CASE r.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
      r.name);
  END LOOP;
END
$pasar_restore$;
`;

/**
 * Replaces the contents of the database at `url` with the dump. pg_restore turns the dump into SQL, psql runs it
 * after DROP_EVERYTHING, all in one transaction that is committed only when pg_restore has produced the whole
 * dump without an error (ON_ERROR_STOP makes psql stop at the first failing statement; the open transaction then
 * rolls back when psql disconnects).
 */
export async function restorePostgres(url: string, dumpFile: string, log: Log): Promise<void> {
  const pgRestore = findPgTool('pg_restore');
  const psql = findPgTool('psql');
  log(`using ${await pgToolVersion('pg_restore')}`);

  // Read the archive's table of contents first: an unreadable dump (or one from a newer pg_dump) fails here,
  // before anything is dropped.
  const list = spawn(pgRestore, ['--list', dumpFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  const listed = await finished(list);
  if (listed.code !== 0) throw failure('pg_restore --list (reading the dump; nothing was changed)', listed);

  const conn = toolConnection(url);
  const sqlOut = spawn(pgRestore, ['--no-owner', '--no-acl', '--clean', '--if-exists', '--file=-', dumpFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const runner = spawn(psql, ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', '--set=VERBOSITY=terse', `--dbname=${conn.url}`, '--file=-'], {
    env: conn.env,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  const producing = finished(sqlOut);
  const running = finished(runner);
  // psql stopping early (an error) closes its stdin: pg_restore gets EPIPE, which is not the error to report.
  runner.stdin!.on('error', () => {});
  void running.then(() => {
    // psql gave up: nothing reads pg_restore's output any more, so stop it rather than wait on a full pipe.
    if (sqlOut.exitCode === null && sqlOut.signalCode === null) sqlOut.kill('SIGTERM');
  }, () => {});
  runner.stdin!.write(DROP_EVERYTHING);
  sqlOut.stdout!.pipe(runner.stdin!, { end: false });

  const produced = await producing;
  if (produced.code === 0) {
    runner.stdin!.end('\nCOMMIT;\n');
  } else {
    // No COMMIT: psql reaches the end of its input inside the transaction, which then rolls back.
    runner.stdin!.end();
  }
  const ran = await running;
  if (ran.code !== 0) throw failure('psql (replaying the dump; nothing was changed)', ran);
  if (produced.code !== 0) throw failure('pg_restore (nothing was changed)', produced);
}
