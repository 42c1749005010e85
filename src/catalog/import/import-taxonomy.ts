/**
 * Taxonomy import by code: categories (tree by parent code), brands, attributes with options, product types and
 * collections, each with translations per locale. Idempotent: entries whose code already exists are kept as they
 * are, except that missing attribute options and product-type attributes are added. Everything is validated first
 * and written in one transaction; `catalog.taxonomy_changed` is published after commit when something was created.
 */
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { CategoryTranslationsTable } from '../catalog.table.ts';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { SUPPORTED_LOCALES } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import { SlugAllocator, slugify } from './slugs.ts';

const Code = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_-]*$' });
const Slug = Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\p{Ll}\\p{Lo}\\p{M}\\p{N}]+(?:-[\\p{Ll}\\p{Lo}\\p{M}\\p{N}]+)*$' });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Localized = <T extends Parameters<typeof Type.Record>[1]>(value: T) =>
  Type.Record(Type.String({ pattern: '^(en|id|th|fil|es)$' }), value, { description: 'Keyed by locale: en, id, th, fil, es' });

export const CategoryInput = Type.Object({
  code: Code,
  parent: Type.Optional(Code),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  translations: Localized(Type.Object({
    name: Name, slug: Type.Optional(Slug), description: Type.Optional(Type.String({ maxLength: 5000 })),
    seo_title: Type.Optional(Type.String({ maxLength: 200 })), seo_description: Type.Optional(Type.String({ maxLength: 500 })),
  }, { additionalProperties: false })),
}, { additionalProperties: false });

export const BrandInput = Type.Object({
  slug: Code, name: Name, description: Type.Optional(Type.String({ maxLength: 5000 })),
}, { additionalProperties: false });

export const AttributeInput = Type.Object({
  code: Code,
  kind: Type.Union([Type.Literal('text'), Type.Literal('number'), Type.Literal('enum'), Type.Literal('boolean')]),
  unit: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
  filterable: Type.Optional(Type.Boolean()),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  names: Localized(Name),
  options: Type.Optional(Type.Array(Type.Object({ code: Code, labels: Localized(Name) }, { additionalProperties: false }), { maxItems: 1000 })),
}, { additionalProperties: false });

export const ProductTypeInput = Type.Object({
  code: Code, name: Name, attributes: Type.Array(Code, { maxItems: 100 }),
}, { additionalProperties: false });

export const CollectionInput = Type.Object({
  code: Code,
  featured: Type.Optional(Type.Boolean()),
  translations: Localized(Type.Object({
    name: Name, slug: Type.Optional(Slug), description: Type.Optional(Type.String({ maxLength: 5000 })),
  }, { additionalProperties: false })),
}, { additionalProperties: false });

export const TaxonomyInput = Type.Object({
  categories: Type.Optional(Type.Array(CategoryInput, { maxItems: 10_000 })),
  brands: Type.Optional(Type.Array(BrandInput, { maxItems: 10_000 })),
  attributes: Type.Optional(Type.Array(AttributeInput, { maxItems: 1000 })),
  productTypes: Type.Optional(Type.Array(ProductTypeInput, { maxItems: 1000 })),
  collections: Type.Optional(Type.Array(CollectionInput, { maxItems: 1000 })),
}, { additionalProperties: false });

export type TaxonomyInput = Static<typeof TaxonomyInput>;
export type CategoryInput = Static<typeof CategoryInput>;
export type AttributeInput = Static<typeof AttributeInput>;

export interface TaxonomyResult {
  created: { categories: number; brands: number; attributes: number; attributeOptions: number; productTypes: number; collections: number };
}

interface Problem { path: string; message: string }

export async function importTaxonomy(ctx: AppContext, input: TaxonomyInput, options: { publishEvents?: boolean } = {}): Promise<TaxonomyResult> {
  const problems: Problem[] = [];
  if (!Value.Check(TaxonomyInput, input)) {
    for (const e of [...Value.Errors(TaxonomyInput, input)].slice(0, 20)) problems.push({ path: e.instancePath || '/', message: e.message });
    throw new AppError(400, 'invalid_taxonomy', 'The taxonomy is not valid', { problems });
  }
  const db = ctx.db.kysely;
  const dl = ctx.config.defaultLocale;
  const categories = input.categories ?? [];
  const attributes = input.attributes ?? [];

  const checkLocales = (path: string, obj: Record<string, unknown>) => {
    for (const l of Object.keys(obj)) if (!(SUPPORTED_LOCALES as readonly string[]).includes(l)) problems.push({ path: `${path}/${l}`, message: 'unsupported locale' });
    if (!(dl in obj)) problems.push({ path: `${path}/${dl}`, message: `the default locale (${dl}) is required` });
  };
  const dupes = (path: string, codes: string[]) => {
    const seen = new Set<string>();
    codes.forEach((c, i) => (seen.has(c) ? problems.push({ path: `${path}/${i}`, message: `"${c}" repeats` }) : seen.add(c)));
  };
  dupes('/categories', categories.map((c) => c.code));
  dupes('/brands', (input.brands ?? []).map((b) => b.slug));
  dupes('/attributes', attributes.map((a) => a.code));
  dupes('/productTypes', (input.productTypes ?? []).map((t) => t.code));
  dupes('/collections', (input.collections ?? []).map((c) => c.code));
  categories.forEach((c, i) => checkLocales(`/categories/${i}/translations`, c.translations));
  (input.collections ?? []).forEach((c, i) => checkLocales(`/collections/${i}/translations`, c.translations));
  attributes.forEach((a, i) => {
    checkLocales(`/attributes/${i}/names`, a.names);
    if (a.options?.length && a.kind !== 'enum') problems.push({ path: `/attributes/${i}/options`, message: 'only enum attributes have options' });
    dupes(`/attributes/${i}/options`, (a.options ?? []).map((o) => o.code));
    (a.options ?? []).forEach((o, oi) => checkLocales(`/attributes/${i}/options/${oi}/labels`, o.labels));
  });

  const existing = await loadExisting(db, input);
  const knownCategories = new Set([...existing.categories.keys(), ...categories.map((c) => c.code)]);
  categories.forEach((c, i) => {
    if (c.parent && !knownCategories.has(c.parent)) problems.push({ path: `/categories/${i}/parent`, message: `unknown category "${c.parent}"` });
    if (c.parent === c.code) problems.push({ path: `/categories/${i}/parent`, message: 'a category cannot be its own parent' });
  });
  const knownAttributes = new Set([...existing.attributes.keys(), ...attributes.map((a) => a.code)]);
  (input.productTypes ?? []).forEach((t, i) =>
    t.attributes.forEach((a, ai) => {
      if (!knownAttributes.has(a)) problems.push({ path: `/productTypes/${i}/attributes/${ai}`, message: `unknown attribute "${a}"` });
    }),
  );
  const order = categoryOrder(categories.filter((c) => !existing.categories.has(c.code)), existing.categories, problems);
  if (problems.length > 0) throw new AppError(400, 'invalid_taxonomy', 'The taxonomy is not valid', { problems: problems.slice(0, 50), total: problems.length });

  const result = await db.transaction().execute((trx) => write(trx, input, order, existing));
  const createdAny = Object.values(result.created).some((n) => n > 0);
  if (createdAny && options.publishEvents !== false) await ctx.events.publish('catalog.taxonomy_changed', {});
  return result;
}

interface Existing {
  categories: Map<string, number>;
  brands: Set<string>;
  attributes: Map<string, { id: number; options: Set<string> }>;
  productTypes: Map<string, { id: number; attributes: Set<number> }>;
  collections: Set<string>;
}

async function loadExisting(db: Kysely<Database>, input: TaxonomyInput): Promise<Existing> {
  const codes = (list: { code: string }[] | undefined) => (list ?? []).map((x) => x.code);
  const parentCodes = (input.categories ?? []).flatMap((c) => (c.parent ? [c.parent] : []));
  const typeAttrCodes = (input.productTypes ?? []).flatMap((t) => t.attributes);
  const some = <T>(list: string[], q: (l: string[]) => Promise<T[]>) => (list.length ? q(list) : Promise.resolve([] as T[]));
  const [cats, brands, attrs, types, cols] = await Promise.all([
    some([...codes(input.categories), ...parentCodes], (l) => db.selectFrom('categories').select(['id', 'code']).where('code', 'in', l).execute()),
    some((input.brands ?? []).map((b) => b.slug), (l) => db.selectFrom('brands').select('slug').where('slug', 'in', l).execute()),
    some([...codes(input.attributes), ...typeAttrCodes], (l) => db.selectFrom('attributes').select(['id', 'code']).where('code', 'in', l).execute()),
    some(codes(input.productTypes), (l) => db.selectFrom('product_types').select(['id', 'code']).where('code', 'in', l).execute()),
    some(codes(input.collections), (l) => db.selectFrom('collections').select('code').where('code', 'in', l).execute()),
  ]);
  const attributes = new Map(attrs.map((a) => [a.code, { id: a.id, options: new Set<string>() }]));
  const byId = new Map([...attributes.values()].map((a) => [a.id, a]));
  if (byId.size) {
    for (const o of await db.selectFrom('attribute_options').select(['attribute_id', 'code']).where('attribute_id', 'in', [...byId.keys()]).execute()) {
      byId.get(o.attribute_id)?.options.add(o.code);
    }
  }
  const productTypes = new Map(types.map((t) => [t.code, { id: t.id, attributes: new Set<number>() }]));
  const typeById = new Map([...productTypes.values()].map((t) => [t.id, t]));
  if (typeById.size) {
    for (const l of await db.selectFrom('product_type_attributes').select(['product_type_id', 'attribute_id']).where('product_type_id', 'in', [...typeById.keys()]).execute()) {
      typeById.get(l.product_type_id)?.attributes.add(l.attribute_id);
    }
  }
  return {
    categories: new Map(cats.map((c) => [c.code, c.id])),
    brands: new Set(brands.map((b) => b.slug)),
    attributes,
    productTypes,
    collections: new Set(cols.map((c) => c.code)),
  };
}

/** New categories grouped in levels so that parents are inserted before their children; detects cycles. */
function categoryOrder(fresh: CategoryInput[], existing: Map<string, number>, problems: Problem[]): CategoryInput[][] {
  const levels: CategoryInput[][] = [];
  const placed = new Set(existing.keys());
  let rest = fresh;
  while (rest.length > 0) {
    const level = rest.filter((c) => !c.parent || placed.has(c.parent));
    if (level.length === 0) {
      problems.push({ path: '/categories', message: `categories form a cycle: ${rest.map((c) => c.code).join(', ')}` });
      break;
    }
    for (const c of level) placed.add(c.code);
    levels.push(level);
    rest = rest.filter((c) => !level.includes(c));
  }
  return levels;
}

async function write(trx: Transaction<Database>, input: TaxonomyInput, levels: CategoryInput[][], existing: Existing): Promise<TaxonomyResult> {
  const created = { categories: 0, brands: 0, attributes: 0, attributeOptions: 0, productTypes: 0, collections: 0 };
  const slugsIn = (table: 'category_translations' | 'collection_translations') =>
    new SlugAllocator(async (locale, candidates) => {
      const rows = await trx.selectFrom(table).select('slug').where('locale', '=', locale).where('slug', 'in', candidates).execute();
      return new Set(rows.map((r) => r.slug));
    });

  // Categories, level by level (parents first).
  const categoryIds = new Map(existing.categories);
  const categorySlugs = slugsIn('category_translations');
  for (const level of levels) {
    for (const c of level) {
      const row = await trx.insertInto('categories')
        .values({ code: c.code, parent_id: c.parent ? categoryIds.get(c.parent)! : null, position: c.position ?? 0 })
        .returning('id').executeTakeFirstOrThrow();
      categoryIds.set(c.code, row.id);
      created.categories++;
    }
    const rows: Insertable<CategoryTranslationsTable>[] = [];
    for (const locale of SUPPORTED_LOCALES) {
      const inLocale = level.flatMap((c) => (c.translations[locale] ? [{ c, t: c.translations[locale] }] : []));
      if (inLocale.length === 0) continue;
      // One slug round per level and locale; a taken slug gets a number ("red-2").
      const slugs = await categorySlugs.allocate(locale, inLocale.map(({ t }) => t.slug ?? slugify(t.name)));
      inLocale.forEach(({ c, t }, i) => rows.push({
        category_id: categoryIds.get(c.code)!, locale, name: t.name, slug: slugs[i]!, description: t.description ?? null,
        seo_title: t.seo_title ?? null, seo_description: t.seo_description ?? null,
      }));
    }
    if (rows.length) await trx.insertInto('category_translations').values(rows).execute();
  }

  const brands = (input.brands ?? []).filter((b) => !existing.brands.has(b.slug));
  if (brands.length) {
    await trx.insertInto('brands').values(brands.map((b) => ({ slug: b.slug, name: b.name, description: b.description ?? null }))).execute();
    created.brands = brands.length;
  }

  const attributeIds = new Map([...existing.attributes].map(([code, a]) => [code, a.id]));
  for (const [i, a] of (input.attributes ?? []).entries()) {
    let known = existing.attributes.get(a.code);
    if (!known) {
      const row = await trx.insertInto('attributes')
        .values({ code: a.code, kind: a.kind, unit: a.unit ?? null, filterable: a.filterable ? 1 : 0, position: a.position ?? i })
        .returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('attribute_translations').values(Object.entries(a.names).map(([locale, name]) => ({ attribute_id: row.id, locale, name }))).execute();
      known = { id: row.id, options: new Set() };
      attributeIds.set(a.code, row.id);
      created.attributes++;
    }
    const newOptions = (a.options ?? []).map((o, position) => ({ ...o, position })).filter((o) => !known.options.has(o.code));
    if (newOptions.length) {
      const optionRows = await trx.insertInto('attribute_options')
        .values(newOptions.map((o) => ({ attribute_id: known.id, code: o.code, position: o.position })))
        .returning(['id', 'code']).execute();
      const ids = new Map(optionRows.map((r) => [r.code, r.id]));
      await trx.insertInto('attribute_option_translations')
        .values(newOptions.flatMap((o) => Object.entries(o.labels).map(([locale, label]) => ({ option_id: ids.get(o.code)!, locale, label }))))
        .execute();
      created.attributeOptions += newOptions.length;
    }
  }
  // Attribute codes a product type names but that existed before this import.
  for (const [code, a] of existing.attributes) attributeIds.set(code, a.id);

  for (const t of input.productTypes ?? []) {
    let known = existing.productTypes.get(t.code);
    if (!known) {
      const row = await trx.insertInto('product_types').values({ code: t.code, name: t.name }).returning('id').executeTakeFirstOrThrow();
      known = { id: row.id, attributes: new Set() };
      created.productTypes++;
    }
    const links = t.attributes
      .map((code, position) => ({ product_type_id: known.id, attribute_id: attributeIds.get(code)!, position }))
      .filter((l, i, all) => !known.attributes.has(l.attribute_id) && all.findIndex((x) => x.attribute_id === l.attribute_id) === i);
    if (links.length) await trx.insertInto('product_type_attributes').values(links).execute();
  }

  const collectionSlugs = slugsIn('collection_translations');
  for (const c of (input.collections ?? []).filter((c) => !existing.collections.has(c.code))) {
    const row = await trx.insertInto('collections').values({ code: c.code, featured: c.featured ? 1 : 0 }).returning('id').executeTakeFirstOrThrow();
    const rows = [];
    for (const [locale, t] of Object.entries(c.translations)) {
      const [slug] = await collectionSlugs.allocate(locale, [t.slug ?? slugify(t.name)]);
      rows.push({ collection_id: row.id, locale, name: t.name, slug: slug!, description: t.description ?? null });
    }
    await trx.insertInto('collection_translations').values(rows).execute();
    created.collections++;
  }
  return { created };
}
