// Expert ratings: a critic's or publication's score on its own scale (92/100, 4.5/5, SCA 86.25/100), kept apart
// from buyer reviews and never averaged with them. Staff maintain them per product.
import { Type, type Static } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { fieldError, optionalText, requiredText } from './text.ts';

export const EXPERT_LIMITS = { source: 120, note: 1000, scale_max: 1000 } as const;

export const ExpertRatingInput = Type.Object(
  {
    source: Type.String({ minLength: 1, maxLength: EXPERT_LIMITS.source + 20 }),
    score: Type.Number({ minimum: 0, maximum: EXPERT_LIMITS.scale_max }),
    scale_max: Type.Number({ exclusiveMinimum: 0, maximum: EXPERT_LIMITS.scale_max }),
    note: Type.Optional(Type.Union([Type.String({ maxLength: EXPERT_LIMITS.note + 100 }), Type.Null()])),
    reviewed_on: Type.Optional(Type.Union([Type.String({ format: 'date', maxLength: 10 }), Type.Null()])),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  },
  { additionalProperties: false },
);
export type ExpertRatingInput = Static<typeof ExpertRatingInput>;

export const ExpertRating = Type.Object({
  id: Type.Integer(),
  product_id: Type.Integer(),
  source: Type.String(),
  score: Type.Number(),
  scale_max: Type.Number(),
  note: Type.Union([Type.String(), Type.Null()]),
  reviewed_on: Type.Union([Type.String(), Type.Null()]),
  position: Type.Integer(),
});
export type ExpertRating = Static<typeof ExpertRating>;

const COLUMNS = ['id', 'product_id', 'source', 'score', 'scale_max', 'note', 'reviewed_on', 'position'] as const;

type Row = { id: number; product_id: number; source: string; score: number; scale_max: number; note: string | null; reviewed_on: string | null; position: number };
const toRating = (r: Row): ExpertRating => ({ ...r, score: Number(r.score), scale_max: Number(r.scale_max), position: Number(r.position) });

/** A calendar date YYYY-MM-DD that exists (no 2026-02-30). */
function checkedDate(value: string | null | undefined): string | null {
  if (value === undefined || value === null || value === '') return null;
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
  if (!ok) throw fieldError('reviewed_on', 'must be a date written YYYY-MM-DD');
  return value;
}

function cleanInput(input: ExpertRatingInput) {
  const source = requiredText('source', input.source, EXPERT_LIMITS.source);
  if (typeof input.scale_max !== 'number' || !Number.isFinite(input.scale_max) || input.scale_max <= 0 || input.scale_max > EXPERT_LIMITS.scale_max) {
    throw fieldError('scale_max', `must be a number above 0 and at most ${EXPERT_LIMITS.scale_max}`);
  }
  if (typeof input.score !== 'number' || !Number.isFinite(input.score) || input.score < 0) throw fieldError('score', 'must be a number from 0');
  if (input.score > input.scale_max) throw fieldError('score', `must not exceed scale_max (${input.scale_max})`);
  return {
    source,
    score: input.score,
    scale_max: input.scale_max,
    note: optionalText('note', input.note, EXPERT_LIMITS.note, true),
    reviewed_on: checkedDate(input.reviewed_on),
  };
}

async function requireProduct(ctx: AppContext, productId: number): Promise<void> {
  const row = await ctx.db.kysely.selectFrom('products').select('id').where('id', '=', productId).executeTakeFirst();
  if (!row) throw notFound('Product', { id: productId });
}

export async function listExpertRatings(ctx: AppContext, productId: number): Promise<ExpertRating[]> {
  await requireProduct(ctx, productId);
  const rows = await ctx.db.kysely.selectFrom('expert_ratings').select(COLUMNS).where('product_id', '=', productId).orderBy('position').orderBy('id').execute();
  return rows.map(toRating);
}

async function getExpertRating(ctx: AppContext, productId: number, ratingId: number): Promise<ExpertRating> {
  const row = await ctx.db.kysely.selectFrom('expert_ratings').select(COLUMNS).where('id', '=', ratingId).where('product_id', '=', productId).executeTakeFirst();
  if (!row) throw notFound('Expert rating', { product_id: productId, id: ratingId });
  return toRating(row);
}

/** Adds a rating; without a position it goes after the product's others. */
export async function createExpertRating(ctx: AppContext, productId: number, input: ExpertRatingInput): Promise<ExpertRating> {
  const values = cleanInput(input);
  await requireProduct(ctx, productId);
  const db = ctx.db.kysely;
  let position = input.position;
  if (position === undefined) {
    const { n } = await db.selectFrom('expert_ratings').select((eb) => eb.fn.countAll<number>().as('n')).where('product_id', '=', productId).executeTakeFirstOrThrow();
    position = Number(n);
  }
  const row = await db.insertInto('expert_ratings').values({ product_id: productId, ...values, position }).returning('id').executeTakeFirstOrThrow();
  await ctx.events.publish('catalog.products_changed', { productIds: [productId] });
  return getExpertRating(ctx, productId, row.id);
}

/** Replaces a rating's fields (PUT semantics: an absent note or date becomes empty; an absent position is kept). */
export async function updateExpertRating(ctx: AppContext, productId: number, ratingId: number, input: ExpertRatingInput): Promise<ExpertRating> {
  const values = cleanInput(input);
  await getExpertRating(ctx, productId, ratingId);
  await ctx.db.kysely
    .updateTable('expert_ratings')
    .set({ ...values, ...(input.position !== undefined ? { position: input.position } : {}) })
    .where('id', '=', ratingId)
    .where('product_id', '=', productId)
    .execute();
  await ctx.events.publish('catalog.products_changed', { productIds: [productId] });
  return getExpertRating(ctx, productId, ratingId);
}

export async function deleteExpertRating(ctx: AppContext, productId: number, ratingId: number): Promise<void> {
  await getExpertRating(ctx, productId, ratingId);
  await ctx.db.kysely.deleteFrom('expert_ratings').where('id', '=', ratingId).where('product_id', '=', productId).execute();
  await ctx.events.publish('catalog.products_changed', { productIds: [productId] });
}
