/**
 * The demo shop: ~217 products in nine categories with translations in five languages, prices in five currencies,
 * stock, sales, reviews, expert ratings, relations, generated photos, news and content pages. Products go through
 * importProducts (the same path as any bulk import); the rest is written directly. The search index is rebuilt
 * once at the end instead of following every batch. Deterministic: the same shop every time.
 */
import { seedPayments } from './payments.ts';
import { seedShippingAndTax } from './shipping.ts';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { countProducts, storeProductImage } from '../../catalog/index.ts';
import { importProducts, importTaxonomy } from '../../catalog/import/index.ts';
import { ConfigError } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import { backdateCreation, insertRows, seedReviews, seedStats, seedStock } from '../catalog-extras.ts';
import { createProgress, type Progress } from '../progress.ts';
import { createRandom, type Random } from '../random.ts';
import { ARTICLES, PAGES } from './content.ts';
import { productSvg, renderProductImage } from './images.ts';
import { demoDrafts, draftToInput, LOCALES, type Draft } from './products.ts';
import { BRANDS, demoTaxonomy } from './taxonomy.ts';

const DAY = 86_400_000;
const SEED = 20261125;

/**
 * Refusal to seed over an existing catalogue. It extends ConfigError so the CLI prints the message alone and exits
 * with a non-zero code.
 */
export class DemoSeedRefused extends ConfigError {}

export interface SeedDemoOptions { progress?: boolean; images?: boolean }

export async function seedDemo(ctx: AppContext, options: SeedDemoOptions = {}): Promise<void> {
  const db = ctx.db.kysely;
  if ((await countProducts(db)) > 0) {
    throw new DemoSeedRefused('The catalogue already has products: the demo shop is only loaded into an empty database.');
  }
  const progress = createProgress(options.progress === true);
  const started = Date.now();
  const r = createRandom(SEED);
  const now = Date.now();

  await importTaxonomy(ctx, demoTaxonomy(), { publishEvents: false });

  const drafts = demoDrafts(SEED);
  const indonesian = new Set(['hatten-hills', 'kopi-nusantara', 'kebun-teh-puncak', ...BRANDS.batik!.map((b) => b.slug), 'dapur-ibu', 'garuda-tech', 'warung-rasa', 'rotan-jepara', 'sari-ayu-alam']);
  const publishedAt = drafts.map(() => new Date(now - r.int(0, 120) * DAY - r.int(0, DAY - 1)).toISOString());
  const inputs = drafts.map((d, n) => {
    const collections: string[] = [];
    if (d.baseCents < 2500 && r.chance(0.5)) collections.push('gifts-under-25');
    if (indonesian.has(d.brand)) collections.push('made-in-indonesia');
    if (['coffee', 'tea'].includes(d.top) || d.sub === 'home-textiles') { if (r.chance(0.4)) collections.push('rainy-season'); }
    return draftToInput(d, n + 1, r, { skuPrefix: 'PSR', publishedAt: publishedAt[n]!, featured: r.chance(0.1), collections });
  });

  const bar = progress.step('Products', inputs.length);
  const ids = await importProducts(ctx, inputs, { publishEvents: false, onProgress: (done) => bar.tick(done) });
  bar.done();

  await backdateCreation(db, ids);
  await seedStock(db, ids, r);
  await seedStats(db, ids, r);
  const reviewCount = await seedReviews(db, ids.map((id, i) => ({ id, publishedAt: publishedAt[i]! })), r, { min: 0, max: 12, pending: 8, now });
  await seedExpertRatings(ctx, drafts, ids, r, now);
  await seedRelations(ctx, drafts, ids, r);
  await seedContent(ctx, now);
  await seedShippingAndTax(ctx);
  await seedPayments(ctx);
  if (options.images !== false) await seedImages(ctx, drafts, ids, progress);

  const search = await loadSearch();
  if (search) {
    const sbar = progress.step('Search index', ids.length);
    await search.rebuildSearchIndex(ctx, { onProgress: (p) => sbar.tick(p.done) });
    sbar.done();
  }
  progress.log(`Demo shop ready: ${ids.length} products, ${reviewCount} reviews in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  ctx.log.info({ products: ids.length, reviews: reviewCount, ms: Date.now() - started }, 'demo shop seeded');
}

type SearchModule = { rebuildSearchIndex(ctx: AppContext, o: { onProgress?: (p: { done: number; total: number }) => void }): Promise<unknown> };
async function loadSearch(): Promise<SearchModule | null> {
  const file = fileURLToPath(new URL('../../search/index.ts', import.meta.url));
  if (!fs.existsSync(file)) return null;
  const mod = (await import('../../search/index.ts')) as Partial<SearchModule>;
  return typeof mod.rebuildSearchIndex === 'function' ? (mod as SearchModule) : null;
}

// ---------- Expert ratings: wines on a 100-point scale, specialty coffees with an SCA cup score ----------
const WINE_CRITICS = ['Cellar Notes Asia', 'Vino Tropicale Guide', 'The Equator Wine Report'];
const WINE_NOTES = [
  'Dark fruit and spice, firm tannins; drink now to 2030.', 'Fresh and precise, with a long mineral finish.',
  'Generous and ripe; a crowd-pleaser at this price.', 'Elegant, layered, and built to age a few more years.',
];
async function seedExpertRatings(ctx: AppContext, drafts: Draft[], ids: number[], r: Random, now: number): Promise<void> {
  const rows = [];
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i]!;
    if (d.top === 'wine') {
      const sources = r.sample(WINE_CRITICS, r.int(1, 2));
      sources.forEach((source, position) => rows.push({
        product_id: ids[i]!, source, score: r.int(84, 96), scale_max: 100, note: r.pick(WINE_NOTES),
        reviewed_on: new Date(now - r.int(20, 400) * DAY).toISOString().slice(0, 10), position,
      }));
    } else if (d.type === 'coffee' && d.sub === 'coffee-beans') {
      rows.push({
        product_id: ids[i]!, source: 'SCA cup score (Pasar Cupping Lab)', score: Math.round((82 + r.next() * 7) * 4) / 4, scale_max: 100,
        note: 'Cupped to the Specialty Coffee Association protocol; 80 and above is specialty grade.',
        reviewed_on: new Date(now - r.int(10, 200) * DAY).toISOString().slice(0, 10), position: 0,
      });
    }
  }
  await insertRows(rows, (c) => ctx.db.kysely.insertInto('expert_ratings').values(c).execute());
}

// ---------- Curated relations ----------
async function seedRelations(ctx: AppContext, drafts: Draft[], ids: number[], r: Random): Promise<void> {
  const by = (f: (d: Draft) => boolean) => drafts.flatMap((d, i) => (f(d) ? [ids[i]!] : []));
  const wines = by((d) => d.top === 'wine');
  const cheeseSnacks = by((d) => d.sub === 'cheese-deli' || d.sub === 'chips');
  const coffees = by((d) => d.type === 'coffee');
  const snacks = by((d) => d.top === 'snacks' && d.sub !== 'spices');
  const equipment = by((d) => d.sub === 'coffee-equipment');
  const seen = new Set<string>();
  const rows: { product_id: number; related_product_id: number; kind: 'similar' | 'complementary' | 'pairing'; position: number }[] = [];
  const add = (a: number, b: number, kind: 'similar' | 'complementary' | 'pairing', position: number) => {
    const key = `${a}:${kind}:${b}`;
    if (a === b || seen.has(key)) return;
    seen.add(key);
    rows.push({ product_id: a, related_product_id: b, kind, position });
  };
  for (const w of wines) r.sample(cheeseSnacks, 3).forEach((s, k) => { add(w, s, 'pairing', k); add(s, w, 'pairing', k); });
  for (const c of coffees) r.sample(snacks, 2).forEach((s, k) => add(c, s, 'pairing', k));
  for (const c of coffees) r.sample(equipment, 3).forEach((e, k) => { add(c, e, 'complementary', k); add(e, c, 'complementary', k); });
  // Similar: neighbours in the same subcategory.
  const bySub = new Map<string, number[]>();
  drafts.forEach((d, i) => bySub.set(d.sub, [...(bySub.get(d.sub) ?? []), ids[i]!]));
  for (const list of bySub.values()) for (const id of list) r.sample(list, 4).forEach((o, k) => add(id, o, 'similar', k));
  await insertRows(rows, (c) => ctx.db.kysely.insertInto('product_relations').values(c).execute());
}

// ---------- News and content pages ----------
async function seedContent(ctx: AppContext, now: number): Promise<void> {
  const db = ctx.db.kysely;
  await db.transaction().execute(async (trx) => {
    for (const a of ARTICLES) {
      const at = new Date(now - a.daysAgo * DAY).toISOString();
      const row = await trx.insertInto('news_articles')
        .values({ status: 'published', author: a.author, image_key: null, published_at: at, created_at: at, updated_at: at })
        .returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('news_article_translations').values(LOCALES.map((l) => ({
        article_id: row.id, locale: l, title: a.doc[l].title, slug: a.doc[l].slug, excerpt: a.doc[l].excerpt, body: a.doc[l].body,
        seo_title: a.doc[l].title, seo_description: a.doc[l].excerpt,
      }))).execute();
    }
    for (const p of PAGES) {
      const row = await trx.insertInto('content_pages').values({ code: p.code }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('content_page_translations').values(LOCALES.map((l) => ({
        page_id: row.id, locale: l, title: p.doc[l].title, slug: p.doc[l].slug, body: p.doc[l].body, seo_title: p.doc[l].title, seo_description: null,
      }))).execute();
    }
  });
}

// ---------- Photos ----------
const ALT_VIEWS = [
  { en: '', id: '', th: '', fil: '', es: '' },
  { en: ' – detail', id: ' – detail', th: ' – รายละเอียด', fil: ' – detalye', es: ' – detalle' },
  { en: ' – close-up', id: ' – tampak dekat', th: ' – ภาพระยะใกล้', fil: ' – malapitan', es: ' – acercamiento' },
];
async function seedImages(ctx: AppContext, drafts: Draft[], ids: number[], progress: Progress): Promise<void> {
  const jobs = drafts.flatMap((d, i) => {
    const views = 2 + ((i * 7) % 2); // 2 or 3 photos, deterministic
    return Array.from({ length: views }, (_, view) => ({ d, productId: ids[i]!, view, hue: (i * 37) % 360 }));
  });
  const bar = progress.step('Photos', jobs.length);
  let done = 0;
  let next = 0;
  // A little parallelism: sharp renders on its own threads; four in flight keeps two cores busy.
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const brand = Object.values(BRANDS).flat().find((b) => b.slug === job.d.brand)?.name ?? '';
      const data = await renderProductImage(productSvg({ shape: job.d.shape, colour: job.d.colour, label: job.d.label, brand, view: job.view, hue: job.hue }));
      const alt = Object.fromEntries(LOCALES.map((l) => [l, `${job.d.name[l]}${ALT_VIEWS[job.view]![l]}`]));
      // The drawings are 800 px already: maxSide only guards the seed's budget if that ever changes.
      await storeProductImage(ctx, job.productId, data, { alt, position: job.view, maxSide: 800, publishEvents: false });
      bar.tick(++done);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  bar.done();
}
