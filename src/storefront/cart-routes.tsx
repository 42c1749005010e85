// The cart pages: /cart and the form posts that change it (add from a product page, change a quantity, remove).
// Each post redirects back to /cart (303) so a reload never repeats it; a refused change re-renders with the reason.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { addItem, createCart, getCart, removeItem, updateItem, type CartView } from '../cart/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { App } from '../platform/http/app.ts';
import { sendHtml } from '../platform/http/html.ts';
import { AppError } from '../platform/http/errors.ts';
import type { Locale } from '../platform/config.ts';
import { cartCookie, cartIdFrom } from './cart-cookie.ts';
import { CsrfBodyField, requireCsrf } from './csrf-guard.ts';
import { pageContext, type PageContext } from './page-context.ts';
import { cartPage } from './pages/cart.tsx';

const NOTICES = { added: 'added_to_cart', updated: 'cart_updated' } as const;
const FormQuantity = Type.String({ pattern: '^[0-9]{1,4}$' });
const ItemParams = Type.Object({ itemId: Type.String({ pattern: '^[0-9]{1,9}$' }) });
const HIDDEN = { hide: true } as const;

/** The shopper's open cart, or null (no cookie, unknown id, already checked out). */
async function openCart(ctx: AppContext, request: FastifyRequest): Promise<CartView | null> {
  const id = cartIdFrom(request);
  if (!id) return null;
  try {
    const cart = await getCart(ctx, id);
    return cart.completed ? null : cart;
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return null;
    throw err;
  }
}

function reasonOf(page: PageContext, err: unknown): string {
  if (!(err instanceof AppError) || err.status >= 500) throw err;
  const details = err.details as { available?: number } | undefined;
  if (err.code === 'insufficient_stock') return details?.available ? page.t('only_left', { n: details.available }) : page.t('out_of_stock');
  if (err.code === 'unavailable' || err.code === 'not_priced' || err.code === 'not_found') return page.t('item_unavailable');
  return err.message;
}

export function registerCartPages(app: App, ctx: AppContext, locale: Locale, prefix: string): void {
  const show = async (request: FastifyRequest, reply: FastifyReply, error: string | null = null, status = 200) => {
    const page = await pageContext(ctx, request, locale);
    const key = (request.query as { notice?: string }).notice as keyof typeof NOTICES | undefined;
    const notice = key && key in NOTICES ? page.t(NOTICES[key]) : null;
    return sendHtml(reply.header('cache-control', 'no-store'), cartPage(page, await openCart(ctx, request), notice, error), status);
  };
  const back = (reply: FastifyReply, notice: keyof typeof NOTICES) =>
    reply.code(303).header('cache-control', 'no-store').header('location', `${prefix}/cart?notice=${notice}`).send();
  const refuse = async (request: FastifyRequest, reply: FastifyReply, err: unknown) =>
    show(request, reply, reasonOf(await pageContext(ctx, request, locale), err), err instanceof AppError ? err.status : 400);

  app.get(`${prefix}/cart`, { schema: { ...HIDDEN, querystring: Type.Object({ notice: Type.Optional(Type.String({ maxLength: 20 })) }) } }, (request, reply) => show(request, reply));

  const csrf = requireCsrf(ctx, locale);
  app.post(
    `${prefix}/cart/add`,
    { preValidation: csrf, schema: { ...HIDDEN, body: Type.Object({ sku: Type.String({ minLength: 1, maxLength: 64 }), quantity: FormQuantity, ...CsrfBodyField }, { additionalProperties: false }) } },
    async (request, reply) => {
      const { sku, quantity } = request.body as { sku: string; quantity: string };
      const page = await pageContext(ctx, request, locale);
      let cart = await openCart(ctx, request);
      try {
        if (!cart) {
          cart = await createCart(ctx, { currency: page.currency, locale });
          reply.header('set-cookie', cartCookie(ctx, cart.id));
        }
        await addItem(ctx, cart.id, { sku, quantity: Number(quantity) });
      } catch (err) {
        return refuse(request, reply, err);
      }
      return back(reply, 'added');
    },
  );

  app.post(
    `${prefix}/cart/items/:itemId`,
    { preValidation: csrf, schema: { ...HIDDEN, params: ItemParams, body: Type.Object({ quantity: FormQuantity, ...CsrfBodyField }, { additionalProperties: false }) } },
    async (request, reply) => {
      const cart = await openCart(ctx, request);
      if (!cart) return back(reply, 'updated');
      const quantity = Number((request.body as { quantity: string }).quantity);
      try {
        const itemId = Number((request.params as { itemId: string }).itemId);
        if (quantity === 0) await removeItem(ctx, cart.id, itemId);
        else await updateItem(ctx, cart.id, itemId, quantity);
      } catch (err) {
        return refuse(request, reply, err);
      }
      return back(reply, 'updated');
    },
  );

  const RemoveBody = Type.Object({ ...CsrfBodyField }, { additionalProperties: false });
  app.post(`${prefix}/cart/items/:itemId/remove`, { preValidation: csrf, schema: { ...HIDDEN, params: ItemParams, body: RemoveBody } }, async (request, reply) => {
    const cart = await openCart(ctx, request);
    if (!cart) return back(reply, 'updated');
    try {
      await removeItem(ctx, cart.id, Number((request.params as { itemId: string }).itemId));
    } catch (err) {
      return refuse(request, reply, err);
    }
    return back(reply, 'updated');
  });
}
