// How the query-budget table is written and run: a request per check (or a small and a large one that must cost
// the same), each counted on a cold catalogue cache.
import assert from 'node:assert/strict';
import { catalogCache } from '../../../src/platform/cache/catalog-cache.ts';
import type { Locale } from '../../../src/platform/config.ts';
import type { Customer, Scene } from './scene.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Req {
  method: Method;
  /** Without the language prefix: a page is requested under each prefix it is registered with. */
  url: string;
  payload?: object;
  headers?: Record<string, string>;
  cookie?: string;
  /** Signed in as this customer. */
  as?: Customer;
  /** Puts back what the request's set-up changed, after the request. */
  undo?: () => Promise<unknown>;
}

/** Builds one request (set-up included: it is not counted). */
export type Make = (s: Scene, locale: Locale) => Req | Promise<Req>;
/**
 * A small and a large input: equal counts, no N+1. `items` counts the items in each answer (the large one must show
 * more). `grows` marks a known N+1 instead: the count grows with the input, the budget holds for the large input,
 * and the check fails once the route is flat, so that the note goes.
 */
export interface Flat { small: Make; large: Make; items?: RegExp; grows?: string }
export type Check = Make | Flat;

/** One route as registered (a page: for the default locale), its budget and the requests that exercise it. */
export interface Entry { route: string; budget: number; checks: Check[] }
export const row = (route: string, budget: number, ...checks: Check[]): Entry => ({ route, budget, checks });

export const get = (url: string, options: Partial<Req> = {}): Req => ({ method: 'GET', url, ...options });
export const send = (method: Method, url: string, payload?: object, options: Partial<Req> = {}): Req => ({ method, url, payload, ...options });
export const flat = (small: Make, large: Make, options: { items?: RegExp; grows?: string } = {}): Flat => ({ small, large, ...options });
/** The same request by the customer with one order, address, wishlist item, session… and by the one with ten. */
export const perCustomer = (make: (s: Scene, c: Customer, locale: Locale) => Req | Promise<Req>, items?: RegExp): Flat =>
  flat((s, l) => make(s, s.one, l), (s, l) => make(s, s.ten, l), { items });

/** `url` under a language prefix, as the storefront registers its pages ('/id' for the home page). */
export const prefixed = (prefix: string, url: string) => (prefix && (url === '/' || url.startsWith('/?')) ? prefix + url.slice(1) : prefix + url);

export interface Measured { url: string; count: number; items?: number }

/** The statements the large request sent more often than the small one: where an N+1 is. */
function extra(small: string[], large: string[]): string {
  // "in (?, ?, ?)" and multi-row "values (…), (…)" are one statement whatever their length.
  const shape = (q: string) => q.replace(/\$\d+/g, '?').replace(/\(\?(?:, \?)*\)(?:, \(\?(?:, \?)*\))*/g, '(…)');
  const times = new Map<string, number>();
  for (const q of large) times.set(shape(q), (times.get(shape(q)) ?? 0) + 1);
  for (const q of small) times.set(shape(q), (times.get(shape(q)) ?? 0) - 1);
  return [...times].filter(([, n]) => n !== 0).map(([q, n]) => `\n  ${n > 0 ? '+' : ''}${n} × ${q.slice(0, 240)}`).join('');
}

/** Statements issued by one request (it must succeed), on a cold catalogue cache. */
export async function count(s: Scene, req: Req, prefix = ''): Promise<Measured & { body: string; queries: string[] }> {
  const cookie = [req.cookie, req.as ? await s.signedIn(req.as) : undefined].filter(Boolean).join('; ');
  const url = prefixed(prefix, req.url);
  // Budgets are for the cold path: what a request costs when the catalogue cache has just been emptied.
  await catalogCache(s.ctx).invalidate();
  s.ctx.queries.length = 0;
  const res = await s.app.inject({ method: req.method, url, payload: req.payload, headers: { ...req.headers, ...(cookie ? { cookie } : {}) } });
  // Anything the request left running (it should leave nothing) is its cost too, not the next request's.
  for (let seen = -1; seen !== s.ctx.queries.length;) {
    seen = s.ctx.queries.length;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const queries = [...s.ctx.queries];
  await req.undo?.();
  assert.ok(res.statusCode < 400, `${req.method} ${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  return { url, count: queries.length, body: res.body, queries };
}

/** Runs an entry's checks under one prefix; returns what it measured. Asserts flatness (or the known growth). */
export async function runChecks(s: Scene, entry: Entry, locale: Locale, prefix: string): Promise<Measured[]> {
  const out: Measured[] = [];
  for (const check of entry.checks) {
    if (typeof check === 'function') {
      const m = await count(s, await check(s, locale), prefix);
      out.push({ url: m.url, count: m.count });
      continue;
    }
    const small = await count(s, await check.small(s, locale), prefix);
    const large = await count(s, await check.large(s, locale), prefix);
    const itemsOf = (body: string) => (check.items ? (body.match(check.items) ?? []).length : undefined);
    out.push({ url: small.url, count: small.count, items: itemsOf(small.body) }, { url: large.url, count: large.count, items: itemsOf(large.body) });
    if (check.items) {
      const [a, b] = [itemsOf(small.body)!, itemsOf(large.body)!];
      assert.ok(a >= 1 && b > a, `${entry.route}: the small input should show fewer items than the large one (${a} vs ${b} matches of ${check.items})`);
    }
    const what = `${entry.route}: ${small.count} statements for ${small.url} (small), ${large.count} for ${large.url} (large)`;
    if (check.grows) assert.ok(large.count > small.count, `${what}: flat now, so remove the known N+1 note ("${check.grows}")`);
    else assert.equal(large.count, small.count, `${what}: an N+1? The difference:${extra(small.queries, large.queries)}`);
  }
  return out;
}
