// Staff sign-in (email, password and the authenticator's code, or a recovery code, in one form) and sign-out.
// Wrong answers of every kind get one message, so the form does not tell which accounts exist; repeated failures lock
// the account (423) and a flooding address is slowed down (429), both explained on the page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context.ts';
import type { App } from '../platform/http/app.ts';
import { AppError } from '../platform/http/errors.ts';
import { revokeSession } from '../platform/auth/sessions.ts';
import { authenticateStaff, staffSessionTtlMs, startStaffSession } from '../staff/credentials.ts';
import { passwordExpired } from '../staff/staff-rules.ts';
import { parseCookies } from './cookies.ts';
import { CHANGE_PASSWORD_PATH, CSRF_FIELD, currentAdmin, staffPostAllowed } from './guard.ts';
import { checkLoginToken, clearSessionCookie, LOGIN_CSRF_COOKIE, loginTokenCookie, newLoginToken, sessionCookie } from './session.ts';
import { renderAdminPage } from './shell.tsx';
import { ErrorSummary, TextField, type FieldErrors } from './ui.tsx';

const LoginBody = Type.Object(
  {
    email: Type.Optional(Type.String({ maxLength: 1000 })),
    password: Type.Optional(Type.String({ maxLength: 1000 })),
    code: Type.Optional(Type.String({ maxLength: 100 })),
    [CSRF_FIELD]: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
const LogoutBody = Type.Object({ [CSRF_FIELD]: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });

interface LoginValues {
  email?: string;
}

function LoginForm({ token, errors, values }: { token: string; errors: FieldErrors; values: LoginValues }) {
  return (
    <section class="narrow">
      <h1>Sign in</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/login" class="stack">
        <input type="hidden" name={CSRF_FIELD} value={token} />
        <TextField label="Email address" name="email" value={values.email} required maxLength={254} autocomplete="username" errors={errors} />
        <TextField label="Password" name="password" type="password" required maxLength={256} autocomplete="current-password" errors={errors} />
        <TextField
          label="Authentication code"
          name="code"
          required
          maxLength={20}
          autocomplete="one-time-code"
          hint="The 6-digit code your authenticator app shows, or one of your recovery codes."
          errors={errors}
        />
        <button type="submit">Sign in</button>
      </form>
      <p>
        <small>Lost your phone? Sign in with a recovery code, or ask an owner to reset your two-factor sign-in.</small>
      </p>
    </section>
  );
}

function renderLogin(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, errors: FieldErrors, status: number, values: LoginValues = {}) {
  // A fresh double-submit token for every form shown.
  const token = newLoginToken();
  const cookies = [loginTokenCookie(ctx, token)];
  const existing = reply.getHeader('set-cookie');
  reply.header('set-cookie', existing === undefined ? cookies : [...[existing].flat().map(String), ...cookies]);
  request.admin = undefined;
  return renderAdminPage(ctx, request, reply, { title: 'Sign in', status }, <LoginForm token={token} errors={errors} values={values} />);
}

export function registerLoginRoutes(app: App, ctx: AppContext): void {
  app.get('/admin/login', { schema: { hide: true } }, async (request, reply) => {
    if (await currentAdmin(ctx, request)) return reply.redirect('/admin', 302);
    return renderLogin(ctx, request, reply, {}, 200);
  });

  app.post('/admin/login', { schema: { hide: true, body: LoginBody } }, async (request, reply) => {
    const body = request.body as { email?: string; password?: string; code?: string; _csrf?: string };
    const values = { email: (body.email ?? '').trim().slice(0, 254) };
    if (!checkLoginToken(parseCookies(request.headers.cookie)[LOGIN_CSRF_COOKIE], body[CSRF_FIELD])) {
      return renderLogin(ctx, request, reply, { '': 'The sign-in form expired. Please try again.' }, 403, values);
    }
    const email = (body.email ?? '').trim();
    const password = body.password ?? '';
    const code = (body.code ?? '').trim();
    const missing: FieldErrors = {};
    if (!email) missing.email = 'Enter your email address.';
    if (!password) missing.password = 'Enter your password.';
    if (!code) missing.code = 'Enter the code from your authenticator app.';
    if (Object.keys(missing).length) return renderLogin(ctx, request, reply, missing, 400, values);

    let result: Awaited<ReturnType<typeof authenticateStaff>>;
    try {
      result = await authenticateStaff(ctx, request, { email, password, code });
    } catch (err) {
      if (!(err instanceof AppError) || ![401, 423, 429].includes(err.status)) throw err;
      if (err.headers) reply.headers(err.headers);
      return renderLogin(ctx, request, reply, { '': err.message }, err.status, values);
    }

    // Never keep a session the browser brought along (fixation): end it, and start a new one with a new token.
    const previous = await currentAdmin(ctx, request);
    if (previous) await revokeSession(ctx, 'staff', previous.principal.staffId, previous.session.id);
    const { token } = await startStaffSession(ctx, request, result.staff.id);
    reply.header('set-cookie', [sessionCookie(ctx, token, Math.floor(staffSessionTtlMs(ctx) / 1000)), loginTokenCookie(ctx, '')]);
    if (passwordExpired(result.staff, ctx.config.auth.staffPasswordMaxAgeDays)) return reply.redirect(CHANGE_PASSWORD_PATH, 303);
    return reply.redirect(result.factor === 'recovery' ? '/admin/account?recovery=used' : '/admin', 303);
  });

  app.post('/admin/logout', { schema: { hide: true, body: LogoutBody } }, async (request, reply) => {
    const state = await currentAdmin(ctx, request);
    const body = request.body as { _csrf?: string };
    if (state && !staffPostAllowed(ctx, request, state.session.id, body[CSRF_FIELD])) {
      return reply.status(403).type('text/plain; charset=utf-8').send('Invalid form token');
    }
    if (state) await revokeSession(ctx, 'staff', state.principal.staffId, state.session.id);
    reply.header('set-cookie', clearSessionCookie(ctx));
    return reply.redirect('/admin/login', 303);
  });
}
