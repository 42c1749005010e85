// The backup settings: where scheduled backups go, how often they run and how long they are kept. Read by
// loadConfig (src/platform/config.ts) with the rest of the environment, so a typo fails the start like any other.
import path from 'node:path';

export interface BackupSchedule {
  /** A backup is due once per slot of this length (1 hour to 7 days). */
  intervalMs: number;
  /** Where slots start, after midnight UTC: `daily@02:30` → 2.5 h. */
  offsetMs: number;
}

export interface BackupConfig {
  /** BACKUP_DIR: the folder of scheduled backups, and of `pasar backup` without --dir (default DATA_DIR/backups). */
  dir: string;
  /** BACKUP_SCHEDULE: when the job worker takes a backup; null = never (BACKUP_SCHEDULE=off). */
  schedule: BackupSchedule | null;
  /** BACKUP_RETENTION_DAYS: backups older than this are deleted by the scheduled job… */
  retentionDays: number;
  /** BACKUP_KEEP: …except the newest this many, whatever their age. */
  keep: number;
}

const HOUR = 3600_000;

type Env = Record<string, string | undefined>;

/**
 * `off`, `hourly`, `daily` (the default), `daily@HH:MM` (a time of day in UTC) or `<N>h` (every N hours, 1–168,
 * counted from midnight UTC). Returns undefined for anything else.
 */
export function parseBackupSchedule(value: string): BackupSchedule | null | undefined {
  const text = value.trim().toLowerCase();
  if (text === 'off' || text === 'false' || text === '0') return null;
  if (text === 'hourly') return { intervalMs: HOUR, offsetMs: 0 };
  if (text === 'daily') return { intervalMs: 24 * HOUR, offsetMs: 0 };
  const at = /^daily@([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (at) return { intervalMs: 24 * HOUR, offsetMs: (Number(at[1]) * 60 + Number(at[2])) * 60_000 };
  const every = /^(\d{1,3})h$/.exec(text);
  if (every && Number(every[1]) >= 1 && Number(every[1]) <= 168) return { intervalMs: Number(every[1]) * HOUR, offsetMs: 0 };
  return undefined;
}

export function parseBackupConfig(env: Env, dataDir: string, problems: string[]): BackupConfig {
  const dir = env.BACKUP_DIR ? path.resolve(env.BACKUP_DIR) : path.join(dataDir, 'backups');
  const schedule = parseBackupSchedule(env.BACKUP_SCHEDULE ?? 'daily');
  if (schedule === undefined) {
    problems.push(`BACKUP_SCHEDULE must be off, hourly, daily, daily@HH:MM (UTC) or a number of hours like 6h, got "${String(env.BACKUP_SCHEDULE).slice(0, 40)}"`);
  }
  const retentionDays = Number(env.BACKUP_RETENTION_DAYS ?? 14);
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 3650) {
    problems.push(`BACKUP_RETENTION_DAYS must be a whole number of days from 1 to 3650, got "${env.BACKUP_RETENTION_DAYS}"`);
  }
  const keep = Number(env.BACKUP_KEEP ?? 7);
  // At least one: retention must never be able to delete the last backup there is.
  if (!Number.isInteger(keep) || keep < 1 || keep > 1000) problems.push(`BACKUP_KEEP must be a whole number from 1 to 1000, got "${env.BACKUP_KEEP}"`);
  return { dir, schedule: schedule ?? null, retentionDays, keep };
}
