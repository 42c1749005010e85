import { kyselyOf, iso, type JobDb } from './job-db.ts';

export interface EnqueueOptions {
  /** Not before this time (default: now). */
  runAt?: Date | string;
  /** Attempts before the job is marked failed (default 5, 1–100). */
  maxAttempts?: number;
  /** A second enqueue with the same key creates nothing and returns the first job. */
  uniqueKey?: string;
}

export interface EnqueuedJob {
  id: number;
  /** False when a job with the same uniqueKey already existed. */
  created: boolean;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Adds a job to the durable queue. Pass the caller's transaction to make the job part of its write: the job exists
 * only if that transaction commits. The payload is stored as JSON and handed to the handler as parsed.
 */
export async function enqueueJob(target: JobDb, kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<EnqueuedJob> {
  if (!/^[a-z][a-z0-9_.:-]{0,99}$/.test(kind)) throw new Error(`enqueueJob: invalid job kind "${kind}"`);
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) throw new Error('enqueueJob: maxAttempts must be 1–100');
  const db = kyselyOf(target);
  const row = await db
    .insertInto('jobs')
    .values({
      kind,
      payload: JSON.stringify(payload ?? null),
      run_at: iso(options.runAt ?? Date.now()),
      max_attempts: maxAttempts,
      unique_key: options.uniqueKey ?? null,
      locked_until: null,
      locked_by: null,
      last_error: null,
      finished_at: null,
    })
    // Both databases treat NULL keys as distinct, so only keyed jobs can conflict. On PostgreSQL a concurrent
    // insert of the same key waits for the first transaction, then does nothing: no error aborts the caller's work.
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) return { id: row.id, created: true };
  const existing = await db.selectFrom('jobs').select('id').where('unique_key', '=', options.uniqueKey!).executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}
