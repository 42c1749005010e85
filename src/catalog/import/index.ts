// Bulk import: whole products and the taxonomy they refer to, by code.
export { importProducts, prepareProducts, writeProductDetails, type ImportOptions, type PreparedProducts, type DetailOptions, type LocaleSlugs } from './import-products.ts';
export { importTaxonomy, TaxonomyInput, CategoryInput, BrandInput, AttributeInput, ProductTypeInput, CollectionInput, type TaxonomyResult } from './import-taxonomy.ts';
export { slugify, SlugAllocator } from './slugs.ts';
