// The pages before signing in: create an account, sign in and out, confirm the email address, forgotten password.
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import type { Locale } from '../../platform/config.ts';
import { AppError } from '../../platform/http/errors.ts';
import { checkCredentials, registerCustomer, resendVerification, verifyEmail } from '../accounts.service.ts';
import { EMAIL_PATTERN, NAME_PATTERN } from '../customers.schemas.ts';
import { completeSignIn } from '../http/store.routes.ts';
import { requestPasswordReset, resetPassword } from '../password-reset.service.ts';
import { appendCookie, clearSessionCookie, currentCustomer, endSession } from '../session.ts';
import { TOKEN_PATTERN } from '../tokens.ts';
import { forgotPage, registeredPage, registerPage, resetPage, signInPage, verifyPage } from './auth-pages.tsx';
import type { FieldErrors } from './components.tsx';
import { Form, HIDDEN, re, safeReturn, text, type PageKit } from './route-helpers.ts';

export function registerAuthPages(app: App, ctx: AppContext, locale: Locale, prefix: string, kit: PageKit): void {
  const { csrf, throttle, page, html, go, noticeOf, customerOr, throttleMessage } = kit;

  // ---- Create an account ----
  app.get(`${prefix}/account/register`, { schema: HIDDEN }, async (request, reply) => {
    if (await currentCustomer(ctx, request)) return go(reply, '/account');
    return html(reply, registerPage(await page(request), { email: '', name: '' }, {}));
  });

  app.post(`${prefix}/account/register`, { preValidation: csrf, schema: { ...HIDDEN, body: Form({ email: text(254), name: text(120), password: text(256) }) } }, async (request, reply) => {
    const p = await page(request);
    const body = request.body as { email?: string; name?: string; password?: string };
    const values = { email: (body.email ?? '').trim(), name: (body.name ?? '').trim() };
    const password = body.password ?? '';
    const errors: FieldErrors = {};
    if (!values.name) errors.name = p.t('field_required');
    else if (!re(NAME_PATTERN).test(values.name)) errors.name = p.t('invalid_value');
    if (!values.email) errors.email = p.t('field_required');
    else if (!re(EMAIL_PATTERN).test(values.email)) errors.email = p.t('invalid_email');
    if (!password) errors.password = p.t('field_required');
    if (Object.keys(errors).length > 0) return html(reply, registerPage(p, values, errors), 400);
    const account = values.email.toLowerCase();
    try {
      await throttle.check(request, account);
      await registerCustomer(ctx, { ...values, password, locale });
    } catch (err) {
      const limited = throttleMessage(p, err);
      if (limited) return html(reply, registerPage(p, values, { '': limited }), (err as AppError).status);
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      if (err.code === 'email_taken') {
        await throttle.failure(request, account);
        return html(reply, registerPage(p, values, { email: p.t('email_taken') }), 409);
      }
      if (err.code === 'weak_password') return html(reply, registerPage(p, values, { password: ((err.details as { problems: string[] }).problems).join(' ') }), 400);
      return html(reply, registerPage(p, values, { '': err.message }), err.status);
    }
    return html(reply, registeredPage(p, values.email.toLowerCase()));
  });

  // ---- Sign in and out ----
  const SignInQuery = Type.Object({ notice: Type.Optional(text(40)), return_to: Type.Optional(text(500)) });
  app.get(`${prefix}/account/login`, { schema: { ...HIDDEN, querystring: SignInQuery } }, async (request, reply) => {
    const q = request.query as { return_to?: string };
    if (await currentCustomer(ctx, request)) return go(reply, '/account');
    const p = await page(request);
    return html(reply, signInPage(p, { email: '', return_to: safeReturn(q.return_to) }, {}, noticeOf(request, p)));
  });

  app.post(`${prefix}/account/login`, { preValidation: csrf, schema: { ...HIDDEN, body: Form({ email: text(254), password: text(256), return_to: text(500) }) } }, async (request, reply) => {
    const p = await page(request);
    const body = request.body as { email?: string; password?: string; return_to?: string };
    const values = { email: (body.email ?? '').trim(), return_to: safeReturn(body.return_to) };
    const errors: FieldErrors = {};
    if (!values.email) errors.email = p.t('field_required');
    if (!body.password) errors.password = p.t('field_required');
    if (Object.keys(errors).length > 0) return html(reply, signInPage(p, values, errors, null), 400);
    const account = values.email.toLowerCase();
    try {
      await throttle.check(request, account);
    } catch (err) {
      const limited = throttleMessage(p, err);
      if (!limited) throw err;
      return html(reply, signInPage(p, values, { '': limited }, null), (err as AppError).status);
    }
    const customer = await checkCredentials(ctx, values.email, body.password!);
    if (!customer) {
      await throttle.failure(request, account);
      return html(reply, signInPage(p, values, { '': p.t('invalid_credentials') }, null), 401);
    }
    await throttle.success(request, account);
    await completeSignIn(ctx, request, reply, customer);
    return reply.code(303).header('cache-control', 'no-store').header('location', values.return_to || `${prefix}/account`).send();
  });

  app.post(`${prefix}/account/logout`, { preValidation: csrf, schema: { ...HIDDEN, body: Form({}) } }, async (request, reply) => {
    await endSession(ctx, request, reply);
    return go(reply, '/account/login', 'signed_out');
  });

  // ---- Email verification and forgotten passwords ----
  app.get(`${prefix}/account/verify`, { schema: { ...HIDDEN, querystring: Type.Object({ token: Type.Optional(text(100)) }) } }, async (request, reply) => {
    const token = (request.query as { token?: string }).token ?? '';
    let ok = false;
    try {
      await verifyEmail(ctx, token);
      ok = true;
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
    }
    const signed = await currentCustomer(ctx, request);
    return html(reply, verifyPage(await page(request), ok, signed !== null), ok ? 200 : 400);
  });

  app.post(`${prefix}/account/verification`, { preValidation: csrf, schema: { ...HIDDEN, body: Form({}) } }, async (request, reply) => {
    const signed = await customerOr(request, reply);
    if (!signed) return reply;
    try {
      await resendVerification(ctx, signed.customer.id);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
    }
    return go(reply, '/account', 'verification_sent');
  });

  app.get(`${prefix}/account/forgot`, { schema: HIDDEN }, async (request, reply) => html(reply, forgotPage(await page(request), '', {}, false)));

  app.post(`${prefix}/account/forgot`, { preValidation: csrf, schema: { ...HIDDEN, body: Form({ email: text(254) }) } }, async (request, reply) => {
    const p = await page(request);
    const email = ((request.body as { email?: string }).email ?? '').trim();
    if (!email) return html(reply, forgotPage(p, email, { email: p.t('field_required') }, false), 400);
    if (!re(EMAIL_PATTERN).test(email)) return html(reply, forgotPage(p, email, { email: p.t('invalid_email') }, false), 400);
    await requestPasswordReset(ctx, email);
    return html(reply, forgotPage(p, '', {}, true));
  });

  app.get(`${prefix}/account/reset`, { schema: { ...HIDDEN, querystring: Type.Object({ token: Type.Optional(text(100)) }) } }, async (request, reply) => {
    const token = (request.query as { token?: string }).token ?? '';
    return html(reply, resetPage(await page(request), re(TOKEN_PATTERN).test(token) ? token : null, {}));
  });

  app.post(`${prefix}/account/reset`, { preValidation: csrf, schema: { ...HIDDEN, body: Form({ token: text(100), password: text(256) }) } }, async (request, reply) => {
    const p = await page(request);
    const body = request.body as { token?: string; password?: string };
    const token = body.token ?? '';
    if (!re(TOKEN_PATTERN).test(token)) return html(reply, resetPage(p, null, {}), 400);
    if (!body.password) return html(reply, resetPage(p, token, { password: p.t('field_required') }), 400);
    try {
      const { email } = await resetPassword(ctx, token, body.password);
      await throttle.success(request, email);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      if (err.code === 'weak_password') return html(reply, resetPage(p, token, { password: ((err.details as { problems: string[] }).problems).join(' ') }), 400);
      return html(reply, resetPage(p, null, {}), 400);
    }
    appendCookie(reply, clearSessionCookie(ctx));
    request.customerSession = null;
    return go(reply, '/account/login', 'password_changed');
  });
}
