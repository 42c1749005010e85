// Previous / numbered / next page links for listings (the layout adds rel=prev/next to <head>).
import type { PageContext } from '../page-context.ts';

export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

export function Pagination({ current, pages, url, page }: { current: number; pages: number; url: (n: number) => string; page: PageContext }) {
  if (pages <= 1) return null;
  const { t } = page;
  const numbers = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label={t('pagination')}>
      <ul>
        {current > 1 ? <li><a href={url(current - 1)} rel="prev">{t('previous')}</a></li> : null}
        {numbers.map((n) => (
          <li>
            {n === current
              ? <span aria-current="page">{n}<span class="sr-only"> ({t('page_n', { n })})</span></span>
              : <a href={url(n)} aria-label={t('page_n', { n })}>{n}</a>}
          </li>
        ))}
        {current < pages ? <li><a href={url(current + 1)} rel="next">{t('next')}</a></li> : null}
      </ul>
    </nav>
  );
}
