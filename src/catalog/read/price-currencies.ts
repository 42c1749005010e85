// The currencies the catalogue has prices in: what the currency switcher offers. Finding them scans variant_prices,
// so the answer is kept for a minute per context (a new currency appears on the switcher within that minute).
import type { AppContext } from '../../platform/context.ts';

const TTL_MS = 60_000;
const cache = new WeakMap<AppContext['db'], { at: number; currencies: Promise<string[]> }>();

export async function listPriceCurrencies(ctx: AppContext): Promise<string[]> {
  const hit = cache.get(ctx.db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.currencies;
  const currencies = ctx.db.kysely.selectFrom('variant_prices').select('currency').distinct().orderBy('currency').execute()
    .then((rows) => rows.map((r) => r.currency));
  cache.set(ctx.db, { at: Date.now(), currencies });
  currencies.catch(() => cache.delete(ctx.db));
  return currencies;
}
