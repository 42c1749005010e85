// The import's errors speak of "some products" and index every problem; for one product edited in the back office
// they become a plain list of { path, message } (the shape the admin forms map onto fields).
import { AppError } from '../../platform/http/errors.ts';
import { isUniqueViolation } from '../taxonomy/taxonomy-helpers.ts';

export interface FieldProblem { path: string; message: string }

export const invalid = (problems: FieldProblem[]) =>
  new AppError(400, 'validation_failed', summary(problems), problems);

function summary(problems: FieldProblem[]): string {
  const shown = problems.slice(0, 5).map((p) => `${p.path} ${p.message}`).join('; ');
  return problems.length > 5 ? `${shown}; and ${problems.length - 5} more` : shown;
}

/** Runs a write for one product, turning import errors and unique-constraint races into single-product errors. */
export async function asProductWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof AppError && (err.code === 'invalid_import' || err.code === 'import_conflict')) {
      const list = ((err.details as { problems?: Array<{ path: string; message: string }> } | undefined)?.problems ?? [])
        .map((p) => ({ path: p.path, message: p.message }));
      const problems = list.length ? list : [{ path: '/', message: err.message }];
      throw new AppError(err.status, err.status === 409 ? 'conflict' : 'validation_failed', summary(problems), problems);
    }
    // Two writers taking the same SKU or slug at once: the loser gets a 409 rather than a 500.
    if (isUniqueViolation(err)) throw new AppError(409, 'conflict', 'A SKU or slug was just taken by another change; reload and try again');
    throw err;
  }
}

