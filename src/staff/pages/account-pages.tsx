// /admin/account — one's own account: password age, two-factor, recovery codes left, the sessions signed in (revoke
// one, or all the others), new recovery codes. /admin/account/password changes the password; it is the only page
// that opens while the password has expired (every other page redirects there).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CSRF_FIELD } from '../../admin/guard.ts';
import { clearSessionCookie } from '../../admin/session.ts';
import { renderAdminPage } from '../../admin/shell.tsx';
import { Csrf, ErrorSummary, TextField, type FieldErrors } from '../../admin/ui.tsx';
import { MIN_PASSWORD_LENGTH } from '../../platform/auth/password.ts';
import { listSessions, revokeAllSessions, revokeSession } from '../../platform/auth/sessions.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { confirmPassword, regenerateRecoveryCodes, setNewPassword } from '../credentials.ts';
import { countUnusedRecoveryCodes, findStaffById, type StaffRow } from '../staff.repository.ts';
import { adminOf, browserLabel, formErrors, RecoveryCodes, staffPage, when } from './common.tsx';

const PasswordBody = Type.Object(
  {
    current_password: Type.Optional(Type.String({ maxLength: 1000 })),
    new_password: Type.Optional(Type.String({ maxLength: 1000 })),
    confirm_password: Type.Optional(Type.String({ maxLength: 1000 })),
    [CSRF_FIELD]: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
const CsrfBody = Type.Object({ [CSRF_FIELD]: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });
const ConfirmBody = Type.Object(
  { password: Type.Optional(Type.String({ maxLength: 1000 })), [CSRF_FIELD]: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
const SessionParams = Type.Object({ id: Type.String({ maxLength: 100 }) }, { additionalProperties: false });
const AccountQuery = Type.Object(
  { done: Type.Optional(Type.String({ maxLength: 50 })), recovery: Type.Optional(Type.String({ maxLength: 20 })) },
  { additionalProperties: false },
);

const NOTICES: Record<string, string> = {
  password: 'Your password is changed. Your other sessions were signed out.',
  'session-revoked': 'That session is signed out.',
  'others-revoked': 'All your other sessions are signed out.',
};

function passwordExpiresAt(ctx: AppContext, row: StaffRow): string | null {
  const days = ctx.config.auth.staffPasswordMaxAgeDays;
  if (days <= 0 || !row.password_changed_at) return null;
  return new Date(new Date(row.password_changed_at).getTime() + days * 86_400_000).toISOString();
}

async function renderAccount(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, opts: { errors?: FieldErrors; status?: number; notice?: string | null } = {}) {
  const admin = adminOf(request);
  const row = (await findStaffById(ctx.db.kysely, admin.principal.staffId))!;
  const sessions = await listSessions(ctx, 'staff', row.id);
  const codesLeft = await countUnusedRecoveryCodes(ctx.db.kysely, row.id);
  const recoveryUsed = (request.query as { recovery?: string } | undefined)?.recovery === 'used';
  const errors = opts.errors ?? {};
  return renderAdminPage(ctx, request, reply, { title: 'Your account', active: 'account', notice: opts.notice, status: opts.status }, (
    <>
      <h1>Your account</h1>
      {recoveryUsed && (
        <p class="notice" role="status">
          You signed in with a recovery code, which now no longer works. {codesLeft} unused code{codesLeft === 1 ? '' : 's'} left. If you lost your phone, ask an
          owner to reset your two-factor sign-in.
        </p>
      )}
      <ErrorSummary errors={errors} />
      <section aria-labelledby="about">
        <h2 id="about">About you</h2>
        <ul class="plain">
          <li>
            {row.name} · {row.email} · role <strong>{row.role}</strong>
          </li>
          <li>
            Password changed {when(row.password_changed_at)}
            {passwordExpiresAt(ctx, row) ? `; it must be changed by ${when(passwordExpiresAt(ctx, row))}` : ''}. <a href="/admin/account/password">Change password</a>
          </li>
          <li>Two-factor sign-in since {when(row.totp_enabled_at)}</li>
        </ul>
      </section>
      <section aria-labelledby="sessions">
        <h2 id="sessions">Where you are signed in</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Browser</th>
                <th scope="col">Address</th>
                <th scope="col">Signed in</th>
                <th scope="col">Last active</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr data-testid="session-row">
                  <td>
                    {browserLabel(s.userAgent)}
                    {s.id === admin.session.id && <strong> (this session)</strong>}
                  </td>
                  <td>{s.ip ?? '—'}</td>
                  <td>{when(s.createdAt)}</td>
                  <td>{when(s.lastSeenAt)}</td>
                  <td>
                    <form method="post" action={`/admin/account/sessions/${s.id}/revoke`} class="inline-form">
                      <Csrf token={admin.csrf} />
                      <button type="submit" class="secondary">
                        {s.id === admin.session.id ? 'Sign out' : 'Sign out this session'}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {sessions.length > 1 && (
          <form method="post" action="/admin/account/sessions/revoke-others">
            <Csrf token={admin.csrf} />
            <button type="submit" class="secondary">
              Sign out all other sessions
            </button>
          </form>
        )}
      </section>
      <section aria-labelledby="recovery">
        <h2 id="recovery">Recovery codes</h2>
        <p>
          {codesLeft} of 10 unused. New codes replace all the old ones and are shown once.
        </p>
        <form method="post" action="/admin/account/recovery-codes" class="stack">
          <Csrf token={admin.csrf} />
          <TextField label="Your password, to confirm" name="password" type="password" required maxLength={256} autocomplete="current-password" errors={errors} />
          <button type="submit">Make new recovery codes</button>
        </form>
      </section>
    </>
  ));
}

function PasswordForm({ csrf, errors, expired, maxAgeDays }: { csrf: string; errors: FieldErrors; expired: boolean; maxAgeDays: number }) {
  return (
    <section class="narrow">
      <h1>Change your password</h1>
      {expired && (
        <p class="notice" role="status">
          {maxAgeDays > 0
            ? `Your password is more than ${maxAgeDays} days old, or must be changed. Choose a new one to continue.`
            : 'Your password must be changed. Choose a new one to continue.'}
        </p>
      )}
      <ErrorSummary errors={errors} />
      <form method="post" action="/admin/account/password" class="stack">
        <Csrf token={csrf} />
        <TextField label="Current password" name="current_password" type="password" required maxLength={256} autocomplete="current-password" errors={errors} />
        <TextField
          label="New password"
          name="new_password"
          type="password"
          required
          maxLength={256}
          autocomplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters, different from the current one; common or leaked passwords and ones built from your name or email are refused.`}
          errors={errors}
        />
        <TextField label="New password again" name="confirm_password" type="password" required maxLength={256} autocomplete="new-password" errors={errors} />
        <button type="submit">Change password</button>
      </form>
      <p>
        <small>Changing it signs you out everywhere else.</small>
      </p>
    </section>
  );
}

function renderPasswordForm(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, errors: FieldErrors = {}, status = 200) {
  const admin = adminOf(request);
  return renderAdminPage(ctx, request, reply, { title: 'Change your password', status }, (
    <PasswordForm csrf={admin.csrf} errors={errors} expired={admin.passwordExpired} maxAgeDays={ctx.config.auth.staffPasswordMaxAgeDays} />
  ));
}

/** Turns a throttle refusal (423 locked, 429 too many) into the page's error, with the same status. */
function throttled(err: unknown, reply: FastifyReply): { errors: FieldErrors; status: number } {
  if (!(err instanceof AppError) || (err.status !== 423 && err.status !== 429)) throw err;
  if (err.headers) reply.headers(err.headers);
  return { errors: { '': err.message }, status: err.status };
}

export function registerAccountPages(app: App, ctx: AppContext): void {
  // Every role has catalog:read: the account pages are for every member.
  const any = 'catalog:read' as const;

  app.get('/admin/account', staffPage(ctx, any, { querystring: AccountQuery }), async (request, reply) =>
    renderAccount(ctx, request, reply, { notice: NOTICES[(request.query as { done?: string }).done ?? ''] ?? null }),
  );

  app.get('/admin/account/password', staffPage(ctx, any, {}, { allowExpiredPassword: true }), async (request, reply) => renderPasswordForm(ctx, request, reply));

  app.post('/admin/account/password', staffPage(ctx, any, { body: PasswordBody }, { allowExpiredPassword: true }), async (request, reply) => {
    const admin = adminOf(request);
    const body = request.body as { current_password?: string; new_password?: string; confirm_password?: string };
    const row = (await findStaffById(ctx.db.kysely, admin.principal.staffId))!;
    const missing: FieldErrors = {};
    if (!body.current_password) missing.current_password = 'Enter your current password.';
    if (!body.new_password) missing.new_password = 'Enter a new password.';
    if (Object.keys(missing).length) return renderPasswordForm(ctx, request, reply, missing, 400);
    try {
      if (!(await confirmPassword(ctx, request, row, body.current_password!))) {
        return renderPasswordForm(ctx, request, reply, { current_password: 'Your current password is not right.' }, 400);
      }
    } catch (err) {
      const t = throttled(err, reply);
      return renderPasswordForm(ctx, request, reply, t.errors, t.status);
    }
    const problems = await setNewPassword(ctx, row.id, body.new_password!, { confirm: body.confirm_password ?? '', keepSessionId: admin.session.id });
    if (problems.length) return renderPasswordForm(ctx, request, reply, formErrors(problems), 400);
    return reply.redirect('/admin/account?done=password', 303);
  });

  app.post('/admin/account/sessions/revoke-others', staffPage(ctx, any, { body: CsrfBody }), async (request, reply) => {
    const admin = adminOf(request);
    await revokeAllSessions(ctx, 'staff', admin.principal.staffId, admin.session.id);
    return reply.redirect('/admin/account?done=others-revoked', 303);
  });

  app.post('/admin/account/sessions/:id/revoke', staffPage(ctx, any, { params: SessionParams, body: CsrfBody }), async (request, reply) => {
    const admin = adminOf(request);
    const id = (request.params as { id: string }).id;
    // Only one's own sessions: another member's id revokes nothing.
    const revoked = await revokeSession(ctx, 'staff', admin.principal.staffId, id);
    if (revoked && id === admin.session.id) {
      reply.header('set-cookie', clearSessionCookie(ctx));
      return reply.redirect('/admin/login', 303);
    }
    if (!revoked) return renderAccount(ctx, request, reply, { errors: { '': 'That session is not one of yours, or it has already ended.' }, status: 404 });
    return reply.redirect('/admin/account?done=session-revoked', 303);
  });

  app.post('/admin/account/recovery-codes', staffPage(ctx, any, { body: ConfirmBody }), async (request, reply) => {
    const admin = adminOf(request);
    const row = (await findStaffById(ctx.db.kysely, admin.principal.staffId))!;
    const password = (request.body as { password?: string }).password ?? '';
    try {
      if (!password || !(await confirmPassword(ctx, request, row, password))) {
        return renderAccount(ctx, request, reply, { errors: { password: password ? 'Your password is not right.' : 'Enter your password.' }, status: 400 });
      }
    } catch (err) {
      return renderAccount(ctx, request, reply, throttled(err, reply));
    }
    const codes = await regenerateRecoveryCodes(ctx, row.id);
    ctx.log.info({ staffId: row.id }, 'staff recovery codes regenerated');
    return renderAdminPage(ctx, request, reply, { title: 'Your recovery codes' }, <RecoveryCodes codes={codes} next={{ href: '/admin/account', label: 'Back to your account' }} />);
  });
}
