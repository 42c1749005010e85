// A content page (about, privacy policy, terms, shipping & returns).
import { SUPPORTED_LOCALES, type Locale } from '../../platform/config.ts';
import type { ContentPage } from '../../content/index.ts';
import { Layout } from '../components/layout.tsx';
import { bodyToText } from '../../content/index.ts';
import type { PageContext } from '../page-context.ts';
import { contentPagePath, localePath } from '../paths.ts';

export function contentPage(page: PageContext, content: ContentPage) {
  const { app, locale } = page;
  const defaultLocale = app.config.defaultLocale;
  const alternates = Object.fromEntries(
    SUPPORTED_LOCALES.map((l) => [l, localePath(l, defaultLocale, contentPagePath(content.slugs[l] ?? content.slugs[defaultLocale] ?? content.slug))]),
  ) as Record<Locale, string>;
  const text = bodyToText(content.body);
  const description = content.seo_description ?? (text.length > 160 ? text.slice(0, 157).replace(/\s+\S*$/, '') + '…' : text);
  return (
    <Layout page={page} seo={{ title: content.seo_title ?? content.title, description: description || content.title, alternates }}>
      <article class="prose" lang={content.locale !== locale ? content.locale : undefined}>
        <h1>{content.title}</h1>
        {/* The body is the content module's sanitised HTML subset. */}
        <div dangerouslySetInnerHTML={{ __html: content.body }} />
      </article>
    </Layout>
  );
}
