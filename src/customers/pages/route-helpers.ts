// What every account page route shares: form schemas, the notices, and a kit bound to one locale (render, redirect,
// the signed-in customer or a redirect to sign in, throttling messages).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { loginThrottle } from '../../platform/auth/login-throttle.ts';
import type { Locale } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { sendHtml } from '../../platform/http/html.ts';
import { CsrfBodyField, pageContext, requireCsrf, type MessageKey, type PageContext } from '../../storefront/index.ts';
import { currentCustomer, forgetStaleCookie, type SignedIn } from '../session.ts';

export const NOTICES = {
  saved: 'saved', verification_sent: 'verification_sent', session_revoked: 'session_revoked', address_saved: 'address_saved',
  address_deleted: 'address_deleted', wishlist_added: 'added_to_wishlist', wishlist_removed: 'removed_from_wishlist',
  erasure_requested: 'erasure_requested', password_changed: 'password_changed', signed_out: 'signed_out', sign_in: 'sign_in_to_continue',
} as const satisfies Record<string, MessageKey>;
export type Notice = keyof typeof NOTICES;

export const text = (max: number) => Type.String({ maxLength: max });
/** A checkbox posts "0" (its hidden twin) and, when ticked, "1". */
export const flag = Type.Union([Type.String({ maxLength: 1 }), Type.Array(Type.String({ maxLength: 1 }), { maxItems: 2 })]);
export const Form = (fields: Record<string, TSchema>) =>
  Type.Object({ ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Type.Optional(v)])), ...CsrfBodyField }, { additionalProperties: false });
export const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,9}$' }) });
export const HIDDEN = { hide: true } as const;

export const ticked = (v: string | string[] | undefined) => (Array.isArray(v) ? v[v.length - 1] : v) === '1';
export const re = (pattern: string) => new RegExp(pattern, 'u');
/** Only a path on this shop: never "//evil.example" or "/\evil.example". */
export const safeReturn = (value: string | undefined) => (value && value.length <= 500 && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '');

/** The helpers of the pages in one locale. */
export function pageKit(ctx: AppContext, locale: Locale, prefix: string) {
  const csrf = requireCsrf(ctx, locale);
  const throttle = loginThrottle(ctx, 'customer');
  const page = (request: FastifyRequest) => pageContext(ctx, request, locale);
  const html = (reply: FastifyReply, vnode: preact.VNode, status = 200) =>
    sendHtml(reply.header('cache-control', 'no-store').header('referrer-policy', 'same-origin'), vnode, status);
  const go = (reply: FastifyReply, path: string, notice?: Notice) =>
    reply.code(303).header('cache-control', 'no-store').header('location', `${prefix}${path}${notice ? `${path.includes('?') ? '&' : '?'}notice=${notice}` : ''}`).send();
  const noticeOf = (request: FastifyRequest, p: PageContext): string | null => {
    const n = (request.query as { notice?: string } | undefined)?.notice;
    return n && Object.hasOwn(NOTICES, n) ? p.t(NOTICES[n as Notice]) : null;
  };
  const NoticeQuery = { querystring: Type.Object({ notice: Type.Optional(text(40)) }) };

  /** The signed-in customer, or a redirect to the sign-in page that comes back here afterwards. */
  async function customerOr(request: FastifyRequest, reply: FastifyReply): Promise<SignedIn | null> {
    const signed = await currentCustomer(ctx, request);
    if (signed) return signed;
    forgetStaleCookie(ctx, request, reply);
    const back = request.method === 'GET' ? safeReturn(request.url) : '';
    await go(reply, `/account/login${back ? `?return_to=${encodeURIComponent(back)}` : ''}`, back ? 'sign_in' : undefined);
    return null;
  }
  /** The message for a throttled or locked sign-in. */
  const throttleMessage = (p: PageContext, err: unknown): string | null =>
    err instanceof AppError && err.status === 429 ? p.t('too_many_attempts') : err instanceof AppError && err.status === 423 ? p.t('account_locked') : null;

  return { csrf, throttle, page, html, go, noticeOf, NoticeQuery, customerOr, throttleMessage };
}

export type PageKit = ReturnType<typeof pageKit>;
