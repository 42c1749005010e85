// The news list and a news article (schema.org Article).
import { SUPPORTED_LOCALES, type Locale } from '../../platform/config.ts';
import { listPublishedArticles, type Article } from '../../content/index.ts';
import { Breadcrumbs, breadcrumbJsonLd, type Crumb } from '../components/breadcrumbs.tsx';
import { Layout } from '../components/layout.tsx';
import { pageCount, Pagination } from '../components/pagination.tsx';
import { formatDate } from '../format.ts';
import type { PageContext } from '../page-context.ts';
import { articlePath, localePath } from '../paths.ts';

const PER_PAGE = 12;

export async function newsListPage(page: PageContext, pageNumber: number) {
  const { app, locale, t } = page;
  const { items, total } = await listPublishedArticles(app, { locale, page: pageNumber, per_page: PER_PAGE });
  const pages = pageCount(total, PER_PAGE);
  const url = (n: number) => page.href('/news') + (n > 1 ? `?page=${n}` : '');
  const alternates = Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, localePath(l, app.config.defaultLocale, '/news') + (pageNumber > 1 ? `?page=${pageNumber}` : '')])) as Record<Locale, string>;
  const suffix = pageNumber > 1 ? ` – ${t('page_n', { n: pageNumber })}` : '';
  return (
    <Layout
      page={page}
      seo={{
        title: t('news') + suffix,
        description: t('news_description', { shop: app.config.shopName }) + suffix,
        alternates,
        prev: pageNumber > 1 && pageNumber <= pages ? url(pageNumber - 1) : undefined,
        next: pageNumber < pages ? url(pageNumber + 1) : undefined,
      }}
    >
      <h1>{t('news')}</h1>
      <ul class="news-list">
        {items.map((a) => (
          <li lang={a.locale !== locale ? a.locale : undefined}>
            <h2><a href={page.href(articlePath(a.slug))}>{a.title}</a></h2>
            <p class="meta"><time datetime={a.published_at}>{formatDate(a.published_at, locale)}</time> · {t('by_author', { author: a.author })}</p>
            <p>{a.excerpt}</p>
          </li>
        ))}
      </ul>
      <Pagination current={pageNumber} pages={pages} url={url} page={page} />
    </Layout>
  );
}

export function articlePage(page: PageContext, article: Article) {
  const { app, locale, t } = page;
  const base = app.config.baseUrl;
  const defaultLocale = app.config.defaultLocale;
  const path = page.href(articlePath(article.slug));
  const alternates = Object.fromEntries(
    SUPPORTED_LOCALES.map((l) => [l, localePath(l, defaultLocale, articlePath(article.slugs[l] ?? article.slugs[defaultLocale] ?? article.slug))]),
  ) as Record<Locale, string>;
  const crumbs: Crumb[] = [{ name: t('home'), path: page.href('/') }, { name: t('news'), path: page.href('/news') }, { name: article.title, path }];
  return (
    <Layout
      page={page}
      seo={{
        title: article.seo_title ?? article.title,
        description: article.seo_description ?? article.excerpt,
        alternates,
        ogType: 'article',
        jsonLd: [
          {
            '@context': 'https://schema.org',
            '@type': 'Article',
            headline: article.title.slice(0, 110),
            description: article.excerpt,
            datePublished: article.published_at,
            author: { '@type': 'Person', name: article.author },
            publisher: { '@type': 'Organization', name: app.config.shopName, logo: { '@type': 'ImageObject', url: base + '/favicon.svg' } },
            mainEntityOfPage: base + path,
            inLanguage: article.locale,
          },
          breadcrumbJsonLd(crumbs, base),
        ],
      }}
    >
      <Breadcrumbs crumbs={crumbs} page={page} />
      <article class="prose" lang={article.locale !== locale ? article.locale : undefined}>
        <h1>{article.title}</h1>
        <p class="meta"><time datetime={article.published_at}>{formatDate(article.published_at, locale)}</time> · {t('by_author', { author: article.author })}</p>
        {/* The body is the content module's sanitised HTML subset. */}
        <div dangerouslySetInnerHTML={{ __html: article.body }} />
      </article>
    </Layout>
  );
}
