// sitemap.xml (an index) and its parts: pages.xml (home, news, categories, articles, content pages) and
// products-N.xml, every URL in every locale with its hreflang alternates. robots.txt points here.
import { SUPPORTED_LOCALES, type Locale } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import { countActiveProducts, getCategoryTree, listActiveProductSlugs } from '../catalog/index.ts';
import { listPages, listPublishedArticles } from '../content/index.ts';
import { articlePath, categoryPath, contentPagePath, localePath, productPath } from './paths.ts';

/** 9 000 products × 5 locales = 45 000 URLs: under the protocol's 50 000 per file. */
export const PRODUCTS_PER_SITEMAP = 9000;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** One entry: the same resource's path per locale (missing locales fall back to the default locale's path). */
interface Entry { paths: Partial<Record<Locale, string>>; lastmod?: string }

function urlset(app: AppContext, entries: Entry[]): string {
  const base = app.config.baseUrl;
  const def = app.config.defaultLocale;
  const out: string[] = [XML_HEAD, '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'];
  for (const e of entries) {
    const links = SUPPORTED_LOCALES.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${xmlEscape(base + (e.paths[l] ?? e.paths[def]!))}"/>`)
      .concat(`<xhtml:link rel="alternate" hreflang="x-default" href="${xmlEscape(base + e.paths[def]!)}"/>`)
      .join('');
    const lastmod = e.lastmod ? `<lastmod>${xmlEscape(e.lastmod.slice(0, 10))}</lastmod>` : '';
    for (const l of SUPPORTED_LOCALES) out.push(`<url><loc>${xmlEscape(base + (e.paths[l] ?? e.paths[def]!))}</loc>${lastmod}${links}</url>\n`);
  }
  out.push('</urlset>\n');
  return out.join('');
}

/** The path of a slugged resource in every locale, falling back to the default locale's slug. */
function perLocale(app: AppContext, slugs: Partial<Record<Locale, string>>, toPath: (slug: string) => string, fallbackSlug?: string): Partial<Record<Locale, string>> {
  const def = app.config.defaultLocale;
  const out: Partial<Record<Locale, string>> = {};
  for (const l of SUPPORTED_LOCALES) {
    const slug = slugs[l] ?? slugs[def] ?? fallbackSlug ?? Object.values(slugs)[0];
    if (slug) out[l] = localePath(l, def, toPath(slug));
  }
  return out;
}

const fixed = (app: AppContext, path: string): Partial<Record<Locale, string>> =>
  Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, localePath(l, app.config.defaultLocale, path)]));

export async function sitemapIndex(app: AppContext): Promise<string> {
  const products = await countActiveProducts(app);
  const files = ['/sitemaps/pages.xml'];
  for (let n = 1; n <= Math.max(1, Math.ceil(products / PRODUCTS_PER_SITEMAP)); n++) files.push(`/sitemaps/products-${n}.xml`);
  return XML_HEAD + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    files.map((f) => `<sitemap><loc>${xmlEscape(app.config.baseUrl + f)}</loc></sitemap>\n`).join('') + '</sitemapindex>\n';
}

export async function pagesSitemap(app: AppContext): Promise<string> {
  const [tree, pages, articles] = await Promise.all([getCategoryTree(app, app.config.defaultLocale), listPages(app, app.config.defaultLocale), allArticleSlugs(app)]);
  const entries: Entry[] = [{ paths: fixed(app, '/') }, { paths: fixed(app, '/news') }];
  for (const c of tree.byId.values()) entries.push({ paths: perLocale(app, c.slugs, categoryPath, c.slug) });
  for (const a of articles.values()) entries.push({ paths: perLocale(app, a.slugs, articlePath), lastmod: a.published_at });
  for (const p of pages) entries.push({ paths: perLocale(app, p.slugs, contentPagePath, p.slug) });
  return urlset(app, entries);
}

/** null when `n` is past the last file. */
export async function productsSitemap(app: AppContext, n: number): Promise<string | null> {
  const products = await listActiveProductSlugs(app, { offset: (n - 1) * PRODUCTS_PER_SITEMAP, limit: PRODUCTS_PER_SITEMAP });
  if (products.length === 0 && n > 1) return null;
  return urlset(app, products.filter((p) => Object.keys(p.slugs).length > 0).map((p) => ({ paths: perLocale(app, p.slugs, productPath), lastmod: p.updated_at })));
}

/** Published articles with their slug per locale: the list read once per locale (each in pages of 100). */
async function allArticleSlugs(app: AppContext): Promise<Map<number, { slugs: Partial<Record<Locale, string>>; published_at: string }>> {
  const out = new Map<number, { slugs: Partial<Record<Locale, string>>; published_at: string }>();
  for (const locale of SUPPORTED_LOCALES) {
    for (let page = 1; ; page++) {
      const { items, total } = await listPublishedArticles(app, { locale, page, per_page: 100 });
      for (const a of items) {
        const entry = out.get(a.id) ?? { slugs: {}, published_at: a.published_at };
        // A fallback translation (a.locale ≠ locale) is the default locale's slug: perLocale adds it anyway.
        if (a.locale === locale) entry.slugs[locale] = a.slug;
        else entry.slugs[a.locale as Locale] = a.slug;
        out.set(a.id, entry);
      }
      if (page * 100 >= total || items.length === 0) break;
    }
  }
  return out;
}

export function robotsTxt(app: AppContext): string {
  return ['User-agent: *', 'Allow: /', 'Disallow: /admin', 'Disallow: /api/admin', 'Disallow: /currency', '', `Sitemap: ${app.config.baseUrl}/sitemap.xml`, ''].join('\n');
}
