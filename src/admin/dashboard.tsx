// The back office's home: products by status, reviews waiting for moderation, the latest news.
import { Type } from 'typebox';
import type { AppContext } from '../platform/context.ts';
import type { App } from '../platform/http/app.ts';
import { listArticlesForAdmin, type ArticleListItem } from '../content/index.ts';
import { adminPage, noticeFrom, renderAdminPage } from './shell.tsx';
import { formatDate } from './ui.tsx';

export interface DashboardCounts {
  products: Record<'draft' | 'active' | 'archived', number>;
  pendingReviews: number;
}

// A deliberate read model over the catalogue's tables: two grouped counts, no writes.
export async function dashboardCounts(ctx: AppContext): Promise<DashboardCounts> {
  const db = ctx.db.kysely;
  const byStatus = await db
    .selectFrom('products')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const pending = await db
    .selectFrom('product_reviews')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const products = { draft: 0, active: 0, archived: 0 };
  for (const row of byStatus) products[row.status] = Number(row.n);
  return { products, pendingReviews: Number(pending.n) };
}

function Dashboard({ counts, articles }: { counts: DashboardCounts; articles: ArticleListItem[] }) {
  const total = counts.products.draft + counts.products.active + counts.products.archived;
  return (
    <>
      <h1>Dashboard</h1>
      <div class="cards">
        <section class="card">
          <h2>Products</h2>
          <p class="big">{total}</p>
          <ul class="plain">
            <li>
              <a href="/admin/products?status=active">{counts.products.active} active</a>
            </li>
            <li>
              <a href="/admin/products?status=draft">{counts.products.draft} draft</a>
            </li>
            <li>
              <a href="/admin/products?status=archived">{counts.products.archived} archived</a>
            </li>
          </ul>
        </section>
        <section class="card">
          <h2>Reviews</h2>
          <p class="big">{counts.pendingReviews}</p>
          <p>
            <a href="/admin/reviews?status=pending">waiting for moderation</a>
          </p>
        </section>
        <section class="card wide">
          <h2>Latest news</h2>
          {articles.length === 0 ? (
            <p>
              No articles yet. <a href="/admin/news/new">Write one</a>.
            </p>
          ) : (
            <ul class="plain">
              {articles.map((a) => (
                <li>
                  <a href={`/admin/news/${a.id}`}>{a.title || `Article ${a.id}`}</a>{' '}
                  <span class={`badge ${a.status}`}>{a.status}</span> <small>{formatDate(a.published_at ?? a.updated_at)}</small>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

export function registerDashboard(app: App, ctx: AppContext): void {
  app.get(
    '/admin',
    adminPage(ctx, 'catalog:read', { querystring: Type.Object({ notice: Type.Optional(Type.String({ maxLength: 50 })) }) }),
    async (request, reply) => {
      const counts = await dashboardCounts(ctx);
      const { items } = await listArticlesForAdmin(ctx, { per_page: 5 });
      return renderAdminPage(ctx, request, reply, { title: 'Dashboard', active: 'dashboard', notice: noticeFrom(request.query) }, (
        <Dashboard counts={counts} articles={items} />
      ));
    },
  );
}
