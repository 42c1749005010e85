// The job worker: polls the jobs table, runs due jobs with their handler, retries failures with backoff.
import crypto from 'node:crypto';
import os from 'node:os';
import type { AppContext } from '../context.ts';
import { retryDelayMs } from './backoff.ts';
import { claimJobs, completeJob, extendLease, failExpiredLeases, failJob, type JobRow } from './claim.ts';
import { enqueueScheduleSlot, slotStart, type Schedule } from './schedule.ts';

/** What a handler learns about the run besides its payload. */
export interface JobRun {
  id: number;
  kind: string;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
  isLastAttempt: boolean;
}

/** Runs one job. Throwing retries it later (until max attempts); PermanentJobError fails it at once. */
export type JobHandler = (payload: any, run: JobRun) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

/** A failure that no retry can fix (the thing the job is about is gone, the payload is invalid). */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export interface WorkerOptions {
  /** How often to look for due jobs when idle (default 1000 ms). */
  pollMs?: number;
  /** Jobs run at the same time by this worker (default 4). */
  concurrency?: number;
  /** How long a claimed job stays owned without a heartbeat (default 60 s); renewed every third of it. */
  leaseMs?: number;
  /** First retry delay (default 10 s), doubled per attempt up to retryMaxMs (default 6 h), with jitter. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  workerId?: string;
  /** Recurring jobs this worker enqueues, one per time slot across all processes. */
  schedules?: Schedule[];
}

export interface JobWorker {
  readonly id: string;
  /** Adds a recurring job: `kind` runs once per `intervalMs` slot, whatever the number of processes. */
  scheduleEvery(kind: string, intervalMs: number, payload?: unknown): void;
  /** Stops claiming and waits for the jobs in progress to finish. */
  stop(): Promise<void>;
}

export function startJobWorker(ctx: AppContext, handlers: JobHandlers, options: WorkerOptions = {}): JobWorker {
  const pollMs = options.pollMs ?? 1000;
  const concurrency = options.concurrency ?? 4;
  const leaseMs = options.leaseMs ?? 60_000;
  const retryBaseMs = options.retryBaseMs ?? 10_000;
  const retryMaxMs = options.retryMaxMs ?? 6 * 3600_000;
  const id = options.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  const kinds = Object.keys(handlers);
  const schedules: Schedule[] = [...(options.schedules ?? [])];
  const lastSlot = new Map<Schedule, number>();
  const running = new Set<Promise<void>>();
  const db = ctx.db.kysely;
  let stopped = false;
  let ticking = false;
  let again = false;
  let timer: NodeJS.Timeout | null = null;

  async function enqueueSchedules() {
    const now = Date.now();
    for (const schedule of schedules) {
      const slot = slotStart(schedule.intervalMs, now);
      if (lastSlot.get(schedule) === slot) continue; // this process already enqueued this slot
      await enqueueScheduleSlot(db, schedule, now);
      lastSlot.set(schedule, slot);
    }
  }

  async function execute(job: JobRow) {
    const run: JobRun = { id: job.id, kind: job.kind, attempt: job.attempts, maxAttempts: job.max_attempts, isLastAttempt: job.attempts >= job.max_attempts };
    // The heartbeat keeps the lease alive while the handler works, so only a dead or hung worker loses its jobs.
    const heartbeat = setInterval(() => {
      extendLease(db, job, id, leaseMs).catch((err) => ctx.log.warn({ err, jobId: job.id }, 'job lease renewal failed'));
    }, Math.max(50, Math.floor(leaseMs / 3)));
    try {
      await handlers[job.kind](JSON.parse(job.payload), run);
      clearInterval(heartbeat);
      if (!(await completeJob(db, job, id))) ctx.log.warn({ jobId: job.id, kind: job.kind }, 'job finished after its lease was taken over');
    } catch (err) {
      clearInterval(heartbeat);
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      const permanent = err instanceof PermanentJobError;
      const retryAt = permanent || run.isLastAttempt ? null : new Date(Date.now() + retryDelayMs(run.attempt, retryBaseMs, retryMaxMs));
      ctx.log[retryAt ? 'warn' : 'error']({ jobId: job.id, kind: job.kind, attempt: run.attempt, err }, retryAt ? 'job failed, will retry' : 'job failed for good');
      await failJob(db, job, id, message, retryAt);
    }
  }

  async function tick() {
    if (ticking) {
      again = true;
      return;
    }
    ticking = true;
    try {
      do {
        again = false;
        if (stopped) break;
        await enqueueSchedules();
        const free = concurrency - running.size;
        if (free <= 0) break;
        await failExpiredLeases(db);
        const jobs = await claimJobs(db, ctx.db.dialect, { workerId: id, kinds, limit: free, leaseMs });
        for (const job of jobs) {
          const p: Promise<void> = execute(job)
            .catch((err) => ctx.log.error({ err, jobId: job.id }, 'job bookkeeping failed'))
            .finally(() => {
              running.delete(p);
              if (!stopped) void tick(); // a slot is free: look for more work now rather than at the next poll
            });
          running.add(p);
        }
        if (jobs.length === free) again = true; // there may be more due jobs waiting
      } while (again && !stopped);
    } catch (err) {
      ctx.log.error({ err }, 'job worker poll failed');
    } finally {
      ticking = false;
    }
  }

  function loop() {
    if (stopped) return;
    void tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, pollMs);
    });
  }
  loop();

  return {
    id,
    scheduleEvery(kind, intervalMs, payload) {
      if (!handlers[kind]) throw new Error(`scheduleEvery: no handler for job kind "${kind}"`);
      if (!Number.isInteger(intervalMs) || intervalMs < 1) throw new Error('scheduleEvery: intervalMs must be a positive integer');
      schedules.push({ kind, intervalMs, payload });
      void tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      while (ticking) await new Promise((resolve) => setTimeout(resolve, 5));
      await Promise.all([...running]);
    },
  };
}

/**
 * Runs due jobs in this process until none is left (retries scheduled later are left alone). For tests and for
 * commands that must finish their queued work before exiting. Gives up with an error after timeoutMs.
 */
export async function runJobsUntilIdle(
  ctx: AppContext,
  handlers: JobHandlers,
  options: Omit<WorkerOptions, 'pollMs' | 'schedules'> & { timeoutMs?: number } = {},
): Promise<void> {
  const worker = startJobWorker(ctx, handlers, { ...options, pollMs: 20 });
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  try {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const busy = await ctx.db.kysely
        .selectFrom('jobs')
        .select('id')
        .where('kind', 'in', Object.keys(handlers))
        .where((eb) => eb.or([eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', new Date().toISOString())]), eb('status', '=', 'running')]))
        .limit(1)
        .executeTakeFirst();
      if (!busy) return;
      if (Date.now() > deadline) throw new Error('runJobsUntilIdle: jobs still due or running after the timeout');
    }
  } finally {
    await worker.stop();
  }
}
