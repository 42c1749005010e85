import type { Kysely } from 'kysely';
import { between, nowDefault, oneOf, timestampType, withId } from '../../platform/db/migration-helpers.ts';

export const MOVEMENT_REASONS = ['count', 'received', 'damaged', 'lost', 'correction', 'sale', 'return'] as const;
export const RESERVATION_STATUSES = ['active', 'released', 'committed', 'expired'] as const;

// The history of every change to stock on hand, and the holds checkout places on it.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  await withId(db, db.schema.createTable('stock_movements'))
    .addColumn('variant_id', 'integer', (c) => c.notNull())
    .addColumn('location_id', 'integer', (c) => c.notNull().references('stock_locations.id').onDelete('cascade'))
    .addColumn('delta', 'integer', (c) => c.notNull())
    .addColumn('on_hand_after', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(oneOf('reason', MOVEMENT_REASONS)))
    .addColumn('note', 'text')
    .addColumn('actor', 'text')
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(nowDefault(db)))
    .execute();
  await db.schema.createIndex('stock_movements_variant_idx').on('stock_movements').columns(['variant_id', 'id']).execute();

  await withId(db, db.schema.createTable('stock_reservations'))
    .addColumn('variant_id', 'integer', (c) => c.notNull())
    .addColumn('location_id', 'integer', (c) => c.references('stock_locations.id').onDelete('cascade'))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(between('quantity', 1, 1_000_000_000)))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(oneOf('status', RESERVATION_STATUSES)))
    .addColumn('expires_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(nowDefault(db)))
    .execute();
  await db.schema.createIndex('stock_reservations_reference_idx').on('stock_reservations').columns(['reference', 'status']).execute();
  await db.schema.createIndex('stock_reservations_expiry_idx').on('stock_reservations').columns(['status', 'expires_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stock_reservations').execute();
  await db.schema.dropTable('stock_movements').execute();
}
