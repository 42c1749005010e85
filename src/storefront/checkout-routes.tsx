// The checkout pages: GET shows a step, POST checks it and moves on (303) or re-renders it with the problems (400).
// The order is placed through the same service and idempotency as the store API: a double click places one order.
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { getCart, getCheckoutDetails, setCheckoutDetails, type CartView } from '../cart/index.ts';
import { checkAddress, completeCheckout } from '../checkout/index.ts';
import { getOrder } from '../orders/index.ts';
import { availablePaymentMethods, paymentInstructionsOf, type PaymentMethod } from '../payments/index.ts';
import { loadSecret } from '../platform/auth/secret.ts';
import type { Locale } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import type { App } from '../platform/http/app.ts';
import { AppError } from '../platform/http/errors.ts';
import { sendHtml } from '../platform/http/html.ts';
import { once } from '../platform/idempotency/idempotency.ts';
import type { ShippingChoice } from '../pricing/index.ts';
import { shippingCountries } from '../shipping/index.ts';
import { cartIdFrom } from './cart-cookie.ts';
import { CsrfBodyField, requireCsrf } from './csrf-guard.ts';
import { pageContext, type PageContext } from './page-context.ts';
import { addressStep, confirmationPage, deliveryStep, paymentStep, type AddressValues, type FieldErrors } from './pages/checkout.tsx';

const HIDDEN = { hide: true } as const;
const FIELDS = ['email', 'name', 'phone', 'line1', 'line2', 'city', 'region', 'postal_code', 'country'] as const;
const Form = (props: Record<string, ReturnType<typeof Type.String>>) =>
  Type.Object({ ...Object.fromEntries(Object.entries(props).map(([k, v]) => [k, Type.Optional(v)])), ...CsrfBodyField }, { additionalProperties: false });
const text = (max: number) => Type.String({ maxLength: max });

/** A token proving the visitor placed the order: the confirmation page's link carries it. */
function orderToken(ctx: AppContext, number: string): string {
  return crypto.createHmac('sha256', loadSecret(ctx.config.dataDir)).update(`order:${number}`).digest('base64url').slice(0, 32);
}

export function registerCheckoutPages(app: App, ctx: AppContext, locale: Locale, prefix: string): void {
  const getOrderIdByNumber = async (number: string) =>
    (await ctx.db.kysely.selectFrom('orders').select('id').where('number', '=', number).executeTakeFirst())?.id ?? null;
  const html = (reply: FastifyReply, vnode: preact.VNode, status = 200) => sendHtml(reply.header('cache-control', 'no-store'), vnode, status);
  const go = (reply: FastifyReply, path: string) => reply.code(303).header('cache-control', 'no-store').header('location', `${prefix}${path}`).send();
  const csrf = requireCsrf(ctx, locale);

  /** The open cart with items, or a redirect to the cart page. */
  async function cartOrRedirect(request: FastifyRequest, reply: FastifyReply): Promise<{ cart: CartView; page: PageContext } | null> {
    const id = cartIdFrom(request);
    const cart = id ? await getCart(ctx, id).catch((err) => (err instanceof AppError && err.status === 404 ? null : Promise.reject(err))) : null;
    if (!cart || cart.completed || cart.items.length === 0) {
      await go(reply, '/cart');
      return null;
    }
    return { cart, page: await pageContext(ctx, request, locale) };
  }

  async function addressValues(cartId: string): Promise<AddressValues> {
    const saved = await getCheckoutDetails(ctx, cartId);
    const values = Object.fromEntries(FIELDS.map((f) => [f, ''])) as AddressValues;
    if (saved.email) values.email = saved.email;
    for (const f of FIELDS) if (saved.address?.[f]) values[f] = String(saved.address[f]);
    return values;
  }

  app.get(`${prefix}/checkout`, { schema: HIDDEN }, async (request, reply) => {
    const found = await cartOrRedirect(request, reply);
    if (!found) return reply;
    const countries = await shippingCountries(ctx);
    const values = await addressValues(found.cart.id);
    // A signed-in customer: the cart becomes theirs, and empty fields start from their email and default address.
    const { checkoutPrefill } = await import('../customers/index.ts');
    const prefill = await checkoutPrefill(ctx, request, found.cart.id);
    if (prefill && !values.email) values.email = prefill.email;
    if (prefill?.address && !values.line1) Object.assign(values, prefill.address);
    if (!values.country) values.country = countries[0] ?? '';
    return html(reply, addressStep(found.page, values, {}, countries));
  });

  app.post(
    `${prefix}/checkout/address`,
    { preValidation: csrf, schema: { ...HIDDEN, body: Form(Object.fromEntries(FIELDS.map((f) => [f, text(f === 'email' ? 254 : 200)]))) } },
    async (request, reply) => {
      const found = await cartOrRedirect(request, reply);
      if (!found) return reply;
      const { page, cart } = found;
      const body = request.body as Record<string, string>;
      const values = Object.fromEntries(FIELDS.map((f) => [f, String(body[f] ?? '').trim()])) as AddressValues;
      const countries = await shippingCountries(ctx);
      const errors: FieldErrors = {};
      for (const f of FIELDS) if (f !== 'line2' && !values[f]) errors[f] = page.t('field_required');
      if (values.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) errors.email = page.t('invalid_email');
      if (values.country && !countries.includes(values.country)) errors.country = page.t('no_delivery_options');
      if (!errors.postal_code && !errors.phone) for (const p of checkAddress(values)) errors[p.field as keyof AddressValues] = p.message;
      if (Object.keys(errors).length > 0) return html(reply, addressStep(page, values, errors, countries), 400);
      const { email, ...address } = values;
      await setCheckoutDetails(ctx, cart.id, { email: email.toLowerCase(), address, shippingOptionId: null });
      return go(reply, '/checkout/delivery');
    },
  );

  async function shippingChoice(cart: CartView): Promise<{ address: Record<string, string>; choice: ShippingChoice } | null> {
    const saved = await getCheckoutDetails(ctx, cart.id);
    if (!saved.address || !saved.email) return null;
    const priced = await getCart(ctx, cart.id);
    return { address: saved.address, choice: (priced.pricing_notes.shipping as ShippingChoice | undefined) ?? { options: [], selected: null } };
  }

  app.get(`${prefix}/checkout/delivery`, { schema: HIDDEN }, async (request, reply) => {
    const found = await cartOrRedirect(request, reply);
    if (!found) return reply;
    const shipping = await shippingChoice(found.cart);
    if (!shipping) return go(reply, '/checkout');
    return html(reply, deliveryStep(found.page, shipping.choice.options, shipping.choice.selected?.id ?? null, {}));
  });

  app.post(`${prefix}/checkout/delivery`, { preValidation: csrf, schema: { ...HIDDEN, body: Form({ shipping_option_id: text(64) }) } }, async (request, reply) => {
    const found = await cartOrRedirect(request, reply);
    if (!found) return reply;
    const shipping = await shippingChoice(found.cart);
    if (!shipping) return go(reply, '/checkout');
    const chosen = (request.body as { shipping_option_id?: string }).shipping_option_id;
    if (!shipping.choice.options.some((o) => o.id === chosen)) {
      return html(reply, deliveryStep(found.page, shipping.choice.options, null, { shipping_option_id: found.page.t('field_required') }), 400);
    }
    await setCheckoutDetails(ctx, found.cart.id, { shippingOptionId: chosen });
    return go(reply, '/checkout/payment');
  });

  async function paymentPage(request: FastifyRequest, reply: FastifyReply, errors: FieldErrors, status = 200) {
    const found = await cartOrRedirect(request, reply);
    if (!found) return reply;
    const shipping = await shippingChoice(found.cart);
    if (!shipping) return go(reply, '/checkout');
    if (!shipping.choice.selected) return go(reply, '/checkout/delivery');
    const priced = await getCart(ctx, found.cart.id);
    const methods = await availablePaymentMethods(ctx, { currency: priced.currency, country: shipping.address.country! });
    return html(reply, paymentStep(found.page, priced, shipping.choice.selected, methods, crypto.randomUUID(), errors), status);
  }

  app.get(`${prefix}/checkout/payment`, { schema: HIDDEN }, (request, reply) => paymentPage(request, reply, {}));

  app.post(
    `${prefix}/checkout/place`,
    { preValidation: csrf, schema: { ...HIDDEN, body: Form({ payment_method: text(20), idempotency_key: text(200) }) } },
    async (request, reply) => {
      const cartId = cartIdFrom(request);
      const body = request.body as { payment_method?: string; idempotency_key?: string };
      if (!cartId) return go(reply, '/cart');
      const saved = await getCheckoutDetails(ctx, cartId).catch(() => null);
      if (!saved?.address || !saved.email || !saved.shippingOptionId) return go(reply, '/checkout');
      const a = saved.address;
      const input = {
        email: saved.email,
        shipping_address: { name: a.name!, line1: a.line1!, line2: a.line2 || null, city: a.city!, region: a.region!, postal_code: a.postal_code!, country: a.country!, phone: a.phone! },
        shipping_option_id: saved.shippingOptionId,
        payment_method: body.payment_method as PaymentMethod,
      };
      try {
        // The same key for a double click or a retried post: one order, the same answer.
        const result = await once(ctx, `checkout:${cartId}`, body.idempotency_key ?? '', input, async () => ({ status: 201, body: await completeCheckout(ctx, cartId, input) }));
        if (result.status !== 201) throw new AppError(result.status, 'checkout_failed', (result.body as { error?: { message?: string } }).error?.message ?? 'Checkout failed');
        const number = (result.body as { number: string }).number;
        return go(reply, `/checkout/confirmation/${number}?t=${orderToken(ctx, number)}`);
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        if (err.code === 'cart_completed') return go(reply, '/cart');
        return paymentPage(request, reply, { form: err.message }, err.status);
      }
    },
  );

  app.get(
    `${prefix}/checkout/confirmation/:number`,
    { schema: { ...HIDDEN, params: Type.Object({ number: Type.String({ pattern: '^PSR-[0-9]{1,12}$' }) }), querystring: Type.Object({ t: Type.Optional(text(64)) }) } },
    async (request, reply) => {
      const { number } = request.params as { number: string };
      const token = (request.query as { t?: string }).t ?? '';
      const expected = orderToken(ctx, number);
      const page = await pageContext(ctx, request, locale);
      const order = token.length === expected.length && crypto.timingSafeEqual(Buffer.from(token), Buffer.from(expected))
        ? await getOrderIdByNumber(number).then((id) => (id ? getOrder(ctx, id) : null))
        : null;
      if (!order) {
        const { sendNotFound } = await import('./routes.tsx');
        return sendNotFound(ctx, request, reply);
      }
      return html(reply, confirmationPage(page, order, await paymentInstructionsOf(ctx, order.id)));
    },
  );
}
