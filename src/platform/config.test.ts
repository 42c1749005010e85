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
});
