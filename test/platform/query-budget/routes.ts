// Which routes the query-budget test must cover, read from the real app (the routes it registered, HEAD aside), and
// the rules below that sort them into covered and excluded.
import type { Locale } from '../../../src/platform/config.ts';
import { localePrefixes } from '../../../src/storefront/paths.ts';

/** A route as the app registered it (app.registeredRoutes). */
export interface LoggedRoute {
  method: string;
  url: string;
}

/**
 * Routes that are neither a storefront page nor a store API route, one reason each. Every rule must still match a
 * registered route (a stale rule fails the test). The platform's own routes (/healthz, /api/openapi.json and the API
 * reference under /api/docs) are registered by app.ts before any module, so the log never sees them: they are not
 * shop pages either.
 */
export const EXCLUDED: Array<{ rule: RegExp; why: string }> = [
  { rule: /^[A-Z]+ \/api\/admin(\/|$)/, why: 'admin API: staff only, covered by the role matrix, not a shop route' },
  { rule: /^[A-Z]+ \/admin(\/|$)/, why: 'back office: staff only, not a shop page' },
  { rule: /^GET \/media\//, why: 'product image files served from disk' },
  { rule: /^GET \/assets\//, why: 'static files (stylesheet, placeholder image) read once at start' },
  { rule: /^GET \/favicon\.(svg|ico)$/, why: 'static icon read once at start' },
  { rule: /^GET \/healthz$/, why: 'the load balancer\'s probe: one `select 1`, not a page' },
  { rule: /^(POST|PUT|PATCH|DELETE) \/(?!api\/)/, why: 'form posts to pages: not pages; they run the same services as the store API routes covered here' },
];

export const keyOf = (r: LoggedRoute) => `${r.method} ${r.url}`;

/** Covered: every store API route, and every GET page the storefront and the account pages register. */
export function isCovered(r: LoggedRoute): boolean {
  if (r.url === '/api/store' || r.url.startsWith('/api/store/')) return true;
  if (r.url.startsWith('/api/')) return false;
  return !EXCLUDED.some((e) => e.rule.test(keyOf(r)));
}

export interface Variant {
  /** As registered, e.g. "GET /id/c/:slug". */
  key: string;
  locale: Locale;
  prefix: string;
}

/**
 * The table names a page once, as registered for the default locale ("GET /c/:slug"); the same page registered
 * under a language prefix ("GET /id/c/:slug", "GET /id" for "GET /") is its variant and is measured with its budget.
 */
export function variantsOf(tableKey: string, registered: Set<string>, defaultLocale: Locale): Variant[] {
  const [method, url] = tableKey.split(' ') as [string, string];
  const out: Variant[] = [];
  for (const { locale, prefix } of localePrefixes(defaultLocale)) {
    const key = `${method} ${prefix ? (url === '/' ? prefix : prefix + url) : url}`;
    if (registered.has(key)) out.push({ key, locale, prefix });
  }
  return out;
}

/** The table key a covered route is measured under: itself, or its default-locale page when it is a variant. */
export function tableKeyOf(r: LoggedRoute, table: Set<string>, defaultLocale: Locale): string | null {
  if (table.has(keyOf(r))) return keyOf(r);
  for (const { prefix } of localePrefixes(defaultLocale)) {
    if (!prefix || !(r.url === prefix || r.url.startsWith(`${prefix}/`))) continue;
    const key = `${r.method} ${r.url === prefix ? '/' : r.url.slice(prefix.length)}`;
    if (table.has(key)) return key;
  }
  return null;
}
