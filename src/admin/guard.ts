// Who may see a back-office page: a valid session whose API key is still valid and whose role holds the permission.
// State-changing requests must also carry the session's CSRF token.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.ts';
import type { ApiKeyPrincipal, Principal } from '../platform/auth/principal.ts';
import { isRole, roleCan, type Permission } from '../platform/auth/roles.ts';
import { loadSecret } from '../platform/auth/secret.ts';
import { parseCookies, serializeCookie } from './cookies.ts';
import { checkCsrfToken, csrfToken, readSession, SESSION_COOKIE, type AdminSession } from './session.ts';

export interface AdminState {
  principal: Principal;
  session: AdminSession;
  /** The CSRF token to put in every form of the page. */
  csrf: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    admin?: AdminState;
  }
}

export const CSRF_FIELD = '_csrf';

export const secretOf = (ctx: AppContext) => loadSecret(ctx.config.dataDir);
export const isSecure = (ctx: AppContext) => ctx.config.baseUrl.startsWith('https:');

export function clearSessionCookie(ctx: AppContext): string {
  return serializeCookie(SESSION_COOKIE, '', { path: '/admin', maxAgeSeconds: 0, httpOnly: true, secure: isSecure(ctx), sameSite: 'Strict' });
}

/** The key behind a session, re-read on every request so revoking or expiring it ends the session at once. */
async function principalFor(ctx: AppContext, keyId: number): Promise<ApiKeyPrincipal | null> {
  const row = await ctx.db.kysely
    .selectFrom('api_keys')
    .select(['id', 'name', 'role', 'expires_at', 'revoked_at'])
    .where('id', '=', keyId)
    .executeTakeFirst();
  if (!row || row.revoked_at || !isRole(row.role)) return null;
  if (row.expires_at && new Date(row.expires_at) <= new Date()) return null;
  return { kind: 'api_key', keyId: row.id, name: row.name, role: row.role };
}

/** The signed-in state of a request, or null. */
export async function currentAdmin(ctx: AppContext, request: FastifyRequest): Promise<AdminState | null> {
  const secret = secretOf(ctx);
  const session = readSession(secret, parseCookies(request.headers.cookie)[SESSION_COOKIE]);
  if (!session) return null;
  const principal = await principalFor(ctx, session.keyId);
  if (!principal) return null;
  return { principal, session, csrf: csrfToken(secret, session.sid) };
}

export interface GuardOptions {
  /** Renders the 403 page (the shell's layout). */
  forbidden: (request: FastifyRequest, reply: FastifyReply, message: string) => FastifyReply;
}

/**
 * A preHandler for back-office pages: redirects to the sign-in page without a valid session, answers 403 when the
 * role lacks `permission` or when a POST lacks the session's CSRF token (in the `_csrf` form field; multipart forms
 * send it in the query string because their body is read later by the route).
 */
export function adminGuard(ctx: AppContext, permission: Permission, options: GuardOptions) {
  return async function guardAdminPage(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
    const state = await currentAdmin(ctx, request);
    if (!state) {
      reply.header('set-cookie', clearSessionCookie(ctx));
      return reply.redirect('/admin/login', 302);
    }
    request.admin = state;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const isMultipart = request.headers['content-type']?.startsWith('multipart/form-data') ?? false;
      const token = isMultipart
        ? (request.query as Record<string, unknown> | undefined)?.[CSRF_FIELD]
        : (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
      if (!checkCsrfToken(secretOf(ctx), state.session.sid, token)) {
        return options.forbidden(request, reply, 'This form has expired or did not come from this site. Reload the page and try again.');
      }
    }
    if (!roleCan(state.principal.role, permission)) {
      return options.forbidden(request, reply, `Your role (${state.principal.role}) may not do this: it needs the ${permission} permission.`);
    }
  };
}
