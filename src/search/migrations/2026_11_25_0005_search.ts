import { sql, type Kysely } from 'kysely';
import { isPostgres, timestampType } from '../../platform/db/migration-helpers.ts';

// The search read model: a projection of catalogue data shaped for filtering, faceting and sorting 100k products.
// Rebuilt from the catalogue at any time (`pasar search:rebuild` / rebuildSearchIndex), so it holds no source data.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('search_products')
    .addColumn('product_id', 'integer', (c) => c.primaryKey())
    .addColumn('brand_id', 'integer')
    .addColumn('featured', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('in_stock', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('rating_avg', 'double precision')
    .addColumn('rating_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('units_sold', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', timestampType(db), (c) => c.notNull())
    .execute();
  // Sort orders with the id tie-breaker, and the filters that narrow the set most.
  await db.schema.createIndex('search_products_created').on('search_products').columns(['created_at', 'product_id']).execute();
  await db.schema.createIndex('search_products_rating').on('search_products').columns(['rating_avg', 'rating_count', 'product_id']).execute();
  await db.schema.createIndex('search_products_sold').on('search_products').columns(['units_sold', 'product_id']).execute();
  await db.schema.createIndex('search_products_brand').on('search_products').columns(['brand_id', 'product_id']).execute();

  await db.schema.createTable('search_product_prices')
    .addColumn('product_id', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('min_amount', 'bigint', (c) => c.notNull())
    .addColumn('max_amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_product_prices_pk', ['product_id', 'currency'])
    .execute();
  // No (currency, min_amount) index on purpose: price filters are per-product probes through the primary key, and
  // SQLite would otherwise pick that index and scan a whole price range for each candidate product.

  await db.schema.createTable('search_product_categories')
    .addColumn('product_id', 'integer', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_product_categories_pk', ['category_id', 'product_id'])
    .execute();
  await db.schema.createIndex('search_product_categories_product').on('search_product_categories').columns(['product_id', 'category_id']).execute();

  await db.schema.createTable('search_product_attributes')
    .addColumn('product_id', 'integer', (c) => c.notNull())
    .addColumn('attribute_id', 'integer', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('number_value', 'double precision')
    .addPrimaryKeyConstraint('search_product_attributes_pk', ['attribute_id', 'value', 'product_id'])
    .execute();
  await db.schema.createIndex('search_product_attributes_product').on('search_product_attributes').columns(['product_id', 'attribute_id']).execute();
  await db.schema.createIndex('search_product_attributes_number').on('search_product_attributes').columns(['attribute_id', 'number_value']).execute();

  // Typo dictionary: which words each locale's documents use, and (shared by all locales) their deletion keys.
  await db.schema.createTable('search_terms')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('generation', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_terms_pk', ['term', 'locale'])
    .execute();
  await db.schema.createIndex('search_terms_generation').on('search_terms').column('generation').execute();
  await db.schema.createTable('search_term_keys')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_term_keys_pk', ['key', 'term'])
    .execute();
  await db.schema.createIndex('search_term_keys_term').on('search_term_keys').column('term').execute();

  // Full text, one document per (product, locale). Text is pre-segmented by the indexer (Thai has no spaces).
  if (isPostgres(db)) {
    await db.schema.createTable('search_documents')
      .addColumn('product_id', 'integer', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      .addPrimaryKeyConstraint('search_documents_pk', ['product_id', 'locale'])
      .execute();
    await sql`create index search_documents_document on search_documents using gin (document)`.execute(db);
  } else {
    // rowid = product_id * 8 + locale index, so a product's documents are deleted by rowid range.
    await sql`create virtual table search_documents using fts5(
      product_id unindexed, locale unindexed, name, brand, keywords, attrs, body,
      tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
    )`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'search_documents', 'search_term_keys', 'search_terms', 'search_product_attributes', 'search_product_categories',
    'search_product_prices', 'search_products',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
