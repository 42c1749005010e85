// Shapes of buyer reviews at the edge: what a shopper submits, what moderators see.
import { Type, type Static } from 'typebox';
import { SUPPORTED_LOCALES } from '../../platform/config.ts';

export const REVIEW_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const LIMITS = { author_name: 80, title: 150, body: 5000 } as const;

// A union of string literals (typed as string: the list is checked at run time from SUPPORTED_LOCALES).
const LocaleSchema = Type.Unsafe<string>(Type.Union(SUPPORTED_LOCALES.map((l) => Type.Literal(l))));
export const ReviewStatusSchema = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]);

/**
 * A shopper's review. Lengths are checked again after trimming; the schema allows some slack for surrounding
 * whitespace so that "   " answers a clear "must not be empty" rather than a length error.
 */
export const ReviewSubmission = Type.Object(
  {
    author_name: Type.String({ minLength: 1, maxLength: LIMITS.author_name + 20 }),
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
    title: Type.String({ minLength: 1, maxLength: LIMITS.title + 20 }),
    body: Type.String({ minLength: 1, maxLength: LIMITS.body + 100 }),
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);
export type ReviewSubmission = Static<typeof ReviewSubmission>;

export const AdminReview = Type.Object({
  id: Type.Integer(),
  product_id: Type.Integer(),
  product_name: Type.String(),
  author_name: Type.String(),
  locale: Type.String(),
  rating: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  verified_purchase: Type.Boolean(),
  helpful_votes: Type.Integer(),
  status: ReviewStatusSchema,
  created_at: Type.String(),
});
export type AdminReview = Static<typeof AdminReview>;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
