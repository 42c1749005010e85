// Bulk statements stay under the bound-parameter limits of both drivers (SQLite 32766, PostgreSQL 65535).
const MAX_PARAMETERS = 30_000;

/**
 * Runs `run` over consecutive slices of `rows`, each small enough that `paramsPerRow × slice length` bound
 * parameters fit in one statement. The number of statements grows with the data volume, never per row.
 */
export async function inChunks<T>(rows: T[], paramsPerRow: number, run: (chunk: T[]) => Promise<unknown>): Promise<void> {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, paramsPerRow)));
  for (let i = 0; i < rows.length; i += size) await run(rows.slice(i, i + size));
}
