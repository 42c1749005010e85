import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import pino from 'pino';
import { loadConfig } from '../config.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../http/errors.ts';
import { closeRedis } from '../redis.ts';
import { accountLocked, loginThrottle, type ThrottleLimits } from './login-throttle.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const from = (ip: string) => ({ ip }) as FastifyRequest;

/** Just what the throttle reads: configuration and a logger. */
function fakeContext(env: Record<string, string> = {}): AppContext {
  return { config: loadConfig({ DATA_DIR: '/tmp', LOG_LEVEL: 'silent', ...env }), log: pino({ level: 'silent' }) } as unknown as AppContext;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof AppError, String(err));
    return err;
  }
  assert.fail('expected an AppError');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function behaviour(name: string, makeContext: () => AppContext) {
  describe(`login throttle (${name})`, () => {
    const limits: Partial<ThrottleLimits> = { ipLimit: 8, ipWindowMs: 60_000, accountFailures: 3, lockMs: 400 };

    it('locks an account after repeated failures, refuses even the right password, then unlocks', async () => {
      const ctx = makeContext();
      const t = loginThrottle(ctx, 'staff', { limits });
      const ip = from('203.0.113.5');
      for (let i = 0; i < 2; i++) {
        await t.check(ip, 'Ana@Example.com');
        await t.failure(ip, 'ana@example.com');
      }
      await t.check(ip, 'ana@example.com');
      await t.failure(ip, ' ANA@example.com ');
      const err = await rejection(t.check(from('198.51.100.9'), 'ana@example.com'));
      assert.equal(err.status, 423);
      assert.equal(err.code, 'account_locked');
      assert.match(err.message, /locked .* unlocks at \d\d:\d\d UTC/);
      assert.equal((err.details as { retry_after_seconds: number }).retry_after_seconds, 1);
      assert.equal(err.headers?.['retry-after'], '1');
      await t.check(ip, 'budi@example.com'); // another account is not affected

      await sleep(450);
      await t.check(ip, 'ana@example.com');
      // The second lock lasts twice as long.
      for (let i = 0; i < 3; i++) await t.failure(ip, 'ana@example.com');
      await sleep(450);
      assert.equal((await rejection(t.check(ip, 'ana@example.com'))).status, 423, 'still locked: the lock doubled');
      await sleep(400);
      await t.check(ip, 'ana@example.com');
    });

    it('a success clears the failure count', async () => {
      const ctx = makeContext();
      const t = loginThrottle(ctx, 'customer', { limits });
      const ip = from('203.0.113.6');
      await t.failure(ip, 'siti@example.id');
      await t.failure(ip, 'siti@example.id');
      await t.success(ip, 'siti@example.id');
      await t.failure(ip, 'siti@example.id');
      await t.failure(ip, 'siti@example.id');
      await t.check(ip, 'siti@example.id');
    });

    it('answers 429 with Retry-After to an address that fails too often, whichever accounts it tries', async () => {
      const ctx = makeContext();
      const t = loginThrottle(ctx, 'staff', { limits });
      const ip = from('203.0.113.7');
      for (let i = 0; i < 8; i++) {
        await t.check(ip, `user${i}@example.com`);
        await t.failure(ip, `user${i}@example.com`);
      }
      const err = await rejection(t.check(ip, 'fresh@example.com'));
      assert.equal(err.status, 429);
      assert.equal(err.code, 'too_many_requests');
      const retryAfter = Number(err.headers?.['retry-after']);
      assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${retryAfter}`);
      assert.deepEqual(err.details, { retry_after_seconds: retryAfter });
      await t.check(from('203.0.113.8'), 'fresh@example.com'); // other addresses are not affected
    });

    it('keeps staff and customer counters apart', async () => {
      const ctx = makeContext();
      const staff = loginThrottle(ctx, 'staff', { limits });
      const customer = loginThrottle(ctx, 'customer', { limits });
      const ip = from('203.0.113.9');
      for (let i = 0; i < 3; i++) await staff.failure(ip, 'same@example.com');
      assert.equal((await rejection(staff.check(ip, 'same@example.com'))).status, 423);
      await customer.check(ip, 'same@example.com');
    });
  });
}

behaviour('memory', () => fakeContext());

describe('login throttle shared through Redis', () => {
  const prefix = `pasar-test:${process.pid}:${crypto.randomBytes(4).toString('hex')}:`;
  const contexts: AppContext[] = [];
  const redisContext = () => {
    const ctx = fakeContext({ REDIS_URL, REDIS_PREFIX: prefix });
    contexts.push(ctx);
    return ctx;
  };
  after(async () => {
    const r = new Redis(REDIS_URL);
    const keys = await r.keys(`${prefix}*`);
    if (keys.length) await r.del(...keys);
    await r.quit();
    for (const ctx of contexts) await closeRedis(ctx);
  });

  behaviour('redis', redisContext);

  it('two processes see the same lock, and nothing names the account in Redis', async () => {
    const one = loginThrottle(redisContext(), 'staff', { limits: { accountFailures: 2, lockMs: 60_000 } });
    const two = loginThrottle(redisContext(), 'staff', { limits: { accountFailures: 2, lockMs: 60_000 } });
    await one.failure(from('192.0.2.1'), 'owner@shop.example');
    await two.failure(from('192.0.2.2'), 'owner@shop.example');
    const err = await rejection(one.check(from('192.0.2.3'), 'owner@shop.example'));
    assert.equal(err.status, 423);
    const retry = (err.details as { retry_after_seconds: number }).retry_after_seconds;
    assert.ok(retry > 50 && retry <= 60);
    const r = new Redis(REDIS_URL);
    const keys = await r.keys(`${prefix}*`);
    await r.quit();
    assert.ok(keys.length > 0);
    assert.ok(keys.every((k) => !k.includes('owner') && !k.includes('@')), keys.join(', '));
  });

  it('falls back to this process’s counters when Redis is unreachable', async () => {
    const ctx = fakeContext({ REDIS_URL: 'redis://127.0.0.1:1', REDIS_PREFIX: prefix });
    contexts.push(ctx);
    const t = loginThrottle(ctx, 'staff', { limits: { accountFailures: 2, lockMs: 60_000 } });
    await t.failure(from('192.0.2.4'), 'x@example.com');
    await t.failure(from('192.0.2.4'), 'x@example.com');
    assert.equal((await rejection(t.check(from('192.0.2.4'), 'x@example.com'))).status, 423);
  });
});

describe('lock messages', () => {
  it('says when the account unlocks', () => {
    const err = accountLocked(900, Date.parse('2026-11-25T10:30:00Z'));
    assert.equal(err.message, 'This account is locked after too many failed sign-in attempts. It unlocks at 10:45 UTC (in 15 minutes).');
    assert.deepEqual(err.details, { retry_after_seconds: 900, locked_until: '2026-11-25T10:45:00.000Z' });
  });
});
