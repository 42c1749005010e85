import type { Kysely } from 'kysely';

// A product page looks its slug up in every language at once (a shared link may carry another language's slug);
// the unique (locale, slug) index cannot serve that, so the lookup scanned every translation.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('product_translations_slug_idx').on('product_translations').column('slug').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('product_translations_slug_idx').execute();
}
