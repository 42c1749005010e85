// The backup folder's rules without a database: names, retention, the schedule, the settings and the lock.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../config.ts';
import { acquireBackupLock, backupName, BackupBusyError, isBackupTempName, listBackups, parseBackupName, publishBackup, readChecksum } from './backup-files.ts';
import { backupSlotStart, isBackupDue } from './backup-job.ts';
import { parseBackupSchedule } from './backup-config.ts';
import { expiredBackups, pruneBackups } from './retention.ts';
import { findPgTool, toolConnection } from './postgres-backup.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 25, 10, 30, 0);

describe('backup names', () => {
  it('round-trips a name and refuses anything Pasar did not write', () => {
    const name = backupName(new Date(NOW + 123), 'sqlite');
    assert.equal(name, 'pasar-2026-11-25T10-30-00Z.sqlite');
    assert.deepEqual(parseBackupName(name), { name, dialect: 'sqlite', time: NOW, seq: 0 });
    assert.equal(backupName(new Date(NOW), 'postgres', 2), 'pasar-2026-11-25T10-30-00Z-2.pgdump');
    assert.equal(parseBackupName('pasar-2026-11-25T10-30-00Z-2.pgdump')?.seq, 2);
    for (const other of [
      'pasar-2026-11-25T10-30-00Z.sqlite.sha256', 'pasar-2026-11-25T10-30-00Z.sqlite.bak', 'xpasar-2026-11-25T10-30-00Z.sqlite',
      'pasar-2026-02-31T10-30-00Z.sqlite', 'pasar-2026-11-25T25-30-00Z.sqlite', 'pasar-2026-11-25T10-30-00Z.db', 'pasar-2026-11-25T10-30-00Z-0.sqlite',
      'pasar-2026-11-25T10-30-00Z.sqlite/../x', 'pasar-latest.sqlite', '', '.pasar-2026-11-25T10-30-00Z.sqlite.1-abcdef12.tmp',
    ]) assert.equal(parseBackupName(other), null, other);
    assert.ok(isBackupTempName('.pasar-2026-11-25T10-30-00Z.sqlite.1234-abcdef12.tmp'));
    assert.ok(!isBackupTempName('.pasar-notes.tmp'));
  });
});

describe('retention', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pasar-retention-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const entries = (ages: number[]) => ages.map((days, i) => {
    const name = backupName(new Date(NOW - days * DAY), 'sqlite', 0);
    return { ...parseBackupName(name)!, name, file: `/x/${name}`, seq: i % 2 };
  });

  it('deletes what is older than the retention period, but never the newest N', () => {
    // 20 daily backups, the newest today.
    const all = entries(Array.from({ length: 20 }, (_, i) => 19 - i));
    const gone = expiredBackups(all, { retentionDays: 14, keep: 7 }, NOW).map((e) => Math.round((NOW - e.time) / DAY)).sort((a, b) => a - b);
    assert.deepEqual(gone, [15, 16, 17, 18, 19]);
    // Backups stopped a month ago: the newest 7 stay, however old.
    const stale = entries([60, 50, 45, 40, 39, 38, 37, 36, 35, 34]);
    assert.deepEqual(expiredBackups(stale, { retentionDays: 14, keep: 7 }, NOW).map((e) => Math.round((NOW - e.time) / DAY)).sort((a, b) => a - b), [45, 50, 60]);
    assert.equal(expiredBackups(stale, { retentionDays: 14, keep: 0 }, NOW).length, 9, 'keep is at least 1');
    assert.deepEqual(expiredBackups([], { retentionDays: 1, keep: 1 }, NOW), []);
  });

  it('removes old backups with their checksums, crashed temp files and orphan checksums, and nothing else', async () => {
    const touch = (name: string, ageMs = 0) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, name);
      if (ageMs) fs.utimesSync(file, new Date(NOW - ageMs), new Date(NOW - ageMs));
      return file;
    };
    const backups = [30, 20, 16, 10, 3, 1, 0].map((days) => backupName(new Date(NOW - days * DAY), days % 2 ? 'postgres' : 'sqlite'));
    for (const b of backups) {
      touch(b);
      touch(`${b}.sha256`);
    }
    const unrelated = ['notes.txt', 'pasar-2020-01-01T00-00-00Z.sqlite.bak', 'pasar.sqlite', 'pasar-2020-01-01T00-00-00Z.SQLITE', '.pasar-backup.lock'];
    for (const u of unrelated) touch(u);
    fs.mkdirSync(path.join(dir, 'pasar-2020-01-01T00-00-00Z.pgdump.d'));
    const orphan = touch(`${backupName(new Date(NOW - 40 * DAY), 'sqlite')}.sha256`);
    const freshOrphan = touch(`${backupName(new Date(NOW - 2 * DAY), 'sqlite')}.sha256`);
    const crashed = touch('.pasar-2026-10-01T00-00-00Z.sqlite.99-abcdef12.tmp', 2 * DAY);
    const running = touch('.pasar-2026-11-25T10-00-00Z.sqlite.98-abcdef12.tmp', 60_000);

    const deleted = (await pruneBackups(dir, { retentionDays: 14, keep: 3 }, NOW)).map((f) => path.basename(f)).sort();
    const expected = [backups[0]!, `${backups[0]}.sha256`, backups[1]!, `${backups[1]}.sha256`, backups[2]!, `${backups[2]}.sha256`, path.basename(orphan), path.basename(crashed)].sort();
    assert.deepEqual(deleted, expected);
    const left = fs.readdirSync(dir).sort();
    for (const keep of [...backups.slice(3), ...unrelated, path.basename(freshOrphan), path.basename(running), 'pasar-2020-01-01T00-00-00Z.pgdump.d']) {
      assert.ok(left.includes(keep), `${keep} stays`);
    }
    assert.deepEqual((await listBackups(dir)).map((b) => b.name), backups.slice(3), 'listed oldest first');
    assert.deepEqual(await pruneBackups(dir, { retentionDays: 14, keep: 3 }, NOW), [], 'nothing more the second time');
    assert.deepEqual(await pruneBackups(path.join(dir, 'absent'), { retentionDays: 1, keep: 1 }, NOW), []);
  });
});

describe('publishing and locking', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pasar-publish-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives backups started in the same second distinct names, each with its checksum', async () => {
    const time = new Date(NOW);
    const made = [];
    for (let i = 0; i < 3; i++) {
      const temp = path.join(dir, `.pasar-2026-11-25T10-30-00Z.sqlite.1-0000000${i}.tmp`);
      fs.writeFileSync(temp, `backup ${i}`);
      made.push(await publishBackup(temp, dir, time, 'sqlite'));
      assert.ok(!fs.existsSync(temp), 'the temp file is gone');
    }
    assert.deepEqual(made.map((m) => path.basename(m.file)), ['pasar-2026-11-25T10-30-00Z.sqlite', 'pasar-2026-11-25T10-30-00Z-1.sqlite', 'pasar-2026-11-25T10-30-00Z-2.sqlite']);
    for (const [i, m] of made.entries()) {
      assert.equal(fs.readFileSync(m.file, 'utf8'), `backup ${i}`, 'an existing backup is never replaced');
      assert.equal(await readChecksum(m.file), m.sha256);
    }
    assert.equal(await readChecksum(path.join(dir, 'nothing.sqlite')), null);
  });

  it('lets one backup at a time into a folder, and takes over a lock its dead owner left', async () => {
    const release = await acquireBackupLock(dir);
    await assert.rejects(acquireBackupLock(dir), BackupBusyError);
    await release();
    const again = await acquireBackupLock(dir);
    await again();
    // A lock left by a process that no longer exists (pid far above any real one) on this host.
    fs.writeFileSync(path.join(dir, '.pasar-backup.lock'), JSON.stringify({ pid: 2 ** 22 + 17, host: os.hostname(), startedAt: new Date().toISOString() }));
    const taken = await acquireBackupLock(dir);
    await taken();
    // One from another machine is respected unless it is a day old.
    fs.writeFileSync(path.join(dir, '.pasar-backup.lock'), JSON.stringify({ pid: 1, host: 'elsewhere', startedAt: new Date().toISOString() }));
    await assert.rejects(acquireBackupLock(dir), (err: unknown) => err instanceof BackupBusyError && /pid 1 on elsewhere/.test(err.message));
    fs.writeFileSync(path.join(dir, '.pasar-backup.lock'), JSON.stringify({ pid: 1, host: 'elsewhere', startedAt: new Date(Date.now() - 2 * DAY).toISOString() }));
    await (await acquireBackupLock(dir))();
    assert.ok(!fs.existsSync(path.join(dir, '.pasar-backup.lock')));
  });
});

describe('backup schedule and settings', () => {
  it('parses BACKUP_SCHEDULE', () => {
    assert.equal(parseBackupSchedule('off'), null);
    assert.deepEqual(parseBackupSchedule('daily'), { intervalMs: DAY, offsetMs: 0 });
    assert.deepEqual(parseBackupSchedule(' Daily@02:30 '), { intervalMs: DAY, offsetMs: 2.5 * 3600_000 });
    assert.deepEqual(parseBackupSchedule('hourly'), { intervalMs: 3600_000, offsetMs: 0 });
    assert.deepEqual(parseBackupSchedule('6h'), { intervalMs: 6 * 3600_000, offsetMs: 0 });
    for (const bad of ['', 'weekly', '0h', '169h', 'daily@24:00', 'daily@2:30', '6', 'every 6h', '-1h', 'daily;rm -rf /']) {
      assert.equal(parseBackupSchedule(bad), undefined, bad);
    }
  });

  it('is due once per slot, counting from the slot start (after the daily@ time)', () => {
    const at0230 = parseBackupSchedule('daily@02:30')!;
    assert.equal(backupSlotStart(at0230, NOW), Date.UTC(2026, 10, 25, 2, 30));
    assert.equal(backupSlotStart(at0230, Date.UTC(2026, 10, 25, 1, 0)), Date.UTC(2026, 10, 24, 2, 30));
    assert.equal(isBackupDue(at0230, null, NOW), true, 'no backup yet');
    assert.equal(isBackupDue(at0230, Date.UTC(2026, 10, 25, 2, 30), NOW), false, 'taken at the slot start');
    assert.equal(isBackupDue(at0230, Date.UTC(2026, 10, 25, 2, 29, 59), NOW), true, 'taken before the slot');
    assert.equal(isBackupDue(at0230, Date.UTC(2026, 10, 24, 9, 0), NOW), true, 'yesterday’s');
    const hourly = parseBackupSchedule('hourly')!;
    assert.equal(isBackupDue(hourly, Date.UTC(2026, 10, 25, 10, 0, 5), NOW), false);
    assert.equal(isBackupDue(hourly, Date.UTC(2026, 10, 25, 9, 59, 59), NOW), true);
  });

  it('reads the settings with their defaults and lists every bad one', () => {
    const c = loadConfig({ DATA_DIR: '/srv/pasar' });
    assert.deepEqual(c.backup, { dir: '/srv/pasar/backups', schedule: { intervalMs: DAY, offsetMs: 0 }, retentionDays: 14, keep: 7 });
    const d = loadConfig({ DATA_DIR: '/srv/pasar', BACKUP_DIR: '/mnt/backup', BACKUP_SCHEDULE: 'off', BACKUP_RETENTION_DAYS: '30', BACKUP_KEEP: '3' });
    assert.deepEqual(d.backup, { dir: '/mnt/backup', schedule: null, retentionDays: 30, keep: 3 });
    assert.throws(
      () => loadConfig({ BACKUP_SCHEDULE: 'sometimes', BACKUP_RETENTION_DAYS: '0', BACKUP_KEEP: 'all' }),
      (err: unknown) => err instanceof ConfigError && ['BACKUP_SCHEDULE', 'BACKUP_RETENTION_DAYS', 'BACKUP_KEEP'].every((n) => err.message.includes(n)),
    );
    assert.throws(() => loadConfig({ BACKUP_KEEP: '0' }), /BACKUP_KEEP/);
    assert.throws(() => loadConfig({ BACKUP_RETENTION_DAYS: '1.5' }), /BACKUP_RETENTION_DAYS/);
  });
});

describe('PostgreSQL tools', () => {
  it('names the missing tool and how to install it', () => {
    assert.throws(() => findPgTool('pg_dump', '/nonexistent:/also/not'), /pg_dump was not found on PATH.*apt-get install postgresql-client/);
    assert.throws(() => findPgTool('pg_restore', ''), /pg_restore was not found/);
  });

  it('passes the password through the environment, never on the command line', () => {
    const { url, env } = toolConnection('postgres://shop:p%40ss%20word@db.internal:5432/pasar?sslmode=require');
    assert.equal(url, 'postgres://shop@db.internal:5432/pasar?sslmode=require');
    assert.equal(env.PGPASSWORD, 'p@ss word');
    assert.equal(toolConnection('postgres://shop@db/pasar').env.PGPASSWORD, process.env.PGPASSWORD);
  });
});
