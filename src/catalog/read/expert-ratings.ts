// Expert and publication ratings of a product, each on its own scale. Shown apart from buyer reviews.
import type { AppContext } from '../../platform/context.ts';

export interface ExpertRating {
  source: string;
  score: number;
  scale_max: number;
  note: string | null;
  reviewed_on: string | null;
}

export async function loadExpertRatings(ctx: AppContext, productId: number): Promise<ExpertRating[]> {
  const rows = await ctx.db.kysely
    .selectFrom('expert_ratings')
    .where('product_id', '=', productId)
    .select(['source', 'score', 'scale_max', 'note', 'reviewed_on'])
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, score: Number(r.score), scale_max: Number(r.scale_max) }));
}
