import type { Kysely } from 'kysely';
import { oneOf, timestampType } from '../../db/migration-helpers.ts';

// Sign-in sessions of staff and customers, in the database so every app process sees the same ones. `id` is a public
// random id (listing, revoking); only a SHA-256 of the bearer token is kept, so a leaked table signs nobody in.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  await db.schema
    .createTable('auth_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('subject', 'text', (c) => c.notNull().check(oneOf('subject', ['staff', 'customer'])))
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('revoked_at', ts)
    .execute();
  await db.schema.createIndex('auth_sessions_subject_idx').on('auth_sessions').columns(['subject', 'subject_id']).execute();
  await db.schema.createIndex('auth_sessions_expires_idx').on('auth_sessions').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('auth_sessions').execute();
}
