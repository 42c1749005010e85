// Sign-in with an admin API key (until staff accounts exist, see docs/decisions/0003) and sign-out.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context.ts';
import type { App } from '../platform/http/app.ts';
import { verifyApiKey } from '../platform/auth/api-keys.ts';
import { roleCan } from '../platform/auth/roles.ts';
import { parseCookies, serializeCookie } from './cookies.ts';
import { clearSessionCookie, CSRF_FIELD, currentAdmin, isSecure, secretOf } from './guard.ts';
import { checkCsrfToken, checkLoginToken, LOGIN_CSRF_COOKIE, newLoginToken, newSession, SESSION_COOKIE, SESSION_TTL_MS, signSession } from './session.ts';
import { renderAdminPage } from './shell.tsx';
import { ErrorSummary, TextField, type FieldErrors } from './ui.tsx';

const LoginBody = Type.Object(
  { api_key: Type.Optional(Type.String({ maxLength: 500 })), [CSRF_FIELD]: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

function LoginForm({ token, errors }: { token: string; errors: FieldErrors }) {
  return (
    <section class="narrow">
      <h1>Sign in</h1>
      <p>
        Paste an admin API key. Create one on the server with <code>pasar apikey:create --role owner</code>.
      </p>
      <ErrorSummary errors={errors[''] ? { '': errors[''] } : {}} />
      <form method="post" action="/admin/login" class="stack">
        <input type="hidden" name={CSRF_FIELD} value={token} />
        <TextField label="API key" name="api_key" type="password" required maxLength={500} autocomplete="off" errors={errors} />
        <button type="submit">Sign in</button>
      </form>
    </section>
  );
}

function renderLogin(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, errors: FieldErrors, status: number) {
  // A fresh double-submit token for every form shown.
  const token = newLoginToken();
  reply.header('set-cookie', serializeCookie(LOGIN_CSRF_COOKIE, token, { path: '/admin', httpOnly: true, secure: isSecure(ctx), sameSite: 'Strict', maxAgeSeconds: 3600 }));
  request.admin = undefined;
  return renderAdminPage(ctx, request, reply, { title: 'Sign in', status }, <LoginForm token={token} errors={errors} />);
}

export function registerLoginRoutes(app: App, ctx: AppContext): void {
  app.get('/admin/login', { schema: { hide: true } }, async (request, reply) => {
    if (await currentAdmin(ctx, request)) return reply.redirect('/admin', 302);
    return renderLogin(ctx, request, reply, {}, 200);
  });

  app.post('/admin/login', { schema: { hide: true, body: LoginBody } }, async (request, reply) => {
    const body = request.body as { api_key?: string; _csrf?: string };
    if (!checkLoginToken(parseCookies(request.headers.cookie)[LOGIN_CSRF_COOKIE], body[CSRF_FIELD])) {
      return renderLogin(ctx, request, reply, { '': 'The sign-in form expired. Please try again.' }, 403);
    }
    const key = (body.api_key ?? '').trim();
    if (!key) return renderLogin(ctx, request, reply, { api_key: 'Enter an API key.' }, 400);
    const principal = await verifyApiKey(ctx.db.kysely, key);
    if (!principal) {
      return renderLogin(ctx, request, reply, { api_key: 'This key is not valid: it is unknown, revoked or expired.' }, 401);
    }
    if (!roleCan(principal.role, 'catalog:read')) {
      return renderLogin(ctx, request, reply, { api_key: 'This key’s role may not use the back office.' }, 403);
    }
    const session = newSession(principal.keyId);
    reply.header('set-cookie', [
      serializeCookie(SESSION_COOKIE, signSession(secretOf(ctx), session), {
        path: '/admin',
        httpOnly: true,
        secure: isSecure(ctx),
        sameSite: 'Strict',
        maxAgeSeconds: SESSION_TTL_MS / 1000,
      }),
      serializeCookie(LOGIN_CSRF_COOKIE, '', { path: '/admin', httpOnly: true, secure: isSecure(ctx), sameSite: 'Strict', maxAgeSeconds: 0 }),
    ]);
    request.log.info({ keyId: principal.keyId, role: principal.role }, 'back office sign-in');
    return reply.redirect('/admin', 303);
  });

  app.post('/admin/logout', { schema: { hide: true, body: LoginBody } }, async (request, reply) => {
    const state = await currentAdmin(ctx, request);
    const body = request.body as { _csrf?: string };
    if (state && !checkCsrfToken(secretOf(ctx), state.session.sid, body[CSRF_FIELD])) {
      return reply.status(403).type('text/plain; charset=utf-8').send('Invalid form token');
    }
    reply.header('set-cookie', clearSessionCookie(ctx));
    return reply.redirect('/admin/login', 303);
  });
}
