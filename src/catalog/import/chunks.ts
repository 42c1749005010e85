// Multi-row statements sized to stay under both drivers' bound-parameter limits
// (SQLite: 32 766, PostgreSQL: 65 535), so statement counts grow with data volume, never per row.
const MAX_PARAMETERS = 30_000;

/** Slices of `rows` small enough that columns × rows bound parameters fit in one statement. */
export function chunked<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, columns)));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Number of columns of the widest row: what a multi-row VALUES list binds per row. */
export function columnsOf(rows: readonly object[]): number {
  let max = 1;
  for (const r of rows) max = Math.max(max, Object.keys(r).length);
  return max;
}
