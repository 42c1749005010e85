// Star rating as text: visible stars are decorative, the accessible text says the figure.
import type { Translate } from '../i18n/index.ts';

export function Stars({ average, count, t }: { average: number; count?: number; t: Translate }) {
  const full = Math.round(average);
  return (
    <span class="rating">
      <span class="stars" aria-hidden="true">{'★'.repeat(full)}{'☆'.repeat(Math.max(0, 5 - full))}</span>
      <span class="sr-only">{t('rated', { avg: average.toFixed(1) })}</span>
      <span aria-hidden="true"> {average.toFixed(1)}</span>
      {count !== undefined ? <span> ({t('reviews_count', { n: count })})</span> : null}
    </span>
  );
}
