// Category and search listings: filter sidebar, sort form, product grid, pagination, empty state.
import type { FastifyReply } from 'fastify';
import { SUPPORTED_LOCALES, type Locale } from '../../platform/config.ts';
import { findCategoryBySlug, categoryTrail, getCategoryTree, type CategoryNode } from '../../catalog/index.ts';
import { searchProducts, type SearchResult, type SortKey } from '../../search/index.ts';
import { Breadcrumbs, breadcrumbJsonLd, type Crumb } from '../components/breadcrumbs.tsx';
import { Filters } from '../components/filters.tsx';
import { Layout, type SeoProps } from '../components/layout.tsx';
import { pageCount, Pagination } from '../components/pagination.tsx';
import { ProductGrid } from '../components/product-card.tsx';
import { listingPairs, withPairs, type ListingQuery } from '../listing-query.ts';
import type { PageContext } from '../page-context.ts';
import { categoryPath, localePath } from '../paths.ts';

export const PER_PAGE = 24;

const SORTS_WITHOUT_QUERY: SortKey[] = ['newest', 'bestselling', 'price_asc', 'price_desc', 'rating'];

function SortForm({ page, query, action, hasQuery }: { page: PageContext; query: ListingQuery; action: string; hasQuery: boolean }) {
  const { t } = page;
  const keep = listingPairs({ ...query, sort: undefined }, { withCategory: true });
  const sorts: SortKey[] = hasQuery ? ['relevance', ...SORTS_WITHOUT_QUERY] : SORTS_WITHOUT_QUERY;
  const current = query.sort ?? (hasQuery ? 'relevance' : 'newest');
  return (
    <form class="sort" method="get" action={action}>
      {keep.map(([k, v]) => <input type="hidden" name={k} value={v} />)}
      <label for="sort">{t('sort_by')}</label>
      <select id="sort" name="sort">
        {sorts.map((s) => <option value={s} selected={s === current}>{t(`sort_${s}`)}</option>)}
      </select>
      <button type="submit" data-testid="sort-apply">{t('sort_apply')}</button>
    </form>
  );
}

interface ListingView {
  page: PageContext;
  query: ListingQuery;
  result: SearchResult;
  heading: string;
  intro?: string | null;
  path: string;
  seo: Omit<SeoProps, 'prev' | 'next' | 'canonicalPath'>;
  crumbs?: Crumb[];
  subcategories?: CategoryNode[];
  isSearch: boolean;
}

function Listing({ page, query, result, heading, intro, path, seo, crumbs, subcategories, isSearch }: ListingView) {
  const { t } = page;
  const action = page.href(path);
  const pages = pageCount(result.total, PER_PAGE);
  const pairs = listingPairs(query, { withCategory: isSearch });
  const urlFor = (n: number) => withPairs(action, n > 1 ? [...pairs, ['page', String(n)]] : pairs);
  const canonicalPairs: Array<[string, string]> = isSearch && query.q ? [['q', query.q]] : [];
  if (query.page > 1) canonicalPairs.push(['page', String(query.page)]);
  return (
    <Layout
      page={page}
      seo={{
        ...seo,
        canonicalPath: withPairs(action, canonicalPairs),
        prev: query.page > 1 && query.page <= pages ? urlFor(query.page - 1) : undefined,
        next: query.page < pages ? urlFor(query.page + 1) : undefined,
      }}
    >
      {crumbs ? <Breadcrumbs crumbs={crumbs} page={page} /> : null}
      <h1>{heading}</h1>
      {intro ? <p class="lead">{intro}</p> : null}
      {subcategories && subcategories.length > 0 ? (
        <nav class="chips" aria-label={t('category')}>
          <ul>{subcategories.map((c) => <li><a href={page.href(categoryPath(c.slug))}>{c.name}</a></li>)}</ul>
        </nav>
      ) : null}
      <div class="listing">
        <Filters page={page} facets={result.facets} query={query} action={action} showCategories={isSearch} />
        <div class="results">
          <div class="results-head">
            <p class="count">{t('results', { n: result.total })}</p>
            <SortForm page={page} query={query} action={action} hasQuery={Boolean(query.q)} />
          </div>
          {result.items.length > 0 ? (
            <ProductGrid cards={result.items} page={page} headingLevel={2} />
          ) : (
            <div class="empty">
              <p><strong>{t('no_results')}</strong></p>
              <p>{t('no_results_hint')}</p>
            </div>
          )}
          <Pagination current={query.page} pages={pages} url={urlFor} page={page} />
        </div>
      </div>
    </Layout>
  );
}

/** null: no such category (the caller answers 404); { redirect }: the slug belongs to another locale. */
export async function categoryPage(page: PageContext, slug: string, query: ListingQuery): Promise<{ redirect: string } | { vnode: preact.VNode } | null> {
  const { app, locale, t } = page;
  const tree = await getCategoryTree(app, locale);
  const category = findCategoryBySlug(tree, slug, locale);
  if (!category) return null;
  if (category.slug !== slug) return { redirect: withPairs(page.href(categoryPath(category.slug)), listingPairs(query, { withCategory: false })) };

  const result = await searchProducts(app, {
    category: category.slug,
    brand: query.brand,
    attributes: query.attributes,
    min_price: query.min_price,
    max_price: query.max_price,
    min_rating: query.min_rating,
    in_stock: query.in_stock,
    featured: query.featured,
    sort: query.sort === 'relevance' ? undefined : query.sort,
    page: query.page,
    per_page: PER_PAGE,
    locale,
    currency: page.currency,
  });
  const trail = categoryTrail(tree, category.id);
  const crumbs: Crumb[] = [{ name: t('home'), path: page.href('/') }, ...trail.map((c) => ({ name: c.name, path: page.href(categoryPath(c.slug)) }))];
  const alternates = Object.fromEntries(
    SUPPORTED_LOCALES.map((l) => [l, localePath(l, app.config.defaultLocale, categoryPath(category.slugs[l] ?? category.slugs[app.config.defaultLocale] ?? category.slug))]),
  ) as Record<Locale, string>;
  const pageSuffix = query.page > 1 ? ` – ${t('page_n', { n: query.page })}` : '';
  return {
    vnode: (
      <Listing
        page={page}
        query={query}
        result={result}
        heading={category.name}
        intro={category.description}
        path={categoryPath(category.slug)}
        crumbs={crumbs}
        subcategories={category.children}
        isSearch={false}
        seo={{
          title: (category.seo_title ?? category.name) + pageSuffix,
          description: (category.seo_description ?? category.description ?? t('category_description', { name: category.name, shop: app.config.shopName, n: result.total })) + pageSuffix,
          alternates,
          jsonLd: [breadcrumbJsonLd(crumbs, app.config.baseUrl)],
        }}
      />
    ),
  };
}

export async function searchPage(page: PageContext, query: ListingQuery, reply: FastifyReply) {
  const { app, locale, t } = page;
  const result = await searchProducts(app, {
    q: query.q,
    category: query.category,
    brand: query.brand,
    attributes: query.attributes,
    min_price: query.min_price,
    max_price: query.max_price,
    min_rating: query.min_rating,
    in_stock: query.in_stock,
    featured: query.featured,
    sort: query.sort,
    page: query.page,
    per_page: PER_PAGE,
    locale,
    currency: page.currency,
  });
  void reply;
  const qs = listingPairs(query, { withCategory: true });
  const alternates = Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, withPairs(localePath(l, app.config.defaultLocale, '/search'), qs)])) as Record<Locale, string>;
  const heading = query.q ? t('search_title', { q: query.q }) : t('search_all');
  return (
    <Listing
      page={page}
      query={query}
      result={result}
      heading={heading}
      path="/search"
      isSearch
      seo={{
        title: heading + (query.page > 1 ? ` – ${t('page_n', { n: query.page })}` : ''),
        description: t('search_description', { shop: app.config.shopName }),
        alternates,
        // Result pages are for shoppers, not for the index: the sitemap lists the canonical pages.
        noindex: true,
      }}
    />
  );
}
