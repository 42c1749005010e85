// What every storefront page needs to know about the request: locale (from the URL prefix), currency (cookie, else
// the shop's default), UI strings, and the navigation data the layout shows.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CURRENCIES, type CurrencyCode, type Locale } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import { csrfToken } from '../platform/http/csrf.ts';
import { getCategoryTree, listPriceCurrencies, type CategoryNode } from '../catalog/index.ts';
import { listPages, type PageLink } from '../content/index.ts';
import { countCartItems } from '../cart/index.ts';
import { SESSION_COOKIE } from '../customers/index.ts';
import { catalogCache } from '../platform/cache/catalog-cache.ts';
import { cartIdFrom } from './cart-cookie.ts';
import type { PersonalParts } from './components/header-personal.tsx';
import { CSRF_HOLE } from './page-holes.ts';
import { translator, type Translate } from './i18n/index.ts';
import { localePath } from './paths.ts';

export const CURRENCY_COOKIE = 'pasar_currency';

export interface PageContext {
  app: AppContext;
  locale: Locale;
  currency: CurrencyCode;
  t: Translate;
  /** A path in this page's locale: href('/p/x') → '/id/p/x'. */
  href: (path: string) => string;
  /** The request's path and query, for "back to where I was" (currency switcher). */
  currentUrl: string;
  /** Currencies the shop has prices in (the switcher's choices); always includes the default currency. */
  currencies: CurrencyCode[];
  categories: CategoryNode[];
  pages: PageLink[];
  /** Items in the shopper's open cart, for the mini-cart (0 without a cart cookie). */
  cartCount: number;
  /** The visitor holds a customer session cookie: the header links to the account instead of to signing in. */
  signedIn: boolean;
  /** The visitor's CSRF token, for the `_csrf` field of every form that posts (see components/csrf-field.tsx). */
  csrf: string;
  /** Rendered for the page cache: the layout leaves a hole for the visitor's parts (cart count, account link). */
  template: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's reply, so pageContext can set the CSRF cookie without every caller passing the reply along. */
    storefrontReply: FastifyReply | null;
  }
}

/**
 * Keeps each request's reply on the request: the storefront module runs this as a root-level onRequest hook, so it
 * covers every route and the 404 handler. A declared field rather than a WeakMap keyed by request: a WeakMap entry
 * per request is work for the garbage collector on every page view.
 */
export function rememberReplies(app: FastifyInstance): void {
  app.decorateRequest('storefrontReply', null);
  app.addHook('onRequest', (request, reply, done) => {
    request.storefrontReply = reply;
    done();
  });
}

/** The currency from the cookie the currency switcher sets, when it names a known currency. */
export function currencyFrom(request: FastifyRequest, fallback: CurrencyCode, allowed?: readonly string[]): CurrencyCode {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === CURRENCY_COOKIE && value && value in CURRENCIES && (!allowed || allowed.includes(value))) return value as CurrencyCode;
  }
  return fallback;
}

/** The shop's price currencies (the switcher's choices, default first among equals); cached with the catalogue. */
export function shopCurrencies(app: AppContext): Promise<CurrencyCode[]> {
  return catalogCache(app).get('price-currencies', async () => {
    const priced = await listPriceCurrencies(app);
    return [...new Set([app.config.defaultCurrency, ...priced.filter((c): c is CurrencyCode => c in CURRENCIES)])].sort();
  });
}

/** The header's parts that belong to this visitor: cart count and whether a customer session cookie is held. */
export async function personalParts(app: AppContext, request: FastifyRequest): Promise<PersonalParts> {
  const cartId = cartIdFrom(request);
  return {
    cartCount: cartId ? await countCartItems(app, cartId) : 0,
    signedIn: (request.headers.cookie ?? '').split(';').some((c) => c.trim().startsWith(`${SESSION_COOKIE}=`) && c.trim().length > SESSION_COOKIE.length + 1),
  };
}

export interface PageContextOptions {
  /**
   * Render for the page cache: the visitor's parts become holes (src/storefront/page-holes.ts) that
   * page-cache.tsx fills per request, and `currency` is the one the cache key was made with.
   */
  template?: boolean;
  currency?: CurrencyCode;
}

export async function pageContext(app: AppContext, request: FastifyRequest, locale: Locale, options: PageContextOptions = {}): Promise<PageContext> {
  const [tree, pages, currencies, personal] = await Promise.all([
    getCategoryTree(app, locale),
    listPages(app, locale),
    shopCurrencies(app),
    options.template ? { cartCount: 0, signedIn: false } : personalParts(app, request),
  ]);
  const reply = request.storefrontReply;
  if (!reply) throw new Error('pageContext needs the reply: the storefront module registers rememberReplies');
  return {
    app,
    locale,
    currency: options.currency ?? currencyFrom(request, app.config.defaultCurrency, currencies),
    currencies,
    t: translator(locale),
    href: (path) => localePath(locale, app.config.defaultLocale, path),
    currentUrl: request.url,
    categories: tree.roots,
    pages,
    ...personal,
    template: options.template === true,
    csrf: options.template ? CSRF_HOLE : csrfToken(app, request, reply),
  };
}

/**
 * Catalogue pages may be kept briefly by the visitor's browser. Not by shared caches: every page carries the
 * visitor's CSRF token (currency switcher, add to cart), and the cookies change prices and the mini-cart.
 */
export function pageCache(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'private, max-age=60, stale-while-revalidate=300').header('vary', 'Cookie');
}
