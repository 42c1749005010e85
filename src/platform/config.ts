import path from 'node:path';
import { parseAddressList, parseTrustProxy, type TrustProxy } from './http/ip-allow-list.ts';
import { parseAuthConfig, parseRedisUrl, type AuthConfig } from './auth/auth-config.ts';
import { parseBackupConfig, type BackupConfig } from './backup/backup-config.ts';

/** Languages the storefront is translated into. The first is the fallback when a translation is missing. */
export const SUPPORTED_LOCALES = ['en', 'id', 'th', 'fil', 'es'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/**
 * Currencies the shop can price in, with the number of minor-unit digits Pasar stores.
 * IDR is stored in whole rupiah: ISO 4217 lists two decimals but nobody prices in sen.
 */
export const CURRENCIES = { IDR: 0, THB: 2, PHP: 2, USD: 2, MXN: 2, EUR: 2, SGD: 2, MYR: 2, VND: 0 } as const;
export type CurrencyCode = keyof typeof CURRENCIES;

export type DatabaseConfig =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  baseUrl: string;
  dataDir: string;
  database: DatabaseConfig;
  defaultLocale: Locale;
  defaultCurrency: CurrencyCode;
  shopName: string;
  logLevel: string;
  /** Shows stock counts ("12 left") instead of only in stock / low / out. */
  showStockCounts: boolean;
  mail: MailConfig;
  jobs: JobsConfig;
  /** ADMIN_ALLOWED_IPS: addresses and CIDR subnets that may reach /admin and /api/admin; empty = everyone. */
  adminAllowedIps: string[];
  /** TRUST_PROXY: which proxies' X-Forwarded-For to believe (off by default). */
  trustProxy: TrustProxy;
  /** REDIS_URL: shares sign-in throttling (and caches) between processes; null = each process on its own. */
  redisUrl: string | null;
  /** REDIS_PREFIX: prefix of every Redis key this shop writes (default `pasar:`). */
  redisPrefix: string;
  /** Sign-in throttling, account locks, staff password age and session length (src/platform/auth/auth-config.ts). */
  auth: AuthConfig;
  /** BACKUP_DIR, BACKUP_SCHEDULE, BACKUP_RETENTION_DAYS, BACKUP_KEEP: scheduled backups (src/platform/backup). */
  backup: BackupConfig;
}

export interface MailConfig {
  /** smtp:// or smtps:// URL of the mail server; null writes .eml files under DATA_DIR/outbox instead. */
  smtpUrl: string | null;
  /** The From header of transactional email, e.g. `Toko Kopi <orders@tokokopi.id>`. */
  from: string;
}

export interface JobsConfig {
  /** Whether `pasar start` runs a job worker in the server process (JOB_WORKER=off to run none). */
  worker: boolean;
  /** Jobs one process runs at the same time. */
  concurrency: number;
  pollMs: number;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

/** Reads and validates the configuration from the environment; throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];

  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number, got "${env.PORT}"`);

  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  const database = parseDatabaseUrl(env.DATABASE_URL, dataDir, problems);

  const defaultLocale = (env.DEFAULT_LOCALE ?? 'en') as Locale;
  if (!SUPPORTED_LOCALES.includes(defaultLocale)) {
    problems.push(`DEFAULT_LOCALE must be one of ${SUPPORTED_LOCALES.join(', ')}, got "${env.DEFAULT_LOCALE}"`);
  }
  const defaultCurrency = (env.DEFAULT_CURRENCY ?? 'IDR') as CurrencyCode;
  if (!(defaultCurrency in CURRENCIES)) {
    problems.push(`DEFAULT_CURRENCY must be one of ${Object.keys(CURRENCIES).join(', ')}, got "${env.DEFAULT_CURRENCY}"`);
  }

  const host = env.HOST ?? '0.0.0.0';
  const baseUrl = (env.BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    problems.push(`BASE_URL must be an http(s) URL, got "${env.BASE_URL}"`);
  }

  const shopName = env.SHOP_NAME ?? 'Pasar Demo';
  const mail = parseMailConfig(env, shopName, baseUrl, problems);
  const jobs = parseJobsConfig(env, problems);
  const adminAllowedIps = parseAddressList('ADMIN_ALLOWED_IPS', env.ADMIN_ALLOWED_IPS, problems);
  const trustProxy = parseTrustProxy(env.TRUST_PROXY, problems);
  const redisUrl = parseRedisUrl(env.REDIS_URL, problems);
  const auth = parseAuthConfig(env, problems);
  const backup = parseBackupConfig(env, dataDir, problems);

  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);

  return {
    port,
    host,
    baseUrl,
    dataDir,
    database,
    defaultLocale,
    defaultCurrency,
    shopName,
    logLevel: env.LOG_LEVEL ?? 'info',
    showStockCounts: env.SHOW_STOCK_COUNTS === 'true',
    mail,
    jobs,
    adminAllowedIps,
    trustProxy,
    redisUrl,
    redisPrefix: env.REDIS_PREFIX ?? 'pasar:',
    auth,
    backup,
  };
}

function parseMailConfig(env: Env, shopName: string, baseUrl: string, problems: string[]): MailConfig {
  let smtpUrl: string | null = null;
  if (env.SMTP_URL) {
    try {
      const u = new URL(env.SMTP_URL);
      if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error();
      if (!u.hostname) throw new Error();
      smtpUrl = env.SMTP_URL;
    } catch {
      // The URL may carry a password: name only its scheme in the message.
      problems.push(`SMTP_URL must be an smtp:// or smtps:// URL with a host, got "${env.SMTP_URL.split('://')[0]}://…"`);
    }
  }
  let host = 'localhost';
  try {
    host = new URL(baseUrl).hostname || host;
  } catch {
    // BASE_URL is reported on its own
  }
  const from = env.MAIL_FROM ?? `"${shopName.replace(/["\\]/g, '')}" <no-reply@${host}>`;
  // A bare address or `Name <address>`; no line breaks, which would let a value inject headers.
  if (!/^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(from)) {
    problems.push(`MAIL_FROM must be an email address or "Name <address>", got "${env.MAIL_FROM}"`);
  }
  return { smtpUrl, from };
}

function parseJobsConfig(env: Env, problems: string[]): JobsConfig {
  const worker = (env.JOB_WORKER ?? 'on').toLowerCase();
  if (!['on', 'off', 'true', 'false', '1', '0'].includes(worker)) problems.push(`JOB_WORKER must be on or off, got "${env.JOB_WORKER}"`);
  const concurrency = Number(env.JOB_CONCURRENCY ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    problems.push(`JOB_CONCURRENCY must be a whole number from 1 to 64, got "${env.JOB_CONCURRENCY}"`);
  }
  const pollMs = Number(env.JOB_POLL_MS ?? 1000);
  if (!Number.isInteger(pollMs) || pollMs < 10 || pollMs > 600_000) problems.push(`JOB_POLL_MS must be from 10 to 600000, got "${env.JOB_POLL_MS}"`);
  return { worker: ['on', 'true', '1'].includes(worker), concurrency, pollMs };
}

/** A plain path or `sqlite:` URL means SQLite; `postgres://` or `postgresql://` means PostgreSQL. */
export function parseDatabaseUrl(value: string | undefined, dataDir: string, problems: string[] = []): DatabaseConfig {
  if (!value) return { dialect: 'sqlite', file: path.join(dataDir, 'pasar.sqlite') };
  if (/^postgres(ql)?:\/\//.test(value)) return { dialect: 'postgres', url: value };
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\//, '');
    if (file === ':memory:') return { dialect: 'sqlite', file };
    return { dialect: 'sqlite', file: path.resolve(file) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    problems.push(`DATABASE_URL must be a file path, a sqlite: URL or a postgres:// URL, got "${value.split('://')[0]}://…"`);
    return { dialect: 'sqlite', file: '' };
  }
  return { dialect: 'sqlite', file: path.resolve(value) };
}
