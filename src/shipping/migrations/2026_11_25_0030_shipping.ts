import type { Kysely } from 'kysely';
import { oneOf, withId } from '../../platform/db/migration-helpers.ts';

// Where the shop delivers, how, at what price, and the warehouse calendar that dates each delivery.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('shipping_carriers'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tracking_url_template', 'text')
    .execute();
  await withId(db, db.schema.createTable('shipping_zones'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    // Comma-separated lists: ISO countries; optional regions (provinces, states); optional postal-code prefixes.
    .addColumn('countries', 'text', (c) => c.notNull())
    .addColumn('regions', 'text')
    .addColumn('postal_prefixes', 'text')
    .execute();
  await withId(db, db.schema.createTable('shipping_methods'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('zone_id', 'integer', (c) => c.notNull().references('shipping_zones.id').onDelete('cascade'))
    .addColumn('carrier_id', 'integer', (c) => c.references('shipping_carriers.id').onDelete('set null'))
    .addColumn('names', 'text', (c) => c.notNull())
    .addColumn('rate_type', 'text', (c) => c.notNull().check(oneOf('rate_type', ['flat', 'weight_bands', 'subtotal_bands'])))
    .addColumn('rates', 'text', (c) => c.notNull())
    .addColumn('free_above', 'text')
    .addColumn('transit_min', 'integer', (c) => c.notNull())
    .addColumn('transit_max', 'integer', (c) => c.notNull())
    .addColumn('delivery_days', 'text', (c) => c.notNull().defaultTo('1,2,3,4,5,6'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createTable('shipping_calendar')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('cutoff', 'text', (c) => c.notNull())
    .addColumn('processing_days', 'integer', (c) => c.notNull())
    .addColumn('working_days', 'text', (c) => c.notNull())
    .addColumn('holidays', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['shipping_calendar', 'shipping_methods', 'shipping_zones', 'shipping_carriers']) await db.schema.dropTable(t).execute();
}
