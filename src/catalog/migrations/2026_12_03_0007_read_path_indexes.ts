import type { Kysely } from 'kysely';

// Two lookups that scanned whole tables at 100k products (measured in docs/benchmarks.md):
// - the currencies the catalogue is priced in (the currency switcher) walk this index one currency at a time;
// - "similar products" starts from the products of the same primary category.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('variant_prices_currency').on('variant_prices').column('currency').execute();
  await db.schema.createIndex('products_primary_category').on('products').column('primary_category_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('products_primary_category').execute();
  await db.schema.dropIndex('variant_prices_currency').execute();
}
