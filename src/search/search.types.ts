import type { CurrencyCode, Locale } from '../platform/config.ts';
import type { ProductCard } from '../catalog/index.ts';

export const SORT_KEYS = ['relevance', 'price_asc', 'price_desc', 'rating', 'newest', 'bestselling'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface SearchParams {
  q?: string;
  /** Category slug in `locale` (the default locale's slug also works); includes the category's subtree. */
  category?: string;
  /** Brand slug. */
  brand?: string;
  /** Attribute code → accepted values: enum option codes, 'true'/'false', or 'min..max' (either end optional) / an exact number. */
  attributes?: Record<string, string[]>;
  /** Integer minor units of `currency`, compared with the product's lowest price. */
  min_price?: number;
  max_price?: number;
  min_rating?: number;
  /** true: only products with at least one variant in stock; false or absent: no filter. */
  in_stock?: boolean;
  /** true: only featured products; false or absent: no filter. */
  featured?: boolean;
  sort?: SortKey;
  page?: number;
  per_page?: number;
  /** false: skip counting facets (a page that shows none, such as the home page). */
  facets?: boolean;
  locale: Locale;
  currency: CurrencyCode;
}

export interface FacetValue { value: string; label: string; count: number; selected: boolean }

export interface Facets {
  categories: FacetValue[];
  brands: FacetValue[];
  attributes: Array<{ code: string; name: string; kind: 'enum' | 'boolean' | 'number'; unit: string | null; values: FacetValue[] }>;
  price: { currency: string; min: number | null; max: number | null; ranges: Array<{ min: number; max: number | null; count: number }> };
  rating: Array<{ min: number; count: number }>;
  in_stock: { count: number };
}

export interface SearchResult { items: ProductCard[]; total: number; page: number; per_page: number; facets: Facets }
