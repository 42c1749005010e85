// Small helpers the shopper read models share: pick a translation with fallback, group rows, collect slugs.
import type { Locale } from '../../platform/config.ts';

/** The row in `locale`, else the one in `fallback`, else undefined. */
export function pickLocale<T extends { locale: string }>(rows: readonly T[], locale: string, fallback: string): T | undefined {
  return rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === fallback);
}

export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** locale → slug for every translation row. */
export function slugMap(rows: ReadonlyArray<{ locale: string; slug: string }>): Partial<Record<Locale, string>> {
  const out: Partial<Record<Locale, string>> = {};
  for (const r of rows) out[r.locale as Locale] = r.slug;
  return out;
}
