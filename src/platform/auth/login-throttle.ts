// Brute-force protection for sign-in forms and APIs, for staff and customers alike.
//
// Two counters, both counting failed attempts (a wrong password or code):
// - per client address: more than LOGIN_IP_LIMIT failures in LOGIN_IP_WINDOW_SECONDS → 429 with Retry-After, whatever
//   account is tried (password spraying, credential stuffing);
// - per account: LOGIN_ACCOUNT_FAILURES failures in a row → the account is locked for LOGIN_LOCK_MINUTES, doubling
//   with each further lock in the same day (capped at a day). While locked even the right password is refused (423),
//   so guessing cannot continue from other addresses either. Unknown accounts behave exactly like known ones, so the
//   answers do not reveal which accounts exist.
//
// Counters live in this process, or in Redis when REDIS_URL is set so that every process sees the same ones; each
// update is one atomic Lua script. Should Redis be unreachable, the process falls back to its own counters (still
// protected, per process) rather than refusing every sign-in.
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { AppContext } from '../context.ts';
import { AppError } from '../http/errors.ts';
import { redisClient } from '../redis.ts';

export interface LoginThrottle {
  /** Before checking a password. Throws AppError 429 `too_many_requests` with a Retry-After header when this IP
   *  made too many attempts recently; AppError 423 `account_locked` (message says when it unlocks, details
   *  { retry_after_seconds }) while the account is locked — even for the right password. */
  check(request: FastifyRequest, account: string): Promise<void>;
  /** A wrong password/code: counts towards the IP limit and the account lock (e.g. 5 failures → locked 15 min,
   *  doubling on repeat). */
  failure(request: FastifyRequest, account: string): Promise<void>;
  /** Clears the account's failure count. */
  success(request: FastifyRequest, account: string): Promise<void>;
}

export interface ThrottleLimits {
  ipLimit: number;
  ipWindowMs: number;
  accountFailures: number;
  /** The first lock; each further one within `lockMemoryMs` doubles, up to `maxLockMs`. */
  lockMs: number;
  maxLockMs: number;
  /** How long failures in a row, and past locks, are remembered. */
  lockMemoryMs: number;
}

const DAY_MS = 24 * 3600_000;

export function limitsFromConfig(ctx: Pick<AppContext, 'config'>): ThrottleLimits {
  const a = ctx.config.auth;
  return {
    ipLimit: a.loginIpLimit,
    ipWindowMs: a.loginIpWindowSeconds * 1000,
    accountFailures: a.loginAccountFailures,
    lockMs: a.loginLockMinutes * 60_000,
    maxLockMs: DAY_MS,
    lockMemoryMs: DAY_MS,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Stores: the same three operations in memory and in Redis.

interface Counter {
  count: number;
  ttlMs: number;
}

interface ThrottleStore {
  /** The address counter and the account lock, read together. */
  peek(ipKey: string, lockKey: string): Promise<{ ip: Counter; lockTtlMs: number }>;
  /** Counts a failure; returns the new lock's length in ms when this failure locked the account, else 0. */
  fail(keys: AccountKeys, ipKey: string, limits: ThrottleLimits): Promise<number>;
  clear(keys: AccountKeys): Promise<void>;
}

interface AccountKeys {
  failures: string;
  lock: string;
  level: string;
}

class MemoryStore implements ThrottleStore {
  private readonly entries = new Map<string, { value: number; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  private read(key: string): Counter {
    const entry = this.entries.get(key);
    if (!entry) return { count: 0, ttlMs: 0 };
    const ttlMs = entry.expiresAt - this.now();
    if (ttlMs <= 0) {
      this.entries.delete(key);
      return { count: 0, ttlMs: 0 };
    }
    return { count: entry.value, ttlMs };
  }

  private incr(key: string, ttlMs: number, refresh = false): number {
    const current = this.read(key);
    const value = current.count + 1;
    this.entries.set(key, { value, expiresAt: current.count === 0 || refresh ? this.now() + ttlMs : this.now() + current.ttlMs });
    this.prune();
    return value;
  }

  private lastPrune = 0;

  // Bounded memory under a flood of distinct addresses or account names: past 50,000 entries, drop the expired ones
  // (at most once a second, so a flood does not turn every failure into a full scan).
  private prune(): void {
    const now = this.now();
    if (this.entries.size < 50_000 || now - this.lastPrune < 1000) return;
    this.lastPrune = now;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }

  async peek(ipKey: string, lockKey: string) {
    return { ip: this.read(ipKey), lockTtlMs: this.read(lockKey).ttlMs };
  }

  async fail(keys: AccountKeys, ipKey: string, limits: ThrottleLimits): Promise<number> {
    this.incr(ipKey, limits.ipWindowMs);
    const failures = this.incr(keys.failures, limits.lockMemoryMs, true);
    if (failures < limits.accountFailures) return 0;
    this.entries.delete(keys.failures);
    const level = this.incr(keys.level, limits.lockMemoryMs, true);
    const lockMs = Math.min(limits.lockMs * 2 ** (level - 1), limits.maxLockMs);
    this.entries.set(keys.lock, { value: 1, expiresAt: this.now() + lockMs });
    return lockMs;
  }

  async clear(keys: AccountKeys): Promise<void> {
    this.entries.delete(keys.failures);
    this.entries.delete(keys.level);
  }
}

// KEYS: ip, failures, lock, level. ARGV: ipWindowMs, accountFailures, lockMs, maxLockMs, lockMemoryMs.
const FAIL_SCRIPT = `
local ip = redis.call('INCR', KEYS[1])
if ip == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local f = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
if f < tonumber(ARGV[2]) then return 0 end
redis.call('DEL', KEYS[2])
local level = redis.call('INCR', KEYS[4])
redis.call('PEXPIRE', KEYS[4], ARGV[5])
local ms = math.floor(math.min(tonumber(ARGV[3]) * (2 ^ (level - 1)), tonumber(ARGV[4])))
redis.call('SET', KEYS[3], '1', 'PX', ms)
return ms
`;

class RedisStore implements ThrottleStore {
  constructor(private readonly redis: Redis) {}

  async peek(ipKey: string, lockKey: string) {
    const result = await this.redis.multi().get(ipKey).pttl(ipKey).pttl(lockKey).exec();
    if (!result) throw new Error('redis transaction aborted');
    const [[e1, ip], [e2, ipTtl], [e3, lockTtl]] = result as [Error | null, unknown][];
    if (e1 || e2 || e3) throw e1 ?? e2 ?? e3;
    return { ip: { count: Number(ip ?? 0), ttlMs: Math.max(0, Number(ipTtl)) }, lockTtlMs: Math.max(0, Number(lockTtl)) };
  }

  async fail(keys: AccountKeys, ipKey: string, limits: ThrottleLimits): Promise<number> {
    const ms = await this.redis.eval(
      FAIL_SCRIPT, 4, ipKey, keys.failures, keys.lock, keys.level,
      limits.ipWindowMs, limits.accountFailures, limits.lockMs, limits.maxLockMs, limits.lockMemoryMs,
    );
    return Number(ms);
  }

  async clear(keys: AccountKeys): Promise<void> {
    await this.redis.del(keys.failures, keys.level);
  }
}

const memoryStores = new WeakMap<AppContext['config'], MemoryStore>();

function memoryStore(ctx: Pick<AppContext, 'config'>): MemoryStore {
  let store = memoryStores.get(ctx.config);
  if (!store) memoryStores.set(ctx.config, (store = new MemoryStore()));
  return store;
}

// ---------------------------------------------------------------------------------------------------------------

/** "in 15 minutes", "in 2 hours", "in 40 seconds": for messages people read. */
export function humanDuration(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} minutes`;
  return `${Math.round(minutes / 60)} hours`;
}

export function tooManyRequests(retryAfterSeconds: number): AppError {
  return new AppError(
    429,
    'too_many_requests',
    `Too many sign-in attempts from your network. Try again in ${humanDuration(retryAfterSeconds)}.`,
    { retry_after_seconds: retryAfterSeconds },
    { 'retry-after': String(retryAfterSeconds) },
  );
}

export function accountLocked(retryAfterSeconds: number, now = Date.now()): AppError {
  const until = new Date(now + retryAfterSeconds * 1000);
  const clock = until.toISOString().slice(11, 16);
  return new AppError(
    423,
    'account_locked',
    `This account is locked after too many failed sign-in attempts. It unlocks at ${clock} UTC (in ${humanDuration(retryAfterSeconds)}).`,
    { retry_after_seconds: retryAfterSeconds, locked_until: until.toISOString() },
    { 'retry-after': String(retryAfterSeconds) },
  );
}

export interface LoginThrottleOptions {
  /** Overrides the configured limits (tests use short locks). */
  limits?: Partial<ThrottleLimits>;
  /** Forces the in-process store even when REDIS_URL is set. */
  store?: 'memory' | 'redis';
}

/**
 * Sign-in throttling for one kind of account. Call `check` before verifying credentials, then `failure` or `success`.
 *
 * @example
 * const throttle = loginThrottle(ctx, 'staff');
 * await throttle.check(request, email);
 * if (!ok) { await throttle.failure(request, email); throw invalidCredentials(); }
 * await throttle.success(request, email);
 */
export function loginThrottle(ctx: AppContext, scope: 'staff' | 'customer', options: LoginThrottleOptions = {}): LoginThrottle {
  const limits: ThrottleLimits = { ...limitsFromConfig(ctx), ...options.limits };
  const redis = options.store === 'memory' ? null : redisClient(ctx);
  const local = memoryStore(ctx);
  const shared = redis ? new RedisStore(redis) : null;
  const prefix = `${ctx.config.redisPrefix}throttle:${scope}:`;

  // Account names are hashed: no email addresses in Redis keys or memory dumps, and no key-injection characters.
  const accountKeys = (account: string): AccountKeys => {
    const id = crypto.createHash('sha256').update(account.trim().toLowerCase()).digest('base64url').slice(0, 32);
    return { failures: `${prefix}fail:${id}`, lock: `${prefix}lock:${id}`, level: `${prefix}level:${id}` };
  };
  const ipKey = (request: FastifyRequest) => `${prefix}ip:${request.ip ?? 'unknown'}`;

  // Redis when configured and reachable; this process's counters otherwise.
  async function run<T>(op: (store: ThrottleStore) => Promise<T>): Promise<T> {
    if (shared) {
      try {
        return await op(shared);
      } catch (err) {
        ctx.log.warn({ err: (err as Error).message }, 'login throttle: redis unavailable, using this process’s counters');
      }
    }
    return op(local);
  }

  return {
    async check(request, account) {
      const { ip, lockTtlMs } = await run((s) => s.peek(ipKey(request), accountKeys(account).lock));
      if (ip.count >= limits.ipLimit) throw tooManyRequests(Math.max(1, Math.ceil(ip.ttlMs / 1000)));
      if (lockTtlMs > 0) throw accountLocked(Math.max(1, Math.ceil(lockTtlMs / 1000)));
    },
    async failure(request, account) {
      const lockedMs = await run((s) => s.fail(accountKeys(account), ipKey(request), limits));
      if (lockedMs > 0) ctx.log.warn({ scope, ip: request.ip, lockSeconds: lockedMs / 1000 }, 'account locked after repeated failed sign-ins');
    },
    async success(_request, account) {
      await run((s) => s.clear(accountKeys(account)));
    },
  };
}
