// Admin API keys as owners manage them: list, create with a role and an expiry, revoke. Keys are for machines
// (ERP sync, scripts); people sign in as staff. Creating and verifying keys is in src/platform/auth/api-keys.ts.
import { createApiKey } from '../platform/auth/api-keys.ts';
import type { Role } from '../platform/auth/roles.ts';
import type { AppContext } from '../platform/context.ts';
import { badRequest, notFound } from '../platform/http/errors.ts';
import { nameProblem, roleProblem, type FieldProblem } from './staff-rules.ts';

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

export interface ApiKeyView {
  id: number;
  name: string;
  role: Role;
  /** The key's visible prefix (`pk_<prefix>_…`), to tell keys apart; the key itself is never shown again. */
  prefix: string;
  status: ApiKeyStatus;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export const MAX_KEY_DAYS = 3650;

type KeyRow = { id: number; name: string; role: string; prefix: string; created_at: string; expires_at: string | null; revoked_at: string | null };

function toView(row: KeyRow, now = Date.now()): ApiKeyView {
  const status: ApiKeyStatus = row.revoked_at ? 'revoked' : row.expires_at && new Date(row.expires_at).getTime() <= now ? 'expired' : 'active';
  return { id: row.id, name: row.name, role: row.role as Role, prefix: row.prefix, status, created_at: row.created_at, expires_at: row.expires_at, revoked_at: row.revoked_at };
}

const COLUMNS = ['id', 'name', 'role', 'prefix', 'created_at', 'expires_at', 'revoked_at'] as const;

export async function listApiKeys(ctx: AppContext): Promise<ApiKeyView[]> {
  const rows = await ctx.db.kysely.selectFrom('api_keys').select(COLUMNS).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
  return rows.map((r) => toView(r));
}

/** Creates a key; the key is in the result once and never again. */
export async function createManagedApiKey(ctx: AppContext, input: { name: string; role: string; expiresInDays: number }): Promise<{ key: string; item: ApiKeyView }> {
  const name = input.name.trim();
  const problems: FieldProblem[] = [];
  const n = nameProblem(name);
  if (n) problems.push({ path: '/name', message: n });
  const r = roleProblem(input.role);
  if (r) problems.push({ path: '/role', message: r });
  if (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > MAX_KEY_DAYS) {
    problems.push({ path: '/expires_in_days', message: `Choose a whole number of days from 1 to ${MAX_KEY_DAYS}.` });
  }
  if (problems.length) throw badRequest(problems.map((p) => p.message).join(' '), problems);
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000).toISOString();
  const { id, key } = await createApiKey(ctx.db.kysely, { name, role: input.role as Role, expiresAt });
  const row = await ctx.db.kysely.selectFrom('api_keys').select(COLUMNS).where('id', '=', id).executeTakeFirstOrThrow();
  ctx.log.info({ keyId: id, role: input.role }, 'api key created');
  return { key, item: toView(row) };
}

export async function revokeApiKey(ctx: AppContext, id: number): Promise<ApiKeyView> {
  await ctx.db.kysely.updateTable('api_keys').set({ revoked_at: new Date().toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  const row = await ctx.db.kysely.selectFrom('api_keys').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('API key');
  ctx.log.info({ keyId: id }, 'api key revoked');
  return toView(row);
}
