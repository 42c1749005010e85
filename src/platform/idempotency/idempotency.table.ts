import type { Generated } from 'kysely';

/** One row per Idempotency-Key: the first request's outcome, replayed to every retry. */
export interface IdempotencyKeysTable {
  key: string;
  scope: string;
  /** A hash of the request body: the same key with a different body is refused. */
  request_hash: string;
  status: 'running' | 'done';
  response_status: number | null;
  response_body: string | null;
  created_at: Generated<string>;
}

export interface IdempotencyTables { idempotency_keys: IdempotencyKeysTable }
