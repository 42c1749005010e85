import type { Kysely } from 'kysely';
import { between, nowDefault, oneOf, timestampType, withId } from '../../platform/db/migration-helpers.ts';

// Customer accounts and what belongs to them: one-time tokens (email verification, password reset), the address
// book, the wishlist and requests to erase an account. Sessions live in the platform's sessions table.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  await withId(db, db.schema.createTable('customers'))
    // Stored lower-cased, so the unique index is case-insensitive on both databases.
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('birthday', 'text')
    // Null once the account is erased: nobody can sign in to it again.
    .addColumn('password_hash', 'text')
    .addColumn('email_verified_at', ts)
    .addColumn('preferred_locale', 'text')
    .addColumn('preferred_currency', 'text')
    .addColumn('marketing_consent', 'integer', (c) => c.notNull().defaultTo(0).check(between('marketing_consent', 0, 1)))
    .addColumn('marketing_consent_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(nowDefault(db)))
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(nowDefault(db)))
    .addColumn('erased_at', ts)
    .execute();
  await db.schema.createIndex('customers_created_idx').on('customers').column('created_at').execute();

  await withId(db, db.schema.createTable('customer_tokens'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['verify_email', 'reset_password'])))
    // SHA-256 of the token; the token itself is only ever in the email (derived again from the secret to send it).
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(nowDefault(db)))
    .execute();
  await db.schema.createIndex('customer_tokens_customer_idx').on('customer_tokens').columns(['customer_id', 'kind']).execute();

  await withId(db, db.schema.createTable('customer_addresses'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('line1', 'text', (c) => c.notNull())
    .addColumn('line2', 'text')
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('postal_code', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0).check(between('is_default', 0, 1)))
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(nowDefault(db)))
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(nowDefault(db)))
    .execute();
  await db.schema.createIndex('customer_addresses_customer_idx').on('customer_addresses').column('customer_id').execute();

  await withId(db, db.schema.createTable('wishlist_items'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('product_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(nowDefault(db)))
    .addUniqueConstraint('wishlist_items_customer_product_uq', ['customer_id', 'product_id'])
    .execute();

  await withId(db, db.schema.createTable('customer_erasure_requests'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(oneOf('status', ['pending', 'done', 'cancelled'])))
    .addColumn('note', 'text')
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(nowDefault(db)))
    .addColumn('processed_at', ts)
    .addColumn('processed_by', 'text')
    .execute();
  await db.schema.createIndex('customer_erasure_requests_status_idx').on('customer_erasure_requests').columns(['status', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['customer_erasure_requests', 'wishlist_items', 'customer_addresses', 'customer_tokens', 'customers']) {
    await db.schema.dropTable(t).execute();
  }
}
