// One-time tokens for email links (verify the address, reset the password). The database keeps only a SHA-256 of
// each token plus a random nonce; the token is HMAC(secret, nonce), so the mail job can derive it again to send it
// and neither the tokens table nor the job queue ever holds a usable link.
import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import { loadSecret } from '../platform/auth/secret.ts';
import type { AppContext } from '../platform/context.ts';
import type { Database } from '../platform/db/schema.ts';
import type { CustomerTokenKind } from './customers.table.ts';

export const TOKEN_PATTERN = '^[A-Za-z0-9_-]{43}$';
const TOKEN_RE = new RegExp(TOKEN_PATTERN);

/** How long a link works: a day to verify an address, an hour to reset a password (OWASP's advice is short). */
export const TOKEN_TTL_MS: Record<CustomerTokenKind, number> = { verify_email: 24 * 3600_000, reset_password: 3600_000 };

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export function deriveToken(ctx: AppContext, nonce: string): string {
  return crypto.createHmac('sha256', loadSecret(ctx.config.dataDir)).update(`customer-token:${nonce}`).digest('base64url');
}

/**
 * A new token of `kind` for the customer, inside the caller's transaction. Earlier unused tokens of the same kind
 * are deleted, so only the newest link works. Returns the row id (the mail job's reference) and the token.
 */
export async function issueToken(ctx: AppContext, trx: Transaction<Database>, customerId: number, kind: CustomerTokenKind, now = new Date()) {
  await trx.deleteFrom('customer_tokens').where('customer_id', '=', customerId).where('kind', '=', kind).where('used_at', 'is', null).execute();
  const nonce = crypto.randomBytes(18).toString('base64url');
  const token = deriveToken(ctx, nonce);
  const row = await trx.insertInto('customer_tokens').values({
    customer_id: customerId, kind, token_hash: hashToken(token), nonce, expires_at: new Date(now.getTime() + TOKEN_TTL_MS[kind]).toISOString(), used_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, token };
}

/**
 * Uses a token once: the customer it belongs to, or null when it is malformed, unknown, of another kind, expired or
 * already used. The conditional UPDATE makes two concurrent uses succeed once.
 */
export async function consumeToken(trx: Transaction<Database>, token: string, kind: CustomerTokenKind, now = new Date()): Promise<number | null> {
  if (!TOKEN_RE.test(token)) return null;
  const row = await trx.selectFrom('customer_tokens').select(['id', 'customer_id', 'expires_at', 'used_at'])
    .where('token_hash', '=', hashToken(token)).where('kind', '=', kind).executeTakeFirst();
  if (!row || row.used_at || new Date(row.expires_at) <= now) return null;
  const used = await trx.updateTable('customer_tokens').set({ used_at: now.toISOString() }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
  return Number(used.numUpdatedRows) === 1 ? row.customer_id : null;
}

/** Whether a token of `kind` was issued to the customer in the last `ms` (to refuse a flood of emails). */
export async function issuedRecently(ctx: AppContext, customerId: number, kind: CustomerTokenKind, ms: number): Promise<boolean> {
  const since = new Date(Date.now() - ms).toISOString();
  const row = await ctx.db.kysely.selectFrom('customer_tokens').select('id')
    .where('customer_id', '=', customerId).where('kind', '=', kind).where('created_at', '>', since).executeTakeFirst();
  return row !== undefined;
}
