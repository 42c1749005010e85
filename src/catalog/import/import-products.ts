/**
 * Bulk import: many whole products (ProductInput) at once, fast. The whole input is validated first — shape,
 * references, SKUs and slugs — so bad input writes nothing. Products are then written in batches, each batch in
 * one transaction of multi-row statements (a fixed number of statements per batch, never per product), and
 * `catalog.products_changed` is published with the batch's ids after it commits.
 */
import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { ProductInput } from '../product-input.ts';
import type { ProductAttributeValuesTable } from '../catalog.table.ts';
import { chunked, columnsOf } from './chunks.ts';
import { resolveReferences, type References } from './references.ts';
import { SlugAllocator, slugify } from './slugs.ts';
import { checkProduct, checkShapes, Problems } from './validate-product.ts';

export interface ImportOptions {
  /** Called after each committed batch with the number of products written so far. */
  onProgress?: (done: number, total: number) => void;
  /** Products per transaction (default 250). */
  batchSize?: number;
  /**
   * Publish `catalog.products_changed` after each batch (default true). A seed that rebuilds the search index
   * once at the end turns it off.
   */
  publishEvents?: boolean;
}

const IN_LIST = 5000;

/** Imports products; returns their new ids in input order. Throws AppError 400/409 (nothing written) on bad input. */
export async function importProducts(ctx: AppContext, inputs: readonly ProductInput[], options: ImportOptions = {}): Promise<number[]> {
  if (!Array.isArray(inputs)) throw new AppError(400, 'invalid_import', 'Expected a list of products');
  if (inputs.length === 0) return [];
  const db = ctx.db.kysely;
  const { refs, slugs } = await prepareProducts(ctx, inputs);

  const batchSize = Math.max(1, Math.min(options.batchSize ?? 250, 2000));
  const ids: number[] = [];
  for (let start = 0; start < inputs.length; start += batchSize) {
    const batch = inputs.slice(start, start + batchSize);
    const batchIds = await db.transaction().execute((trx) => writeBatch(trx, batch, slugs.slice(start, start + batchSize), refs));
    ids.push(...batchIds);
    if (options.publishEvents !== false) await ctx.events.publish('catalog.products_changed', { productIds: batchIds });
    options.onProgress?.(ids.length, inputs.length);
  }
  return ids;
}

export type LocaleSlugs = Record<string, string>;

/** What a validated input needs to be written: the ids its codes name and its slug per locale. */
export interface PreparedProducts {
  refs: References;
  slugs: LocaleSlugs[];
}

/**
 * Validates whole products (shape, references, SKUs, slugs) without writing; throws AppError 400 / 409 listing the
 * problems. `ownerId` is the product being replaced (admin PUT): its own SKUs and slugs do not count as taken.
 */
export async function prepareProducts(ctx: AppContext, inputs: readonly ProductInput[], ownerId?: number): Promise<PreparedProducts> {
  const db = ctx.db.kysely;
  const problems = new Problems();
  const codes = checkShapes(inputs, ctx.config.defaultLocale, problems);
  throwIfAny(problems, 400, 'invalid_import', 'Some products are not valid');

  const refs = await resolveReferences(db, codes);
  inputs.forEach((p, i) => checkProduct(p, i, refs, problems));
  throwIfAny(problems, 400, 'invalid_import', 'Some products name unknown or inconsistent things');

  await checkSkus(db, inputs, problems, ownerId);
  const slugs = await allocateSlugs(db, inputs, problems, ownerId);
  throwIfAny(problems, 409, 'import_conflict', 'Some SKUs or slugs are already used');
  return { refs, slugs };
}

function throwIfAny(problems: Problems, status: number, code: string, message: string): void {
  if (problems.count === 0) return;
  throw new AppError(status, code, message, { problems: problems.list, total: problems.count });
}

async function checkSkus(db: Kysely<Database>, inputs: readonly ProductInput[], problems: Problems, ownerId?: number): Promise<void> {
  const owner = new Map<string, number>();
  inputs.forEach((p, index) =>
    p.variants.forEach((v, vi) => {
      if (owner.has(v.sku)) problems.add(index, `/variants/${vi}/sku`, `SKU "${v.sku}" appears twice in the import`);
      else owner.set(v.sku, index);
    }),
  );
  const skus = [...owner.keys()];
  for (let i = 0; i < skus.length; i += IN_LIST) {
    let query = db.selectFrom('variants').select('sku').where('sku', 'in', skus.slice(i, i + IN_LIST));
    if (ownerId !== undefined) query = query.where('product_id', '!=', ownerId);
    const rows = await query.execute();
    for (const r of rows) problems.add(owner.get(r.sku)!, '/variants', `SKU "${r.sku}" already exists`);
  }
}

/** Given slugs must be free; missing ones are made from the name and numbered when taken ("kopi-toraja-2"). */
async function allocateSlugs(db: Kysely<Database>, inputs: readonly ProductInput[], problems: Problems, ownerId?: number): Promise<LocaleSlugs[]> {
  const allocator = new SlugAllocator(async (locale, candidates) => {
    const taken = new Set<string>();
    for (let i = 0; i < candidates.length; i += IN_LIST) {
      let query = db.selectFrom('product_translations').select('slug')
        .where('locale', '=', locale).where('slug', 'in', candidates.slice(i, i + IN_LIST));
      if (ownerId !== undefined) query = query.where('product_id', '!=', ownerId);
      const rows = await query.execute();
      for (const r of rows) taken.add(r.slug);
    }
    return taken;
  });
  const out: LocaleSlugs[] = inputs.map(() => ({}));
  const locales = new Set(inputs.flatMap((p) => Object.keys(p.translations)));
  for (const locale of locales) {
    const given: { index: number; slug: string }[] = [];
    const generated: { index: number; base: string }[] = [];
    inputs.forEach((p, index) => {
      const t = p.translations[locale];
      if (!t) return;
      if (t.slug) given.push({ index, slug: t.slug });
      else generated.push({ index, base: slugify(t.name) });
    });
    const conflicts = new Set(await allocator.reserveExact(locale, given.map((g) => g.slug)));
    for (const g of given) {
      if (conflicts.has(g.slug)) problems.add(g.index, `/translations/${locale}/slug`, `slug "${g.slug}" is already used`);
      out[g.index]![locale] = g.slug;
    }
    const made = await allocator.allocate(locale, generated.map((g) => g.base));
    generated.forEach((g, i) => (out[g.index]![locale] = made[i]!));
  }
  return out;
}

async function insertMany<R extends object>(rows: R[], insert: (chunk: R[]) => Promise<unknown>): Promise<void> {
  for (const chunk of chunked(rows, columnsOf(rows))) await insert(chunk);
}

async function writeBatch(trx: Transaction<Database>, batch: readonly ProductInput[], slugs: LocaleSlugs[], refs: References): Promise<number[]> {
  const now = new Date().toISOString();
  const productRows = batch.map((p) => ({
    product_type_id: p.type ? refs.types.get(p.type)! : null,
    brand_id: p.brand ? refs.brands.get(p.brand)! : null,
    primary_category_id: p.categories?.length ? refs.categories.get(p.categories[0]!)! : null,
    status: p.status ?? 'draft',
    featured: p.featured ? 1 : 0,
    allow_backorder: p.allow_backorder ? 1 : 0,
    tax_class: p.tax_class ?? 'standard',
    created_at: now,
    updated_at: now,
    published_at: p.published_at ? new Date(p.published_at).toISOString() : p.status === 'active' ? now : null,
  }));
  // Ids of one multi-row insert ascend in VALUES order on both databases (rowid / sequence), so sorting the
  // returned ids pairs them with the rows whatever order RETURNING lists them in.
  const ids: number[] = [];
  for (const chunk of chunked(productRows, 10)) {
    const rows = await trx.insertInto('products').values(chunk).returning('id').execute();
    ids.push(...rows.map((r) => r.id).sort((a, b) => a - b));
  }
  await writeProductDetails(trx, batch, ids, slugs, refs);
  return ids;
}

export interface DetailOptions {
  /**
   * Variants that already exist, by SKU (admin PUT): their rows are updated in place so their ids, which orders
   * and stock point at, survive. Their prices, option values and attribute values must have been deleted.
   */
  keptVariants?: Map<string, number>;
  /** Write collection memberships (default true); an update keeps the curated positions itself. */
  collections?: boolean;
}

/**
 * Everything of a product below its `products` row: translations, categories, tags, collections, options,
 * variants, prices, tier prices and attribute values, in a fixed number of multi-row statements.
 * `ids[i]` is the product of `batch[i]`, whose rows of these tables must not exist yet.
 */
export async function writeProductDetails(
  trx: Transaction<Database>,
  batch: readonly ProductInput[],
  ids: readonly number[],
  slugs: LocaleSlugs[],
  refs: References,
  options: DetailOptions = {},
): Promise<void> {
  const translations = [];
  const categories = [];
  const tags = [];
  const collections = [];
  for (let i = 0; i < batch.length; i++) {
    const p = batch[i]!;
    const id = ids[i]!;
    for (const [locale, t] of Object.entries(p.translations)) {
      translations.push({
        product_id: id, locale, name: t.name, slug: slugs[i]![locale]!,
        short_description: t.short_description ?? null, description: t.description ?? null, keywords: t.keywords ?? null,
        seo_title: t.seo_title ?? null, seo_description: t.seo_description ?? null,
      });
    }
    for (const c of p.categories ?? []) categories.push({ product_id: id, category_id: refs.categories.get(c)! });
    for (const tag of new Set(p.tags ?? [])) tags.push({ product_id: id, tag });
    if (options.collections !== false) for (const c of p.collections ?? []) collections.push({ collection_id: refs.collections.get(c)!, product_id: id, position: 0 });
  }
  await insertMany(translations, (c) => trx.insertInto('product_translations').values(c).execute());
  await insertMany(categories, (c) => trx.insertInto('product_categories').values(c).execute());
  await insertMany(tags, (c) => trx.insertInto('product_tags').values(c).execute());
  await insertMany(collections, (c) => trx.insertInto('collection_products').values(c).execute());

  // Options, their values, and each variant's choice of values.
  const optionRows = batch.flatMap((p, i) => (p.options ?? []).map((o, position) => ({ product_id: ids[i]!, code: o.code, position })));
  const optionIds = new Map<string, number>();
  for (const chunk of chunked(optionRows, 3)) {
    for (const r of await trx.insertInto('product_options').values(chunk).returning(['id', 'product_id', 'code']).execute()) {
      optionIds.set(`${r.product_id}:${r.code}`, r.id);
    }
  }
  const optionNames = [];
  const valueRows: { option_id: number; code: string; position: number }[] = [];
  for (let i = 0; i < batch.length; i++) {
    for (const o of batch[i]!.options ?? []) {
      const optionId = optionIds.get(`${ids[i]}:${o.code}`)!;
      for (const [locale, name] of Object.entries(o.names)) optionNames.push({ option_id: optionId, locale, name });
      o.values.forEach((v, position) => valueRows.push({ option_id: optionId, code: v.code, position }));
    }
  }
  await insertMany(optionNames, (c) => trx.insertInto('product_option_translations').values(c).execute());
  const valueIds = new Map<string, number>();
  for (const chunk of chunked(valueRows, 3)) {
    for (const r of await trx.insertInto('product_option_values').values(chunk).returning(['id', 'option_id', 'code']).execute()) {
      valueIds.set(`${r.option_id}:${r.code}`, r.id);
    }
  }
  const valueLabels = [];
  for (let i = 0; i < batch.length; i++) {
    for (const o of batch[i]!.options ?? []) {
      const optionId = optionIds.get(`${ids[i]}:${o.code}`)!;
      for (const v of o.values) {
        const valueId = valueIds.get(`${optionId}:${v.code}`)!;
        for (const [locale, label] of Object.entries(v.labels)) valueLabels.push({ value_id: valueId, locale, label });
      }
    }
  }
  await insertMany(valueLabels, (c) => trx.insertInto('product_option_value_translations').values(c).execute());

  const variantRows = batch.flatMap((p, i) =>
    p.variants.map((v, position) => ({
      product_id: ids[i]!, sku: v.sku, barcode: v.barcode ?? null, weight_grams: v.weight_grams ?? null,
      length_mm: v.length_mm ?? null, width_mm: v.width_mm ?? null, height_mm: v.height_mm ?? null, position,
    })),
  );
  const variantIds = new Map<string, number>();
  const kept = options.keptVariants ?? new Map<string, number>();
  for (const row of variantRows.filter((r) => kept.has(r.sku))) {
    const id = kept.get(row.sku)!;
    await trx.updateTable('variants').set(row).where('id', '=', id).execute();
    variantIds.set(row.sku, id);
  }
  for (const chunk of chunked(variantRows.filter((r) => !kept.has(r.sku)), 8)) {
    for (const r of await trx.insertInto('variants').values(chunk).returning(['id', 'sku']).execute()) variantIds.set(r.sku, r.id);
  }

  const variantValues = [];
  const prices = [];
  const tiers = [];
  const attributeValues: Omit<ProductAttributeValuesTable, 'id'>[] = [];
  for (let i = 0; i < batch.length; i++) {
    const p = batch[i]!;
    const productId = ids[i]!;
    pushAttributes(attributeValues, p.attributes ?? {}, productId, null, refs);
    for (const v of p.variants) {
      const variantId = variantIds.get(v.sku)!;
      for (const [code, value] of Object.entries(v.options ?? {})) {
        const optionId = optionIds.get(`${productId}:${code}`)!;
        variantValues.push({ variant_id: variantId, value_id: valueIds.get(`${optionId}:${value}`)! });
      }
      for (const pr of v.prices) {
        prices.push({ variant_id: variantId, currency: pr.currency, amount: pr.amount, compare_at_amount: pr.compare_at_amount ?? null, cost_amount: pr.cost_amount ?? null });
      }
      for (const t of v.tier_prices ?? []) tiers.push({ variant_id: variantId, currency: t.currency, min_quantity: t.min_quantity, amount: t.amount });
      pushAttributes(attributeValues, v.attributes ?? {}, productId, variantId, refs);
    }
  }
  await insertMany(variantValues, (c) => trx.insertInto('variant_option_values').values(c).execute());
  await insertMany(prices, (c) => trx.insertInto('variant_prices').values(c).execute());
  await insertMany(tiers, (c) => trx.insertInto('tier_prices').values(c).execute());
  await insertMany(attributeValues, (c) => trx.insertInto('product_attribute_values').values(c).execute());
}

function pushAttributes(
  out: Omit<ProductAttributeValuesTable, 'id'>[],
  values: Record<string, string | number | boolean | string[]>,
  productId: number,
  variantId: number | null,
  refs: References,
): void {
  for (const [code, value] of Object.entries(values)) {
    const a = refs.attributes.get(code)!;
    const base = { product_id: productId, variant_id: variantId, attribute_id: a.id, option_id: null, text_value: null, number_value: null, boolean_value: null };
    if (a.kind === 'enum') {
      for (const v of new Set(Array.isArray(value) ? value : [String(value)])) out.push({ ...base, option_id: a.options.get(v)! });
    } else if (a.kind === 'number') out.push({ ...base, number_value: Number(value) });
    else if (a.kind === 'boolean') out.push({ ...base, boolean_value: value ? 1 : 0 });
    else out.push({ ...base, text_value: String(value) });
  }
}
