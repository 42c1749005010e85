// Buyer reviews and expert ratings: the write side, the admin API and the moderation page. Storefront reads of
// approved reviews and ratings live in src/catalog/read/.
import type { HttpModule } from '../../platform/http/app.ts';
import { registerReviewPages } from './admin-page.tsx';
import { registerReviewRoutes } from './reviews.routes.ts';

export {
  submitReview,
  voteHelpful,
  findReviewableProduct,
  listReviewsForAdmin,
  getReviewForAdmin,
  moderateReview,
  deleteReview,
  type ReviewInput,
  type ReviewListQuery,
} from './reviews.service.ts';
export { REVIEW_STATUSES, type AdminReview, type ReviewStatus } from './reviews.schemas.ts';
export {
  listExpertRatings,
  createExpertRating,
  updateExpertRating,
  deleteExpertRating,
  type ExpertRating,
  type ExpertRatingInput,
} from './expert-ratings.service.ts';

export const reviewsModule: HttpModule = {
  name: 'catalog-reviews',
  register(app, ctx) {
    registerReviewRoutes(app, ctx);
    registerReviewPages(app, ctx);
  },
};
