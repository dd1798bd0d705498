import { stringify } from 'csv-stringify/sync';

/**
 * A cell that a spreadsheet would run as a formula: =, +, -, @, or a tab or carriage return in
 * front (OWASP "CSV Injection"). Names come from people and from the identity provider, so an
 * export can never trust them.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell as text a spreadsheet shows and never evaluates: a leading apostrophe. */
export function neutraliseCell(value: unknown): unknown {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** Undoes `neutraliseCell` for a file that comes back in (an edited export). */
export function restoreCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** Every CSV export goes through here, so no cell of any export can start a formula. */
export function toCsv(rows: unknown[][], columns: readonly string[]): string {
  return stringify(
    rows.map((row) => row.map(neutraliseCell)),
    { header: true, columns: columns.map((c) => String(neutraliseCell(c))) },
  );
}
