// The account pages in every storefront language (the default locale unprefixed, the others under /<locale>), as
// the storefront registers its own. GET shows a page; POST checks the CSRF token, does the work and redirects (303)
// or shows the form again with its problems (400). Every page is private: no-store.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { recordAudit } from '../../audit/index.ts';
import { PHONE_PATTERN, checkAddress } from '../../checkout/index.ts';
import { getCustomerOrder, listCustomerOrders } from '../../orders/index.ts';
import { listSessions, revokeSession } from '../../platform/auth/sessions.ts';
import { CURRENCIES, SUPPORTED_LOCALES, type CurrencyCode, type Locale } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { shippingCountries } from '../../shipping/index.ts';
import { localePrefixes, sendNotFound } from '../../storefront/index.ts';
import { attachOrders, checkCredentials, toProfile, updateProfile } from '../accounts.service.ts';
import { addAddress, deleteAddress, getAddress, listAddresses, setDefaultAddress, updateAddress } from '../addresses.service.ts';
import { BIRTHDAY_PATTERN, NAME_PATTERN } from '../customers.schemas.ts';
import { eraseCustomer, requestErasure } from '../erasure.service.ts';
import { customerActor, sendExport } from '../http/store.routes.ts';
import { appendCookie, clearSessionCookie, currentCustomer, type SignedIn } from '../session.ts';
import { sessionView } from '../session-view.ts';
import { addToWishlist, listWishlist, removeFromWishlist } from '../wishlist.service.ts';
import { orderPage, ordersPage, privacyPage, profilePage, sessionsPage, type ProfileValues } from './account-pages.tsx';
import { registerAuthPages } from './auth-routes.tsx';
import { addressesPage, addressFormPage, wishlistPage, type AddressValues } from './book-pages.tsx';
import { PlainPage, type FieldErrors } from './components.tsx';
import { flag, Form, HIDDEN, IdParams, pageKit, re, text, ticked, type PageKit } from './route-helpers.ts';

export function registerAccountPages(app: App, ctx: AppContext): void {
  for (const { locale, prefix } of localePrefixes(ctx.config.defaultLocale)) {
    const kit = pageKit(ctx, locale, prefix);
    registerAuthPages(app, ctx, locale, prefix, kit);
    registerSignedInPages(app, ctx, locale, prefix, kit);
  }
}

/** The pages of a signed-in customer: profile, orders, sessions, addresses, wishlist, privacy. */
function registerSignedInPages(app: App, ctx: AppContext, locale: Locale, prefix: string, kit: PageKit): void {
  const { csrf, throttle, page, html, go, noticeOf, NoticeQuery, customerOr, throttleMessage } = kit;

  // ---- Profile ----
  const profileValues = (c: SignedIn['customer']): ProfileValues => ({
    name: c.name, phone: c.phone ?? '', birthday: c.birthday ?? '', preferred_locale: c.preferred_locale ?? '', preferred_currency: c.preferred_currency ?? '',
    marketing_consent: c.marketing_consent === 1,
  });

  app.get(`${prefix}/account`, { schema: { ...HIDDEN, ...NoticeQuery } }, async (request, reply) => {
    const signed = await customerOr(request, reply);
    if (!signed) return reply;
    const p = await page(request);
    return html(reply, profilePage(p, toProfile(signed.customer), profileValues(signed.customer), {}, noticeOf(request, p)));
  });

  app.post(`${prefix}/account`, {
    preValidation: csrf,
    schema: { ...HIDDEN, body: Form({ name: text(120), phone: text(32), birthday: text(10), preferred_locale: text(3), preferred_currency: text(3), marketing_consent: flag }) },
  }, async (request, reply) => {
    const signed = await customerOr(request, reply);
    if (!signed) return reply;
    const p = await page(request);
    const body = request.body as Record<string, string | undefined> & { marketing_consent?: string | string[] };
    const values: ProfileValues = {
      name: (body.name ?? '').trim(), phone: (body.phone ?? '').trim(), birthday: (body.birthday ?? '').trim(),
      preferred_locale: body.preferred_locale ?? '', preferred_currency: body.preferred_currency ?? '', marketing_consent: ticked(body.marketing_consent),
    };
    const errors: FieldErrors = {};
    if (!values.name) errors.name = p.t('field_required');
    else if (!re(NAME_PATTERN).test(values.name)) errors.name = p.t('invalid_value');
    if (values.phone && !re(PHONE_PATTERN).test(values.phone)) errors.phone = p.t('invalid_value');
    if (values.birthday && !re(BIRTHDAY_PATTERN).test(values.birthday)) errors.birthday = p.t('invalid_value');
    if (values.preferred_locale && !(SUPPORTED_LOCALES as readonly string[]).includes(values.preferred_locale)) errors.preferred_locale = p.t('invalid_value');
    if (values.preferred_currency && !(values.preferred_currency in CURRENCIES)) errors.preferred_currency = p.t('invalid_value');
    const profile = toProfile(signed.customer);
    if (Object.keys(errors).length > 0) return html(reply, profilePage(p, profile, values, errors, null), 400);
    try {
      await updateProfile(ctx, signed.customer.id, {
        name: values.name, phone: values.phone || null, birthday: values.birthday || null,
        preferred_locale: (values.preferred_locale || null) as Locale | null, preferred_currency: (values.preferred_currency || null) as CurrencyCode | null,
        marketing_consent: values.marketing_consent,
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return html(reply, profilePage(p, profile, values, err.code === 'invalid_birthday' ? { birthday: p.t('invalid_value') } : { '': err.message }, null), 400);
    }
    return go(reply, '/account', 'saved');
  });

  // ---- Orders ----
  app.get(`${prefix}/account/orders`, { schema: HIDDEN }, async (request, reply) => {
    const signed = await customerOr(request, reply);
    if (!signed) return reply;
    await attachOrders(ctx, signed.customer);
    const list = await listCustomerOrders(ctx, signed.customer.id, { page: 1, per_page: 100 });
    return html(reply, ordersPage(await page(request), list.items, signed.customer.email_verified_at !== null));
  });

  app.get(`${prefix}/account/orders/:number`, { schema: { ...HIDDEN, params: Type.Object({ number: text(40) }) } }, async (request, reply) => {
    const signed = await customerOr(request, reply);
    if (!signed) return reply;
    const { number } = request.params as { number: string };
    const order = /^PSR-[0-9]{1,12}$/.test(number) ? await getCustomerOrder(ctx, signed.customer.id, number) : null;
    if (!order) return sendNotFound(ctx, request, reply);
    return html(reply, orderPage(await page(request), order));
  });

  // ---- Sessions ----
  app.get(`${prefix}/account/sessions`, { schema: { ...HIDDEN, ...NoticeQuery } }, async (request, reply) => {
    const signed = await customerOr(request, reply);
    if (!signed) return reply;
    const p = await page(request);
    const sessions = (await listSessions(ctx, 'customer', signed.customer.id)).map((s) => sessionView(s, signed.sessionId));
    return html(reply, sessionsPage(p, sessions, noticeOf(request, p)));
  });

  app.post(`${prefix}/account/sessions/:id/revoke`, { preValidation: csrf, schema: { ...HIDDEN, params: Type.Object({ id: text(64) }), body: Form({}) } }, async (request, reply) => {
    const signed = await customerOr(request, reply);
    if (!signed) return reply;
    const { id } = request.params as { id: string };
    const target = (await listSessions(ctx, 'customer', signed.customer.id)).find((s) => String(s.id) === id);
    if (!target) return sendNotFound(ctx, request, reply);
    await revokeSession(ctx, 'customer', signed.customer.id, target.id);
    if (String(target.id) === signed.sessionId) {
      appendCookie(reply, clearSessionCookie(ctx));
      return go(reply, '/account/login', 'signed_out');
    }
    return go(reply, '/account/sessions', 'session_revoked');
  });

  // ---- Address book ----
  const emptyAddress: AddressValues = { name: '', phone: '', line1: '', line2: '', city: '', region: '', postal_code: '', country: '', is_default: false };
  const ADDRESS_FIELDS = ['name', 'phone', 'line1', 'line2', 'city', 'region', 'postal_code', 'country'] as const;
  const AddressForm = Form({ ...Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, text(f === 'name' ? 120 : 200)])), is_default: flag });

  app.get(`${prefix}/account/addresses`, { schema: { ...HIDDEN, ...NoticeQuery } }, async (request, reply) => {
    const signed = await customerOr(request, reply);
    if (!signed) return reply;
    const p = await page(request);
    return html(reply, addressesPage(p, await listAddresses(ctx, signed.customer.id), noticeOf(request, p)));
  });

  app.get(`${prefix}/account/addresses/new`, { schema: HIDDEN }, async (request, reply) => {
    const signed = await customerOr(request, reply);
    if (!signed) return reply;
    const countries = await shippingCountries(ctx);
    return html(reply, addressFormPage(await page(request), null, { ...emptyAddress, name: signed.customer.name, phone: signed.customer.phone ?? '', country: countries[0] ?? '' }, {}, countries));
  });

  app.get(`${prefix}/account/addresses/:id`, { schema: { ...HIDDEN, params: IdParams } }, async (request, reply) => {
    const signed = await customerOr(request, reply);
    if (!signed) return reply;
    const address = await getAddress(ctx, signed.customer.id, Number((request.params as { id: string }).id));
    if (!address) return sendNotFound(ctx, request, reply);
    const values: AddressValues = { ...address, line2: address.line2 ?? '', is_default: address.is_default };
    return html(reply, addressFormPage(await page(request), address.id, values, {}, await shippingCountries(ctx)));
  });

  async function saveAddress(request: FastifyRequest, reply: FastifyReply, id: number | null) {
    const signed = await customerOr(request, reply);
    if (!signed) return reply;
    const p = await page(request);
    const body = request.body as Record<string, string | string[] | undefined>;
    const values = { ...Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, String(body[f] ?? '').trim()])), is_default: ticked(body.is_default) } as AddressValues;
    const countries = await shippingCountries(ctx);
    const errors: FieldErrors = {};
    for (const f of ADDRESS_FIELDS) {
      if (f !== 'line2' && !values[f]) errors[f] = p.t('field_required');
      else if (values[f] && !re('^[^<>\\u0000-\\u001f\\u007f]*$').test(values[f])) errors[f] = p.t('invalid_value');
    }
    if (values.country && !/^[A-Z]{2}$/.test(values.country)) errors.country = p.t('invalid_value');
    if (!errors.postal_code && !errors.phone && !errors.country) for (const problem of checkAddress(values)) errors[problem.field] = problem.message;
    if (id !== null && !(await getAddress(ctx, signed.customer.id, id))) return sendNotFound(ctx, request, reply);
    if (Object.keys(errors).length > 0) return html(reply, addressFormPage(p, id, values, errors, countries), 400);
    const input = { ...values, line2: values.line2 || null };
    try {
      if (id === null) await addAddress(ctx, signed.customer.id, input);
      else await updateAddress(ctx, signed.customer.id, id, input);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return html(reply, addressFormPage(p, id, values, { '': err.code === 'too_many_addresses' ? p.t('address_limit') : err.message }, countries), err.status);
    }
    return go(reply, '/account/addresses', 'address_saved');
  }

  app.post(`${prefix}/account/addresses`, { preValidation: csrf, schema: { ...HIDDEN, body: AddressForm } }, (request, reply) => saveAddress(request, reply, null));
  app.post(`${prefix}/account/addresses/:id`, { preValidation: csrf, schema: { ...HIDDEN, params: IdParams, body: AddressForm } }, (request, reply) =>
    saveAddress(request, reply, Number((request.params as { id: string }).id)));

  const addressAction = (action: 'delete' | 'default') => async (request: FastifyRequest, reply: FastifyReply) => {
    const signed = await customerOr(request, reply);
    if (!signed) return reply;
    const id = Number((request.params as { id: string }).id);
    try {
      if (action === 'delete') await deleteAddress(ctx, signed.customer.id, id);
      else await setDefaultAddress(ctx, signed.customer.id, id);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return sendNotFound(ctx, request, reply);
      throw err;
    }
    return go(reply, '/account/addresses', action === 'delete' ? 'address_deleted' : 'address_saved');
  };
  app.post(`${prefix}/account/addresses/:id/delete`, { preValidation: csrf, schema: { ...HIDDEN, params: IdParams, body: Form({}) } }, addressAction('delete'));
  app.post(`${prefix}/account/addresses/:id/default`, { preValidation: csrf, schema: { ...HIDDEN, params: IdParams, body: Form({}) } }, addressAction('default'));

  // ---- Wishlist ----
  const showWishlist = async (request: FastifyRequest, reply: FastifyReply, signed: SignedIn, error: string | null = null, status = 200) => {
    const p = await page(request);
    const cards = await listWishlist(ctx, signed.customer.id, { locale, currency: p.currency });
    return html(reply, wishlistPage(p, cards, noticeOf(request, p), error), status);
  };
  app.get(`${prefix}/account/wishlist`, { schema: { ...HIDDEN, ...NoticeQuery } }, async (request, reply) => {
    const signed = await customerOr(request, reply);
    if (!signed) return reply;
    return showWishlist(request, reply, signed);
  });

  app.post(`${prefix}/account/wishlist`, { preValidation: csrf, schema: { ...HIDDEN, body: Form({ slug: text(200) }) } }, async (request, reply) => {
    const slug = (request.body as { slug?: string }).slug ?? '';
    const signed = await currentCustomer(ctx, request);
    if (!signed) {
      // Back to the product after signing in.
      const back = /^[^\s/\\?#<>]{1,200}$/.test(slug) ? `${prefix}/p/${encodeURIComponent(slug)}` : '';
      return go(reply, `/account/login${back ? `?return_to=${encodeURIComponent(back)}` : ''}`, 'sign_in');
    }
    try {
      await addToWishlist(ctx, signed.customer.id, slug);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      if (err.status === 404) return sendNotFound(ctx, request, reply);
      return showWishlist(request, reply, signed, err.code === 'wishlist_full' ? (await page(request)).t('wishlist_full') : err.message, err.status);
    }
    return go(reply, '/account/wishlist', 'wishlist_added');
  });

  app.post(`${prefix}/account/wishlist/:id/remove`, { preValidation: csrf, schema: { ...HIDDEN, params: IdParams, body: Form({}) } }, async (request, reply) => {
    const signed = await customerOr(request, reply);
    if (!signed) return reply;
    try {
      await removeFromWishlist(ctx, signed.customer.id, Number((request.params as { id: string }).id));
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return sendNotFound(ctx, request, reply);
      throw err;
    }
    return go(reply, '/account/wishlist', 'wishlist_removed');
  });

  // ---- Privacy: export, erasure, erasure request ----
  const pendingRequest = async (customerId: number) =>
    (await ctx.db.kysely.selectFrom('customer_erasure_requests').select('created_at').where('customer_id', '=', customerId).where('status', '=', 'pending').executeTakeFirst())?.created_at ?? null;
  const showPrivacy = async (request: FastifyRequest, reply: FastifyReply, signed: SignedIn, errors: FieldErrors = {}, status = 200) => {
    const p = await page(request);
    return html(reply, privacyPage(p, { errors, notice: noticeOf(request, p), pendingSince: await pendingRequest(signed.customer.id) }), status);
  };

  app.get(`${prefix}/account/privacy`, { schema: { ...HIDDEN, ...NoticeQuery } }, async (request, reply) => {
    const signed = await customerOr(request, reply);
    if (!signed) return reply;
    return showPrivacy(request, reply, signed);
  });

  app.get(`${prefix}/account/privacy/export`, { schema: HIDDEN }, async (request, reply) => {
    const signed = await customerOr(request, reply);
    if (!signed) return reply;
    return sendExport(ctx, request, reply);
  });

  app.post(`${prefix}/account/privacy/erase`, { preValidation: csrf, schema: { ...HIDDEN, body: Form({ password: text(256) }) } }, async (request, reply) => {
    const signed = await customerOr(request, reply);
    if (!signed) return reply;
    const p = await page(request);
    const password = (request.body as { password?: string }).password ?? '';
    if (!password) return showPrivacy(request, reply, signed, { password: p.t('field_required') }, 400);
    const account = signed.customer.email;
    try {
      await throttle.check(request, account);
    } catch (err) {
      const limited = throttleMessage(p, err);
      if (!limited) throw err;
      return showPrivacy(request, reply, signed, { '': limited }, (err as AppError).status);
    }
    if (!(await checkCredentials(ctx, account, password))) {
      await throttle.failure(request, account);
      const who = customerActor(request);
      await recordAudit(ctx, {
        actor: who.actor, action: 'customer.erase', target_type: 'customer', target_id: who.customerId,
        ip: who.ip, user_agent: who.userAgent, status: 403, details: { reason: 'wrong_password' },
      });
      return showPrivacy(request, reply, signed, { password: p.t('wrong_password') }, 403);
    }
    await eraseCustomer(ctx, signed.customer.id, customerActor(request));
    appendCookie(reply, clearSessionCookie(ctx));
    request.customerSession = null;
    // The browser still sent the session cookie with this request; the page already shows the visitor signed out.
    const after = { ...(await page(request)), signedIn: false };
    return html(reply, (
      <PlainPage page={after} title={after.t('erase_title')} path="/account/privacy">
        <h1>{after.t('erase_title')}</h1>
        <p class="notice" role="status" data-testid="erased">{after.t('erased')}</p>
        <p><a href={after.href('/')}>{after.t('continue_shopping')}</a></p>
      </PlainPage>
    ));
  });

  app.post(`${prefix}/account/privacy/request`, { preValidation: csrf, schema: { ...HIDDEN, body: Form({ note: text(1000) }) } }, async (request, reply) => {
    const signed = await customerOr(request, reply);
    if (!signed) return reply;
    const note = ((request.body as { note?: string }).note ?? '').trim();
    if (/[<>\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(note)) return showPrivacy(request, reply, signed, { '': (await page(request)).t('invalid_value') }, 400);
    try {
      await requestErasure(ctx, signed.customer.id, note || null);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'request_pending') throw err;
    }
    return go(reply, '/account/privacy', 'erasure_requested');
  });
}
