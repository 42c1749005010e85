// The load scenarios of `npm run bench`. Each is a list of requests autocannon cycles through on every connection.
import { checkoutScenario } from './checkout-scenario.ts';
import type { ShopFacts } from './shop-facts.ts';

export type { ShopFacts };

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

const get = (path: string) => ({ method: 'GET' as const, path });

export function scenarios(facts: ShopFacts, adminKey: string): Scenario[] {
  const cartAdds: Scenario = {
    name: 'add to cart (API)',
    requests: [],
    async prepare(base) {
      // 50 carts, each taking one unit of each SKU in turn: lines stay few and quantities small, like real carts.
      const carts: string[] = [];
      for (let i = 0; i < 50; i++) {
        const res = await fetch(`${base}/api/store/carts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        carts.push(((await res.json()) as { id: string }).id);
      }
      this.requests = carts.flatMap((id, i) => {
        const sku = facts.skus[i % facts.skus.length]!;
        return [{ method: 'POST' as const, path: `/api/store/carts/${id}/items`, body: JSON.stringify({ sku, quantity: 1 }), headers: { 'content-type': 'application/json' } }];
      });
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
