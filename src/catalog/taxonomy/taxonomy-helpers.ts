// What the taxonomy services share: schema checks that list every problem by path, the default-locale rule, and
// slugs per locale that are unique in their table (an explicit slug that is taken is a 409; a missing one is made
// from the name, or kept when the entry already has one).
import type { Kysely, Transaction } from 'kysely';
import type { TSchema, Static } from 'typebox';
import { Value } from 'typebox/value';
import type { Database } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import { SlugAllocator, slugify } from '../import/index.ts';

export interface FieldProblem { path: string; message: string }

export const problemsError = (status: 400 | 409, problems: FieldProblem[]) =>
  new AppError(status, status === 400 ? 'validation_failed' : 'conflict', problems.slice(0, 5).map((p) => `${p.path} ${p.message}`).join('; '), problems);

/** Checks `input` against `schema`; 400 with `[{ path, message }]` details. */
export function validate<T extends TSchema>(schema: T, input: unknown): Static<T> {
  if (Value.Check(schema, input)) return input as Static<T>;
  const problems: FieldProblem[] = [];
  for (const e of Value.Errors(schema, input)) {
    if (e.keyword === 'boolean') continue; // the "schema is false" echo of additionalProperties
    problems.push({ path: e.instancePath || '/', message: e.message });
    if (problems.length >= 20) break;
  }
  throw problemsError(400, problems.length ? problems : [{ path: '/', message: 'invalid input' }]);
}

export function requireDefaultLocale(problems: FieldProblem[], path: string, values: Record<string, unknown>, defaultLocale: string): void {
  if (!values[defaultLocale]) problems.push({ path: `${path}/${defaultLocale}`, message: `the default locale (${defaultLocale}) is required` });
}

export function throwIf(problems: FieldProblem[], status: 400 | 409 = 400): void {
  if (problems.length) throw problemsError(status, problems);
}

type SlugTable = 'category_translations' | 'collection_translations';
type Db = Kysely<Database> | Transaction<Database>;

/**
 * The slug of each locale for one category or collection. `owner` is its id when it exists (its own slugs are
 * free to it). Explicit slugs used by another entry → 409.
 */
export async function slugsFor(
  db: Db,
  table: SlugTable,
  owner: number | null,
  translations: Record<string, { name: string; slug?: string }>,
): Promise<Record<string, string>> {
  const ownerColumn = table === 'category_translations' ? 'category_id' : 'collection_id';
  const current = new Map<string, string>();
  if (owner !== null) {
    const rows = await db.selectFrom(table).select(['locale', 'slug']).where(ownerColumn, '=', owner).execute();
    for (const r of rows) current.set(r.locale, r.slug);
  }
  const takenBy = async (locale: string, candidates: string[]) => {
    let q = db.selectFrom(table).select('slug').where('locale', '=', locale).where('slug', 'in', candidates);
    if (owner !== null) q = q.where(ownerColumn, '!=', owner);
    return new Set((await q.execute()).map((r) => r.slug));
  };
  const problems: FieldProblem[] = [];
  const out: Record<string, string> = {};
  const allocator = new SlugAllocator(takenBy);
  for (const [locale, t] of Object.entries(translations)) {
    const wanted = t.slug ?? current.get(locale);
    if (wanted) {
      if ((await allocator.reserveExact(locale, [wanted])).length) problems.push({ path: `/translations/${locale}/slug`, message: `slug "${wanted}" is already used` });
      out[locale] = wanted;
    } else {
      out[locale] = (await allocator.allocate(locale, [slugify(t.name)]))[0]!;
    }
  }
  throwIf(problems, 409);
  return out;
}

/** Ids of codes in a table with a `code` column; the unknown ones are reported at `path/<index>`. */
export function unknownCodes(wanted: readonly string[], known: Map<string, number>, path: string, what: string): FieldProblem[] {
  return wanted.flatMap((code, i) => (known.has(code) ? [] : [{ path: `${path}/${i}`, message: `unknown ${what} "${code}"` }]));
}

/** A unique or primary-key violation on either database (a race with another writer). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Runs a write; a unique-constraint race becomes a 409 instead of a 500. */
export async function guardUnique<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'conflict', `${what} was just taken by another change; reload and try again`);
    throw err;
  }
}
