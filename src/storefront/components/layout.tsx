// The page frame every storefront page shares: <head> with the SEO tags, header (shop name, search, categories,
// language and currency switchers), main landmark, footer. No script, one small stylesheet.
import type { ComponentChildren } from 'preact';
import { SUPPORTED_LOCALES, type Locale } from '../../platform/config.ts';
import { LANGUAGE_NAMES } from '../i18n/index.ts';
import { jsonLdText } from '../json-ld.ts';
import { CsrfField } from './csrf-field.tsx';
import { HeaderPersonal } from './header-personal.tsx';
import type { PageContext } from '../page-context.ts';
import { categoryPath, contentPagePath, localePath } from '../paths.ts';

export const STYLESHEET_PATH = '/assets/store.css';

export interface SeoProps {
  title: string;
  description: string;
  /** Path of this page in each locale (without host); the current locale's is the canonical. */
  alternates: Partial<Record<Locale, string>>;
  /** Overrides the canonical path (e.g. a listing's page 2). */
  canonicalPath?: string;
  ogType?: 'website' | 'product' | 'article';
  /** Absolute image URL for Open Graph. */
  image?: string;
  jsonLd?: unknown[];
  noindex?: boolean;
  /** rel=prev/next for paginated listings (paths). */
  prev?: string;
  next?: string;
}

export function Layout({ page, seo, children }: { page: PageContext; seo: SeoProps; children: ComponentChildren }) {
  const { t, locale, app } = page;
  const base = app.config.baseUrl;
  const defaultLocale = app.config.defaultLocale;
  const canonicalPath = seo.canonicalPath ?? seo.alternates[locale] ?? page.href('/');
  const title = seo.title.includes(app.config.shopName) ? seo.title : `${seo.title} | ${app.config.shopName}`;
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={seo.description} />
        {seo.noindex ? <meta name="robots" content="noindex, follow" /> : null}
        <link rel="canonical" href={base + canonicalPath} />
        {SUPPORTED_LOCALES.filter((l) => seo.alternates[l]).map((l) => (
          <link rel="alternate" hreflang={l} href={base + seo.alternates[l]} />
        ))}
        {seo.alternates[defaultLocale] ? <link rel="alternate" hreflang="x-default" href={base + seo.alternates[defaultLocale]} /> : null}
        {seo.prev ? <link rel="prev" href={base + seo.prev} /> : null}
        {seo.next ? <link rel="next" href={base + seo.next} /> : null}
        <meta property="og:site_name" content={app.config.shopName} />
        <meta property="og:type" content={seo.ogType ?? 'website'} />
        <meta property="og:title" content={seo.title} />
        <meta property="og:description" content={seo.description} />
        <meta property="og:url" content={base + canonicalPath} />
        <meta property="og:locale" content={locale} />
        {seo.image ? <meta property="og:image" content={seo.image} /> : null}
        <meta name="twitter:card" content={seo.image ? 'summary_large_image' : 'summary'} />
        <link rel="stylesheet" href={STYLESHEET_PATH} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {(seo.jsonLd ?? []).map((data) => (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(data) }} />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">{t('skip')}</a>
        <header class="site-header">
          <div class="bar">
            <a class="logo" href={page.href('/')}>{app.config.shopName}</a>
            <form class="search" role="search" method="get" action={page.href('/search')}>
              <label class="sr-only" for="q">{t('search_label')}</label>
              <input id="q" type="search" name="q" placeholder={t('search_placeholder')} maxLength={200} />
              <button type="submit">{t('search_button')}</button>
            </form>
            <div class="switchers">
              <nav class="languages" data-testid="language-switcher" aria-label={t('language')}>
                <ul>
                  {SUPPORTED_LOCALES.map((l) => (
                    <li>
                      <a
                        href={seo.alternates[l] ?? localePath(l, defaultLocale, '/')}
                        hreflang={l}
                        lang={l}
                        aria-current={l === locale ? 'true' : undefined}
                        title={LANGUAGE_NAMES[l]}
                      >
                        {l.toUpperCase()}
                        <span class="sr-only"> {LANGUAGE_NAMES[l]}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
              <form class="currency" data-testid="currency-switcher" method="post" action="/currency">
                <label for="currency-code">{t('currency')}</label>
                <select id="currency-code" name="code">
                  {page.currencies.map((c) => (
                    <option value={c} selected={c === page.currency}>{c}</option>
                  ))}
                </select>
                <input type="hidden" name="return_to" value={page.currentUrl} />
                <CsrfField page={page} />
                <button type="submit">{t('change')}</button>
              </form>
              {page.template
                ? <span data-hole="personal" />
                : <HeaderPersonal locale={page.locale} defaultLocale={page.app.config.defaultLocale} cartCount={page.cartCount} signedIn={page.signedIn} />}
            </div>
          </div>
          <nav class="categories" aria-label={t('nav_label')}>
            <ul>
              {page.categories.map((c) => (
                <li><a href={page.href(categoryPath(c.slug))}>{c.name}</a></li>
              ))}
              <li><a href={page.href('/news')}>{t('news')}</a></li>
            </ul>
          </nav>
        </header>
        <main id="main" tabIndex={-1}>{children}</main>
        <footer class="site-footer">
          <nav aria-label={t('information')}>
            <ul>
              {page.pages.map((p) => (
                <li><a href={page.href(contentPagePath(p.slugs[locale] ?? p.slug))}>{p.title}</a></li>
              ))}
              <li><a href={page.href('/news')}>{t('news')}</a></li>
            </ul>
          </nav>
          <p>{t('footer_note')} © {app.config.shopName}</p>
        </footer>
      </body>
    </html>
  );
}
