// Facet counts over the filtered products, each facet computed with its own filter left out (disjunctive).
import { sql, type Kysely } from 'kysely';
import type { Locale } from '../platform/config.ts';
import type { Database } from '../platform/db/schema.ts';
import { filteredIds, narrows, type ResolvedFilters } from './filters.ts';
import type { FacetValue, Facets } from './search.types.ts';
import type { AttributeDef, CategoryNode, OptionDef } from './taxonomy.repository.ts';

const BOOLEAN_LABELS: Record<Locale, { true: string; false: string }> = {
  en: { true: 'Yes', false: 'No' },
  id: { true: 'Ya', false: 'Tidak' },
  th: { true: 'ใช่', false: 'ไม่ใช่' },
  fil: { true: 'Oo', false: 'Hindi' },
  es: { true: 'Sí', false: 'No' },
};

export const RATING_STEPS = [4, 3, 2, 1] as const;
const MAX_NUMBER_VALUES = 100;
const PRICE_BUCKETS = 5;

export interface FacetInput {
  db: Kysely<Database>;
  filters: ResolvedFilters;
  categories: CategoryNode[];
  attributes: AttributeDef[];
  options: OptionDef[];
}

export async function computeFacets(input: FacetInput): Promise<Facets> {
  const [categories, brands, attributes, price, rating, inStock] = await Promise.all([
    categoryFacet(input),
    brandFacet(input),
    attributeFacets(input),
    priceFacet(input),
    ratingFacet(input),
    inStockFacet(input),
  ]);
  return { categories, brands, attributes, price, rating, in_stock: inStock };
}

/** The selected category and its children, or the top-level categories when none is selected. */
async function categoryFacet({ db, filters, categories }: FacetInput): Promise<FacetValue[]> {
  const selected = filters.categoryId;
  const listed = categories
    .filter((c) => (selected !== null && selected !== -1 ? c.parent_id === selected || c.id === selected : c.parent_id === null))
    .sort((a, b) => (a.id === selected ? -1 : b.id === selected ? 1 : a.position - b.position || a.name.localeCompare(b.name)));
  if (listed.length === 0) return [];
  const rows = await db
    .selectFrom('search_product_categories')
    .where('category_id', 'in', listed.map((c) => c.id))
    .$if(narrows(filters, 'category'), (q) => q.where('product_id', 'in', filteredIds(db, filters, 'category')))
    .select((eb) => ['category_id', eb.fn.countAll<number>().as('n')])
    .groupBy('category_id')
    .execute();
  const counts = new Map(rows.map((r) => [r.category_id, Number(r.n)]));
  return listed
    .map((c) => ({ value: c.slug, label: c.name, count: counts.get(c.id) ?? 0, selected: c.id === selected }))
    .filter((v) => v.count > 0 || v.selected);
}

async function brandFacet({ db, filters }: FacetInput): Promise<FacetValue[]> {
  const rows = await db
    .selectFrom('search_products as sp')
    .innerJoin('brands as b', 'b.id', 'sp.brand_id')
    .$if(narrows(filters, 'brand'), (q) => q.where('sp.product_id', 'in', filteredIds(db, filters, 'brand')))
    .select((eb) => ['b.id', 'b.slug', 'b.name', eb.fn.countAll<number>().as('n')])
    .groupBy(['b.id', 'b.slug', 'b.name'])
    .execute();
  const values = rows
    .map((r) => ({ value: r.slug, label: r.name, count: Number(r.n), selected: r.id === filters.brandId }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  if (filters.brandId !== null && filters.brandId !== -1 && !values.some((v) => v.selected)) {
    const brand = await db.selectFrom('brands').where('id', '=', filters.brandId).select(['slug', 'name']).executeTakeFirst();
    if (brand) values.unshift({ value: brand.slug, label: brand.name, count: 0, selected: true });
  }
  return values;
}

/** One grouped query for the attributes without a selection, one per attribute with a selection. */
async function attributeFacets({ db, filters, attributes, options }: FacetInput): Promise<Facets['attributes']> {
  if (attributes.length === 0) return [];
  const selectedIds = filters.attributes.map((a) => a.id);
  const unselected = attributes.filter((a) => !selectedIds.includes(a.id)).map((a) => a.id);
  const queries: Promise<Array<{ attribute_id: number; value: string; number_value: number | null; n: number }>>[] = [];
  const grouped = (ids: number[], except: ResolvedFilters['attributes'][number] | null) => {
    const key = except ? { attributeId: except.id } : undefined;
    return db
      .selectFrom('search_product_attributes')
      .where('attribute_id', 'in', ids)
      .$if(narrows(filters, key), (q) => q.where('product_id', 'in', filteredIds(db, filters, key)))
      .select((eb) => ['attribute_id', 'value', eb.fn.max('number_value').as('number_value'), eb.fn.countAll<number>().as('n')])
      .groupBy(['attribute_id', 'value'])
      .execute() as Promise<Array<{ attribute_id: number; value: string; number_value: number | null; n: number }>>;
  };
  if (unselected.length > 0) queries.push(grouped(unselected, null));
  for (const a of filters.attributes) queries.push(grouped([a.id], a));
  const rows = (await Promise.all(queries)).flat();

  const byAttribute = new Map<number, typeof rows>();
  for (const r of rows) {
    const list = byAttribute.get(r.attribute_id) ?? [];
    list.push(r);
    byAttribute.set(r.attribute_id, list);
  }
  const optionsBy = new Map<number, OptionDef[]>();
  for (const o of options) {
    const list = optionsBy.get(o.attribute_id) ?? [];
    list.push(o);
    optionsBy.set(o.attribute_id, list);
  }

  const out: Facets['attributes'] = [];
  for (const def of attributes) {
    const selection = filters.attributes.find((a) => a.id === def.id);
    const counts = new Map((byAttribute.get(def.id) ?? []).map((r) => [r.value, r]));
    let values: FacetValue[] = [];
    if (def.kind === 'enum') {
      values = (optionsBy.get(def.id) ?? [])
        .sort((a, b) => a.position - b.position || a.id - b.id)
        .map((o) => ({ value: o.code, label: o.label, count: Number(counts.get(o.code)?.n ?? 0), selected: selection?.values.includes(o.code) ?? false }));
    } else if (def.kind === 'boolean') {
      values = (['true', 'false'] as const).map((v) => ({
        value: v, label: BOOLEAN_LABELS[filters.locale][v], count: Number(counts.get(v)?.n ?? 0), selected: selection?.values.includes(v) ?? false,
      }));
    } else {
      values = [...counts.values()]
        .map((r) => ({ n: Number(r.n), num: Number(r.number_value), value: r.value }))
        .sort((a, b) => a.num - b.num)
        .slice(0, MAX_NUMBER_VALUES)
        .map((r) => ({
          value: r.value,
          label: def.unit ? `${r.value} ${def.unit}` : r.value,
          count: r.n,
          selected: selection?.ranges.some((g) => (g.min === null || r.num >= g.min) && (g.max === null || r.num <= g.max)) ?? false,
        }));
    }
    values = values.filter((v) => v.count > 0 || v.selected);
    if (values.length === 0 && !selection) continue;
    out.push({ code: def.code, name: def.name, kind: def.kind, unit: def.unit, values });
  }
  return out;
}

/** A round step (1, 2 or 5 × 10^n) that splits `span` into about PRICE_BUCKETS ranges. */
export function priceStep(span: number): number {
  const raw = Math.max(1, span / PRICE_BUCKETS);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  return Math.max(1, Math.round(step));
}

async function priceFacet({ db, filters }: FacetInput): Promise<Facets['price']> {
  const base = () =>
    db.selectFrom('search_product_prices')
      .where('currency', '=', filters.currency)
      .$if(narrows(filters, 'price'), (q) => q.where('product_id', 'in', filteredIds(db, filters, 'price')));
  const bounds = await base()
    .select((eb) => [eb.fn.min<number>('min_amount').as('lo'), eb.fn.max<number>('min_amount').as('hi')])
    .executeTakeFirst();
  if (!bounds || bounds.lo === null || bounds.hi === null) return { currency: filters.currency, min: null, max: null, ranges: [] };
  const lo = Number(bounds.lo);
  const hi = Number(bounds.hi);
  const step = priceStep(hi - lo);
  const rows = await base()
    // Integer division on both databases (amounts are non-negative integers); step is a computed integer literal.
    .select((eb) => [sql<number>`min_amount / ${sql.lit(step)}`.as('bucket'), eb.fn.countAll<number>().as('n')])
    .groupBy(sql`min_amount / ${sql.lit(step)}`)
    .execute();
  const buckets = rows.map((r) => ({ bucket: Number(r.bucket), n: Number(r.n) })).sort((a, b) => a.bucket - b.bucket);
  const ranges = buckets.map((b, i) => ({
    min: b.bucket * step,
    max: i === buckets.length - 1 ? null : (b.bucket + 1) * step - 1,
    count: b.n,
  }));
  return { currency: filters.currency, min: lo, max: hi, ranges };
}

async function ratingFacet({ db, filters }: FacetInput): Promise<Facets['rating']> {
  const row = await db
    .selectFrom('search_products as sp')
    .$if(narrows(filters, 'rating'), (q) => q.where('sp.product_id', 'in', filteredIds(db, filters, 'rating')))
    .select(RATING_STEPS.map((n) => sql<number>`sum(case when sp.rating_avg >= ${n} then 1 else 0 end)`.as(`r${n}`)))
    .executeTakeFirst();
  const r = (row ?? {}) as Record<string, number | null>;
  return RATING_STEPS.map((n) => ({ min: n, count: Number(r[`r${n}`] ?? 0) }));
}

async function inStockFacet({ db, filters }: FacetInput): Promise<Facets['in_stock']> {
  const row = await db
    .selectFrom('search_products as sp')
    .$if(narrows(filters, 'in_stock'), (q) => q.where('sp.product_id', 'in', filteredIds(db, filters, 'in_stock')))
    .where('sp.in_stock', '=', 1)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { count: Number(row.n) };
}
