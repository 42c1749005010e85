import type { Kysely } from 'kysely';
import { between } from '../../platform/db/migration-helpers.ts';

// Tax rates by country, optional region and product tax class; per country, whether shelf prices include tax.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('tax_countries')
    .addColumn('country', 'text', (c) => c.primaryKey())
    .addColumn('prices_include_tax', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('label', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createTable('tax_rates')
    .addColumn('country', 'text', (c) => c.notNull().references('tax_countries.country').onDelete('cascade'))
    .addColumn('region', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tax_class', 'text', (c) => c.notNull())
    .addColumn('rate_bp', 'integer', (c) => c.notNull().check(between('rate_bp', 0, 10000)))
    .addPrimaryKeyConstraint('tax_rates_pk', ['country', 'region', 'tax_class'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tax_rates').execute();
  await db.schema.dropTable('tax_countries').execute();
}
