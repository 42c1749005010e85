// The `pasar backup` and `pasar restore` commands. Progress goes to stderr; stdout carries the result (the backup's
// absolute path as the last line; the restore's verification), so scripts can read it.
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { BackupError } from './backup-files.ts';
import { createBackup } from './backup.ts';
import { restoreBackup } from './restore.ts';
import { pruneBackups } from './retention.ts';

const progress = (line: string) => process.stderr.write(`${line}\n`);

/** parseArgs, with its complaints (unknown option, missing value) reported as usage errors (exit code 2). */
function parse<const T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

/** Prints a BackupError as the reason the command failed (exit code 1); anything else is a bug and propagates. */
async function reporting(what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    console.error(`${what} failed: ${err.message}`);
    process.exitCode = 1;
  }
}

export async function backupCommand(args: string[]): Promise<void> {
  const { values } = parse({ args, options: { dir: { type: 'string' }, prune: { type: 'boolean' } }, strict: true });
  if (values.dir !== undefined && values.dir.trim() === '') throw new ConfigError('--dir needs a folder');
  const config = loadConfig();
  await reporting('backup', async () => {
    const result = await createBackup(config, { dir: values.dir, log: progress });
    if (values.prune) {
      const deleted = await pruneBackups(path.dirname(result.file), config.backup);
      progress(deleted.length ? `retention deleted ${deleted.length} file(s):\n  ${deleted.join('\n  ')}` : 'retention: nothing to delete');
    }
    console.log(result.file);
  });
}

export async function restoreCommand(args: string[]): Promise<void> {
  const { values, positionals } = parse({ args, options: { force: { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new ConfigError('restore takes one backup file: pasar restore FILE [--force]');
  const config = loadConfig();
  await reporting('restore', async () => {
    const result = await restoreBackup(config, positionals[0]!, { force: values.force, log: progress });
    console.log(`Restored ${positionals[0]} into the ${result.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database in ${(result.durationMs / 1000).toFixed(1)} s.`);
    console.log(result.migrations.length ? `Applied ${result.migrations.length} migration(s): ${result.migrations.join(', ')}` : 'Schema is up to date.');
    for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table}: ${n}`);
    if (result.previous) console.log(`The replaced database is kept as ${result.previous}; delete it once the shop is checked.`);
  });
}
