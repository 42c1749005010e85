import type { Generated } from 'kysely';

/** queued → running → done; a failure goes back to queued with a later run_at, or to failed after max_attempts. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  /** JSON text: the same representation on both databases. */
  payload: string;
  status: Generated<JobStatus>;
  run_at: string;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  /** The lease: while status is running and locked_until is in the future, the worker locked_by owns the job. */
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  /** Enqueueing twice with the same key creates one job (idempotent enqueue, schedule slots). */
  unique_key: string | null;
  created_at: Generated<string>;
  finished_at: string | null;
}

export interface JobTables {
  jobs: JobsTable;
}
