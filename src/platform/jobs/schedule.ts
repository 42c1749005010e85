import { enqueueJob, type EnqueuedJob } from './enqueue.ts';
import type { JobDb } from './job-db.ts';

export interface Schedule {
  kind: string;
  intervalMs: number;
  payload?: unknown;
}

/** The start of the time slot `now` falls in, for a schedule repeating every intervalMs (aligned to the epoch). */
export function slotStart(intervalMs: number, now: number): number {
  return Math.floor(now / intervalMs) * intervalMs;
}

/**
 * Enqueues the current slot's run of a recurring job. The unique key names the slot, so every process that
 * runs this for the same slot creates one job between them, which one worker then runs once.
 */
export function enqueueScheduleSlot(target: JobDb, schedule: Schedule, now = Date.now()): Promise<EnqueuedJob> {
  const start = slotStart(schedule.intervalMs, now);
  return enqueueJob(target, schedule.kind, schedule.payload ?? null, {
    runAt: new Date(start),
    uniqueKey: `every:${schedule.kind}:${schedule.intervalMs}:${start}`,
    maxAttempts: 3,
  });
}
