// Storefront URLs: the default locale has no prefix, every other locale is /<locale>/...
import { SUPPORTED_LOCALES, type Locale } from '../platform/config.ts';

/** "/p/x" in `locale` → "/p/x" for the default locale, "/id/p/x" for id. `path` starts with "/". */
export function localePath(locale: Locale, defaultLocale: Locale, path: string): string {
  if (locale === defaultLocale) return path;
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

/** Locale prefixes to register routes under: '' for the default locale, '/id' etc. for the others. */
export function localePrefixes(defaultLocale: Locale): Array<{ locale: Locale; prefix: string }> {
  return SUPPORTED_LOCALES.map((locale) => ({ locale, prefix: locale === defaultLocale ? '' : `/${locale}` }));
}

export const productPath = (slug: string) => `/p/${encodeURIComponent(slug)}`;
export const categoryPath = (slug: string) => `/c/${encodeURIComponent(slug)}`;
export const articlePath = (slug: string) => `/news/${encodeURIComponent(slug)}`;
export const contentPagePath = (slug: string) => `/pages/${encodeURIComponent(slug)}`;

/** A query string from pairs, skipping empty values; '' when nothing is left. */
export function queryString(pairs: Array<[string, string | number | undefined | null]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of pairs) if (v !== undefined && v !== null && v !== '') params.append(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}
