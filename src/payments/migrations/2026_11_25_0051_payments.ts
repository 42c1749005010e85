import type { Kysely } from 'kysely';
import { nowDefault, oneOf, timestampType, withId } from '../../platform/db/migration-helpers.ts';

const METHODS = ['cod', 'bank_transfer', 'qr', 'card'];

// Which payment methods the shop offers (with their settings: bank accounts, QR ids) and each order's payment.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  await db.schema.createTable('payment_methods')
    .addColumn('method', 'text', (c) => c.primaryKey().check(oneOf('method', METHODS)))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await withId(db, db.schema.createTable('payments'))
    .addColumn('order_id', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(oneOf('method', METHODS)))
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', ['pending', 'authorized', 'paid', 'refunded', 'failed'])))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('instructions', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(nowDefault(db)))
    .execute();
  await db.schema.createIndex('payments_order_idx').on('payments').column('order_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('payments').execute();
  await db.schema.dropTable('payment_methods').execute();
}
