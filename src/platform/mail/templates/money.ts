import { CURRENCIES, type CurrencyCode, type Locale } from '../../config.ts';

/** Minor units → "Rp 125.000" / "฿1,250.00" / "$12.50" in the customer's language. */
export function formatMoney(minor: number, currency: CurrencyCode, locale: Locale): string {
  const digits = CURRENCIES[currency] ?? 2;
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    minor / 10 ** digits,
  );
}

/** An ISO date → "Tue, 3 Dec" in the customer's language; dates are calendar days, so read them as UTC. */
export function formatDay(isoDate: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(isoDate));
}
