// UI strings per locale and a tiny formatter: t('results', { n: 3 }) → "3 products".
import type { Locale } from '../../platform/config.ts';
import { en, type MessageKey, type Messages } from './en.ts';
import { es } from './es.ts';
import { fil } from './fil.ts';
import { id } from './id.ts';
import { th } from './th.ts';

export const MESSAGES: Record<Locale, Messages> = { en, id, th, fil, es };

/** The language's own name, for the language switcher. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', id: 'Bahasa Indonesia', th: 'ไทย', fil: 'Filipino', es: 'Español' };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const messages = MESSAGES[locale] ?? en;
  return (key, params) => {
    const text = messages[key] ?? en[key];
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}

export type { MessageKey, Messages };
