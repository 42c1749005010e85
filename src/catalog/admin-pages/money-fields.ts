// Prices in back-office forms are typed in major units ("3.20" USD, "95000" IDR) and stored in integer minor units.
// The conversion is done on the digits of the text, never through floating point, so "0.29" is 29 and not 28.
import { CURRENCIES } from '../../platform/config.ts';

const digitsOf = (currency: string) => (CURRENCIES as Record<string, number>)[currency] ?? 2;

/** 32000 USD-cents → "320.00"; 95000 IDR → "95000". */
export function formatMinor(amount: number, currency: string): string {
  const digits = digitsOf(currency);
  if (digits === 0) return String(amount);
  const text = String(Math.abs(amount)).padStart(digits + 1, '0');
  return `${amount < 0 ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * "320", "320.5", "320.50" or "1,234.50" (thousands commas allowed) → minor units; null when the text is not an amount
 * in this currency (letters, a minus sign, more decimals than the currency has).
 */
export function parseMajor(text: string, currency: string): number | null {
  const digits = digitsOf(currency);
  const clean = text.trim().replace(/[,\s_]/g, '');
  const match = /^(\d{1,15})(?:\.(\d*))?$/.exec(clean);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const value = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(value) ? value : null;
}
