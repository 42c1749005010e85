// Who may see a back-office page: a live staff session (re-read on every request, so a revoked session or a disabled
// member is signed out at once) whose role holds the permission. A member whose password is too old is sent to
// change it before anything else. State-changing requests must also carry the session's CSRF token.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.ts';
import type { StaffPrincipal } from '../platform/auth/principal.ts';
import { roleCan, type Permission } from '../platform/auth/roles.ts';
import { withPermission } from '../platform/auth/require-permission.ts';
import { loadSecret } from '../platform/auth/secret.ts';
import { postOrigin } from '../platform/http/csrf.ts';
import { staffSessionFor } from '../staff/staff-principal.ts';
import { parseCookies } from './cookies.ts';
import { checkCsrfToken, clearSessionCookie, csrfToken, SESSION_COOKIE, type AdminSession } from './session.ts';

export interface AdminState {
  principal: StaffPrincipal;
  session: AdminSession;
  /** The CSRF token to put in every form of the page. */
  csrf: string;
  /** The password must be changed before any other page opens. */
  passwordExpired: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    admin?: AdminState;
  }
}

export const CSRF_FIELD = '_csrf';
export const CHANGE_PASSWORD_PATH = '/admin/account/password';

export const secretOf = (ctx: AppContext) => loadSecret(ctx.config.dataDir);

/**
 * A back-office form post may change state: it carries the session's CSRF token, and the browser does not say it
 * came from another site (Sec-Fetch-Site or Origin; defence in depth on top of the token).
 */
export function staffPostAllowed(ctx: AppContext, request: FastifyRequest, sessionId: string, token: unknown): boolean {
  return postOrigin(ctx, request) !== 'cross-origin' && checkCsrfToken(secretOf(ctx), sessionId, token);
}
export const isSecure = (ctx: AppContext) => ctx.config.baseUrl.startsWith('https:');
export { clearSessionCookie };

/** The session token the browser sent, if any. */
export const sessionTokenOf = (request: FastifyRequest): string | undefined => parseCookies(request.headers.cookie)[SESSION_COOKIE] || undefined;

/** The signed-in state of a request, or null. */
export async function currentAdmin(ctx: AppContext, request: FastifyRequest): Promise<AdminState | null> {
  const found = await staffSessionFor(ctx, sessionTokenOf(request));
  if (!found) return null;
  return { principal: found.principal, session: found.session, csrf: csrfToken(secretOf(ctx), found.session.id), passwordExpired: found.passwordExpired };
}

export interface GuardOptions {
  /** Renders the 403 page (the shell's layout). */
  forbidden: (request: FastifyRequest, reply: FastifyReply, message: string) => FastifyReply;
  /** The pages that let a member change an expired password (and nothing else) set this. */
  allowExpiredPassword?: boolean;
}

/**
 * A preValidation hook for back-office pages: redirects to the sign-in page without a live session, to the
 * password page when the password has expired, and answers 403 when the role lacks `permission` or when a POST lacks
 * the session's CSRF token (in the `_csrf` form field; multipart forms send it in the query string because their body
 * is read later by the route) or comes, by the browser's Sec-Fetch-Site or Origin, from another site.
 */
export function adminGuard(ctx: AppContext, permission: Permission, options: GuardOptions) {
  // withPermission: the role-matrix test reads which permission each page checks.
  return withPermission(async function guardAdminPage(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
    const state = await currentAdmin(ctx, request);
    const isPost = request.method !== 'GET' && request.method !== 'HEAD';
    if (!state) {
      if (sessionTokenOf(request)) reply.header('set-cookie', clearSessionCookie(ctx));
      return reply.redirect('/admin/login', 302);
    }
    request.admin = state;
    if (isPost) {
      const isMultipart = request.headers['content-type']?.startsWith('multipart/form-data') ?? false;
      const token = isMultipart
        ? (request.query as Record<string, unknown> | undefined)?.[CSRF_FIELD]
        : (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
      if (!staffPostAllowed(ctx, request, state.session.id, token)) {
        return options.forbidden(request, reply, 'This form has expired or did not come from this site. Reload the page and try again.');
      }
    }
    if (state.passwordExpired && !options.allowExpiredPassword) return reply.redirect(CHANGE_PASSWORD_PATH, isPost ? 303 : 302);
    if (!roleCan(state.principal.role, permission)) {
      return options.forbidden(request, reply, `Your role (${state.principal.role}) may not do this: it needs the ${permission} permission.`);
    }
  }, permission);
}
