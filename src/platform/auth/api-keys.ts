import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ApiKeyPrincipal } from './principal.ts';
import type { Role } from './roles.ts';

export type { ApiKeyPrincipal } from './principal.ts';

// Keys are 32 random bytes, so a plain SHA-256 is enough to store them safely (no password stretching needed).
const hashKey = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

export async function createApiKey(
  db: Kysely<Database>,
  input: { name: string; role: Role; expiresAt?: string | null },
): Promise<{ id: number; key: string }> {
  const prefix = crypto.randomBytes(4).toString('hex');
  const key = `pk_${prefix}_${crypto.randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('api_keys')
    .values({ name: input.name, role: input.role, prefix, key_hash: hashKey(key), expires_at: input.expiresAt ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, key };
}

/** The principal for a presented key, or null when it is unknown, revoked or expired. */
export async function verifyApiKey(db: Kysely<Database>, key: string, now = new Date()): Promise<ApiKeyPrincipal | null> {
  if (!/^pk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/.test(key)) return null;
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'role', 'expires_at', 'revoked_at'])
    .where('key_hash', '=', hashKey(key))
    .executeTakeFirst();
  if (!row || row.revoked_at) return null;
  if (row.expires_at && new Date(row.expires_at) <= now) return null;
  return { kind: 'api_key', keyId: row.id, name: row.name, role: row.role as Role };
}
