// The durable job queue's public surface. Jobs live in the `jobs` table, so a restart loses none; see
// docs/decisions/0004-job-queue.md for why it is a small Kysely queue rather than a PostgreSQL-only library.
export { enqueueJob, DEFAULT_MAX_ATTEMPTS, type EnqueueOptions, type EnqueuedJob } from './enqueue.ts';
export { startJobWorker, runJobsUntilIdle, PermanentJobError, type JobHandler, type JobHandlers, type JobRun, type JobWorker, type WorkerOptions } from './worker.ts';
export { enqueueScheduleSlot, slotStart, type Schedule } from './schedule.ts';
export { pruneJobs } from './prune.ts';
export { retryDelayMs } from './backoff.ts';
export { kyselyOf, type JobDb } from './job-db.ts';
export type { JobStatus } from './jobs.table.ts';
