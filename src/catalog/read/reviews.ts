// Approved buyer reviews of a product: one page of them and the summary (average, count, 1–5 distribution).
// Expert ratings live in expert-ratings.ts and are never mixed into these figures.
import type { AppContext } from '../../platform/context.ts';

export const REVIEW_SORTS = ['newest', 'helpful'] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

export interface Review {
  id: number;
  author_name: string;
  locale: string;
  rating: number;
  title: string;
  body: string;
  verified_purchase: boolean;
  helpful_votes: number;
  created_at: string;
}

export interface ReviewSummary {
  average: number | null;
  count: number;
  /** Number of reviews per star, keys "1" to "5". */
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
}

export interface ReviewPage { items: Review[]; page: number; per_page: number; total: number; sort: ReviewSort }

/** Two queries: the distribution (from which count and average follow) and the page. */
export async function loadReviews(
  ctx: AppContext,
  productId: number,
  options: { page?: number; per_page?: number; sort?: ReviewSort } = {},
): Promise<{ summary: ReviewSummary; reviews: ReviewPage }> {
  const db = ctx.db.kysely;
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const perPage = Math.min(50, Math.max(1, Math.floor(options.per_page ?? 10)));
  const sort = options.sort ?? 'newest';
  const approved = db.selectFrom('product_reviews').where('product_id', '=', productId).where('status', '=', 'approved');
  let pageQuery = approved
    .select(['id', 'author_name', 'locale', 'rating', 'title', 'body', 'verified_purchase', 'helpful_votes', 'created_at']);
  pageQuery = sort === 'helpful'
    ? pageQuery.orderBy('helpful_votes', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc')
    : pageQuery.orderBy('created_at', 'desc').orderBy('id', 'desc');
  const [stars, rows] = await Promise.all([
    approved.select((eb) => ['rating', eb.fn.countAll<number>().as('n')]).groupBy('rating').execute(),
    pageQuery.limit(perPage).offset((page - 1) * perPage).execute(),
  ]);
  return {
    summary: summarize(stars.map((s) => ({ rating: Number(s.rating), n: Number(s.n) }))),
    reviews: {
      items: rows.map((r) => ({ ...r, rating: Number(r.rating), verified_purchase: Number(r.verified_purchase) === 1, helpful_votes: Number(r.helpful_votes) })),
      page,
      per_page: perPage,
      total: stars.reduce((sum, s) => sum + Number(s.n), 0),
      sort,
    },
  };
}

/** Pure: the summary from per-star counts (ratings outside 1–5 are ignored). */
export function summarize(stars: Array<{ rating: number; n: number }>): ReviewSummary {
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let count = 0;
  let total = 0;
  for (const s of stars) {
    const key = String(Math.round(s.rating)) as keyof typeof distribution;
    if (!(key in distribution)) continue;
    distribution[key] += s.n;
    count += s.n;
    total += s.rating * s.n;
  }
  return { average: count > 0 ? Math.round((total / count) * 10) / 10 : null, count, distribution };
}
