// Bulk import: whole products and the taxonomy they refer to, by code.
export { importProducts, type ImportOptions } from './import-products.ts';
export { importTaxonomy, TaxonomyInput, type TaxonomyResult } from './import-taxonomy.ts';
export { slugify } from './slugs.ts';
