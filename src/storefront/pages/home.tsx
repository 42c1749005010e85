// Home: new arrivals, featured, best sellers, latest news; schema.org Organization and WebSite (with search).
import { SUPPORTED_LOCALES, type Locale } from '../../platform/config.ts';
import { listPublishedArticles } from '../../content/index.ts';
import { searchProducts } from '../../search/index.ts';
import { ProductGrid } from '../components/product-card.tsx';
import { Layout } from '../components/layout.tsx';
import { formatDate } from '../format.ts';
import type { PageContext } from '../page-context.ts';
import { articlePath, categoryPath, localePath } from '../paths.ts';

const RAIL_SIZE = 8;

export async function homePage(page: PageContext) {
  const { app, locale, currency, t } = page;
  // The rails show no filters, so their facets are not counted.
  const base = { locale, currency, per_page: RAIL_SIZE, page: 1, facets: false } as const;
  const [newest, featured, bestsellers, news] = await Promise.all([
    searchProducts(app, { ...base, sort: 'newest' }),
    searchProducts(app, { ...base, sort: 'bestselling', featured: true }),
    searchProducts(app, { ...base, sort: 'bestselling' }),
    listPublishedArticles(app, { locale, per_page: 3 }),
  ]);
  const alternates = Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, localePath(l, app.config.defaultLocale, '/')])) as Record<Locale, string>;
  const shop = app.config.shopName;
  const home = app.config.baseUrl + page.href('/');
  const rails = [
    { id: 'new', title: t('new_arrivals'), cards: newest.items, more: page.href('/search?sort=newest') },
    { id: 'featured', title: t('featured'), cards: featured.items, more: page.href('/search?featured=true') },
    { id: 'best', title: t('best_sellers'), cards: bestsellers.items, more: page.href('/search?sort=bestselling') },
  ];
  return (
    <Layout
      page={page}
      seo={{
        title: shop,
        description: t('home_description', { shop }),
        alternates,
        jsonLd: [
          { '@context': 'https://schema.org', '@type': 'Organization', name: shop, url: app.config.baseUrl + '/', logo: app.config.baseUrl + '/favicon.svg' },
          {
            '@context': 'https://schema.org', '@type': 'WebSite', name: shop, url: home, inLanguage: locale,
            potentialAction: { '@type': 'SearchAction', target: `${app.config.baseUrl}${page.href('/search')}?q={search_term_string}`, 'query-input': 'required name=search_term_string' },
          },
        ],
      }}
    >
      <h1 class="hero">{shop}</h1>
      <p class="lead">{t('home_description', { shop })}</p>
      <nav class="chips" aria-label={t('nav_label')}>
        <ul>{page.categories.map((c) => <li><a href={page.href(categoryPath(c.slug))}>{c.name}</a></li>)}</ul>
      </nav>
      {rails.filter((r) => r.cards.length > 0).map((r) => (
        <section aria-labelledby={`rail-${r.id}`}>
          <div class="section-head">
            <h2 id={`rail-${r.id}`}>{r.title}</h2>
            <a href={r.more}>{t('see_all')}<span class="sr-only">: {r.title}</span></a>
          </div>
          <ProductGrid cards={r.cards} page={page} />
        </section>
      ))}
      {news.items.length > 0 ? (
        <section aria-labelledby="rail-news">
          <div class="section-head">
            <h2 id="rail-news">{t('latest_news')}</h2>
            <a href={page.href('/news')}>{t('see_all')}<span class="sr-only">: {t('news')}</span></a>
          </div>
          <ul class="news-list">
            {news.items.map((a) => (
              <li>
                <h3><a href={page.href(articlePath(a.slug))}>{a.title}</a></h3>
                <p class="meta"><time datetime={a.published_at}>{formatDate(a.published_at, locale)}</time></p>
                <p>{a.excerpt}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
