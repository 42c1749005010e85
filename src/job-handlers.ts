// Which job kinds the worker of `pasar start` runs, and the recurring jobs it schedules. A module that queues a new
// kind of job adds its handler here.
import type { AppContext } from './platform/context.ts';
import { pruneJobs, type JobHandlers, type Schedule } from './platform/jobs/index.ts';
import { MAIL_JOB, mailJobHandler } from './platform/mail/index.ts';
import { WEBHOOK_JOB, webhookJobHandler } from './webhooks/index.ts';
import { expireReservations } from './inventory/index.ts';
import { EXPIRE_UNPAID_JOB, expireUnpaidOrders } from './orders/index.ts';

export function jobHandlers(ctx: AppContext): JobHandlers {
  return {
    [MAIL_JOB]: mailJobHandler(ctx),
    [WEBHOOK_JOB]: webhookJobHandler(ctx),
    'jobs.prune': async () => {
      await pruneJobs(ctx.db.kysely);
    },
    // Unpaid orders past their hold are cancelled (stock back, customer told); stray expired holds are released.
    [EXPIRE_UNPAID_JOB]: async () => {
      await expireUnpaidOrders(ctx);
      await expireReservations(ctx);
    },
  };
}

export const jobSchedules: Schedule[] = [
  { kind: 'jobs.prune', intervalMs: 3600_000 },
  { kind: EXPIRE_UNPAID_JOB, intervalMs: 60_000 },
];
