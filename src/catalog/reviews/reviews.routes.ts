// HTTP surface of buyer reviews and expert ratings:
//   store:  POST /api/store/products/{slug}/reviews, POST /api/store/reviews/{id}/helpful
//   admin:  /api/admin/reviews (reviews:moderate), /api/admin/products/{id}/expert-ratings (catalog:write)
import { Type } from 'typebox';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { adminSecurity, requirePermission } from '../../platform/auth/require-permission.ts';
import { notFound } from '../../platform/http/errors.ts';
import { createExpertRating, deleteExpertRating, ExpertRating, ExpertRatingInput, listExpertRatings, updateExpertRating } from './expert-ratings.service.ts';
import { AdminReview, ReviewStatusSchema, ReviewSubmission, type ReviewStatus } from './reviews.schemas.ts';
import { deleteReview, findReviewableProduct, getReviewForAdmin, listReviewsForAdmin, moderateReview, submitReview, voteHelpful } from './reviews.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
const RatingParams = Type.Object({ id: Id, ratingId: Id }, { additionalProperties: false });
const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

const ReviewListQuery = Type.Object(
  {
    status: Type.Optional(ReviewStatusSchema),
    product: Type.Optional(Id),
    page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
    per_page: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  },
  { additionalProperties: false },
);

export function registerReviewRoutes(app: App, ctx: AppContext): void {
  const moderate = requirePermission(ctx, 'reviews:moderate');
  const read = requirePermission(ctx, 'catalog:read');
  const write = requirePermission(ctx, 'catalog:write');
  const admin = { tags: ['admin'], security: adminSecurity };

  app.post(
    '/api/store/products/:slug/reviews',
    {
      schema: {
        tags: ['store'],
        summary: 'Submit a review of a product',
        description: 'The review waits for moderation (status "pending") before it is shown. `locale` defaults to the language of the slug.',
        params: SlugParams,
        body: ReviewSubmission,
        response: { 202: Type.Object({ id: Type.Integer(), status: Type.Literal('pending'), message: Type.String() }), ...errors },
      },
    },
    async (request, reply) => {
      const { slug } = request.params as { slug: string };
      const input = request.body as ReviewSubmission;
      const product = await findReviewableProduct(ctx, slug, input.locale);
      if (!product) throw notFound('Product', { slug });
      const saved = await submitReview(ctx, {
        productId: product.id,
        author_name: input.author_name,
        rating: input.rating,
        title: input.title,
        body: input.body,
        locale: input.locale ?? product.locale,
        verifiedPurchase: false, // no orders yet: the orders module will set it for customers who bought the product
      });
      return reply.status(202).send({ ...saved, message: 'Thank you: your review will appear once it has been checked.' });
    },
  );

  app.post(
    '/api/store/reviews/:id/helpful',
    {
      schema: {
        tags: ['store'],
        summary: 'Vote a review helpful',
        description: 'Counts one vote for an approved review; any other review answers 404.',
        params: IdParams,
        response: { 200: Type.Object({ id: Type.Integer(), helpful_votes: Type.Integer() }), ...errors },
      },
    },
    async (request) => voteHelpful(ctx, (request.params as { id: number }).id),
  );

  app.get(
    '/api/admin/reviews',
    {
      preHandler: moderate,
      schema: {
        ...admin,
        summary: 'List reviews for moderation',
        description: 'Pending first, then newest. Filter by status and product id.',
        querystring: ReviewListQuery,
        response: { 200: Type.Object({ items: Type.Array(AdminReview), total: Type.Integer(), page: Type.Integer(), per_page: Type.Integer() }), ...errors },
      },
    },
    async (request) => {
      const query = request.query as { status?: ReviewStatus; product?: number; page: number; per_page: number };
      return { ...(await listReviewsForAdmin(ctx, query)), page: query.page, per_page: query.per_page };
    },
  );

  app.get(
    '/api/admin/reviews/:id',
    { preHandler: moderate, schema: { ...admin, summary: 'Get a review', params: IdParams, response: { 200: AdminReview, ...errors } } },
    async (request) => getReviewForAdmin(ctx, (request.params as { id: number }).id),
  );

  app.patch(
    '/api/admin/reviews/:id',
    {
      preHandler: moderate,
      schema: {
        ...admin,
        summary: 'Approve or reject a review',
        params: IdParams,
        body: Type.Object({ status: ReviewStatusSchema }, { additionalProperties: false }),
        response: { 200: AdminReview, ...errors },
      },
    },
    async (request) => moderateReview(ctx, (request.params as { id: number }).id, (request.body as { status: ReviewStatus }).status),
  );

  app.delete(
    '/api/admin/reviews/:id',
    { preHandler: moderate, schema: { ...admin, summary: 'Delete a review', params: IdParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await deleteReview(ctx, (request.params as { id: number }).id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/admin/products/:id/expert-ratings',
    { preHandler: read, schema: { ...admin, summary: "List a product's expert ratings", params: IdParams, response: { 200: Type.Object({ items: Type.Array(ExpertRating) }), ...errors } } },
    async (request) => ({ items: await listExpertRatings(ctx, (request.params as { id: number }).id) }),
  );

  app.post(
    '/api/admin/products/:id/expert-ratings',
    {
      preHandler: write,
      schema: {
        ...admin,
        summary: 'Add an expert rating',
        description: 'A score on the source\'s own scale (score ≤ scale_max), e.g. 92 of 100 or 4.5 of 5. Never mixed with buyer reviews.',
        params: IdParams,
        body: ExpertRatingInput,
        response: { 201: ExpertRating, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createExpertRating(ctx, (request.params as { id: number }).id, request.body as ExpertRatingInput)),
  );

  app.put(
    '/api/admin/products/:id/expert-ratings/:ratingId',
    {
      preHandler: write,
      schema: { ...admin, summary: 'Replace an expert rating', params: RatingParams, body: ExpertRatingInput, response: { 200: ExpertRating, ...errors } },
    },
    async (request) => {
      const { id, ratingId } = request.params as { id: number; ratingId: number };
      return updateExpertRating(ctx, id, ratingId, request.body as ExpertRatingInput);
    },
  );

  app.delete(
    '/api/admin/products/:id/expert-ratings/:ratingId',
    { preHandler: write, schema: { ...admin, summary: 'Delete an expert rating', params: RatingParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const { id, ratingId } = request.params as { id: number; ratingId: number };
      await deleteExpertRating(ctx, id, ratingId);
      return reply.status(204).send();
    },
  );
}
