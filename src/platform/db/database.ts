import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent, type SqliteDatabase } from 'kysely';
import type { DatabaseConfig } from '../config.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  destroy(): Promise<void>;
}

// PostgreSQL returns int8, numeric and timestamptz as strings or Dates; SQLite returns numbers and the
// ISO strings we stored. Parse them the same way so services never branch on the dialect.
pg.types.setTypeParser(20, (v) => Number(v)); // int8: counts and money (minor units fit in 2^53)
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric: averages
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString()); // timestamptz
pg.types.setTypeParser(1114, (v) => new Date(v + 'Z').toISOString()); // timestamp (UTC by convention)

export interface OpenOptions {
  /** Called with every executed query; used by the query-budget tests. */
  onQuery?: (sql: string) => void;
  poolSize?: number;
  /** Told when an idle pooled connection dies (server restart, failover, terminated by an administrator). */
  onConnectionError?: (err: Error) => void;
}

export function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Db {
  const log = options.onQuery
    ? (event: LogEvent) => {
        if (event.level === 'query') options.onQuery!(event.query.sql);
      }
    : undefined;

  if (config.dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: options.poolSize ?? 10 });
    // pg emits an idle client's failure on the pool, and an unhandled 'error' event would end the process. The
    // pool has already dropped that client and opens a new one on the next query, so a note in the log is enough.
    pool.on('error', (err) => options.onConnectionError?.(err));
    prepareStatementsOnce(pool);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
    return { kysely, dialect: 'postgres', destroy: () => kysely.destroy() };
  }

  if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
  const sqlite = new SQLite(config.file);
  // WAL lets readers proceed during a write; busy_timeout makes concurrent writers wait instead of failing.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), log });
  return { kysely, dialect: 'sqlite', destroy: () => kysely.destroy() };
}

/**
 * Kysely prepares every query it runs, and better-sqlite3 compiles SQL on every prepare(): for the short queries of a
 * shop that compilation costs about as much as running them. The same SQL text reuses its compiled statement (a
 * statement keeps no state between runs; a busy one, still iterating, is never handed out twice).
 */
function withStatementCache(sqlite: SQLite.Database, maxStatements = 1000): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const cached = statements.get(sql);
      if (cached && !cached.busy) {
        // Re-insert to mark it most recently used.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > maxStatements) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}

/**
 * PostgreSQL parses and plans every unnamed statement it receives, and Kysely sends only unnamed ones: on a cart or a
 * checkout, that planning costs the database about as much CPU as running the statements. A statement named after
 * its SQL text is parsed and planned once per connection, then only bound and run (the server still re-plans it when
 * a table it reads changes). Only statements with parameters are named (never a multi-statement script), and each
 * connection keeps at most `maxPerConnection` of them: lists like `in ($1, $2, …)` make many texts of one query.
 */
function prepareStatementsOnce(pool: pg.Pool, maxPerConnection = 500): void {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < 50_000) {
      name = `pasar_${names.size.toString(36)}`;
      names.set(text, name);
    }
    return name;
  };
  pool.on('connect', (client) => {
    const prepared = new Set<string>();
    const query = client.query.bind(client) as (config: unknown, values?: unknown) => unknown;
    (client as { query: unknown }).query = (text: unknown, values?: unknown) => {
      if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
        const name = nameOf(text);
        if (name !== undefined && (prepared.has(name) || prepared.size < maxPerConnection)) {
          prepared.add(name);
          return query({ name, text, values });
        }
      }
      return query(text, values);
    };
  });
}
