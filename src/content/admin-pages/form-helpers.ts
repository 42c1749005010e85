// Turning back-office form posts into content inputs, and stored content back into form values.
import { SUPPORTED_LOCALES } from '../../platform/config.ts';
import { AppError } from '../../platform/http/errors.ts';
import { fieldErrorsFrom, formValue, type FieldErrors, type FormBody } from '../../admin/ui.tsx';

export type TranslationValues = Record<string, string>;
export type LocaleValues = Record<string, TranslationValues>;

/** Field values per locale: translations.<locale>.<field>. */
export function readTranslations(body: FormBody, fields: readonly string[]): LocaleValues {
  const out: LocaleValues = {};
  for (const locale of SUPPORTED_LOCALES) {
    const values: TranslationValues = {};
    for (const field of fields) values[field] = formValue(body, `translations.${locale}.${field}`);
    out[locale] = values;
  }
  return out;
}

export const isBlank = (values: TranslationValues | undefined) => !values || Object.values(values).every((v) => v.trim() === '');

/**
 * The translation object for the service: empty optional strings dropped (slug → generated), the rest kept so the
 * service's validation reports missing required fields beside them.
 */
export function toTranslationInput(values: TranslationValues, nullable: readonly string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [field, value] of Object.entries(values)) {
    const v = field === 'body' ? value : value.trim();
    if (v === '') {
      if (nullable.includes(field)) out[field] = null;
      else if (field === 'title' || field === 'body') out[field] = v;
      continue;
    }
    out[field] = v;
  }
  return out;
}

/** "2026-11-25T10:30" from a datetime-local input (taken as UTC) → ISO-8601; other text is passed on to fail validation. */
export function fromDateTimeLocal(value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v)) {
    const d = new Date(v + 'Z');
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  return v;
}

export const toDateTimeLocal = (iso: string | null | undefined) => (iso ? iso.slice(0, 16) : '');

/** The status and field errors a service error shows as; other errors are bugs and propagate. */
export function formErrorOf(err: unknown): { status: number; errors: FieldErrors } {
  if (err instanceof AppError && err.status >= 400 && err.status < 500 && err.status !== 401 && err.status !== 403) {
    return { status: err.status, errors: fieldErrorsFrom(err.details, err.message) };
  }
  throw err;
}
