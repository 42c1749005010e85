// /admin/invite/:token — accepting a set-up link without being signed in: choose a password (new members), scan the
// QR code and confirm a code, see the recovery codes once, signed in. After a two-factor reset the member confirms
// their password on the same page instead of choosing one. Works without JavaScript; the forms carry a double-submit
// token because there is no session yet.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { parseCookies } from '../../admin/cookies.ts';
import { CSRF_FIELD, currentAdmin } from '../../admin/guard.ts';
import { checkLoginToken, LOGIN_CSRF_COOKIE, loginTokenCookie, newLoginToken, sessionCookie } from '../../admin/session.ts';
import { renderAdminPage } from '../../admin/shell.tsx';
import { ErrorSummary, TextField, type FieldErrors } from '../../admin/ui.tsx';
import { MIN_PASSWORD_LENGTH } from '../../platform/auth/password.ts';
import { revokeSession } from '../../platform/auth/sessions.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { staffSessionTtlMs, startStaffSession } from '../credentials.ts';
import { chooseInitialPassword, completeEnrolment, enrolmentSecret, findSetup } from '../setup.ts';
import type { StaffRow } from '../staff.repository.ts';
import { groupedSecret, totpQrSvg, totpUri } from '../totp.ts';
import { formErrors, RecoveryCodes } from './common.tsx';

const Params = Type.Object({ token: Type.String({ maxLength: 200 }) }, { additionalProperties: false });
const Body = Type.Object(
  {
    step: Type.Optional(Type.String({ maxLength: 20 })),
    new_password: Type.Optional(Type.String({ maxLength: 1000 })),
    confirm_password: Type.Optional(Type.String({ maxLength: 1000 })),
    password: Type.Optional(Type.String({ maxLength: 1000 })),
    code: Type.Optional(Type.String({ maxLength: 100 })),
    // The account's email in a hidden field, so password managers save the new password under the right name.
    username: Type.Optional(Type.String({ maxLength: 1000 })),
    [CSRF_FIELD]: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
type BodyShape = { step?: string; new_password?: string; confirm_password?: string; password?: string; code?: string; _csrf?: string };

const PASSWORD_HINT = `At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong password that is easy to remember; common or leaked passwords and ones built from your name or email are refused.`;

function InvalidLink() {
  return (
    <section class="narrow">
      <h1>This link does not work</h1>
      <p>
        Set-up links work once, for 72 hours, and a newer link replaces an older one. Ask an owner of the shop to send you a new
        one.
      </p>
      <p>
        <a href="/admin/login">Go to the sign-in page</a>
      </p>
    </section>
  );
}

function PasswordStep({ staff, formToken, errors }: { staff: StaffRow; formToken: string; errors: FieldErrors }) {
  return (
    <section class="narrow">
      <h1>Welcome, {staff.name}</h1>
      <p>
        Step 1 of 2: choose the password for <strong>{staff.email}</strong>.
      </p>
      <ErrorSummary errors={errors} />
      <form method="post" class="stack">
        <input type="hidden" name={CSRF_FIELD} value={formToken} />
        <input type="hidden" name="step" value="password" />
        <input type="text" name="username" value={staff.email} autocomplete="username" hidden readOnly />
        <TextField label="New password" name="new_password" type="password" required maxLength={256} autocomplete="new-password" hint={PASSWORD_HINT} errors={errors} />
        <TextField label="New password again" name="confirm_password" type="password" required maxLength={256} autocomplete="new-password" errors={errors} />
        <button type="submit">Continue</button>
      </form>
    </section>
  );
}

function TwoFactorStep({ staff, formToken, errors, secret, svg }: { staff: StaffRow; formToken: string; errors: FieldErrors; secret: string; svg: string }) {
  const reset = staff.invite_kind === 'reset_2fa';
  return (
    <section class="narrow">
      <h1>{reset ? 'Set up two-factor sign-in again' : 'Step 2 of 2: set up two-factor sign-in'}</h1>
      <p>
        Signing in needs a code from an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator,
        1Password or Aegis) as well as your password.
      </p>
      <ErrorSummary errors={errors} />
      <ol>
        <li>Open the app and add an account by scanning this QR code.</li>
        <li>Type the 6-digit code the app then shows.</li>
      </ol>
      <div class="qr" dangerouslySetInnerHTML={{ __html: svg }} />
      <p>
        Cannot scan it? Add the account by hand with this key (time-based):{' '}
        <code data-testid="totp-secret">{groupedSecret(secret)}</code>
      </p>
      <form method="post" class="stack">
        <input type="hidden" name={CSRF_FIELD} value={formToken} />
        <input type="hidden" name="step" value="two_factor" />
        <input type="text" name="username" value={staff.email} autocomplete="username" hidden readOnly />
        {reset && <TextField label="Your password" name="password" type="password" required maxLength={256} autocomplete="current-password" errors={errors} />}
        <TextField label="Code from the app" name="code" required maxLength={10} autocomplete="one-time-code" hint="6 digits, without spaces." errors={errors} />
        <button type="submit">Confirm</button>
      </form>
    </section>
  );
}

function setFormToken(ctx: AppContext, reply: FastifyReply): string {
  const token = newLoginToken();
  const existing = reply.getHeader('set-cookie');
  const cookie = loginTokenCookie(ctx, token);
  reply.header('set-cookie', existing === undefined ? cookie : [...[existing].flat().map(String), cookie]);
  return token;
}

async function renderStep(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, token: string, errors: FieldErrors = {}, status = 200) {
  const found = await findSetup(ctx, token);
  request.admin = undefined;
  if (!found) return renderAdminPage(ctx, request, reply, { title: 'Link not valid', status: 404 }, <InvalidLink />);
  const formToken = setFormToken(ctx, reply);
  if (found.step === 'password') {
    return renderAdminPage(ctx, request, reply, { title: 'Choose your password', status }, <PasswordStep staff={found.staff} formToken={formToken} errors={errors} />);
  }
  const secret = await enrolmentSecret(ctx, found.staff);
  const svg = await totpQrSvg(totpUri(secret, ctx.config.shopName, found.staff.email));
  return renderAdminPage(ctx, request, reply, { title: 'Set up two-factor sign-in', status }, (
    <TwoFactorStep staff={found.staff} formToken={formToken} errors={errors} secret={secret} svg={svg} />
  ));
}

export function registerSetupPages(app: App, ctx: AppContext): void {
  app.get('/admin/invite/:token', { schema: { hide: true, params: Params } }, async (request, reply) =>
    renderStep(ctx, request, reply, (request.params as { token: string }).token),
  );

  app.post('/admin/invite/:token', { schema: { hide: true, params: Params, body: Body } }, async (request, reply) => {
    const token = (request.params as { token: string }).token;
    const body = request.body as BodyShape;
    if (!checkLoginToken(parseCookies(request.headers.cookie)[LOGIN_CSRF_COOKIE], body[CSRF_FIELD])) {
      return renderStep(ctx, request, reply, token, { '': 'The form expired. Please try again.' }, 403);
    }
    const found = await findSetup(ctx, token);
    if (!found) return renderStep(ctx, request, reply, token);

    if (found.step === 'password') {
      const problems = await chooseInitialPassword(ctx, found.staff, body.new_password ?? '', body.confirm_password ?? '');
      if (problems.length) return renderStep(ctx, request, reply, token, formErrors(problems), 400);
      return reply.redirect(`/admin/invite/${token}`, 303);
    }
    if (body.step !== 'two_factor') return reply.redirect(`/admin/invite/${token}`, 303);

    let result: Awaited<ReturnType<typeof completeEnrolment>>;
    try {
      result = await completeEnrolment(ctx, request, token, { code: (body.code ?? '').trim(), password: body.password });
    } catch (err) {
      // The password check is throttled like sign-in: a locked account or a flooding address is told so.
      if (!(err instanceof AppError) || (err.status !== 423 && err.status !== 429)) throw err;
      if (err.headers) reply.headers(err.headers);
      return renderStep(ctx, request, reply, token, { '': err.message }, err.status);
    }
    if (!result.ok) return renderStep(ctx, request, reply, token, formErrors(result.problems), 400);

    // Signed in straight away, in a new session; a session the browser held before (someone else's?) ends.
    const previous = await currentAdmin(ctx, request);
    if (previous) await revokeSession(ctx, 'staff', previous.principal.staffId, previous.session.id);
    const started = await startStaffSession(ctx, request, result.staff.id);
    reply.header('set-cookie', [sessionCookie(ctx, started.token, Math.floor(staffSessionTtlMs(ctx) / 1000)), loginTokenCookie(ctx, '')]);
    request.admin = undefined;
    return renderAdminPage(ctx, request, reply, { title: 'Your recovery codes' }, (
      <RecoveryCodes codes={result.recoveryCodes} next={{ href: '/admin', label: 'Continue to the back office' }} />
    ));
  });
}
