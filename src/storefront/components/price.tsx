// A price with its currency in data attributes (tests and scripts read them), optionally "from" and a compare-at.
import type { Locale } from '../../platform/config.ts';
import type { Translate } from '../i18n/index.ts';
import { formatPrice } from '../format.ts';

export interface PriceProps {
  amount: number;
  currency: string;
  locale: Locale;
  t: Translate;
  compareAt?: number | null;
  from?: boolean;
  large?: boolean;
}

export function Price({ amount, currency, locale, t, compareAt, from, large }: PriceProps) {
  const text = formatPrice(amount, currency, locale);
  return (
    <p class={large ? 'price price-large' : 'price'}>
      <span data-testid="price" data-currency={currency} data-amount={amount}>{from ? t('price_from', { price: text }) : text}</span>
      {compareAt && compareAt > amount ? <> <del class="was">{t('was', { price: formatPrice(compareAt, currency, locale) })}</del></> : null}
    </p>
  );
}
