// searchProducts: full-text + filters + sort + paging over the read model, with disjunctive facets and product
// cards. The number of queries depends on the number of selected attribute filters, never on the page size.
import type { Kysely } from 'kysely';
import { loadProductCards } from '../catalog/index.ts';
import type { Locale } from '../platform/config.ts';
import { cacheKey, catalogCache } from '../platform/cache/catalog-cache.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/schema.ts';
import { badRequest } from '../platform/http/errors.ts';
import { computeFacets } from './facets.ts';
import { conditions, type AttributeFilter, type NumberRange, type ResolvedFilters } from './filters.ts';
import { rankedMatches } from './fulltext.ts';
import type { Facets, SearchParams, SearchResult, SortKey } from './search.types.ts';
import {
  findBrandId, findTermCandidates, loadCategories, loadFilterableAttributes, loadOptions,
  type AttributeDef, type CategoryNode,
} from './taxonomy.repository.ts';
import { deletionKeys, expandWords, maxTypoDistance, tokenize, type QueryWord } from './text.ts';

export const DEFAULT_PER_PAGE = 24;
export const MAX_PER_PAGE = 100;
/** Words of a query beyond this are ignored (each adds a join-free but non-trivial match term). */
export const MAX_QUERY_WORDS = 10;

/** Products matching `params`, served from the catalogue cache when the same search ran since the last change. */
export function searchProducts(ctx: AppContext, params: SearchParams): Promise<SearchResult> {
  return catalogCache(ctx).get(cacheKey('search', params), () => runSearch(ctx, params));
}

async function runSearch(ctx: AppContext, params: SearchParams): Promise<SearchResult> {
  const db = ctx.db.kysely;
  const page = Math.max(1, Math.floor(params.page ?? 1));
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(params.per_page ?? DEFAULT_PER_PAGE)));
  const fallback = ctx.config.defaultLocale;

  const words = tokenize(params.q, params.locale).slice(0, MAX_QUERY_WORDS);
  const [categories, attributes, brandId, queryWords] = await Promise.all([
    loadCategories(db, params.locale, fallback),
    loadFilterableAttributes(db, params.locale, fallback),
    params.brand ? findBrandId(db, params.brand).then((id) => id ?? -1) : Promise.resolve(null),
    words.length > 0 ? parseQuery(db, words, params.locale) : Promise.resolve(null),
  ]);
  const [options, matched] = await Promise.all([
    loadOptions(db, attributes.filter((a) => a.kind === 'enum').map((a) => a.id), params.locale, fallback),
    queryWords ? rankedMatches(db, ctx.db.dialect, queryWords, params.locale) : Promise.resolve(null),
  ]);

  const filters: ResolvedFilters = {
    dialect: ctx.db.dialect,
    locale: params.locale,
    currency: params.currency,
    words: queryWords,
    matched,
    categoryId: params.category ? findCategory(categories, params.category)?.id ?? -1 : null,
    brandId,
    ...resolveAttributes(attributes, params.attributes ?? {}),
    minPrice: params.min_price ?? null,
    maxPrice: params.max_price ?? null,
    minRating: params.min_rating ?? null,
    inStock: params.in_stock === true,
    featured: params.featured === true,
  };
  const sort: SortKey = params.sort ?? (queryWords ? 'relevance' : 'newest');

  const [total, ids, facets] = await Promise.all([
    countMatches(db, filters),
    pageIds(db, filters, sort, page, perPage),
    params.facets === false ? noFacets(params.currency) : computeFacets({ db, filters, categories, attributes, options }),
  ]);
  const items = await loadProductCards(ctx, ids, { locale: params.locale, currency: params.currency });
  return { items, total, page, per_page: perPage, facets };
}

function noFacets(currency: string): Promise<Facets> {
  return Promise.resolve({ categories: [], brands: [], attributes: [], price: { currency, min: null, max: null, ranges: [] }, rating: [], in_stock: { count: 0 } });
}

/** Query words with their typo corrections, looked up in one query on the dictionary's deletion keys. */
async function parseQuery(db: Kysely<Database>, words: string[], locale: Locale): Promise<QueryWord[]> {
  const keys = new Set<string>();
  for (const w of words) for (const k of deletionKeys(w, maxTypoDistance(w))) keys.add(k);
  const candidates = await findTermCandidates(db, [...keys], locale);
  return expandWords(words, candidates);
}

function findCategory(categories: CategoryNode[], slug: string): CategoryNode | undefined {
  return categories.find((c) => c.slug === slug) ?? categories.find((c) => c.default_slug === slug);
}

const NUMBER = String.raw`-?\d+(?:\.\d+)?`;
const RANGE = new RegExp(`^(${NUMBER})?\\.\\.(${NUMBER})?$`);
const EXACT = new RegExp(`^${NUMBER}$`);

/** 'min..max' (either end optional) or an exact number. */
export function parseRange(value: string): NumberRange | null {
  const v = value.trim();
  if (EXACT.test(v)) return { min: Number(v), max: Number(v) };
  const m = RANGE.exec(v);
  if (!m) return null;
  return { min: m[1] === undefined ? null : Number(m[1]), max: m[2] === undefined ? null : Number(m[2]) };
}

function resolveAttributes(defs: AttributeDef[], requested: Record<string, string[]>): { attributes: AttributeFilter[]; impossible: boolean } {
  const attributes: AttributeFilter[] = [];
  let impossible = false;
  for (const [code, raw] of Object.entries(requested)) {
    const values = [...new Set(raw.map((v) => v.trim()).filter((v) => v !== ''))];
    if (values.length === 0) continue;
    const def = defs.find((d) => d.code === code);
    if (!def) {
      impossible = true;
      continue;
    }
    if (def.kind === 'number') {
      const ranges = values.map((v) => {
        const r = parseRange(v);
        if (!r) throw badRequest(`attr.${code} takes numbers or ranges like 10..20`, { attribute: code, value: v });
        return r;
      });
      attributes.push({ id: def.id, kind: def.kind, values, ranges });
    } else if (def.kind === 'boolean') {
      const bools = values.map((v) => {
        if (v === 'true' || v === '1') return 'true';
        if (v === 'false' || v === '0') return 'false';
        throw badRequest(`attr.${code} takes true or false`, { attribute: code, value: v });
      });
      attributes.push({ id: def.id, kind: def.kind, values: [...new Set(bools)], ranges: [] });
    } else {
      attributes.push({ id: def.id, kind: def.kind, values, ranges: [] });
    }
  }
  return { attributes, impossible };
}

async function countMatches(db: Kysely<Database>, f: ResolvedFilters): Promise<number> {
  const row = await db
    .selectFrom('search_products as sp')
    .where((eb) => conditions(eb, f))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of product ids in the requested order; ties are broken by product id so pages never overlap. */
async function pageIds(db: Kysely<Database>, f: ResolvedFilters, sort: SortKey, page: number, perPage: number): Promise<number[]> {
  const useRank = sort === 'relevance' && f.matched !== null;
  let q = db.selectFrom('search_products as sp').where((eb) => conditions(eb, f)).select('sp.product_id');
  const offset = (page - 1) * perPage;
  switch (useRank ? 'relevance' : sort === 'relevance' ? 'newest' : sort) {
    case 'relevance': {
      // The matches are already in relevance order: keep that order among the products the filters let through.
      const allowed = new Set((await q.execute()).map((r) => Number(r.product_id)));
      return f.matched!.filter((id) => allowed.has(id)).slice(offset, offset + perPage);
    }
    case 'price_asc':
    case 'price_desc': {
      const rows = await q
        .leftJoin('search_product_prices as spp', (j) => j.onRef('spp.product_id', '=', 'sp.product_id').on('spp.currency', '=', f.currency))
        .orderBy('spp.min_amount', (ob) => (sort === 'price_asc' ? ob.asc() : ob.desc()).nullsLast())
        .orderBy('sp.product_id').limit(perPage).offset(offset).execute();
      return rows.map((r) => r.product_id);
    }
    case 'rating':
      q = q.orderBy('sp.rating_avg', (ob) => ob.desc().nullsLast()).orderBy('sp.rating_count', 'desc').orderBy('sp.product_id');
      break;
    case 'bestselling':
      q = q.orderBy('sp.units_sold', 'desc').orderBy('sp.product_id');
      break;
    default:
      q = q.orderBy('sp.created_at', 'desc').orderBy('sp.product_id', 'desc');
  }
  const rows = await q.limit(perPage).offset(offset).execute();
  return rows.map((r) => r.product_id);
}
