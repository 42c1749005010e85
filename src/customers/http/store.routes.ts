// Store API for customer accounts: register, sign in and out, verify the email address, reset a forgotten password,
// and the signed-in customer's own data under /api/store/me (profile, orders, sessions, addresses, wishlist, export,
// erasure). The session travels in the `pasar_session` cookie.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { recordAudit } from '../../audit/index.ts';
import { mergeGuestCart } from '../../cart/index.ts';
import { getCustomerOrder, listCustomerOrders } from '../../orders/index.ts';
import { loginThrottle } from '../../platform/auth/login-throttle.ts';
import { listSessions, revokeSession } from '../../platform/auth/sessions.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import { cartCookieFor, guestCartId } from '../cart-link.ts';
import {
  Address, AddressInput, LoginBody, Password, Profile, ProfilePatch, RegisterBody, LocaleCode, CurrencyCodeSchema,
} from '../customers.schemas.ts';
import { attachOrders, checkCredentials, registerCustomer, resendVerification, toProfile, updateProfile, verifyEmail } from '../accounts.service.ts';
import { addAddress, deleteAddress, listAddresses, setDefaultAddress, updateAddress } from '../addresses.service.ts';
import { eraseCustomer, requestErasure, type ErasureActor } from '../erasure.service.ts';
import { exportCustomerData } from '../export.service.ts';
import { requestPasswordReset, resetPassword } from '../password-reset.service.ts';
import { appendCookie, clearSessionCookie, endSession, requireCustomer, signedIn, startSession } from '../session.ts';
import { sessionView, SessionSchema } from '../session-view.ts';
import { TOKEN_PATTERN } from '../tokens.ts';
import { addToWishlist, listWishlist, removeFromWishlist } from '../wishlist.service.ts';
import type { CurrencyCode, Locale } from '../../platform/config.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 423: ErrorSchema, 429: ErrorSchema };
const store = { tags: ['store'] };
const Token = Type.String({ pattern: TOKEN_PATTERN });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false });
const Accepted = Type.Object({ status: Type.String() });
const OrderSummary = Type.Object({
  number: Type.String(), status: Type.String(), total: Type.Integer(), currency: Type.String(), item_count: Type.Integer(), created_at: Type.String(),
});
const ProductCardSchema = Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String() }, { additionalProperties: true });

/** Who did it, for the audit log: the signed-in customer of the request. */
export function customerActor(request: FastifyRequest): ErasureActor & { customerId: number } {
  const { customer } = signedIn(request);
  return {
    customerId: customer.id,
    actor: { kind: 'customer', id: customer.id, name: `customer:${customer.id}` },
    label: `customer:${customer.id}`,
    ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '').slice(0, 500) || null,
  };
}

/**
 * Signs the customer in on the reply: a new session cookie, the guest cart merged into theirs (and the cart cookie
 * pointing at the result), orders that are theirs attached. Shared by the API and the sign-in page.
 */
export async function completeSignIn(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, customer: Parameters<typeof attachOrders>[1]): Promise<{ cart_id: string | null }> {
  await startSession(ctx, request, reply, customer.id);
  const merged = await mergeGuestCart(ctx, customer.id, guestCartId(request));
  if (merged.cartId && merged.cartId !== guestCartId(request)) appendCookie(reply, cartCookieFor(ctx, merged.cartId));
  await attachOrders(ctx, customer);
  return { cart_id: merged.cartId };
}

/** The signed-in customer's data export as a JSON download, recorded in the audit log (API and privacy page). */
export async function sendExport(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const who = customerActor(request);
  const data = await exportCustomerData(ctx, who.customerId);
  await recordAudit(ctx, {
    actor: who.actor, action: 'customer.export', target_type: 'customer', target_id: who.customerId,
    ip: who.ip, user_agent: who.userAgent, status: 'ok', details: { orders: data.orders.length },
  });
  return reply
    .header('cache-control', 'no-store')
    .header('content-type', 'application/json; charset=utf-8')
    .header('content-disposition', `attachment; filename="my-data-${who.customerId}.json"`)
    .send(JSON.stringify(data, null, 2));
}

export function registerCustomerStoreRoutes(app: App, ctx: AppContext): void {
  const throttle = loginThrottle(ctx, 'customer');
  const me = requireCustomer(ctx);

  app.post('/api/store/customers', {
    schema: {
      ...store,
      summary: 'Create a customer account',
      description: 'Sends an email with a verification link. 409 when the address has an account (answers are throttled like failed sign-ins); 400 `weak_password` lists the reasons in details.problems.',
      body: RegisterBody,
      response: { 201: Profile, ...errors },
    },
  }, async (request, reply) => {
    const body = request.body as RegisterBody;
    const account = body.email.trim().toLowerCase();
    await throttle.check(request, account);
    try {
      return reply.status(201).send(await registerCustomer(ctx, body));
    } catch (err) {
      if (err instanceof AppError && err.code === 'email_taken') await throttle.failure(request, account);
      throw err;
    }
  });

  app.post('/api/store/auth/login', {
    schema: {
      ...store,
      summary: 'Sign in',
      description: 'Sets the `pasar_session` cookie (HttpOnly, SameSite=Lax; a new session at every sign-in) and merges the guest cart of the `pasar_cart` cookie into the customer\'s cart. Repeated failures are throttled (429 with Retry-After, 423 `account_locked`).',
      body: LoginBody,
      response: { 200: Type.Object({ customer: Profile, cart_id: Type.Union([Type.String(), Type.Null()]) }), ...errors },
    },
  }, async (request, reply) => {
    const { email, password } = request.body as { email: string; password: string };
    const account = email.trim().toLowerCase();
    await throttle.check(request, account);
    const customer = await checkCredentials(ctx, email, password);
    if (!customer) {
      await throttle.failure(request, account);
      throw new AppError(401, 'invalid_credentials', 'The email address or the password is not right');
    }
    await throttle.success(request, account);
    const { cart_id } = await completeSignIn(ctx, request, reply, customer);
    return { customer: toProfile(customer), cart_id };
  });

  app.post('/api/store/auth/logout', {
    schema: { ...store, summary: 'Sign out (ends the session and clears the cookie)', response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await endSession(ctx, request, reply);
    return reply.status(204).send();
  });

  app.post('/api/store/auth/verify', {
    schema: {
      ...store, summary: 'Verify the email address with the token from the email link',
      description: 'Orders placed as a guest with this address are attached to the account.',
      body: Type.Object({ token: Token }, { additionalProperties: false }), response: { 200: Profile, ...errors },
    },
  }, async (request) => verifyEmail(ctx, (request.body as { token: string }).token));

  app.post('/api/store/auth/forgot', {
    schema: {
      ...store, summary: 'Ask for a password reset link',
      description: 'Always 202, whether or not the address has an account.',
      body: Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }) }, { additionalProperties: false }), response: { 202: Accepted, ...errors },
    },
  }, async (request, reply) => {
    await requestPasswordReset(ctx, (request.body as { email: string }).email);
    return reply.status(202).send({ status: 'accepted' });
  });

  app.post('/api/store/auth/reset', {
    schema: {
      ...store, summary: 'Set a new password with the token from the reset email',
      description: 'Ends every session of the account.',
      body: Type.Object({ token: Token, password: Password }, { additionalProperties: false }), response: { 200: Accepted, ...errors },
    },
  }, async (request, reply) => {
    const { token, password } = request.body as { token: string; password: string };
    const { email } = await resetPassword(ctx, token, password);
    // A new password from the mailbox's owner: the failed guesses before it no longer count towards a lock.
    await throttle.success(request, email);
    appendCookie(reply, clearSessionCookie(ctx));
    return { status: 'password_changed' };
  });

  app.get('/api/store/me', {
    preHandler: me,
    schema: { ...store, summary: 'The signed-in customer\'s profile', response: { 200: Profile, ...errors } },
  }, async (request) => toProfile(signedIn(request).customer));

  app.patch('/api/store/me', {
    preHandler: me,
    schema: { ...store, summary: 'Change the profile (name, phone, birthday, language, currency, marketing consent)', body: ProfilePatch, response: { 200: Profile, ...errors } },
  }, async (request) => updateProfile(ctx, signedIn(request).customer.id, request.body as ProfilePatch));

  app.post('/api/store/me/verification', {
    preHandler: me,
    schema: { ...store, summary: 'Send the verification email again (at most once a minute)', response: { 202: Accepted, ...errors } },
  }, async (request, reply) => {
    await resendVerification(ctx, signedIn(request).customer.id);
    return reply.status(202).send({ status: 'sent' });
  });

  app.get('/api/store/me/orders', {
    preHandler: me,
    schema: {
      ...store, summary: 'The signed-in customer\'s orders, newest first',
      querystring: Type.Object({ page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }), per_page: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(OrderSummary), total: Type.Integer(), page: Type.Integer(), per_page: Type.Integer() }), ...errors },
    },
  }, async (request) => {
    const { customer } = signedIn(request);
    await attachOrders(ctx, customer);
    return listCustomerOrders(ctx, customer.id, request.query as { page: number; per_page: number });
  });

  app.get('/api/store/me/orders/:number', {
    preHandler: me,
    schema: {
      ...store, summary: 'One of the signed-in customer\'s orders, with status, timeline and tracking',
      params: Type.Object({ number: Type.String({ pattern: '^PSR-[0-9]{1,12}$' }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ number: Type.String(), status: Type.String(), tracking: Type.Array(Type.Unknown()) }, { additionalProperties: true }), ...errors },
    },
  }, async (request) => {
    const order = await getCustomerOrder(ctx, signedIn(request).customer.id, (request.params as { number: string }).number);
    if (!order) throw notFound('Order');
    return order;
  });

  app.get('/api/store/me/sessions', {
    preHandler: me,
    schema: { ...store, summary: 'The customer\'s active sessions (devices signed in)', response: { 200: Type.Array(SessionSchema), ...errors } },
  }, async (request) => {
    const { customer, sessionId } = signedIn(request);
    return (await listSessions(ctx, 'customer', customer.id)).map((s) => sessionView(s, sessionId));
  });

  app.delete('/api/store/me/sessions/:id', {
    preHandler: me,
    schema: {
      ...store, summary: 'End one of the customer\'s sessions (sign out a device)',
      params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...errors },
    },
  }, async (request, reply) => {
    const { customer, sessionId } = signedIn(request);
    const { id } = request.params as { id: string };
    const sessions = await listSessions(ctx, 'customer', customer.id);
    const target = sessions.find((s) => String(s.id) === id);
    if (!target) throw notFound('Session');
    await revokeSession(ctx, 'customer', customer.id, target.id);
    if (String(target.id) === sessionId) appendCookie(reply, clearSessionCookie(ctx));
    return reply.status(204).send();
  });

  app.get('/api/store/me/export', {
    preHandler: me,
    schema: {
      ...store, summary: 'Download everything the shop holds about the customer, as JSON',
      description: 'Profile, consents, addresses, orders with their lines, wishlist, reviews, sessions and erasure requests. Sent as an attachment.',
      response: { 200: Type.Object({ format: Type.String(), profile: Profile, orders: Type.Array(Type.Unknown()) }, { additionalProperties: true }), ...errors },
    },
  }, (request, reply) => sendExport(ctx, request, reply));

  app.post('/api/store/me/erase', {
    preHandler: me,
    schema: {
      ...store, summary: 'Erase the account (confirm with the password)',
      description: 'Personal data is removed and every session ends; orders are kept for the shop\'s accounts but anonymised. A wrong password answers 403 and counts as a failed sign-in.',
      body: Type.Object({ password: Password }, { additionalProperties: false }),
      response: { 200: Type.Object({ status: Type.String(), orders_anonymised: Type.Integer() }), ...errors },
    },
  }, async (request, reply) => {
    const { customer } = signedIn(request);
    await throttle.check(request, customer.email);
    if (!(await checkCredentials(ctx, customer.email, (request.body as { password: string }).password))) {
      await throttle.failure(request, customer.email);
      const who = customerActor(request);
      await recordAudit(ctx, {
        actor: who.actor, action: 'customer.erase', target_type: 'customer', target_id: customer.id,
        ip: who.ip, user_agent: who.userAgent, status: 403, details: { reason: 'wrong_password' },
      });
      throw new AppError(403, 'wrong_password', 'The password is not right; the account was not erased');
    }
    const result = await eraseCustomer(ctx, customer.id, customerActor(request));
    appendCookie(reply, clearSessionCookie(ctx));
    return { status: 'erased', ...result };
  });

  app.post('/api/store/me/erasure-request', {
    preHandler: me,
    schema: {
      ...store, summary: 'Ask the shop to erase the account',
      description: 'Staff with customers:write carry the request out. 409 while a request is pending.',
      body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000, pattern: '^[^<>\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f]*$' })) }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.Integer(), status: Type.String() }), ...errors },
    },
  }, async (request, reply) => {
    const created = await requestErasure(ctx, signedIn(request).customer.id, (request.body as { note?: string }).note ?? null);
    return reply.status(201).send({ id: created.id, status: 'pending' });
  });

  app.get('/api/store/me/addresses', {
    preHandler: me,
    schema: { ...store, summary: 'The customer\'s address book (the default first)', response: { 200: Type.Array(Address), ...errors } },
  }, async (request) => listAddresses(ctx, signedIn(request).customer.id));

  app.post('/api/store/me/addresses', {
    preHandler: me,
    schema: { ...store, summary: 'Add an address (the first one becomes the default)', body: AddressInput, response: { 201: Address, ...errors } },
  }, async (request, reply) => reply.status(201).send(await addAddress(ctx, signedIn(request).customer.id, request.body as AddressInput)));

  app.put('/api/store/me/addresses/:id', {
    preHandler: me,
    schema: { ...store, summary: 'Replace an address', params: IdParams, body: AddressInput, response: { 200: Address, ...errors } },
  }, async (request) => updateAddress(ctx, signedIn(request).customer.id, (request.params as { id: number }).id, request.body as AddressInput));

  app.post('/api/store/me/addresses/:id/default', {
    preHandler: me,
    schema: { ...store, summary: 'Make an address the default', params: IdParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await setDefaultAddress(ctx, signedIn(request).customer.id, (request.params as { id: number }).id);
    return reply.status(204).send();
  });

  app.delete('/api/store/me/addresses/:id', {
    preHandler: me,
    schema: { ...store, summary: 'Delete an address', params: IdParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await deleteAddress(ctx, signedIn(request).customer.id, (request.params as { id: number }).id);
    return reply.status(204).send();
  });

  app.get('/api/store/me/wishlist', {
    preHandler: me,
    schema: {
      ...store, summary: 'The customer\'s wishlist as product cards',
      querystring: Type.Object({ locale: Type.Optional(LocaleCode), currency: Type.Optional(CurrencyCodeSchema) }, { additionalProperties: false }),
      response: { 200: Type.Array(ProductCardSchema), ...errors },
    },
  }, async (request) => {
    const { customer } = signedIn(request);
    const q = request.query as { locale?: Locale; currency?: CurrencyCode };
    return listWishlist(ctx, customer.id, {
      locale: q.locale ?? (customer.preferred_locale as Locale | null) ?? ctx.config.defaultLocale,
      currency: q.currency ?? customer.preferred_currency ?? ctx.config.defaultCurrency,
    });
  });

  app.post('/api/store/me/wishlist', {
    preHandler: me,
    schema: {
      ...store, summary: 'Add a product to the wishlist (by its slug)',
      body: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^<>\\s]+$' }) }, { additionalProperties: false }),
      response: { 201: Type.Object({ product_id: Type.Integer() }), ...errors },
    },
  }, async (request, reply) => reply.status(201).send(await addToWishlist(ctx, signedIn(request).customer.id, (request.body as { slug: string }).slug)));

  app.delete('/api/store/me/wishlist/:id', {
    preHandler: me,
    schema: { ...store, summary: 'Remove a product from the wishlist (by product id)', params: IdParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await removeFromWishlist(ctx, signedIn(request).customer.id, (request.params as { id: number }).id);
    return reply.status(204).send();
  });
}
