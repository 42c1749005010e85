import type { Kysely } from 'kysely';
import { withId } from '../../platform/db/migration-helpers.ts';

// Stock per variant per location. Reservations, adjustments and their history arrive with checkout.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('stock_locations'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createTable('stock_levels')
    .addColumn('variant_id', 'integer', (c) => c.notNull())
    .addColumn('location_id', 'integer', (c) => c.notNull().references('stock_locations.id').onDelete('cascade'))
    .addColumn('on_hand', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('low_stock_threshold', 'integer', (c) => c.notNull().defaultTo(5))
    .addPrimaryKeyConstraint('stock_levels_pk', ['variant_id', 'location_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stock_levels').execute();
  await db.schema.dropTable('stock_locations').execute();
}
