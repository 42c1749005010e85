// The load scenarios of `npm run bench`. Each is a list of requests autocannon cycles through on every connection.
import { checkoutScenario } from './checkout-scenario.ts';
import type { ShopFacts } from './shop-facts.ts';

export type { ShopFacts };

// No onResponse callback: the bench drops response bodies unread (skip-body-decoding.ts).
export interface BenchRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: string;
  headers?: Record<string, string>;
  setupRequest?: (request: BenchRequest) => BenchRequest;
}

export interface Scenario {
  name: string;
  requests: BenchRequest[];
  /** Runs once before the load (creates carts, for instance); may rewrite `requests`. */
  prepare?: (base: string) => Promise<void>;
  /** A fixed number of requests instead of the run's duration (each checkout needs its own cart). */
  amount?: number;
  /** Checks the shop after the load (no oversell, for instance). */
  verify?: (base: string) => Promise<{ note: string; ok: boolean }>;
}

// Read scenarios ask as browsers do, accepting compressed answers.
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br, zstd', accept: 'text/html,application/json;q=0.9,*/*;q=0.8' };
const get = (path: string) => ({ method: 'GET' as const, path, headers: BROWSER_HEADERS });

export function scenarios(facts: ShopFacts, adminKey: string): Scenario[] {
  const cartAdds: Scenario = {
    name: 'add to cart (API)',
    requests: [],
    async prepare(base) {
      // Stock that cannot run out during the run (sold-out answers would measure nothing), and 200 carts that each
      // take the SKUs in turn: lines stay few and quantities small, like real carts.
      const admin = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
      for (const sku of facts.skus) {
        await fetch(`${base}/api/admin/inventory/${encodeURIComponent(sku)}`, { method: 'PUT', headers: admin, body: JSON.stringify({ on_hand: 1_000_000 }) });
      }
      const carts: string[] = [];
      for (let i = 0; i < 200; i++) {
        const res = await fetch(`${base}/api/store/carts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        carts.push(((await res.json()) as { id: string }).id);
      }
      let n = 0;
      this.requests = [{
        method: 'POST', path: '/', headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          const i = n++;
          const cart = carts[i % carts.length]!;
          const sku = facts.skus[Math.floor(i / carts.length) % facts.skus.length]!;
          return { ...req, path: `/api/store/carts/${cart}/items`, body: JSON.stringify({ sku, quantity: 1 }) };
        },
      }];
    },
  };
  const category = `/c/${encodeURIComponent(facts.categorySlug)}`;
  return [
    { name: 'home page', requests: [get('/')] },
    { name: 'listing, filtered and sorted', requests: [get(`${category}?sort=price_asc${facts.brandSlug ? `&brand=${encodeURIComponent(facts.brandSlug)}` : ''}`)] },
    { name: 'product page', requests: facts.productSlugs.slice(0, 10).map((s) => get(`/p/${encodeURIComponent(s)}`)) },
    { name: 'search page', requests: [get(`/search?q=${encodeURIComponent(facts.searchWord)}`)] },
    { name: 'search API (typo)', requests: [get(`/api/store/products?q=${encodeURIComponent(facts.searchWord.slice(0, -1))}&per_page=20`)] },
    { name: 'store API list (20 items)', requests: [get('/api/store/products?per_page=20')] },
    cartAdds,
    checkoutScenario(facts, adminKey),
  ];
}
