// Buyer reviews: a shopper submits one (it waits for moderation), shoppers vote approved ones helpful, staff
// approve, reject or delete them. Only approved reviews count towards a product's rating, so a change into or out
// of "approved" publishes catalog.products_changed (search and listings show the rating).
import { sql, type Kysely, type Transaction } from 'kysely';
import { SUPPORTED_LOCALES } from '../../platform/config.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/http/errors.ts';
import { LIMITS, REVIEW_STATUSES, type AdminReview, type ReviewStatus } from './reviews.schemas.ts';
import { fieldError, requiredText } from './text.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface ReviewInput {
  productId: number;
  author_name: string;
  rating: number;
  title: string;
  body: string;
  locale: string;
  /** Set by the orders module once it can tell that this customer bought the product; false until then. */
  verifiedPurchase?: boolean;
  customerId?: number | null;
}

export interface ReviewListQuery {
  status?: ReviewStatus;
  product?: number;
  page?: number;
  per_page?: number;
}

/** The product a storefront slug names (in any locale, preferring `locale`), if it is on sale. */
export async function findReviewableProduct(ctx: AppContext, slug: string, locale?: string): Promise<{ id: number; locale: string } | null> {
  const rows = await ctx.db.kysely
    .selectFrom('product_translations as t')
    .innerJoin('products as p', 'p.id', 't.product_id')
    .select(['p.id', 't.locale'])
    .where('t.slug', '=', slug)
    .where('p.status', '=', 'active')
    .orderBy('p.id')
    .limit(10)
    .execute();
  const row = rows.find((r) => r.locale === locale) ?? rows[0];
  return row ? { id: row.id, locale: row.locale } : null;
}

/** Stores a review as pending. Text is trimmed and bounded; markup is kept as literal text. */
export async function submitReview(ctx: AppContext, input: ReviewInput): Promise<{ id: number; status: 'pending' }> {
  const author = requiredText('author_name', input.author_name, LIMITS.author_name);
  const title = requiredText('title', input.title, LIMITS.title);
  const body = requiredText('body', input.body, LIMITS.body, true);
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) throw fieldError('rating', 'must be a whole number from 1 to 5');
  if (!(SUPPORTED_LOCALES as readonly string[]).includes(input.locale)) throw fieldError('locale', `must be one of ${SUPPORTED_LOCALES.join(', ')}`);
  const product = await ctx.db.kysely.selectFrom('products').select('id').where('id', '=', input.productId).executeTakeFirst();
  if (!product) throw notFound('Product', { id: input.productId });
  const row = await ctx.db.kysely
    .insertInto('product_reviews')
    .values({
      product_id: input.productId,
      author_name: author,
      customer_id: input.customerId ?? null,
      locale: input.locale,
      rating: input.rating,
      title,
      body,
      verified_purchase: input.verifiedPurchase ? 1 : 0,
      status: 'pending',
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, status: 'pending' };
}

/** One more "helpful" vote for an approved review (one conditional UPDATE); 404 for any other review. */
export async function voteHelpful(ctx: AppContext, reviewId: number): Promise<{ id: number; helpful_votes: number }> {
  const row = await ctx.db.kysely
    .updateTable('product_reviews')
    .set((eb) => ({ helpful_votes: eb('helpful_votes', '+', 1) }))
    .where('id', '=', reviewId)
    .where('status', '=', 'approved')
    .returning(['id', 'helpful_votes'])
    .executeTakeFirst();
  if (!row) throw notFound('Review', { id: reviewId });
  return { id: row.id, helpful_votes: Number(row.helpful_votes) };
}

function adminSelect(db: Db, defaultLocale: string) {
  return db
    .selectFrom('product_reviews as r')
    .leftJoin('product_translations as t', (j) => j.onRef('t.product_id', '=', 'r.product_id').on('t.locale', '=', defaultLocale))
    .select([
      'r.id', 'r.product_id', 'r.author_name', 'r.locale', 'r.rating', 'r.title', 'r.body', 'r.verified_purchase',
      'r.helpful_votes', 'r.status', 'r.created_at', 't.name as product_name',
    ]);
}

type AdminRow = Awaited<ReturnType<ReturnType<typeof adminSelect>['executeTakeFirstOrThrow']>>;
const toAdminReview = (r: AdminRow): AdminReview => ({
  id: r.id,
  product_id: r.product_id,
  product_name: r.product_name ?? `Product ${r.product_id}`,
  author_name: r.author_name,
  locale: r.locale,
  rating: Number(r.rating),
  title: r.title,
  body: r.body,
  verified_purchase: Number(r.verified_purchase) === 1,
  helpful_votes: Number(r.helpful_votes),
  status: r.status,
  created_at: r.created_at,
});

export async function getReviewForAdmin(ctx: AppContext, id: number): Promise<AdminReview> {
  const row = await adminSelect(ctx.db.kysely, ctx.config.defaultLocale).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Review', { id });
  return toAdminReview(row);
}

/** Reviews for moderation: pending first, then newest; filtered by status and product. Two queries. */
export async function listReviewsForAdmin(ctx: AppContext, query: ReviewListQuery = {}): Promise<{ items: AdminReview[]; total: number }> {
  const db = ctx.db.kysely;
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const perPage = Math.min(100, Math.max(1, Math.floor(query.per_page ?? 25)));
  if (query.status && !REVIEW_STATUSES.includes(query.status)) throw fieldError('status', `must be one of ${REVIEW_STATUSES.join(', ')}`);
  let count = db.selectFrom('product_reviews as r');
  let rows = adminSelect(db, ctx.config.defaultLocale);
  if (query.status) {
    count = count.where('r.status', '=', query.status);
    rows = rows.where('r.status', '=', query.status);
  }
  if (query.product !== undefined) {
    count = count.where('r.product_id', '=', query.product);
    rows = rows.where('r.product_id', '=', query.product);
  }
  const { n } = await count.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await rows
    .orderBy(sql`case when r.status = 'pending' then 0 else 1 end`)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return { items: items.map(toAdminReview), total: Number(n) };
}

/** Approves or rejects (or sends back to pending) a review. */
export async function moderateReview(ctx: AppContext, id: number, status: ReviewStatus): Promise<AdminReview> {
  if (!REVIEW_STATUSES.includes(status)) throw fieldError('status', `must be one of ${REVIEW_STATUSES.join(', ')}`);
  const db = ctx.db.kysely;
  const before = await db.selectFrom('product_reviews').select(['product_id', 'status']).where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('Review', { id });
  await db.updateTable('product_reviews').set({ status }).where('id', '=', id).execute();
  if ((before.status === 'approved') !== (status === 'approved')) {
    await ctx.events.publish('catalog.products_changed', { productIds: [before.product_id] });
  }
  return getReviewForAdmin(ctx, id);
}

export async function deleteReview(ctx: AppContext, id: number): Promise<void> {
  const db = ctx.db.kysely;
  const before = await db.selectFrom('product_reviews').select(['product_id', 'status']).where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('Review', { id });
  await db.deleteFrom('product_reviews').where('id', '=', id).execute();
  if (before.status === 'approved') await ctx.events.publish('catalog.products_changed', { productIds: [before.product_id] });
}
