// Row types of the search read model (see migrations/2026_11_25_0005_search.ts and indexer.ts).
// Only visible (status 'active') products have rows. The full-text table `search_documents` is dialect specific
// (an FTS5 virtual table on SQLite, a tsvector table on PostgreSQL) and is only queried through fulltext.ts.

export interface SearchProductsTable {
  product_id: number;
  brand_id: number | null;
  featured: number;
  in_stock: number;
  /** Average of approved buyer reviews; null without reviews. */
  rating_avg: number | null;
  rating_count: number;
  units_sold: number;
  created_at: string;
}

/** Lowest and highest variant price per currency. */
export interface SearchProductPricesTable { product_id: number; currency: string; min_amount: number; max_amount: number }

/** A product is a member of each category it is assigned to and of all their ancestors. */
export interface SearchProductCategoriesTable { product_id: number; category_id: number }

/**
 * One row per filterable attribute value of a product (product- or variant-level):
 * enum → option code, boolean → 'true' | 'false', number → the number as text plus number_value.
 */
export interface SearchProductAttributesTable { product_id: number; attribute_id: number; value: string; number_value: number | null }

/** Per-locale dictionary of indexed words (names, brands, keywords, attribute labels) for typo correction. */
export interface SearchTermsTable { locale: string; term: string; generation: number }

/** Symmetric-delete keys: each dictionary term under itself and every string made by deleting 1 (or 2) letters. */
export interface SearchTermKeysTable { key: string; term: string }

export interface SearchTables {
  search_products: SearchProductsTable;
  search_product_prices: SearchProductPricesTable;
  search_product_categories: SearchProductCategoriesTable;
  search_product_attributes: SearchProductAttributesTable;
  search_terms: SearchTermsTable;
  search_term_keys: SearchTermKeysTable;
}
