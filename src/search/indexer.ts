/**
 * The search index is a READ MODEL: a deliberate, denormalised projection of catalogue data (products, their
 * translations, brands, categories with their ancestors, filterable attribute values, prices per currency,
 * approved-review ratings, sales and stock) into the search_* tables, shaped for filtering, faceting, sorting and
 * full-text matching over 100k products. It holds no source data: `rebuildSearchIndex` recreates it from the
 * catalogue, and the catalogue's events keep it current (subscribe.ts). Only 'active' products are indexed.
 *
 * Writes are set-based: each batch of up to BATCH_SIZE products costs a fixed set of reads and one delete and one
 * (chunked) insert per table, inside one transaction.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { SUPPORTED_LOCALES, type Locale } from '../platform/config.ts';
import { catalogCache } from '../platform/cache/catalog-cache.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/schema.ts';
import { deleteDocuments, deleteOrphanDocuments, insertDocuments, type SearchDocument } from './fulltext.ts';
import type { SearchProductAttributesTable, SearchProductPricesTable, SearchProductsTable } from './search.table.ts';
import { loadCategoryParents, loadSourceBatch, type SourceBatch } from './source.repository.ts';
import { inChunks } from './sql-chunks.ts';
import { termKeys, tokenize } from './text.ts';

export const BATCH_SIZE = 1000;

const READ_TABLES = ['search_products', 'search_product_prices', 'search_product_categories', 'search_product_attributes'] as const;

/** Re-projects the given products (any status: inactive or missing ones leave the index). */
export async function reindexProducts(ctx: AppContext, productIds: number[]): Promise<void> {
  const ids = [...new Set(productIds)].filter((id) => Number.isInteger(id));
  if (ids.length === 0) return;
  const parents = await loadCategoryParents(ctx.db.kysely);
  const generation = Date.now();
  for (let i = 0; i < ids.length; i += BATCH_SIZE) {
    await indexBatch(ctx, ids.slice(i, i + BATCH_SIZE), parents, generation);
  }
  // Searches answered from the old index must not be served again.
  await catalogCache(ctx).invalidate();
}

/** Takes products out of the index (deleted from the catalogue). */
export async function removeFromIndex(ctx: AppContext, productIds: number[]): Promise<void> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < ids.length; i += BATCH_SIZE) await deleteRows(trx, ctx.db.dialect, ids.slice(i, i + BATCH_SIZE));
  });
  await catalogCache(ctx).invalidate();
}

export interface RebuildProgress { done: number; total: number }

/**
 * Re-projects every product in batches of BATCH_SIZE (keyset paging by id, so it scales to any catalogue), then
 * drops rows of products that disappeared and dictionary terms no longer used. The index stays searchable meanwhile.
 */
export async function rebuildSearchIndex(ctx: AppContext, options: { onProgress?: (p: RebuildProgress) => void } = {}): Promise<RebuildProgress> {
  const db = ctx.db.kysely;
  const generation = Date.now();
  const parents = await loadCategoryParents(db);
  const totalRow = await db.selectFrom('products').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const progress: RebuildProgress = { done: 0, total: Number(totalRow.n) };
  let after = 0;
  for (;;) {
    const batch = await db.selectFrom('products').where('id', '>', after).orderBy('id').limit(BATCH_SIZE).select('id').execute();
    if (batch.length === 0) break;
    const ids = batch.map((r) => r.id);
    await indexBatch(ctx, ids, parents, generation);
    after = ids[ids.length - 1];
    progress.done += ids.length;
    options.onProgress?.({ ...progress });
  }
  await db.transaction().execute(async (trx) => {
    for (const table of READ_TABLES) {
      await trx.deleteFrom(table).where('product_id', 'not in', trx.selectFrom('products').where('status', '=', 'active').select('id')).execute();
    }
    await deleteOrphanDocuments(trx);
    await trx.deleteFrom('search_terms').where('generation', '<', generation).execute();
    await trx.deleteFrom('search_term_keys').where('term', 'not in', trx.selectFrom('search_terms').select('term')).execute();
  });
  // Fresh statistics after a bulk load, so both planners pick the selective indexes (same statement on both).
  for (const table of [...READ_TABLES, 'search_terms', 'search_term_keys']) await sql`analyze ${sql.table(table)}`.execute(db);
  await catalogCache(ctx).invalidate();
  return progress;
}

async function deleteRows(trx: Transaction<Database>, dialect: AppContext['db']['dialect'], ids: number[]): Promise<void> {
  for (const table of READ_TABLES) await trx.deleteFrom(table).where('product_id', 'in', ids).execute();
  await deleteDocuments(trx, dialect, ids);
}

async function indexBatch(ctx: AppContext, ids: number[], parents: Map<number, number | null>, generation: number): Promise<void> {
  const source = await loadSourceBatch(ctx.db.kysely, ids);
  const projection = project(source, parents, ctx.config.defaultLocale);
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await deleteRows(trx, ctx.db.dialect, ids);
    await inChunks(projection.products, 9, (rows) => trx.insertInto('search_products').values(rows).execute());
    await inChunks(projection.prices, 4, (rows) => trx.insertInto('search_product_prices').values(rows).execute());
    await inChunks(projection.categories, 2, (rows) => trx.insertInto('search_product_categories').values(rows).execute());
    await inChunks(projection.attributes, 4, (rows) => trx.insertInto('search_product_attributes').values(rows).execute());
    await insertDocuments(trx, ctx.db.dialect, projection.documents);
    const terms = [...projection.terms].map((t) => {
      const [locale, term] = t.split('\u0000');
      return { locale, term };
    });
    await addTerms(trx, terms, generation);
  });
}

/**
 * Records which words a locale uses (marking known ones as still in use) and gives words new to every locale
 * their deletion keys.
 */
async function addTerms(trx: Kysely<Database>, entries: Array<{ locale: string; term: string }>, generation: number): Promise<void> {
  if (entries.length === 0) return;
  const words = [...new Set(entries.map((e) => e.term))];
  const known = new Set<string>();
  const knownPairs = new Set<string>();
  await inChunks(words, 1, async (chunk) => {
    const rows = await trx.selectFrom('search_terms').where('term', 'in', chunk).select(['locale', 'term']).execute();
    for (const r of rows) {
      known.add(r.term);
      knownPairs.add(`${r.locale}\u0000${r.term}`);
    }
  });
  const fresh = entries.filter((e) => !knownPairs.has(`${e.locale}\u0000${e.term}`));
  await inChunks(fresh, 3, (chunk) =>
    trx.insertInto('search_terms').values(chunk.map((e) => ({ ...e, generation })))
      .onConflict((oc) => oc.columns(['term', 'locale']).doUpdateSet({ generation })).execute(),
  );
  await inChunks(words.filter((w) => known.has(w)), 1, (chunk) =>
    trx.updateTable('search_terms').set({ generation }).where('term', 'in', chunk).where('generation', '<', generation).execute(),
  );
  const keys = words.filter((w) => !known.has(w)).flatMap((term) => termKeys(term).map((key) => ({ key, term })));
  await inChunks(keys, 2, (chunk) => trx.insertInto('search_term_keys').values(chunk).onConflict((oc) => oc.doNothing()).execute());
}

interface Projection {
  products: SearchProductsTable[];
  prices: SearchProductPricesTable[];
  categories: Array<{ product_id: number; category_id: number }>;
  attributes: SearchProductAttributesTable[];
  documents: SearchDocument[];
  /** locale + NUL + word */
  terms: Set<string>;
}

/** Pure: turns catalogue rows into read-model rows, documents and dictionary words. */
export function project(source: SourceBatch, parents: Map<number, number | null>, defaultLocale: Locale): Projection {
  const out: Projection = { products: [], prices: [], categories: [], attributes: [], documents: [], terms: new Set() };
  const active = source.products.filter((p) => p.status === 'active');
  const activeIds = new Set(active.map((p) => p.id));
  const ratings = new Map(source.ratings.map((r) => [r.product_id, r]));

  for (const p of active) {
    const rating = ratings.get(p.id);
    const stock = source.variantStock.get(p.id) ?? [];
    out.products.push({
      product_id: p.id,
      brand_id: p.brand_id,
      featured: p.featured ? 1 : 0,
      in_stock: stock.some((s) => s !== 'out_of_stock') ? 1 : 0,
      rating_avg: rating ? Math.round(rating.rating_avg * 100) / 100 : null,
      rating_count: rating?.rating_count ?? 0,
      units_sold: source.unitsSold.get(p.id) ?? 0,
      created_at: p.created_at,
    });
  }
  for (const price of source.prices) if (activeIds.has(price.product_id)) out.prices.push(price);

  // Category membership includes every ancestor: a parent category lists its whole subtree.
  const memberships = new Map<number, Set<number>>();
  const addMembership = (productId: number, categoryId: number | null) => {
    const set = memberships.get(productId) ?? new Set<number>();
    memberships.set(productId, set);
    for (let c = categoryId; c !== null && c !== undefined && parents.has(c) && !set.has(c); c = parents.get(c) ?? null) set.add(c);
  };
  for (const p of active) addMembership(p.id, p.primary_category_id);
  for (const pc of source.categories) addMembership(pc.product_id, pc.category_id);
  for (const [productId, set] of memberships) for (const category_id of set) out.categories.push({ product_id: productId, category_id });

  // Filterable values (deduplicated: several variants may share one), and labels for the text.
  const seen = new Set<string>();
  const optionLabels = new Map<string, string>();
  for (const l of source.optionLabels) optionLabels.set(`${l.option_id}:${l.locale}`, l.label);
  const attrText = new Map<number, Array<{ optionId: number | null; text: string | null }>>();
  for (const v of source.attributeValues) {
    const list = attrText.get(v.product_id) ?? [];
    attrText.set(v.product_id, list);
    if (v.kind === 'enum' && v.option_id !== null) list.push({ optionId: v.option_id, text: null });
    if (v.kind === 'text' && v.text_value) list.push({ optionId: null, text: v.text_value });
    if (!v.filterable) continue;
    let value: string | null = null;
    let number_value: number | null = null;
    if (v.kind === 'enum' && v.option_code) value = v.option_code;
    else if (v.kind === 'boolean' && v.boolean_value !== null) value = v.boolean_value ? 'true' : 'false';
    else if (v.kind === 'number' && v.number_value !== null && Number.isFinite(v.number_value)) {
      number_value = v.number_value;
      value = String(v.number_value);
    }
    if (value === null) continue;
    const key = `${v.product_id}:${v.attribute_id}:${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.attributes.push({ product_id: v.product_id, attribute_id: v.attribute_id, value, number_value });
  }

  const translations = new Map<string, SourceBatch['translations'][number]>();
  for (const t of source.translations) translations.set(`${t.product_id}:${t.locale}`, t);
  for (const p of active) {
    const fallback = translations.get(`${p.id}:${defaultLocale}`) ?? source.translations.find((t) => t.product_id === p.id);
    for (const locale of SUPPORTED_LOCALES) {
      const t = translations.get(`${p.id}:${locale}`) ?? fallback;
      const words = (text: string | null | undefined, dictionary: boolean) => {
        const list = tokenize(text, locale);
        if (dictionary) for (const w of list) out.terms.add(`${locale}\u0000${w}`);
        return list.join(' ');
      };
      const attrs = (attrText.get(p.id) ?? [])
        .map((a) => (a.optionId !== null ? optionLabels.get(`${a.optionId}:${locale}`) ?? optionLabels.get(`${a.optionId}:${defaultLocale}`) : a.text))
        .filter(Boolean)
        .join(' ');
      out.documents.push({
        product_id: p.id,
        locale,
        name: words(t?.name, true),
        brand: words(p.brand_name, true),
        keywords: words(t?.keywords, true),
        attrs: words(attrs, true),
        body: words([t?.short_description, t?.description].filter(Boolean).join(' '), false),
      });
    }
  }
  return out;
}
