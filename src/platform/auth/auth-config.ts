// Configuration of sign-in protection and staff accounts, read by src/platform/config.ts.
type Env = Record<string, string | undefined>;

export interface AuthConfig {
  /** LOGIN_IP_LIMIT: failed sign-ins one address may make per LOGIN_IP_WINDOW_SECONDS before it gets 429. */
  loginIpLimit: number;
  loginIpWindowSeconds: number;
  /** LOGIN_ACCOUNT_FAILURES: failed sign-ins in a row that lock an account. */
  loginAccountFailures: number;
  /** LOGIN_LOCK_MINUTES: how long the first lock lasts; each further lock within a day doubles it (up to a day). */
  loginLockMinutes: number;
  /** STAFF_PASSWORD_MAX_AGE_DAYS: staff must choose a new password after this many days (0 = never). */
  staffPasswordMaxAgeDays: number;
  /** STAFF_SESSION_HOURS: a staff session ends this long after sign-in, however active. */
  staffSessionHours: number;
}

function wholeNumber(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

export function parseAuthConfig(env: Env, problems: string[]): AuthConfig {
  return {
    loginIpLimit: wholeNumber(env, 'LOGIN_IP_LIMIT', 20, 1, 100_000, problems),
    loginIpWindowSeconds: wholeNumber(env, 'LOGIN_IP_WINDOW_SECONDS', 300, 1, 86_400, problems),
    loginAccountFailures: wholeNumber(env, 'LOGIN_ACCOUNT_FAILURES', 5, 1, 1000, problems),
    loginLockMinutes: wholeNumber(env, 'LOGIN_LOCK_MINUTES', 15, 1, 1440, problems),
    staffPasswordMaxAgeDays: wholeNumber(env, 'STAFF_PASSWORD_MAX_AGE_DAYS', 90, 0, 3650, problems),
    staffSessionHours: wholeNumber(env, 'STAFF_SESSION_HOURS', 12, 1, 720, problems),
  };
}

/** REDIS_URL: optional redis:// or rediss:// URL; null when unset. */
export function parseRedisUrl(value: string | undefined, problems: string[]): string | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    if ((u.protocol !== 'redis:' && u.protocol !== 'rediss:') || !u.hostname) throw new Error();
    return value;
  } catch {
    // The URL may carry a password: name only its scheme in the message.
    problems.push(`REDIS_URL must be a redis:// or rediss:// URL with a host, got "${value.split('://')[0]}://…"`);
    return null;
  }
}
