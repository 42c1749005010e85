// The checkout scenario: thousands of one-item carts completed at once, more carts than stock, so the run measures
// orders per second and proves there is no oversell (orders = stock, the rest answered 409 out_of_stock).
import type { Scenario, ShopFacts } from './scenarios.ts';

const STOCK_PER_SKU = 300;
const EXTRA_CARTS = 0.1;
const ADDRESS = { name: 'Bench Buyer', line1: 'Jl. Sudirman 45', city: 'Jakarta Selatan', region: 'DKI Jakarta', postal_code: '12190', country: 'ID', phone: '+62 812 3456 7890' };

async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>;
}

/** Runs `task` over `items` with at most `width` in flight. */
async function pool<T>(items: T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await task(items[next++]!);
  }));
}

export function checkoutScenario(facts: ShopFacts, adminKey: string): Scenario {
  const admin = { authorization: `Bearer ${adminKey}` };
  const skus = facts.skus.slice(0, 10);
  let carts: string[] = [];
  let taken = 0;
  const scenario: Scenario = {
    name: 'complete checkout (API)',
    requests: [],
    async prepare(base) {
      for (const sku of skus) await call(base, 'PUT', `/api/admin/inventory/${encodeURIComponent(sku)}`, { on_hand: STOCK_PER_SKU, note: 'bench' }, admin);
      const total = Math.round(skus.length * STOCK_PER_SKU * (1 + EXTRA_CARTS));
      const plan = Array.from({ length: total }, (_, i) => skus[i % skus.length]!);
      carts = [];
      await pool(plan, 20, async (sku) => {
        const cart = await call(base, 'POST', '/api/store/carts', { currency: 'IDR' });
        await call(base, 'POST', `/api/store/carts/${cart.id}/items`, { sku, quantity: 1 });
        carts.push(cart.id);
      });
      const options = await call(base, 'GET', `/api/store/carts/${carts[0]}/shipping-options?country=ID&region=DKI%20Jakarta&postal_code=12190`);
      const body = JSON.stringify({ email: 'bench@example.com', shipping_address: ADDRESS, shipping_option_id: options[0].id, payment_method: 'cod' });
      taken = 0;
      scenario.amount = carts.length;
      scenario.requests = [{
        method: 'POST',
        path: '/',
        body,
        headers: { 'content-type': 'application/json' },
        // Each request completes the next cart, whichever connection sends it.
        setupRequest: (req) => {
          const id = carts[taken++ % carts.length]!;
          return { ...req, path: `/api/store/carts/${id}/complete`, headers: { ...req.headers, 'idempotency-key': `bench-${id}` } };
        },
      }];
    },
    async verify(base) {
      let onHand = 0;
      let reserved = 0;
      let negative = false;
      for (const sku of skus) {
        const { levels } = await call(base, 'GET', `/api/admin/inventory/${encodeURIComponent(sku)}`, undefined, admin);
        for (const l of levels) {
          onHand += l.on_hand;
          reserved += l.reserved;
          if (l.available < 0) negative = true;
        }
      }
      const oversold = reserved > onHand || negative;
      return { note: `${carts.length} carts for ${skus.length * STOCK_PER_SKU} units: ${reserved} units held by orders, ${oversold ? 'OVERSOLD' : 'no oversell'}`, ok: !oversold && reserved === skus.length * STOCK_PER_SKU };
    },
  };
  return scenario;
}
