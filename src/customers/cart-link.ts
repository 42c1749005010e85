// The visitor's cart cookie, read at sign-in to merge the guest cart. The storefront owns the cookie; its small
// cookie module is imported directly (the storefront's index would make an import cycle through its pages).
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.ts';
import { cartCookie, cartIdFrom } from '../storefront/cart-cookie.ts';

export const guestCartId = (request: FastifyRequest): string | null => cartIdFrom(request);
export const cartCookieFor = (ctx: AppContext, cartId: string): string => cartCookie(ctx, cartId);
