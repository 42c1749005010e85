// What every storefront page needs to know about the request: locale (from the URL prefix), currency (cookie, else
// the shop's default), UI strings, and the navigation data the layout shows.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CURRENCIES, type CurrencyCode, type Locale } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import { getCategoryTree, listPriceCurrencies, type CategoryNode } from '../catalog/index.ts';
import { listPages, type PageLink } from '../content/index.ts';
import { countCartItems } from '../cart/index.ts';
import { cartIdFrom } from './cart-cookie.ts';
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

export async function pageContext(app: AppContext, request: FastifyRequest, locale: Locale): Promise<PageContext> {
  const cartId = cartIdFrom(request);
  const [tree, pages, priced, cartCount] = await Promise.all([
    getCategoryTree(app, locale),
    listPages(app, locale),
    listPriceCurrencies(app),
    cartId ? countCartItems(app, cartId) : 0,
  ]);
  const currencies = [...new Set([app.config.defaultCurrency, ...priced.filter((c): c is CurrencyCode => c in CURRENCIES)])].sort();
  return {
    app,
    locale,
    currency: currencyFrom(request, app.config.defaultCurrency, currencies),
    currencies,
    t: translator(locale),
    href: (path) => localePath(locale, app.config.defaultLocale, path),
    currentUrl: request.url,
    categories: tree.roots,
    pages,
    cartCount,
  };
}

/** Public pages may be cached briefly by browsers and proxies; the currency cookie changes prices, hence Vary. */
export function publicCache(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'public, max-age=60, stale-while-revalidate=300').header('vary', 'Cookie');
}
