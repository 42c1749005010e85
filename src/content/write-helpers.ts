// Shared by the article and page services: input checks, slugs unique per locale, constraint errors.
import type { TSchema, Static } from 'typebox';
import { Value } from 'typebox/value';
import { slugify } from '../catalog/index.ts';
import { AppError } from '../platform/http/errors.ts';

export interface FieldProblem {
  /** JSON pointer to the field, e.g. /translations/en/title. */
  path: string;
  message: string;
}

/** Checks `input` against `schema`; throws a 400 listing the problems (the forms show them beside the fields). */
export function validate<T extends TSchema>(schema: T, input: unknown): Static<T> {
  if (Value.Check(schema, input)) return input as Static<T>;
  const problems: FieldProblem[] = [];
  for (const e of Value.Errors(schema, input)) {
    if (e.keyword === 'boolean') continue; // the "schema is false" echo of additionalProperties
    const extra = (e.params as { additionalProperties?: string[] }).additionalProperties;
    problems.push({ path: e.instancePath || '/', message: extra ? `${e.message}: ${extra.join(', ')}` : e.message });
    if (problems.length >= 20) break;
  }
  throw new AppError(400, 'validation_failed', problems.map((p) => `${p.path} ${p.message}`).join('; '), problems);
}

export function requireDefaultLocale(translations: Record<string, unknown>, defaultLocale: string): void {
  if (!translations[defaultLocale]) {
    throw new AppError(400, 'validation_failed', `A translation in the default locale (${defaultLocale}) is required`, [
      { path: `/translations/${defaultLocale}`, message: `A translation in the default locale (${defaultLocale}) is required` },
    ]);
  }
}

/** A UTC ISO-8601 string as both databases store it, or null. */
export function isoOrNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return new Date(value).toISOString();
}

/**
 * The first free slug among base, base-2, base-3… `taken` returns the slugs already used in this locale that start
 * with `base` (one query).
 */
export async function freeSlug(base: string, taken: (prefix: string) => Promise<string[]>): Promise<string> {
  const used = new Set(await taken(base));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = base.slice(0, 200 - suffix.length) + suffix;
    if (!used.has(candidate)) return candidate;
  }
}

export const slugFromTitle = (title: string) => slugify(title, 120);

/** A unique or primary-key violation on either database. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function slugTaken(locale: string, slug: string): AppError {
  return new AppError(409, 'slug_taken', `The slug "${slug}" is already used in ${locale}`, [
    { path: `/translations/${locale}/slug`, message: 'This slug is already used' },
  ]);
}
