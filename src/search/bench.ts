// Measures index build and query times on a generated catalogue (not a test: prints numbers).
//   node --import tsx src/search/bench.ts [count] [sqlite|postgres]
// PostgreSQL uses TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/test) to create a scratch database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { sql, type KyselyPlugin } from 'kysely';
import { loadConfig } from '../platform/config.ts';
import { migrateToLatest } from '../platform/db/migrations.ts';
import { createContext } from '../server.ts';
import { rebuildSearchIndex, searchProducts, type SearchParams } from './index.ts';
import { inChunks } from './sql-chunks.ts';
import { createTaxonomy } from './test-fixtures.ts';

const count = Number(process.argv[2] ?? 10_000);
const dialect = (process.argv[3] ?? 'sqlite') as 'sqlite' | 'postgres';

const ADJ = ['Premium', 'Classic', 'Organic', 'Dark', 'Smooth', 'Wild', 'Royal', 'Golden', 'Fresh', 'Spicy', 'Sweet', 'Rustic'];
const NOUN = ['Coffee', 'Tea', 'Batik', 'Sambal', 'Scarf', 'Honey', 'Chocolate', 'Vanilla', 'Rattan Basket', 'Songket', 'Pepper', 'Cinnamon'];
const PLACE = ['Sumatera', 'Java', 'Bali', 'Flores', 'Toraja', 'Aceh', 'Chiang Rai', 'Luzon', 'Oaxaca', 'Kintamani'];
const ID_NOUN = ['Kopi', 'Teh', 'Batik', 'Sambal', 'Selendang', 'Madu', 'Cokelat', 'Vanili', 'Keranjang Rotan', 'Songket', 'Lada', 'Kayu Manis'];

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pasar-bench-'));
  let url = path.join(dataDir, 'bench.sqlite');
  let drop = async () => {};
  if (dialect === 'postgres') {
    const base = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const name = `pasar_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const ctx = await createContext(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: url, LOG_LEVEL: 'silent' }), { log: pino({ level: 'silent' }) });
  try {
    await migrateToLatest(ctx.db);
    const db = ctx.db.kysely;
    const tax = await createTaxonomy(db);
    const cats = Object.values(tax.categories);
    const brands = Object.values(tax.brands);
    let t = performance.now();
    const rnd = mulberry32(42);
    const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)];

    const products = Array.from({ length: count }, (_, i) => ({
      brand_id: pick(brands), primary_category_id: pick(cats), status: rnd() < 0.95 ? 'active' as const : 'draft' as const,
      featured: rnd() < 0.05 ? 1 : 0, created_at: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(), published_at: null,
    }));
    const ids: number[] = [];
    await inChunks(products, 6, async (chunk) => {
      const rows = await db.insertInto('products').values(chunk).returning('id').execute();
      ids.push(...rows.map((r) => r.id));
    });
    const tr = ids.flatMap((id, i) => {
      const a = ADJ[i % ADJ.length], n = i % NOUN.length, p = PLACE[(i >> 3) % PLACE.length];
      return [
        { product_id: id, locale: 'en', name: `${a} ${p} ${NOUN[n]} ${i}`, slug: `p-${id}`, short_description: null, description: `A ${a.toLowerCase()} ${NOUN[n].toLowerCase()} from ${p}, made by small producers.`, keywords: `${p.toLowerCase()} gift`, seo_title: null, seo_description: null },
        { product_id: id, locale: 'id', name: `${ID_NOUN[n]} ${p} ${i}`, slug: `p-${id}`, short_description: null, description: null, keywords: null, seo_title: null, seo_description: null },
      ];
    });
    await inChunks(tr, 9, (chunk) => db.insertInto('product_translations').values(chunk).execute());
    await inChunks(ids.map((id) => ({ product_id: id, category_id: pick(cats) })), 2, (c) => db.insertInto('product_categories').values(c).onConflict((oc) => oc.doNothing()).execute());
    const variants: Array<{ product_id: number; sku: string; barcode: null; weight_grams: null; length_mm: null; width_mm: null; height_mm: null }> = [];
    for (const id of ids) for (let v = 0; v < 1 + Math.floor(rnd() * 3); v++) variants.push({ product_id: id, sku: `B-${id}-${v}`, barcode: null, weight_grams: null, length_mm: null, width_mm: null, height_mm: null });
    const vids: Array<{ id: number; product_id: number }> = [];
    await inChunks(variants, 7, async (chunk) => vids.push(...await db.insertInto('variants').values(chunk).returning(['id', 'product_id']).execute()));
    await inChunks(vids.flatMap((v) => [
      { variant_id: v.id, currency: 'IDR', amount: 1000 * Math.floor(10 + rnd() * 990), compare_at_amount: null, cost_amount: null },
      { variant_id: v.id, currency: 'USD', amount: Math.floor(100 + rnd() * 9900), compare_at_amount: null, cost_amount: null },
    ]), 5, (c) => db.insertInto('variant_prices').values(c).execute());
    await inChunks(vids.filter(() => rnd() < 0.7).map((v) => ({ variant_id: v.id, location_id: tax.locationId, on_hand: Math.floor(rnd() * 20), reserved: 0, low_stock_threshold: 3 })), 5,
      (c) => db.insertInto('stock_levels').values(c).execute());
    const attrs = ids.flatMap((id) => [
      { product_id: id, variant_id: null, attribute_id: tax.attributes.origin, option_id: pick(['sumatra', 'java', 'aceh', 'chiang-rai'].map((o) => tax.options[`origin.${o}`])), text_value: null, number_value: null, boolean_value: null },
      { product_id: id, variant_id: null, attribute_id: tax.attributes.organic, option_id: null, text_value: null, number_value: null, boolean_value: rnd() < 0.4 ? 1 : 0 },
      { product_id: id, variant_id: null, attribute_id: tax.attributes.weight, option_id: null, text_value: null, number_value: pick([100, 250, 500, 1000]), boolean_value: null },
    ]);
    await inChunks(attrs, 8, (c) => db.insertInto('product_attribute_values').values(c).execute());
    const reviews = ids.filter(() => rnd() < 0.5).flatMap((id) => Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => ({
      product_id: id, author_name: 'x', customer_id: null, locale: 'en', rating: 1 + Math.floor(rnd() * 5), title: 't', body: 'b', status: 'approved' as const,
    })));
    await inChunks(reviews, 8, (c) => db.insertInto('product_reviews').values(c).execute());
    await inChunks(ids.map((id) => ({ product_id: id, units_sold: Math.floor(rnd() * 1000) })), 2, (c) => db.insertInto('product_stats').values(c).execute());
    console.log(`${dialect}: generated ${count} products, ${vids.length} variants in ${ms(t)}`);

    t = performance.now();
    await rebuildSearchIndex(ctx);
    console.log(`rebuildSearchIndex: ${ms(t)}`);

    const cases: Array<[string, Partial<SearchParams>]> = [
      ['listing (newest)', {}],
      ['category', { category: 'coffee' }],
      ['q=coffee', { q: 'coffee' }],
      ['q=cofee (typo)', { q: 'cofee' }],
      ['q=sumatra coffe (typo+prefix)', { q: 'sumatra coffe' }],
      ['q=kopi bali, locale id', { q: 'kopi bali', locale: 'id' }],
      ['filters: brand+attr+price+stock', { brand: 'kopi-nusantara', attributes: { origin: ['java', 'aceh'], organic: ['true'] }, min_price: 100000, max_price: 600000, in_stock: true }],
      ['price_asc + category + q', { q: 'premium', category: 'food', sort: 'price_asc' }],
      ['rating sort, min_rating 4', { sort: 'rating', min_rating: 4 }],
      ['page 100', { page: 100 }],
    ];
    if (process.env.PROFILE) {
      // Times every statement of one search case, to find a slow one.
      const started = new Map<unknown, { t: number; sql: string }>();
      const captured: Array<{ sql: string; parameters: readonly unknown[] }> = [];
      const executor = ctx.db.kysely.getExecutor();
      const plugin = {
        transformQuery(args: { queryId: never; node: never }): never {
          const compiled = executor.compileQuery(args.node, args.queryId);
          captured.push({ sql: compiled.sql, parameters: compiled.parameters });
          started.set(args.queryId, { t: performance.now(), sql: compiled.sql });
          return args.node;
        },
        async transformResult(args: { queryId: unknown; result: never }): Promise<never> {
          const s0 = started.get(args.queryId);
          if (s0) console.log(`${(performance.now() - s0.t).toFixed(0).padStart(6)} ms  ${s0.sql.slice(0, 400)}`);
          return args.result;
        },
      };
      const profiled = { ...ctx, db: { ...ctx.db, kysely: ctx.db.kysely.withPlugin(plugin as unknown as KyselyPlugin) } };
      await searchProducts(profiled, { locale: 'en', currency: 'IDR', per_page: 24, ...cases[Number(process.env.PROFILE)][1] });
      // Each statement alone, in sequence.
      for (const q of captured) {
        const s0 = performance.now();
        await sql.raw(inline(q.sql, q.parameters)).execute(db);
        console.log(`alone ${(performance.now() - s0).toFixed(1).padStart(8)} ms  ${q.sql.slice(0, 160)}`);
      }
      return;
    }
    for (const [label, p] of cases) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < 7; i++) {
        const s = performance.now();
        total = (await searchProducts(ctx, { locale: 'en', currency: 'IDR', per_page: 24, ...p })).total;
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      console.log(`${label.padEnd(36)} total=${String(total).padStart(5)}  median ${times[3].toFixed(1)} ms  max ${times[6].toFixed(1)} ms`);
    }
  } finally {
    await ctx.db.destroy();
    if (!process.env.KEEP) await drop();
    if (process.env.KEEP) console.log(`kept ${url}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The statement with its parameters written in (numbers and quoted strings only: a measuring aid). */
function inline(text: string, parameters: readonly unknown[]): string {
  let i = 0;
  return text.replace(/\?|\$\d+/g, () => {
    const v = parameters[i++];
    return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
}

function ms(t: number) {
  return `${((performance.now() - t) / 1000).toFixed(2)} s`;
}

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

await main();
