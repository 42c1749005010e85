// Back-office moderation of buyer reviews: /admin/reviews lists them (pending first) with a status filter, and
// each review has approve / reject forms (CSRF-protected) that come back to the same filtered page.
import { Type } from 'typebox';
import {
  adminPage,
  Csrf,
  FormBodySchema,
  formatDate,
  formValue,
  noticeFrom,
  Pager,
  redirectAfterPost,
  renderAdminPage,
  renderNotFoundPage,
  Select,
  type FormBody,
} from '../../admin/index.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { REVIEW_STATUSES, type AdminReview, type ReviewStatus } from './reviews.schemas.ts';
import { deleteReview, listReviewsForAdmin, moderateReview } from './reviews.service.ts';

const PER_PAGE = 25;
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const ListQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal(''), ...REVIEW_STATUSES.map((s) => Type.Literal(s))])),
    product: Type.Optional(Id),
    page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
    notice: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);
const ActionParams = Type.Object(
  { id: Id, action: Type.Union([Type.Literal('approve'), Type.Literal('reject'), Type.Literal('delete')]) },
  { additionalProperties: false },
);

const Stars = ({ rating }: { rating: number }) => (
  <span title={`${rating} of 5`}>
    <span aria-hidden="true">{'★'.repeat(rating) + '☆'.repeat(5 - rating)}</span>
    <span class="skip">{`${rating} of 5 stars`}</span>
  </span>
);

/** Where to come back to after an action: the list with the same filter and page (only known values pass). */
function listUrl(status: string, product: string, page: string): string {
  const params = new URLSearchParams();
  if ((REVIEW_STATUSES as readonly string[]).includes(status)) params.set('status', status);
  if (/^\d{1,10}$/.test(product)) params.set('product', product);
  if (/^\d{1,5}$/.test(page) && page !== '1') params.set('page', page);
  const q = params.toString();
  return q ? `/admin/reviews?${q}` : '/admin/reviews';
}

function ReviewActions({ review, csrf, back }: { review: AdminReview; csrf: string; back: { status: string; product: string; page: string } }) {
  const form = (action: 'approve' | 'reject' | 'delete', label: string, cls: string) => (
    <form method="post" action={`/admin/reviews/${review.id}/${action}`}>
      <Csrf token={csrf} />
      <input type="hidden" name="back_status" value={back.status} />
      <input type="hidden" name="back_product" value={back.product} />
      <input type="hidden" name="back_page" value={back.page} />
      <button type="submit" class={cls} aria-label={`${label} review ${review.id} by ${review.author_name}`}>
        {label}
      </button>
    </form>
  );
  return (
    <div class="actions">
      {review.status !== 'approved' && form('approve', 'Approve', '')}
      {review.status !== 'rejected' && form('reject', 'Reject', 'secondary')}
      {form('delete', 'Delete', 'danger')}
    </div>
  );
}

export function registerReviewPages(app: App, ctx: AppContext): void {
  app.get('/admin/reviews', adminPage(ctx, 'reviews:moderate', { querystring: ListQuery }), async (request, reply) => {
    const query = request.query as { status?: '' | ReviewStatus; product?: number; page: number };
    const { items, total } = await listReviewsForAdmin(ctx, { status: query.status || undefined, product: query.product, page: query.page, per_page: PER_PAGE });
    const back = { status: query.status ?? '', product: query.product ? String(query.product) : '', page: String(query.page) };
    return renderAdminPage(ctx, request, reply, { title: 'Reviews', active: 'reviews', notice: noticeFrom(request.query) }, (
      <>
        <h1>Reviews</h1>
        <form method="get" action="/admin/reviews" class="filters">
          <Select
            label="Status"
            name="status"
            value={query.status ?? ''}
            options={[{ value: '', label: 'All (pending first)' }, ...REVIEW_STATUSES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }))]}
          />
          {query.product && <input type="hidden" name="product" value={String(query.product)} />}
          <button type="submit" class="secondary">
            Filter
          </button>
        </form>
        {items.length === 0 ? (
          <p>No reviews match.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="skip">Reviews</caption>
              <thead>
                <tr>
                  <th scope="col">Review</th>
                  <th scope="col">Product</th>
                  <th scope="col">Status</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr id={`review-${r.id}`}>
                    <td>
                      <p>
                        <Stars rating={r.rating} /> <strong>{r.title}</strong>
                      </p>
                      <p class="pre-line">{r.body}</p>
                      <small class="hint">
                        {r.author_name} · {r.locale.toUpperCase()} · {formatDate(r.created_at)}
                        {r.verified_purchase ? ' · verified purchase' : ''} · {r.helpful_votes} found it helpful
                      </small>
                    </td>
                    <td>
                      <a href={`/admin/products/${r.product_id}`}>{r.product_name}</a>
                    </td>
                    <td>
                      <span class={`badge ${r.status}`}>{r.status}</span>
                    </td>
                    <td>
                      <ReviewActions review={r} csrf={request.admin!.csrf} back={back} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager page={query.page} perPage={PER_PAGE} total={total} base="/admin/reviews" query={{ status: query.status, product: back.product }} />
      </>
    ));
  });

  app.post('/admin/reviews/:id/:action', adminPage(ctx, 'reviews:moderate', { params: ActionParams, body: FormBodySchema }), async (request, reply) => {
    const { id, action } = request.params as { id: number; action: 'approve' | 'reject' | 'delete' };
    const body = request.body as FormBody;
    const back = listUrl(formValue(body, 'back_status'), formValue(body, 'back_product'), formValue(body, 'back_page'));
    try {
      if (action === 'delete') {
        await deleteReview(ctx, id);
        return redirectAfterPost(reply, back, 'deleted');
      }
      await moderateReview(ctx, id, action === 'approve' ? 'approved' : 'rejected');
      return redirectAfterPost(reply, back, action === 'approve' ? 'approved' : 'rejected');
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return renderNotFoundPage(ctx, request, reply, 'Review');
      throw err;
    }
  });
}
