// Money and dates for shoppers, formatted with Intl in the page's locale.
import { CURRENCIES, type Locale } from '../platform/config.ts';

/** Minor-unit digits Pasar stores for `currency` (IDR and VND: none). */
export function currencyDigits(currency: string): number {
  return (CURRENCIES as Record<string, number>)[currency] ?? 2;
}

/** 13200000 IDR → "Rp 132.000" in id; 799 USD → "$7.99" in en. */
export function formatPrice(amount: number, currency: string, locale: Locale): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(amount / 10 ** digits);
}

/** Minor units as the decimal string schema.org wants: 799 USD → "7.99", 132000 IDR → "132000". */
export function decimalPrice(amount: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (amount / 10 ** digits).toFixed(digits);
}

export function formatDate(iso: string, locale: Locale): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}
