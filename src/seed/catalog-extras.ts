// What a seed adds around imported products: creation dates, stock, sales figures and reviews. Written directly
// with Kysely in multi-row statements: the seed is a tool, and the catalogue's import does not own these.
import type { Kysely } from 'kysely';
import { chunked, columnsOf } from '../catalog/import/chunks.ts';
import { setStockLevelsBulk, type StockLevelInput } from '../inventory/index.ts';
import type { Database } from '../platform/db/schema.ts';
import type { Random } from './random.ts';
import { makeReview } from './reviews.ts';

const DAY = 86_400_000;

export async function insertRows<R extends object>(rows: R[], insert: (chunk: R[]) => Promise<unknown>): Promise<void> {
  for (const chunk of chunked(rows, columnsOf(rows))) await insert(chunk);
}

/** New arrivals: the creation date follows the (spread) publication date. */
export async function backdateCreation(db: Kysely<Database>, productIds: number[]): Promise<void> {
  for (const ids of chunked(productIds, 1)) {
    await db.updateTable('products').set((eb) => ({ created_at: eb.fn.coalesce('published_at', 'created_at'), updated_at: eb.fn.coalesce('published_at', 'updated_at') }))
      .where('id', 'in', ids).execute();
  }
}

/** Stock for every variant of the products: most in stock, ~10 % low, ~5 % sold out. */
export async function seedStock(db: Kysely<Database>, productIds: number[], r: Random): Promise<void> {
  const variants: { id: number }[] = [];
  for (const ids of chunked(productIds, 1)) variants.push(...(await db.selectFrom('variants').select('id').where('product_id', 'in', ids).orderBy('id').execute()));
  const rows: StockLevelInput[] = variants.map((v) => {
    const x = r.next();
    const onHand = x < 0.05 ? 0 : x < 0.15 ? r.int(1, 5) : r.int(12, 240);
    return { variantId: v.id, onHand, lowThreshold: 5 };
  });
  await setStockLevelsBulk(db, rows);
}

/** Units sold, skewed so that a few products are clear best sellers. */
export async function seedStats(db: Kysely<Database>, productIds: number[], r: Random): Promise<void> {
  const rows = productIds.map((id) => ({ product_id: id, units_sold: Math.floor(Math.pow(r.next(), 3) * 2400) }));
  await insertRows(rows, (c) => db.insertInto('product_stats').values(c).execute());
}

/** Approved reviews (min..max per product) after each product's publication, and `pending` unmoderated ones. */
export async function seedReviews(
  db: Kysely<Database>,
  products: { id: number; publishedAt: string }[],
  r: Random,
  opts: { min: number; max: number; pending: number; now?: number },
): Promise<number> {
  const now = opts.now ?? Date.now();
  const rows = [];
  for (const p of products) {
    const n = r.int(opts.min, opts.max);
    const since = Math.max(0, now - Date.parse(p.publishedAt));
    for (let k = 0; k < n; k++) {
      const rv = makeReview(r);
      rows.push({
        product_id: p.id, author_name: rv.author, locale: rv.locale, rating: rv.rating, title: rv.title, body: rv.body,
        verified_purchase: rv.verified ? 1 : 0, helpful_votes: rv.helpful, status: 'approved' as const,
        created_at: new Date(now - Math.floor(r.next() * since)).toISOString(),
      });
    }
  }
  for (let k = 0; k < opts.pending && products.length > 0; k++) {
    const p = r.pick(products);
    const rv = makeReview(r);
    rows.push({
      product_id: p.id, author_name: rv.author, locale: rv.locale, rating: rv.rating, title: rv.title, body: rv.body,
      verified_purchase: rv.verified ? 1 : 0, helpful_votes: 0, status: 'pending' as const,
      created_at: new Date(now - r.int(0, 3 * DAY)).toISOString(),
    });
  }
  await insertRows(rows, (c) => db.insertInto('product_reviews').values(c).execute());
  return rows.length;
}
