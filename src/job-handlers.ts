// Which job kinds the worker of `pasar start` runs, and the recurring jobs it schedules. A module that queues a new
// kind of job adds its handler here.
import type { AppContext } from './platform/context.ts';
import { pruneJobs, type JobHandlers, type Schedule } from './platform/jobs/index.ts';
import { MAIL_JOB, mailJobHandler } from './platform/mail/index.ts';
import { WEBHOOK_JOB, webhookJobHandler } from './webhooks/index.ts';
import { expireReservations } from './inventory/index.ts';
import { EXPIRE_UNPAID_JOB, expireUnpaidOrders } from './orders/index.ts';
import { ACCOUNT_MAIL_JOB, accountMailJobHandler } from './customers/index.ts';
import { STAFF_MAIL_JOB, staffMailJobHandler } from './staff/index.ts';
import { BACKUP_CHECK_INTERVAL_MS, BACKUP_JOB, backupJobHandler } from './platform/backup/index.ts';

export function jobHandlers(ctx: AppContext): JobHandlers {
  return {
    [MAIL_JOB]: mailJobHandler(ctx),
    [WEBHOOK_JOB]: webhookJobHandler(ctx),
    [ACCOUNT_MAIL_JOB]: accountMailJobHandler(ctx),
    [STAFF_MAIL_JOB]: staffMailJobHandler(ctx),
    'jobs.prune': async () => {
      await pruneJobs(ctx.db.kysely);
    },
    // Unpaid orders past their hold are cancelled (stock back, customer told); stray expired holds are released.
    [EXPIRE_UNPAID_JOB]: async () => {
      await expireUnpaidOrders(ctx);
      await expireReservations(ctx);
    },
    // A database backup when the BACKUP_SCHEDULE slot has none yet, then retention (BACKUP_SCHEDULE=off: nothing).
    [BACKUP_JOB]: backupJobHandler(ctx),
  };
}

export const jobSchedules: Schedule[] = [
  { kind: 'jobs.prune', intervalMs: 3600_000 },
  { kind: EXPIRE_UNPAID_JOB, intervalMs: 60_000 },
  { kind: BACKUP_JOB, intervalMs: BACKUP_CHECK_INTERVAL_MS },
];
