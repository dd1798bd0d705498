import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { stringify } from 'csv-stringify/sync';
import { DomainError } from '../shared/errors.js';

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

/**
 * A figure as Dutch Excel reads a number: a decimal comma and no thousands separator ("1.234"
 * would be read as 1234 and "95.7" as text or a date).
 */
export function decimalComma(n: number): string {
  return String(n).replace('.', ',');
}

/**
 * Every CSV export goes through here, so no cell of any export can start a formula, and every
 * export opens the way Dutch Excel opens a file on a double click: UTF-8 recognised by its BOM,
 * the list separator of the nl-NL locale (`;`), Windows line ends and decimal commas. Figures
 * are ours and are never neutralised (a negative number is not a formula).
 */
export function toCsv(rows: unknown[][], columns: readonly string[]): string {
  return stringify(
    rows.map((row) => row.map((cell) => (typeof cell === 'number' ? decimalComma(cell) : neutraliseCell(cell)))),
    { header: true, columns: columns.map((c) => String(neutraliseCell(c))), bom: true, delimiter: ';', record_delimiter: 'windows' },
  );
}

export type CsvEncoding = 'utf-8' | 'windows-1252' | 'utf-16le';

/**
 * A file's bytes as text. Excel saves "CSV UTF-8" with a BOM, plain "CSV" in Windows-1252, and
 * LibreOffice UTF-8 without one: anything that decodes as valid UTF-8 is UTF-8, everything else
 * is Windows-1252 (where every byte is a character, so no U+FFFD can come out of a guess).
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  // Excel's "Unicode text"; a broken pair comes out as U+FFFD, which the import refuses.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // Not Node's TextDecoder: its "windows-1252" is Latin-1, which turns Excel's ’ – € into
    // control characters.
    return { text: iconv.decode(Buffer.from(body), 'windows-1252'), encoding: 'windows-1252' };
  }
}

export type CsvDelimiter = ';' | ',' | '\t';
const delimiters: readonly CsvDelimiter[] = [';', ',', '\t'];

export interface CsvTable {
  delimiter: CsvDelimiter;
  header: string[];
  /** Data rows with the line they start on (1 is the header); rows of only empty cells are left out. */
  rows: { line: number; cells: string[] }[];
}

/**
 * Reads a CSV whose separator is not known: Dutch Excel writes `;`, English Excel and most
 * tools `,`. The separator is the one under which the first line holds the most of
 * `knownHeaders` (then: the most columns), so a comma in a name never decides it. Excel's
 * "sep=;" first line is honoured. Cells come back trimmed, with `restoreCell` undone.
 */
export function readCsv(text: string, knownHeaders: ReadonlySet<string>): CsvTable {
  // One kind of line end, so a record's line number is the line it ends on whatever saved it.
  let body = (text.startsWith('\ufeff') ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  let delimiter: CsvDelimiter | undefined;
  const sep = /^sep=(.)\n/i.exec(body);
  if (sep && delimiters.includes(sep[1] as CsvDelimiter)) {
    delimiter = sep[1] as CsvDelimiter;
    body = body.slice(sep[0].length);
  }
  const firstLine = body.slice(0, body.search(/\n|$/));
  if (!delimiter) {
    const score = (d: CsvDelimiter) => {
      const cells = firstLine.split(d).map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
      return cells.filter((h) => knownHeaders.has(h)).length * 1000 + cells.length;
    };
    delimiter = [...delimiters].sort((a, b) => score(b) - score(a))[0]!;
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(body, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, info: true, cast: (value: string) => restoreCell(value) }) as unknown as typeof records;
  } catch (err) {
    throw new DomainError('csv_unreadable', `not readable as CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
  const [head, ...rest] = records;
  if (!head) throw new DomainError('csv_unreadable', 'the file is empty');
  const offset = sep ? 1 : 0;
  return {
    delimiter,
    header: head.record.map((h) => h.toLowerCase()),
    rows: rest.filter((r) => r.record.some((c) => c !== '')).map((r) => ({ line: r.info.lines + offset, cells: r.record })),
  };
}
