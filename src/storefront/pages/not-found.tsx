// The helpful 404: what happened, a search box, and the most stocked categories.
import { SUPPORTED_LOCALES, type Locale } from '../../platform/config.ts';
import { getCategoryTree } from '../../catalog/index.ts';
import { Layout } from '../components/layout.tsx';
import type { PageContext } from '../page-context.ts';
import { categoryPath, localePath } from '../paths.ts';

export async function notFoundPage(page: PageContext) {
  const { app, t } = page;
  const tree = await getCategoryTree(app, page.locale, { counts: true });
  const popular = [...tree.byId.values()].filter((c) => c.product_count > 0).sort((a, b) => b.product_count - a.product_count).slice(0, 8);
  const alternates = Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, localePath(l, app.config.defaultLocale, '/')])) as Record<Locale, string>;
  return (
    <Layout page={page} seo={{ title: t('not_found_title'), description: t('not_found_text'), alternates, noindex: true, canonicalPath: page.href('/') }}>
      <h1>{t('not_found_title')}</h1>
      <p class="lead">{t('not_found_text')}</p>
      <form class="search search-large" role="search" method="get" action={page.href('/search')}>
        <label for="q404">{t('search_label')}</label>
        <input id="q404" type="search" name="q" maxLength={200} />
        <button type="submit">{t('search_button')}</button>
      </form>
      <h2>{t('popular_categories')}</h2>
      <ul class="chips-list">
        {popular.map((c) => <li><a href={page.href(categoryPath(c.slug))}>{c.name} ({c.product_count})</a></li>)}
      </ul>
    </Layout>
  );
}
