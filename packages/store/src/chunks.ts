/**
 * Splits rows into batches small enough for one statement: SQLite and
 * PostgreSQL both cap the number of bound parameters per statement.
 */
export function chunks<T>(rows: readonly T[], size = 200): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
