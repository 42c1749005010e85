// The product set the search tests share, plus a brute-force model of what any search over it must return.
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import type { SearchParams } from './search.types.ts';
import { createTaxonomy, insertProduct, type FixtureProduct, type Taxonomy } from './test-fixtures.ts';

export const PARENTS: Record<string, string | null> = { food: null, coffee: 'food', arabica: 'coffee', tea: 'food', crafts: null, batik: 'crafts' };

export const PRODUCTS: Record<string, FixtureProduct> = {
  sumatera: {
    text: {
      en: { name: 'Sumatera Mandheling Coffee', keywords: 'single origin', description: 'Earthy and heavy bodied.' },
      id: { name: 'Kopi Sumatera Mandailing', keywords: 'kopi arabika' },
      es: { name: 'Café de Sumatra' },
    },
    brand: 'kopi-nusantara', categories: ['arabica'],
    variants: [{ prices: { IDR: 85000, USD: 650 }, compareAt: { IDR: 100000 }, stock: 10 }, { prices: { IDR: 120000, USD: 900 }, stock: 0 }],
    attributes: { origin: 'sumatra', roast: 'dark', organic: true, weight: 250, notes: 'cedar and cocoa' },
    reviews: [5, 4], hiddenReviews: [1], unitsSold: 50, createdAt: '2026-03-01T00:00:00.000Z',
    image: { key: 'products/sumatera.jpg', alt: { en: 'A bag of Sumatera coffee' } },
  },
  java: {
    text: { en: { name: 'Java Estate Coffee' }, id: { name: 'Kopi Jawa Estate' } },
    brand: 'kopi-nusantara', categories: ['coffee'],
    variants: [{ prices: { IDR: 150000 }, stock: 0 }],
    attributes: { origin: 'java', roast: 'light', organic: false, weight: 500 },
    reviews: [3], unitsSold: 10, createdAt: '2026-02-01T00:00:00.000Z',
  },
  aceh: {
    text: { en: { name: 'Aceh Gayo Espresso Beans', keywords: 'coffee beans' } },
    brand: 'kopi-nusantara', categories: ['arabica'], featured: true,
    variants: [{ prices: { IDR: 240000, USD: 1500 } }],
    attributes: { origin: 'aceh', roast: 'dark', organic: true, weight: 1000 },
    unitsSold: 100, createdAt: '2026-01-15T00:00:00.000Z',
  },
  jasmine: {
    text: {
      en: { name: 'Thai Jasmine Green Tea', description: 'Loose leaf tea from the north.' },
      th: { name: 'ชาเขียวมะลิ', description: 'ชาเขียวจากเชียงราย' },
    },
    brand: 'siam-tea', categories: ['tea'],
    variants: [{ prices: { IDR: 45000, THB: 12000 }, stock: 2 }],
    attributes: { origin: 'chiang-rai', organic: true, weight: 100 },
    reviews: [4, 4, 5], unitsSold: 50, createdAt: '2026-03-05T00:00:00.000Z',
  },
  batik: {
    text: { en: { name: 'Batik Tulis Scarf' }, id: { name: 'Selendang Batik Tulis' }, es: { name: 'Bufanda de batik' } },
    brand: 'tenun', categories: ['batik'],
    variants: [{ prices: { IDR: 350000, USD: 2500 } }, { prices: { IDR: 350000, USD: 2500 } }],
    reviews: [2], unitsSold: 5, createdAt: '2026-02-20T00:00:00.000Z',
  },
  coldbrew: {
    text: { en: { name: 'Cold Brew Concentrate', description: 'Great for espresso lovers who like it cold.' } },
    categories: ['coffee'],
    variants: [{ prices: { USD: 1200 } }],
    attributes: { weight: 250 },
    createdAt: '2025-12-01T00:00:00.000Z',
  },
  secret: {
    text: { en: { name: 'Secret Coffee Blend' } },
    status: 'draft', brand: 'kopi-nusantara', categories: ['coffee'],
    variants: [{ prices: { IDR: 99000 } }],
    attributes: { origin: 'java', organic: true },
  },
};

export interface Fixture { tax: Taxonomy; ids: Record<string, number>; byId: Map<number, FixtureProduct> }

export async function seedFixtures(db: Kysely<Database>): Promise<Fixture> {
  const tax = await createTaxonomy(db);
  const ids: Record<string, number> = {};
  const byId = new Map<number, FixtureProduct>();
  for (const [key, p] of Object.entries(PRODUCTS)) {
    ids[key] = await insertProduct(db, tax, p);
    byId.set(ids[key], p);
  }
  return { tax, ids, byId };
}

// ---- brute force ----

export function memberships(p: FixtureProduct): Set<string> {
  const out = new Set<string>();
  for (let c of p.categories ?? []) {
    for (let cur: string | null = c; cur; cur = PARENTS[cur]) out.add(cur);
  }
  return out;
}

export function minPrice(p: FixtureProduct, currency: string): number | null {
  const amounts = (p.variants ?? []).map((v) => v.prices[currency]).filter((a): a is number => a !== undefined);
  return amounts.length ? Math.min(...amounts) : null;
}

export function ratingAvg(p: FixtureProduct): number | null {
  const r = p.reviews ?? [];
  return r.length ? r.reduce((a, b) => a + b, 0) / r.length : null;
}

export function inStock(p: FixtureProduct): boolean {
  return (p.variants ?? []).some((v) => v.stock === undefined || v.stock > 0);
}

export function attributeValues(p: FixtureProduct, code: string): string[] {
  const v = p.attributes?.[code];
  if (v === undefined) return [];
  if (typeof v === 'boolean') return [String(v)];
  if (typeof v === 'number') return [String(v)];
  return [v].flat().map(String);
}

const CATEGORY_SLUGS: Record<string, string> = { food: 'food', coffee: 'coffee', arabica: 'arabica', tea: 'tea', crafts: 'crafts', batik: 'batik' };
const BRAND_SLUGS = ['kopi-nusantara', 'siam-tea', 'tenun'];

type Except = 'category' | 'brand' | 'price' | 'rating' | 'in_stock' | `attr:${string}` | null;

/** Whether a product passes every filter of `params` except `except` (no text query). */
export function passes(p: FixtureProduct, params: SearchParams, except: Except = null): boolean {
  if ((p.status ?? 'active') !== 'active') return false;
  if (params.category && except !== 'category' && !memberships(p).has(params.category)) return false;
  if (params.brand && except !== 'brand' && p.brand !== params.brand) return false;
  for (const [code, values] of Object.entries(params.attributes ?? {})) {
    if (except === `attr:${code}`) continue;
    const have = attributeValues(p, code);
    const ok = values.some((v) => {
      if (v.includes('..')) {
        const [lo, hi] = v.split('..');
        return have.some((h) => (lo === '' || Number(h) >= Number(lo)) && (hi === '' || Number(h) <= Number(hi)));
      }
      return have.includes(v);
    });
    if (!ok) return false;
  }
  if ((params.min_price !== undefined || params.max_price !== undefined) && except !== 'price') {
    const m = minPrice(p, params.currency);
    if (m === null) return false;
    if (params.min_price !== undefined && m < params.min_price) return false;
    if (params.max_price !== undefined && m > params.max_price) return false;
  }
  if (params.min_rating !== undefined && except !== 'rating') {
    const r = ratingAvg(p);
    if (r === null || r < params.min_rating) return false;
  }
  if (params.in_stock && except !== 'in_stock' && !inStock(p)) return false;
  if (params.featured && !p.featured) return false;
  return true;
}

/** The facet counts any correct implementation must give for `params` (categories as listed by the service). */
export function expectedFacets(products: FixtureProduct[], params: SearchParams) {
  const count = (except: Except, pred: (p: FixtureProduct) => boolean) => products.filter((p) => passes(p, params, except) && pred(p)).length;
  const brands = Object.fromEntries(BRAND_SLUGS.map((b) => [b, count('brand', (p) => p.brand === b)]).filter(([b, n]) => Number(n) > 0 || brandSelected(params, String(b))));
  const listedCategories = params.category
    ? Object.keys(PARENTS).filter((c) => c === params.category || PARENTS[c] === params.category)
    : Object.keys(PARENTS).filter((c) => PARENTS[c] === null);
  const categories = Object.fromEntries(
    listedCategories.map((c) => [CATEGORY_SLUGS[c], count('category', (p) => memberships(p).has(c))]).filter(([c, n]) => Number(n) > 0 || c === params.category),
  );
  const attributes: Record<string, Record<string, number>> = {};
  for (const code of ['origin', 'roast', 'organic', 'weight']) {
    const counts: Record<string, number> = {};
    for (const p of products) {
      if (!passes(p, params, `attr:${code}`)) continue;
      for (const v of new Set(attributeValues(p, code))) counts[v] = (counts[v] ?? 0) + 1;
    }
    attributes[code] = counts;
  }
  const prices = products.filter((p) => passes(p, params, 'price')).map((p) => minPrice(p, params.currency)).filter((m): m is number => m !== null);
  const rating = [4, 3, 2, 1].map((n) => ({ min: n, count: count('rating', (p) => (ratingAvg(p) ?? 0) >= n) }));
  return {
    brands,
    categories,
    attributes,
    price: { min: prices.length ? Math.min(...prices) : null, max: prices.length ? Math.max(...prices) : null, prices },
    rating,
    in_stock: count('in_stock', inStock),
  };
}

function brandSelected(params: SearchParams, brand: string) {
  return params.brand === brand;
}
