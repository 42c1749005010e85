/**
 * Idempotent requests: the first request with a key claims it (an INSERT that only one writer can win, on SQLite and
 * PostgreSQL alike), runs, and stores its response; every later request with the same key — including one that
 * arrives while the first is still running — waits for that response and receives it unchanged. A request that
 * failed with a server error leaves no record, so the client's retry runs again.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../context.ts';
import { AppError } from '../http/errors.ts';

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,200}$/;

export interface StoredResponse { status: number; body: unknown }

export interface IdempotencyOptions {
  /** How long a retry waits for the first request to finish before answering 409 request_in_progress. */
  waitMs?: number;
  pollMs?: number;
  /**
   * A claim still "running" after this long belongs to a process that died mid-request (a crash, a kill): a retry
   * takes it over and runs the work itself. Far longer than any request may take.
   */
  leaseMs?: number;
}

const DEFAULT_LEASE_MS = 60_000;

export function requestHash(body: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` at most once per (scope, key). `work` returns the response to store; an AppError with a 4xx status is
 * stored too (the same bad request gets the same answer); anything else is not stored and is rethrown.
 */
export async function once(
  ctx: AppContext,
  scope: string,
  key: string,
  body: unknown,
  work: () => Promise<StoredResponse>,
  options: IdempotencyOptions = {},
): Promise<StoredResponse> {
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new AppError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 8–200 letters, digits or _ . : -');
  }
  const db = ctx.db.kysely;
  const hash = requestHash(body);
  const claimed = await db.insertInto('idempotency_keys')
    .values({ scope, key, request_hash: hash, status: 'running', response_status: null, response_body: null })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();

  if (claimed) return runClaimed(ctx, scope, key, work);

  const deadline = Date.now() + (options.waitMs ?? 15_000);
  for (;;) {
    const row = await db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
    if (!row) {
      // The first attempt failed on our side and released the key: this retry runs afresh.
      return once(ctx, scope, key, body, work, options);
    }
    if (row.request_hash !== hash) {
      throw new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with a different request body');
    }
    if (row.status === 'done') return { status: row.response_status!, body: JSON.parse(row.response_body!) };
    const leaseEnd = new Date(Date.now() - (options.leaseMs ?? DEFAULT_LEASE_MS)).toISOString();
    if (row.created_at < leaseEnd) {
      // Abandoned by a dead process: take it over. The taker renews created_at, so only one retry's update matches.
      const taken = await db.updateTable('idempotency_keys').set({ created_at: new Date().toISOString() })
        .where('scope', '=', scope).where('key', '=', key).where('status', '=', 'running').where('created_at', '<', leaseEnd)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 1) return runClaimed(ctx, scope, key, work);
    }
    if (Date.now() > deadline) throw new AppError(409, 'request_in_progress', 'The first request with this Idempotency-Key is still running; retry shortly');
    await sleep(options.pollMs ?? 50);
  }
}

async function runClaimed(ctx: AppContext, scope: string, key: string, work: () => Promise<StoredResponse>): Promise<StoredResponse> {
  try {
    const response = await work();
    await store(ctx, scope, key, response);
    return response;
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      await store(ctx, scope, key, { status: err.status, body: { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } } });
    } else {
      await ctx.db.kysely.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).execute();
    }
    throw err;
  }
}

async function store(ctx: AppContext, scope: string, key: string, response: StoredResponse) {
  await ctx.db.kysely.updateTable('idempotency_keys')
    .set({ status: 'done', response_status: response.status, response_body: JSON.stringify(response.body) })
    .where('scope', '=', scope).where('key', '=', key)
    .execute();
}
