// The queue's state transitions, each one conditional SQL statement so that several workers — threads of one
// process or separate processes — agree on who owns a job without any coordination besides the database.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { JobsTable } from './jobs.table.ts';
import { iso } from './job-db.ts';

export type JobRow = Selectable<JobsTable>;

export interface ClaimOptions {
  workerId: string;
  kinds: string[];
  limit: number;
  leaseMs: number;
  now?: Date;
}

/**
 * Takes up to `limit` due jobs and marks them running for this worker until now + leaseMs. Due means queued with
 * run_at reached, or running with an expired lease (its worker died or hung) and attempts left.
 *
 * PostgreSQL: the inner SELECT locks the candidate rows FOR UPDATE SKIP LOCKED, so concurrent workers each get
 * different rows without waiting on one another; the UPDATE then owns exactly what it locked.
 * SQLite: there is no row locking, but a writing statement takes the database's single write lock before it
 * reads anything, so the whole UPDATE … WHERE id IN (SELECT …) runs as one atomic step: a second worker (another
 * connection or process) waits on busy_timeout and then sees the rows already running with a live lease. The
 * outer WHERE repeats the due condition, so a row can only be claimed in the state the subquery saw.
 */
export async function claimJobs(db: Kysely<Database>, dialect: Dialect, options: ClaimOptions): Promise<JobRow[]> {
  if (options.kinds.length === 0 || options.limit < 1) return [];
  const now = iso(options.now ?? new Date());
  const lockedUntil = iso((options.now ?? new Date()).getTime() + options.leaseMs);
  const due = (eb: any) =>
    eb.or([
      eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
      eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now), eb('attempts', '<', eb.ref('max_attempts'))]),
    ]);
  const candidates = db
    .selectFrom('jobs')
    .select('id')
    .where('kind', 'in', options.kinds)
    .where(due)
    .orderBy('run_at')
    .orderBy('id')
    .limit(options.limit)
    .$if(dialect === 'postgres', (qb) => qb.forUpdate().skipLocked());
  return db
    .updateTable('jobs')
    .set({ status: 'running', locked_by: options.workerId, locked_until: lockedUntil, attempts: sql<number>`attempts + 1` })
    .where('id', 'in', candidates)
    .where(due)
    .returningAll()
    .execute();
}

/** Running jobs whose lease expired after their last attempt are dead: mark them failed. Returns how many. */
export async function failExpiredLeases(db: Kysely<Database>, now = new Date()): Promise<number> {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'failed', last_error: 'lease expired during the last attempt (worker stopped or crashed)', finished_at: iso(now), locked_until: null })
    .where('status', '=', 'running')
    .where('locked_until', '<', iso(now))
    .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Extends the lease of a job this worker still owns; false when it lost it (another worker took over). */
export async function extendLease(db: Kysely<Database>, job: JobRow, workerId: string, leaseMs: number): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ locked_until: iso(Date.now() + leaseMs) })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('attempts', '=', job.attempts)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks a job done, if this worker still owns this attempt. */
export async function completeJob(db: Kysely<Database>, job: JobRow, workerId: string): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: iso(new Date()), locked_until: null, last_error: null })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('attempts', '=', job.attempts)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Puts a failed attempt back in the queue at `retryAt`, or marks the job failed when retryAt is null. */
export async function failJob(db: Kysely<Database>, job: JobRow, workerId: string, error: string, retryAt: Date | null): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set(
      retryAt
        ? { status: 'queued', run_at: iso(retryAt), last_error: error.slice(0, 2000), locked_by: null, locked_until: null }
        : { status: 'failed', finished_at: iso(new Date()), last_error: error.slice(0, 2000), locked_until: null },
    )
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .where('attempts', '=', job.attempts)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
