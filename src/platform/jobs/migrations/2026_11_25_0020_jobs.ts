import type { Kysely } from 'kysely';
import { between, nowDefault, oneOf, timestampType, withId } from '../../db/migration-helpers.ts';

const STATUSES = ['queued', 'running', 'done', 'failed'] as const;

// The durable job queue: emails, webhook deliveries and scheduled work survive a restart.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  await withId(db, db.schema.createTable('jobs'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued').check(oneOf('status', STATUSES)))
    .addColumn('run_at', ts, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(5).check(between('max_attempts', 1, 100)))
    .addColumn('locked_until', ts)
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('unique_key', 'text', (c) => c.unique())
    .addColumn('created_at', ts, (c) => c.notNull().defaultTo(nowDefault(db)))
    .addColumn('finished_at', ts)
    .execute();
  // The worker's two questions: which queued jobs are due, which running jobs lost their lease.
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('jobs_lease_idx').on('jobs').columns(['status', 'locked_until']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
}
