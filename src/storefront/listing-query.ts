// The query string of a listing page (category or search), read leniently: a shopper's URL with an unknown sort key
// or a mangled number still shows products rather than an error. Values are capped in length and count.
import { SORT_KEYS, type SortKey } from '../search/index.ts';

export interface ListingQuery {
  q?: string;
  category?: string;
  brand?: string;
  attributes: Record<string, string[]>;
  min_price?: number;
  max_price?: number;
  min_rating?: number;
  in_stock?: boolean;
  featured?: boolean;
  sort?: SortKey;
  page: number;
}

const MAX_TEXT = 200;
const MAX_VALUES = 50;

type Raw = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? undefined : s.slice(0, MAX_TEXT);
};
const int = (v: string | undefined, max: number): number | undefined => {
  if (v === undefined || !/^\d{1,15}$/.test(v)) return undefined;
  const n = Number(v);
  return n <= max ? n : undefined;
};

export function parseListingQuery(raw: Raw): ListingQuery {
  const out: ListingQuery = { attributes: {}, page: int(first(raw.page), 10_000) ?? 1 };
  const q = first(raw.q)?.trim();
  if (q) out.q = q;
  out.category = first(raw.category);
  out.brand = first(raw.brand);
  // price=min..max from the price-range radios, or explicit min_price / max_price (minor units).
  const range = first(raw.price)?.match(/^(\d{0,15})\.\.(\d{0,15})$/);
  out.min_price = int(first(raw.min_price), 1e15) ?? (range?.[1] ? Number(range[1]) : undefined);
  out.max_price = int(first(raw.max_price), 1e15) ?? (range?.[2] ? Number(range[2]) : undefined);
  const rating = Number(first(raw.min_rating));
  if (Number.isFinite(rating) && rating > 0 && rating <= 5) out.min_rating = rating;
  if (first(raw.in_stock) === 'true') out.in_stock = true;
  if (first(raw.featured) === 'true') out.featured = true;
  const sort = first(raw.sort);
  if (sort && (SORT_KEYS as readonly string[]).includes(sort)) out.sort = sort as SortKey;
  for (const [key, value] of Object.entries(raw)) {
    if (!/^attr\.[a-z0-9][a-z0-9_-]{0,63}$/.test(key) || value === undefined) continue;
    const values = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).filter((v) => v !== '').slice(0, MAX_VALUES).map((v) => v.slice(0, MAX_TEXT));
    if (values.length > 0) out.attributes[key.slice(5)] = values;
  }
  return out;
}

/** The query as URL pairs, for links that keep the current filters (pagination, sort form, language links). */
export function listingPairs(q: ListingQuery, options: { withCategory: boolean }): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (q.q) pairs.push(['q', q.q]);
  if (options.withCategory && q.category) pairs.push(['category', q.category]);
  if (q.brand) pairs.push(['brand', q.brand]);
  for (const [code, values] of Object.entries(q.attributes)) for (const v of values) pairs.push([`attr.${code}`, v]);
  if (q.min_price !== undefined) pairs.push(['min_price', String(q.min_price)]);
  if (q.max_price !== undefined) pairs.push(['max_price', String(q.max_price)]);
  if (q.min_rating !== undefined) pairs.push(['min_rating', String(q.min_rating)]);
  if (q.in_stock) pairs.push(['in_stock', 'true']);
  if (q.featured) pairs.push(['featured', 'true']);
  if (q.sort) pairs.push(['sort', q.sort]);
  return pairs;
}

export function withPairs(path: string, pairs: Array<[string, string]>): string {
  const s = new URLSearchParams(pairs).toString();
  return s ? `${path}?${s}` : path;
}
