import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to port 3000 and a SQLite file under ./data', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.deepEqual(c.database, { dialect: 'sqlite', file: path.resolve('./data/pasar.sqlite') });
    assert.equal(c.dataDir, path.resolve('./data'));
    assert.equal(c.baseUrl, 'http://localhost:3000');
  });

  it('reads a plain path, a sqlite: URL and a postgres:// URL', () => {
    assert.deepEqual(loadConfig({ DATABASE_URL: 'shop.db' }).database, { dialect: 'sqlite', file: path.resolve('shop.db') });
    assert.deepEqual(loadConfig({ DATABASE_URL: 'sqlite:///tmp/x.db' }).database, { dialect: 'sqlite', file: '/tmp/x.db' });
    assert.deepEqual(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).database, { dialect: 'postgres', url: 'postgres://u@h:5432/db' });
    assert.equal(loadConfig({ DATABASE_URL: 'postgresql://u@h/db' }).database.dialect, 'postgres');
  });

  it('lists every problem at once', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DEFAULT_LOCALE: 'xx', DEFAULT_CURRENCY: 'ABC', BASE_URL: 'ftp://x', DATABASE_URL: 'mysql://x' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        for (const name of ['PORT', 'DEFAULT_LOCALE', 'DEFAULT_CURRENCY', 'BASE_URL', 'DATABASE_URL']) assert.match(err.message, new RegExp(name));
        return true;
      },
    );
  });

  it('strips a trailing slash from BASE_URL', () => {
    assert.equal(loadConfig({ BASE_URL: 'https://shop.example/' }).baseUrl, 'https://shop.example');
  });

  it('reads the mail settings: SMTP_URL optional, MAIL_FROM defaulting to the shop name at the BASE_URL host', () => {
    const c = loadConfig({ SHOP_NAME: 'Toko "Kopi"', BASE_URL: 'https://tokokopi.id' });
    assert.deepEqual(c.mail, { smtpUrl: null, from: '"Toko Kopi" <no-reply@tokokopi.id>' });
    const s = loadConfig({ SMTP_URL: 'smtps://user:pw@mail.example:465', MAIL_FROM: 'Toko <orders@tokokopi.id>' });
    assert.deepEqual(s.mail, { smtpUrl: 'smtps://user:pw@mail.example:465', from: 'Toko <orders@tokokopi.id>' });
    assert.equal(loadConfig({ MAIL_FROM: 'orders@tokokopi.id' }).mail.from, 'orders@tokokopi.id');
  });

  it('refuses a bad SMTP_URL or MAIL_FROM without echoing the password', () => {
    for (const env of [{ SMTP_URL: 'http://user:secret@mail.example' }, { SMTP_URL: 'not a url' }, { MAIL_FROM: 'nobody' }, { MAIL_FROM: 'A <a@b.c>\r\nBcc: x@y.z' }]) {
      assert.throws(() => loadConfig(env), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /SMTP_URL|MAIL_FROM/);
        assert.doesNotMatch(err.message, /secret/);
        return true;
      });
    }
  });

  it('reads the job worker settings', () => {
    assert.deepEqual(loadConfig({}).jobs, { worker: true, concurrency: 4, pollMs: 1000 });
    assert.deepEqual(loadConfig({ JOB_WORKER: 'off', JOB_CONCURRENCY: '2', JOB_POLL_MS: '250' }).jobs, { worker: false, concurrency: 2, pollMs: 250 });
    assert.throws(() => loadConfig({ JOB_WORKER: 'maybe', JOB_CONCURRENCY: '0', JOB_POLL_MS: 'x' }), (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      for (const name of ['JOB_WORKER', 'JOB_CONCURRENCY', 'JOB_POLL_MS']) assert.match(err.message, new RegExp(name));
      return true;
    });
  });
});
