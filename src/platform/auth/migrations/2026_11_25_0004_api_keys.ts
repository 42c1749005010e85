import type { Kysely } from 'kysely';
import { nowDefault, timestampType, withId } from '../../db/migration-helpers.ts';

// Admin API keys. Only a SHA-256 of the key is stored; the key itself is shown once, at creation.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('api_keys'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', timestampType(db), (c) => c.notNull().defaultTo(nowDefault(db)))
    .addColumn('expires_at', timestampType(db))
    .addColumn('revoked_at', timestampType(db))
    .addColumn('last_used_at', timestampType(db))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_keys').execute();
}
