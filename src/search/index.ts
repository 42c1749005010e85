// The search module's public surface.
export { searchProducts } from './search.service.ts';
export { SORT_KEYS, type SortKey, type SearchParams, type FacetValue, type Facets, type SearchResult } from './search.types.ts';
export { reindexProducts, rebuildSearchIndex, removeFromIndex, type RebuildProgress } from './indexer.ts';
export { subscribe as subscribeSearch } from './subscribe.ts';
export { searchModule } from './http/products.routes.ts';
