import { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/database.ts';

/**
 * Where a job call runs: a context (its own connection) or a Kysely handle — including a Transaction, so that an
 * order and its confirmation email commit or roll back together.
 */
export type JobDb = Kysely<Database> | { db: Db };

export function kyselyOf(target: JobDb): Kysely<Database> {
  return target instanceof Kysely ? target : target.db.kysely;
}

/** Job timestamps are ISO-8601 UTC strings on both databases (timestamptz on PostgreSQL parses back to one). */
export function iso(date: Date | string | number): string {
  return new Date(date).toISOString();
}
