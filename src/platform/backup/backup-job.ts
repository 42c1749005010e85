// The scheduled backup. The job worker runs this job every BACKUP_CHECK_INTERVAL_MS (one run per slot whatever the
// number of processes); it takes a backup when the current BACKUP_SCHEDULE slot has none yet, so a backup missed
// while the shop was down is taken soon after it comes back, then applies the retention policy.
import type { AppContext } from '../context.ts';
import type { JobHandler } from '../jobs/index.ts';
import type { BackupSchedule } from './backup-config.ts';
import { BackupBusyError, listBackups } from './backup-files.ts';
import { createBackup } from './backup.ts';
import { pruneBackups } from './retention.ts';

export const BACKUP_JOB = 'backup.scheduled';
export const BACKUP_CHECK_INTERVAL_MS = 15 * 60_000;

/** The start of the schedule slot `now` falls in. */
export function backupSlotStart(schedule: BackupSchedule, now: number): number {
  return Math.floor((now - schedule.offsetMs) / schedule.intervalMs) * schedule.intervalMs + schedule.offsetMs;
}

/** Due when no backup was started in the current slot. Backup names have whole seconds, hence the rounding. */
export function isBackupDue(schedule: BackupSchedule, newestBackup: number | null, now: number): boolean {
  return newestBackup === null || newestBackup < Math.floor(backupSlotStart(schedule, now) / 1000) * 1000;
}

export function backupJobHandler(ctx: AppContext): JobHandler {
  return async () => {
    const { schedule, dir, retentionDays, keep } = ctx.config.backup;
    if (!schedule) return;
    const now = Date.now();
    const mine = (await listBackups(dir)).filter((b) => b.dialect === ctx.config.database.dialect);
    if (!isBackupDue(schedule, mine.at(-1)?.time ?? null, now)) return;
    try {
      const result = await createBackup(ctx.config, { dir, log: (line) => ctx.log.debug(line) });
      const deleted = await pruneBackups(dir, { retentionDays, keep });
      ctx.log.info({ file: result.file, bytes: result.bytes, durationMs: result.durationMs, deleted }, 'scheduled backup written');
    } catch (err) {
      if (err instanceof BackupBusyError) {
        ctx.log.info({ err: err.message }, 'scheduled backup skipped: another backup is running');
        return;
      }
      throw err;
    }
  };
}
