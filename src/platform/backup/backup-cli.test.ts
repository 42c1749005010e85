// `pasar backup` and `pasar restore` as an operator runs them: the real command in a child process, against the
// database under test. The backup's absolute path is the last line of stdout; failures exit non-zero with a reason.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createTestContext, TEST_DB, type TestContext } from '../../../test/helpers/test-context.ts';
import { importProducts } from '../../catalog/index.ts';
import { openDatabase } from '../db/database.ts';
import { sha256File } from './backup-files.ts';

const BIN = fileURLToPath(new URL('../../../bin/pasar.mjs', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function pasar(args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    // Only what a shop's environment would hold: nothing of the test runner's own settings.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';

describe(`pasar backup / restore commands (${TEST_DB})`, () => {
  let ctx: TestContext;
  let env: Record<string, string>;

  before(async () => {
    ctx = await createTestContext();
    await importProducts(ctx, [
      { status: 'active', translations: { en: { name: 'Teh tarik' } }, variants: [{ sku: 'TEH-1', prices: [{ currency: 'IDR', amount: 15_000 }] }] },
      { status: 'active', translations: { en: { name: 'Kopi susu' } }, variants: [{ sku: 'KOPI-1', prices: [{ currency: 'IDR', amount: 18_000 }] }] },
    ]);
    const db = ctx.config.database;
    env = { DATA_DIR: ctx.dataDir, DATABASE_URL: db.dialect === 'sqlite' ? db.file : db.url };
  });
  after(() => ctx.close());

  let backup = '';

  it('prints progress on stderr and the absolute path of a checked backup as the last line of stdout', async () => {
    const [ok, wrong, missing, noTools] = await Promise.all([
      pasar(['backup'], env, ctx.dataDir),
      pasar(['backup', '--bogus'], env, ctx.dataDir),
      pasar(['backup', '--dir'], env, ctx.dataDir),
      pasar(['backup', '--dir', path.join(ctx.dataDir, 'no-tools')], { ...env, PATH: '/nonexistent' }, ctx.dataDir),
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    backup = lastLine(ok.stdout);
    assert.ok(path.isAbsolute(backup), backup);
    assert.equal(path.dirname(backup), path.join(ctx.dataDir, 'backups'));
    assert.match(path.basename(backup), TEST_DB === 'sqlite' ? /^pasar-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.sqlite$/ : /^pasar-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.pgdump$/);
    assert.equal(fs.readFileSync(`${backup}.sha256`, 'utf8'), `${await sha256File(backup)}  ${path.basename(backup)}\n`);
    assert.match(ok.stderr, /backing up .* into /);
    assert.match(ok.stderr, /sha256 [0-9a-f]{64}/);

    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /Unknown option '--bogus'/);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--dir/);
    if (TEST_DB === 'postgres') {
      // Without pg_dump: a clear reason, exit code 1, and no file left behind.
      assert.equal(noTools.code, 1);
      assert.match(noTools.stderr, /backup failed: pg_dump was not found on PATH.*postgresql-client/);
      assert.deepEqual(fs.readdirSync(path.join(ctx.dataDir, 'no-tools')), []);
    } else {
      assert.equal(noTools.code, 0, 'SQLite needs no external tool');
    }
  });

  it('writes into --dir (relative to where it runs) and applies retention with --prune', async () => {
    const work = path.join(ctx.dataDir, 'elsewhere');
    fs.mkdirSync(path.join(work, 'offsite'), { recursive: true });
    const ext = TEST_DB === 'sqlite' ? 'sqlite' : 'pgdump';
    const ancient = path.join(work, 'offsite', `pasar-2001-01-01T00-00-00Z.${ext}`);
    fs.writeFileSync(ancient, 'old');
    fs.writeFileSync(path.join(work, 'offsite', 'keep-me.txt'), 'mine');
    const run = await pasar(['backup', '--dir', 'offsite', '--prune'], { ...env, BACKUP_KEEP: '1' }, work);
    assert.equal(run.code, 0, run.stderr);
    const file = lastLine(run.stdout);
    assert.equal(path.dirname(file), path.join(work, 'offsite'));
    assert.ok(fs.existsSync(file));
    assert.ok(!fs.existsSync(ancient), 'the old backup went');
    assert.ok(fs.existsSync(path.join(work, 'offsite', 'keep-me.txt')), 'an unrelated file stays');
    assert.match(run.stderr, /retention deleted 1 file/);
  });

  it('restore refuses a changed backup (exit 1, nothing touched) and restores a good one with a verification', async () => {
    // Something written after the backup, which a restore takes back; then the shop is stopped (no connection of
    // the test context stays open).
    await ctx.db.kysely.deleteFrom('variant_prices').execute();
    await ctx.db.destroy();
    const prices = async () => {
      const db = openDatabase(ctx.config.database);
      try {
        return (await db.kysely.selectFrom('variant_prices').selectAll().execute()).length;
      } finally {
        await db.destroy();
      }
    };
    const tampered = path.join(ctx.dataDir, `tampered${path.extname(backup)}`);
    const bytes = fs.readFileSync(backup);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    fs.writeFileSync(tampered, bytes);
    fs.copyFileSync(`${backup}.sha256`, `${tampered}.sha256`);
    const [refused, usage] = await Promise.all([pasar(['restore', tampered], env, ctx.dataDir), pasar(['restore'], env, ctx.dataDir)]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /restore failed: .* does not match its checksum/);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /restore takes one backup file/);

    assert.equal(await prices(), 0, 'the refused restore changed nothing');

    const restored = await pasar(['restore', backup], env, ctx.dataDir);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /Restored .* into the (SQLite|PostgreSQL) database/);
    assert.match(restored.stdout, /products: 2\n/);
    assert.match(restored.stderr, /checksum ok/);
    assert.equal(await prices(), 2, 'the prices are back');
  });
});
