// Variants by SKU or id, for modules that speak SKUs (inventory, cart, orders) and must not read catalogue tables.
import type { Kysely } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/schema.ts';

export interface VariantRef {
  id: number;
  sku: string;
  product_id: number;
  /** The product's name in the shop's default locale. */
  product_name: string;
  allow_backorder: boolean;
}

const IDS_PER_QUERY = 5000;

async function lookup(ctx: AppContext, db: Kysely<Database>, column: 'v.id' | 'v.sku', keys: Array<number | string>): Promise<VariantRef[]> {
  const out: VariantRef[] = [];
  for (let i = 0; i < keys.length; i += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom('variants as v')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .leftJoin('product_translations as t', (j) => j.onRef('t.product_id', '=', 'p.id').on('t.locale', '=', ctx.config.defaultLocale))
      .where(column, 'in', keys.slice(i, i + IDS_PER_QUERY) as never[])
      .select(['v.id', 'v.sku', 'v.product_id', 't.name', 'p.allow_backorder'])
      .execute();
    for (const r of rows) {
      out.push({ id: r.id, sku: r.sku, product_id: r.product_id, product_name: r.name ?? r.sku, allow_backorder: r.allow_backorder === 1 });
    }
  }
  return out;
}

/** `db` may be a transaction: on SQLite, a query outside an open transaction would wait for it forever. */
export async function findVariantsBySku(ctx: AppContext, skus: string[], db: Kysely<Database> = ctx.db.kysely): Promise<Map<string, VariantRef>> {
  const rows = await lookup(ctx, db, 'v.sku', [...new Set(skus)]);
  return new Map(rows.map((r) => [r.sku, r]));
}

export async function findVariantsById(ctx: AppContext, ids: number[], db: Kysely<Database> = ctx.db.kysely): Promise<Map<number, VariantRef>> {
  const rows = await lookup(ctx, db, 'v.id', [...new Set(ids)].filter((id) => Number.isSafeInteger(id)));
  return new Map(rows.map((r) => [r.id, r]));
}
