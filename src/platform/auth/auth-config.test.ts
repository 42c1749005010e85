import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../config.ts';

describe('sign-in and Redis configuration', () => {
  it('has sensible defaults', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/pasar-config-test' });
    assert.equal(config.redisUrl, null);
    assert.equal(config.redisPrefix, 'pasar:');
    assert.deepEqual(config.auth, {
      loginIpLimit: 20, loginIpWindowSeconds: 300, loginAccountFailures: 5, loginLockMinutes: 15, staffPasswordMaxAgeDays: 90, staffSessionHours: 12,
    });
  });

  it('reads the environment', () => {
    const config = loadConfig({
      DATA_DIR: '/tmp/pasar-config-test', REDIS_URL: 'redis://:secret@cache.internal:6380/2', REDIS_PREFIX: 'shop1:',
      LOGIN_IP_LIMIT: '50', LOGIN_IP_WINDOW_SECONDS: '60', LOGIN_ACCOUNT_FAILURES: '3', LOGIN_LOCK_MINUTES: '30',
      STAFF_PASSWORD_MAX_AGE_DAYS: '0', STAFF_SESSION_HOURS: '8',
    });
    assert.equal(config.redisUrl, 'redis://:secret@cache.internal:6380/2');
    assert.equal(config.redisPrefix, 'shop1:');
    assert.deepEqual(config.auth, {
      loginIpLimit: 50, loginIpWindowSeconds: 60, loginAccountFailures: 3, loginLockMinutes: 30, staffPasswordMaxAgeDays: 0, staffSessionHours: 8,
    });
    assert.equal(loadConfig({ DATA_DIR: '/tmp/x', REDIS_URL: 'rediss://cache.example:6380' }).redisUrl, 'rediss://cache.example:6380');
  });

  it('lists every bad value at once, without repeating a password from the URL', () => {
    try {
      loadConfig({ DATA_DIR: '/tmp/x', REDIS_URL: 'http://user:hunter2@cache:6379', LOGIN_IP_LIMIT: '0', STAFF_SESSION_HOURS: 'twelve', LOGIN_LOCK_MINUTES: '1.5' });
      assert.fail('expected a ConfigError');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      assert.match(err.message, /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
      assert.doesNotMatch(err.message, /hunter2/);
      assert.match(err.message, /LOGIN_IP_LIMIT must be a whole number from 1/);
      assert.match(err.message, /STAFF_SESSION_HOURS must be a whole number/);
      assert.match(err.message, /LOGIN_LOCK_MINUTES must be a whole number/);
    }
    assert.throws(() => loadConfig({ DATA_DIR: '/tmp/x', REDIS_URL: 'redis://' }), ConfigError);
  });
});
