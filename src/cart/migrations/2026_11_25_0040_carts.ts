import type { Kysely } from 'kysely';
import { between, nowDefault, timestampType, withId } from '../../platform/db/migration-helpers.ts';

// Carts: guests hold theirs by an unguessable id (cookie or API client); members' carts carry the customer id.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  await db.schema.createTable('carts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'integer')
    .addColumn('email', 'text')
    .addColumn('shipping_address', 'text')
    .addColumn('shipping_option_id', 'text')
    .addColumn('completed_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(nowDefault(db)))
    .addColumn('updated_at', ts, (c) => c.notNull().defaultTo(nowDefault(db)))
    .execute();
  await db.schema.createIndex('carts_customer_idx').on('carts').column('customer_id').execute();
  await db.schema.createIndex('carts_updated_idx').on('carts').column('updated_at').execute();

  await withId(db, db.schema.createTable('cart_items'))
    .addColumn('cart_id', 'text', (c) => c.notNull().references('carts.id').onDelete('cascade'))
    .addColumn('variant_id', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(between('quantity', 1, 9999)))
    .addColumn('added_at', ts, (c) => c.notNull().defaultTo(nowDefault(db)))
    .addUniqueConstraint('cart_items_cart_variant_uq', ['cart_id', 'variant_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cart_items').execute();
  await db.schema.dropTable('carts').execute();
}
