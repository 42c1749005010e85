// The guest's cart travels in a cookie holding the cart's unguessable id. HttpOnly (no script reads it), Lax (sent
// when the shopper follows a link to the shop, not by other sites' forms).
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.ts';

export const CART_COOKIE = 'pasar_cart';
const CART_ID = /^c_[A-Za-z0-9_-]{24}$/;

export function cartIdFrom(request: FastifyRequest): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === CART_COOKIE && value && CART_ID.test(value)) return value;
  }
  return null;
}

export function cartCookie(ctx: AppContext, cartId: string): string {
  const secure = ctx.config.baseUrl.startsWith('https:') ? '; Secure' : '';
  return `${CART_COOKIE}=${cartId}; Path=/; Max-Age=${60 * 60 * 24 * 30}; HttpOnly; SameSite=Lax${secure}`;
}
