import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import { migrateToLatest } from '../../src/platform/db/migrations.ts';
import type { AppContext } from '../../src/platform/context.ts';
import { createContext, createServer } from '../../src/server.ts';
import type { App } from '../../src/platform/http/app.ts';

/** Which database the suite runs on: TEST_DB=sqlite (default) or TEST_DB=postgres. */
export const TEST_DB = (process.env.TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestContext extends AppContext {
  dataDir: string;
  /** SQL statements executed since the last reset, for query budgets. */
  queries: string[];
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a temporary SQLite file, or a new PostgreSQL database
 * created on the test server and dropped on close.
 */
export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pasar-test-'));
  let databaseUrl = path.join(dataDir, 'test.sqlite');
  let dropDatabase = async () => {};
  if (TEST_DB === 'postgres') {
    const name = `pasar_t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const config: Config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', BASE_URL: 'http://localhost:3000', ...env });
  const queries: string[] = [];
  const ctx = await createContext(config, { log: pino({ level: 'silent' }), onQuery: (q) => queries.push(q), poolSize: 20 });
  await migrateToLatest(ctx.db);
  queries.length = 0;
  return {
    ...ctx,
    dataDir,
    queries,
    async close() {
      await ctx.db.destroy();
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The whole app on a test context, for `app.inject()`. */
export async function createTestApp(ctx: TestContext): Promise<App> {
  return createServer(ctx);
}

/** An Authorization header carrying a fresh API key of the given role. */
export async function adminAuth(ctx: AppContext, role: import('../../src/platform/auth/roles.ts').Role = 'owner') {
  const { createApiKey } = await import('../../src/platform/auth/api-keys.ts');
  const { key } = await createApiKey(ctx.db.kysely, { name: `test ${role}`, role });
  return { authorization: `Bearer ${key}` };
}
