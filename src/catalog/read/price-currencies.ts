// The currencies the catalogue has prices in: what the currency switcher offers. The answer is kept for a minute per
// context (a new currency appears on the switcher within that minute).
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';

const TTL_MS = 60_000;
const cache = new WeakMap<AppContext['db'], { at: number; currencies: Promise<string[]> }>();

export async function listPriceCurrencies(ctx: AppContext): Promise<string[]> {
  const hit = cache.get(ctx.db);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.currencies;
  // A loose index scan: one index lookup per currency, instead of reading every price to find the few distinct ones.
  const currencies = sql<{ currency: string }>`
    with recursive found(currency) as (
      select min(currency) from variant_prices
      union all
      select (select min(currency) from variant_prices where currency > found.currency) from found where found.currency is not null
    )
    select currency from found where currency is not null`
    .execute(ctx.db.kysely)
    .then((result) => result.rows.map((r) => r.currency));
  cache.set(ctx.db, { at: Date.now(), currencies });
  currencies.catch(() => cache.delete(ctx.db));
  return currencies;
}
