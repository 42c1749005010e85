// Backups and restores on the database under test (SQLite, or PostgreSQL under scripts/test.mjs): a shop with
// products, stock and orders is backed up, destroyed and restored to the same data; a backup taken while writes go
// on restores to one consistent moment; damaged, foreign and unchecked files are refused with nothing touched; an
// older backup comes back up to date; the scheduled job takes one backup per slot and applies retention.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { createTestApp, createTestContext, TEST_DB, type TestContext } from '../../../test/helpers/test-context.ts';
import { findVariantsBySku, importProducts } from '../../catalog/index.ts';
import { adjustStock, setOnHand } from '../../inventory/index.ts';
import { seedPayments } from '../../seed/demo/payments.ts';
import { seedShippingAndTax } from '../../seed/demo/shipping.ts';
import { createContext } from '../../server.ts';
import { loadConfig, type Config } from '../config.ts';
import type { AppContext } from '../context.ts';
import { openDatabase } from '../db/database.ts';
import * as idempotencyMigration from '../idempotency/migrations/2026_11_25_0060_idempotency.ts';
import { BACKUP_JOB, backupJobHandler, BackupError, createBackup, listBackups, restoreBackup } from './index.ts';
import { readChecksum, sha256File } from './backup-files.ts';

const ADDRESS = { name: 'Rina Wijaya', line1: 'Jl. Thamrin 1', city: 'Jakarta Pusat', region: 'DKI Jakarta', postal_code: '10350', country: 'ID', phone: '+62 813 1111 2222' };

/** Every row of every table, each table's rows in a stable order: "identical data" means this is equal. */
async function dumpAll(db: Kysely<any>): Promise<Record<string, string[]>> {
  const tables = (await db.introspection.getTables()).map((t) => t.name).sort();
  const dump: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = await db.selectFrom(table).selectAll().execute();
    dump[table] = rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
  }
  return dump;
}

async function withDb<T>(config: Config, work: (db: Kysely<any>) => Promise<T>): Promise<T> {
  const db = openDatabase(config.database);
  try {
    return await work(db.kysely);
  } finally {
    await db.destroy();
  }
}

/** The disaster: the SQLite file is deleted, or every PostgreSQL table dropped. */
async function destroyDatabase(config: Config): Promise<void> {
  if (config.database.dialect === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(config.database.file + suffix, { force: true });
    return;
  }
  const client = new pg.Client({ connectionString: config.database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string }>(`select tablename as t from pg_tables where schemaname = 'public'`);
    for (const { t } of rows) await client.query(`drop table if exists "${t}" cascade`);
  } finally {
    await client.end();
  }
}

const n = (v: unknown) => Number(v);

describe(`backup and restore (${TEST_DB})`, () => {
  let test: TestContext;
  let config: Config;
  /** The running shop: a context of its own, closed ("the shop is stopped") before each restore. */
  let shop: AppContext | null = null;
  const dir = () => path.join(test.dataDir, 'backups');

  async function startShop(): Promise<AppContext> {
    shop = await createContext(config, { log: pino({ level: 'silent' }) });
    return shop;
  }
  async function stopShop(): Promise<void> {
    await shop?.db.destroy();
    shop = null;
  }

  before(async () => {
    test = await createTestContext();
    config = test.config;
    // The test context's own connection stands for nothing here: close it so only `shop` holds the database.
    await test.db.destroy();
    const ctx = await startShop();
    await seedShippingAndTax(ctx);
    await seedPayments(ctx);
    await importProducts(ctx, Array.from({ length: 12 }, (_, i) => ({
      status: 'active' as const,
      translations: { en: { name: `Kopi ${i} "special" <b>&</b>` }, id: { name: `Kopi Toraja ${i}` }, th: { name: `กาแฟ ${i}` } },
      variants: [
        { sku: `KOPI-${i}-250`, weight_grams: 250, prices: [{ currency: 'IDR', amount: 85_000 + i * 1000 }, { currency: 'THB', amount: 19_900 }] },
        { sku: `KOPI-${i}-1K`, weight_grams: 1000, prices: [{ currency: 'IDR', amount: 300_000 + i * 1000 }, { currency: 'USD', amount: 1_999 }] },
      ],
    })));
    const variants = await findVariantsBySku(ctx, ['KOPI-0-250', 'KOPI-1-250']);
    for (const v of variants.values()) await setOnHand(ctx, v.id, 40);
    const app = await createTestApp({ ...test, ...ctx });
    for (const [i, sku] of ['KOPI-0-250', 'KOPI-1-250'].entries()) {
      const cart = (await app.inject({ method: 'POST', url: '/api/store/carts', payload: { currency: 'IDR', locale: 'id' } })).json();
      await app.inject({ method: 'POST', url: `/api/store/carts/${cart.id}/items`, payload: { sku, quantity: 2 + i } });
      const res = await app.inject({
        method: 'POST', url: `/api/store/carts/${cart.id}/complete`, headers: { 'idempotency-key': `backup-${i}` },
        payload: { email: `rina${i}@example.co.id`, shipping_address: ADDRESS, shipping_option_id: 'jkt-regular', payment_method: 'bank_transfer' },
      });
      assert.equal(res.statusCode, 201, res.body);
    }
    await app.close();
  });
  after(async () => {
    await stopShop();
    await test.close();
  });

  it('backs up while the shop runs, and a destroyed database comes back identical', async () => {
    const ctx = shop ?? (await startShop());
    const before = await dumpAll(ctx.db.kysely);
    assert.ok(before.products!.length === 12 && before.orders!.length === 2 && before.variant_prices!.length === 48, 'seeded');
    const lines: string[] = [];
    const result = await createBackup(config, { log: (l) => lines.push(l) });
    assert.equal(result.dialect, TEST_DB);
    assert.ok(path.isAbsolute(result.file) && result.file.startsWith(dir() + path.sep));
    assert.match(path.basename(result.file), TEST_DB === 'sqlite' ? /^pasar-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.sqlite$/ : /^pasar-.*Z\.pgdump$/);
    assert.equal(fs.readFileSync(`${result.file}.sha256`, 'utf8'), `${await sha256File(result.file)}  ${path.basename(result.file)}\n`);
    assert.equal(fs.statSync(result.file).mode & 0o777, 0o600, 'readable by its owner only');
    assert.ok(lines.length >= 2, 'progress reported');
    assert.deepEqual(fs.readdirSync(dir()).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock')), [], 'no temp or lock file left');

    await stopShop();
    await destroyDatabase(config);
    if (config.database.dialect === 'sqlite') assert.ok(!fs.existsSync(config.database.file), 'the database is gone');
    else assert.equal(await withDb(config, async (db) => (await db.introspection.getTables()).length), 0, 'the database is gone');

    const restored = await restoreBackup(config, result.file);
    assert.deepEqual(restored.migrations, [], 'the backup was already up to date');
    assert.equal(restored.counts.products, 12);
    assert.equal(restored.counts.orders, 2);
    assert.equal(restored.counts.variants, 24);

    const again = await startShop();
    assert.deepEqual(await dumpAll(again.db.kysely), before);
    // Sequences came back too: the next product gets a fresh id instead of colliding with a restored one.
    const [id] = await importProducts(again, [{ status: 'active', translations: { en: { name: 'After the restore' } }, variants: [{ sku: 'AFTER-1', prices: [{ currency: 'IDR', amount: 1000 }] }] }]);
    assert.ok(id! > Math.max(...before.products!.map((r) => JSON.parse(r).id)));
  });

  it('refuses a tampered backup, one without its checksum and one of the other database, touching nothing', async () => {
    const ctx = shop ?? (await startShop());
    const { file } = await createBackup(config);
    const before = await dumpAll(ctx.db.kysely);
    await stopShop();
    const filesBefore = fs.readdirSync(test.dataDir).sort();

    const tampered = path.join(test.dataDir, `tampered${path.extname(file)}`);
    fs.copyFileSync(file, tampered);
    fs.copyFileSync(`${file}.sha256`, `${tampered}.sha256`);
    const bytes = fs.readFileSync(tampered);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0x01; // one bit of one byte
    fs.writeFileSync(tampered, bytes);
    await assert.rejects(restoreBackup(config, tampered), (err: unknown) => err instanceof BackupError && /does not match its checksum/.test(err.message));

    const unchecked = path.join(test.dataDir, `unchecked${path.extname(file)}`);
    fs.copyFileSync(file, unchecked);
    await assert.rejects(restoreBackup(config, unchecked), (err: unknown) => err instanceof BackupError && /\.sha256 is missing/.test(err.message));

    fs.writeFileSync(`${unchecked}.sha256`, 'not a checksum\n');
    await assert.rejects(restoreBackup(config, unchecked), (err: unknown) => err instanceof BackupError && /sha256sum's format/.test(err.message));

    const foreign = path.join(test.dataDir, 'foreign.bin');
    fs.writeFileSync(foreign, Buffer.concat([Buffer.from(TEST_DB === 'sqlite' ? 'PGDMP' : 'SQLite format 3\0', 'latin1'), Buffer.alloc(4096, 7)]));
    fs.writeFileSync(`${foreign}.sha256`, `${await sha256File(foreign)}  foreign.bin\n`);
    await assert.rejects(restoreBackup(config, foreign), (err: unknown) => err instanceof BackupError && /but DATABASE_URL points at/.test(err.message));

    // Cut short when it was made (a full disk), so its checksum matches: the replay fails and nothing changes.
    const truncated = path.join(test.dataDir, `truncated${path.extname(file)}`);
    // (PostgreSQL: only the last bytes are missing, so the dump's table of contents reads fine and the replay is what fails.)
    const size = fs.statSync(file).size;
    fs.writeFileSync(truncated, fs.readFileSync(file).subarray(0, TEST_DB === 'sqlite' ? Math.floor(size * 0.6) : size - 64));
    fs.writeFileSync(`${truncated}.sha256`, `${await sha256File(truncated)}  ${path.basename(truncated)}\n`);
    await assert.rejects(restoreBackup(config, truncated), (err: unknown) =>
      // On PostgreSQL the dump's table of contents is whole: the replay itself fails, inside its transaction.
      err instanceof BackupError && /nothing was changed/i.test(err.message) && !err.message.includes('--list'));

    const junk = path.join(test.dataDir, 'junk.bin');
    fs.writeFileSync(junk, '<script>alert(1)</script>');
    fs.writeFileSync(`${junk}.sha256`, `${await sha256File(junk)}  junk.bin\n`);
    await assert.rejects(restoreBackup(config, junk), (err: unknown) => err instanceof BackupError && /neither a SQLite database nor a pg_dump/.test(err.message));
    await assert.rejects(restoreBackup(config, path.join(test.dataDir, 'missing.sqlite')), (err: unknown) => err instanceof BackupError && /is not a file/.test(err.message));
    await assert.rejects(restoreBackup(config, test.dataDir), (err: unknown) => err instanceof BackupError && /is not a file/.test(err.message));

    await withDb(config, async (db) => assert.deepEqual(await dumpAll(db), before, 'the database is untouched'));
    const made = ['tampered', 'unchecked', 'foreign', 'junk', 'truncated'];
    assert.deepEqual(fs.readdirSync(test.dataDir).filter((f) => !made.some((m) => f.startsWith(m))).sort(), filesBefore, 'no copy or temp file was made');
    await startShop();
  });

  it('refuses to restore while the shop has the database open', async () => {
    const ctx = shop ?? (await startShop());
    const { file } = await createBackup(config);
    // The shop is running (its connections are open, as `pasar start` keeps them) and changes something.
    await ctx.db.kysely.updateTable('products').set({ status: 'draft' }).execute();
    const before = await dumpAll(ctx.db.kysely);
    await assert.rejects(restoreBackup(config, file), (err: unknown) => err instanceof BackupError && /stop the shop/.test(err.message));
    assert.deepEqual(await dumpAll(ctx.db.kysely), before, 'still serving the same data');
    await ctx.db.kysely.updateTable('products').set({ status: 'active' }).execute();
  });

  it('restores a backup taken while writes go on to one consistent moment', async () => {
    const ctx = shop ?? (await startShop());
    await importProducts(ctx, [{ status: 'active', translations: { en: { name: 'Busy beans' } }, variants: [{ sku: 'BUSY-1', prices: [{ currency: 'IDR', amount: 5000 }] }] }]);
    const variantId = (await findVariantsBySku(ctx, ['BUSY-1'])).get('BUSY-1')!.id;
    let writes = 0;
    let stop = false;
    // Each write changes two tables in one transaction: stock_levels.on_hand += 1 and one stock_movements row. In any
    // consistent state, on_hand equals the number of movements.
    const writer = (async () => {
      while (!stop) {
        await adjustStock(ctx, variantId, 1, { reason: 'received' });
        writes++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    while (writes < 20) await new Promise((resolve) => setTimeout(resolve, 5));
    const lines: string[] = [];
    const atStart = writes;
    // Small steps make the writes land between the steps of the SQLite copy.
    const { file } = await createBackup(config, { stepPages: 2, log: (l) => lines.push(l) });
    const atEnd = writes;
    while (writes < atEnd + 20) await new Promise((resolve) => setTimeout(resolve, 5));
    stop = true;
    await writer;
    assert.ok(atEnd > atStart, `writes went on during the backup (${atStart} → ${atEnd})`);
    if (TEST_DB === 'sqlite') assert.ok(lines.some((l) => /restarted \d+ time/.test(l)), `the copy restarted and still finished: ${lines.join(' | ')}`);

    await stopShop();
    await restoreBackup(config, file);
    await withDb(config, async (db) => {
      const level = await db.selectFrom('stock_levels').select('on_hand').where('variant_id', '=', variantId).executeTakeFirstOrThrow();
      const moves = await db.selectFrom('stock_movements').select((eb) => eb.fn.countAll().as('n')).where('variant_id', '=', variantId).executeTakeFirstOrThrow();
      assert.equal(n(level.on_hand), n(moves.n), 'stock level and movements are from the same moment');
      assert.ok(n(moves.n) >= atStart && n(moves.n) <= atEnd, `a moment during the backup: ${n(moves.n)} in [${atStart}, ${atEnd}]`);
    });
    await startShop();
  });

  it('brings a backup from an older version up to date with the migrations', async () => {
    const ctx = shop ?? (await startShop());
    // An "older version": the idempotency migration not yet applied.
    await idempotencyMigration.down(ctx.db.kysely);
    await ctx.db.kysely.deleteFrom('kysely_migration' as any).where('name', '=', '2026_11_25_0060_idempotency').execute();
    const { file } = await createBackup(config);
    await stopShop();
    const result = await restoreBackup(config, file);
    assert.deepEqual(result.migrations, ['2026_11_25_0060_idempotency']);
    await withDb(config, async (db) => {
      await db.insertInto('idempotency_keys').values({ scope: 's', key: 'k', request_hash: 'h', status: 'running' }).execute();
    });
    await startShop();
  });

  it('takes one scheduled backup per slot, none when switched off, and applies retention', async () => {
    const ctx = shop ?? (await startShop());
    const scheduledDir = path.join(test.dataDir, 'scheduled');
    fs.mkdirSync(scheduledDir);
    // Old backups from another era, and a file that only looks like one.
    const old = ['pasar-2020-01-01T00-00-00Z', 'pasar-2020-01-02T00-00-00Z'].map((b) => path.join(scheduledDir, `${b}.${TEST_DB === 'sqlite' ? 'sqlite' : 'pgdump'}`));
    for (const f of old) {
      fs.writeFileSync(f, 'old');
      fs.writeFileSync(`${f}.sha256`, 'x');
    }
    fs.writeFileSync(path.join(scheduledDir, 'pasar-2020-01-01T00-00-00Z.sqlite.bak'), 'mine');
    const env = { DATA_DIR: test.dataDir, DATABASE_URL: config.database.dialect === 'sqlite' ? config.database.file : config.database.url, LOG_LEVEL: 'silent' };
    const job = (extra: Record<string, string>) => backupJobHandler({ ...ctx, config: loadConfig({ ...env, BACKUP_DIR: scheduledDir, ...extra }) });
    const run = { id: 1, kind: BACKUP_JOB, attempt: 1, maxAttempts: 3, isLastAttempt: false };

    await job({ BACKUP_SCHEDULE: 'off' })(null, run);
    assert.equal((await listBackups(scheduledDir)).length, 2, 'off: nothing');

    await job({ BACKUP_SCHEDULE: 'daily', BACKUP_KEEP: '1', BACKUP_RETENTION_DAYS: '1' })(null, run);
    const after1 = await listBackups(scheduledDir);
    assert.equal(after1.length, 1, 'a new backup, and the two old ones past retention deleted');
    assert.ok(Date.now() - after1[0]!.time < 60_000);
    for (const f of old) assert.ok(!fs.existsSync(f) && !fs.existsSync(`${f}.sha256`));
    assert.ok(fs.existsSync(path.join(scheduledDir, 'pasar-2020-01-01T00-00-00Z.sqlite.bak')), 'an unrelated file stays');

    assert.equal(await readChecksum(after1[0]!.file), await sha256File(after1[0]!.file));

    await job({ BACKUP_SCHEDULE: 'daily' })(null, run);
    assert.equal((await listBackups(scheduledDir)).length, 1, 'the slot has its backup: no second one');
  });
});
