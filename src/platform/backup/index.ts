// Backups and restores of the database: `pasar backup`, `pasar restore FILE`, and the scheduled backup job with its
// retention policy. See docs/operations/disaster-recovery.md for the runbook.
export { parseBackupConfig, parseBackupSchedule, type BackupConfig, type BackupSchedule } from './backup-config.ts';
export { BackupError, BackupBusyError, listBackups, backupName, parseBackupName, type BackupEntry } from './backup-files.ts';
export { createBackup, type BackupOptions, type BackupResult } from './backup.ts';
export { restoreBackup, verifyBackup, type RestoreOptions, type RestoreResult } from './restore.ts';
export { pruneBackups, expiredBackups, type RetentionPolicy } from './retention.ts';
export { BACKUP_JOB, BACKUP_CHECK_INTERVAL_MS, backupJobHandler, isBackupDue, backupSlotStart } from './backup-job.ts';
