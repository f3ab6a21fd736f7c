/**
 * The shape every tabular reader returns, and the error every reader throws for a bad line.
 * @module
 */

/**
 * Rows of a delimited file as strings, with the 1-based line where each row starts, so that a
 * later check (an unknown label, an empty text) can name the file and line.
 */
export interface Table {
  /** Where the text came from (a path, or a name given by the caller); used in errors. */
  file: string;
  /** The header row, or `undefined` when the file has none. */
  columns: string[] | undefined;
  /** The data rows; every row has the same number of fields. */
  rows: string[][];
  /** `lines[i]` is the 1-based line on which `rows[i]` starts. */
  lines: number[];
}

/**
 * A problem at a place in a data file; the message starts with `file:line:`.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { DataFileError } from "./table.ts";
 * const e = new DataFileError("train.tsv", 3, "expected 2 fields, got 1");
 * assert(e.message === "train.tsv:3: expected 2 fields, got 1");
 * ```
 */
export class DataFileError extends Error {
  /** The file the problem is in. */
  readonly file: string;
  /** The 1-based line of the problem. */
  readonly line: number;

  /**
   * @param file the file (or name) the problem is in
   * @param line the 1-based line number
   * @param message what is wrong
   */
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = "DataFileError";
    this.file = file;
    this.line = line;
  }
}

/**
 * The values of one named column of a table with a header.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { column } from "./table.ts";
 * const t = { file: "x.csv", columns: ["text", "label"], rows: [["hi", "1"]], lines: [2] };
 * assert(column(t, "label")[0] === "1");
 * ```
 */
export function column(table: Table, name: string): string[] {
  const index = table.columns?.indexOf(name) ?? -1;
  if (index < 0) {
    // The header is line 1: the column is missing there.
    throw new DataFileError(
      table.file,
      1,
      `no column ${JSON.stringify(name)}; columns are ${JSON.stringify(table.columns ?? [])}`,
    );
  }
  return table.rows.map((row) => row[index]);
}

/**
 * Splits text into lines (LF or CRLF), dropping a byte-order mark and one final newline.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { splitLines } from "./table.ts";
 * assert(splitLines("a\r\nb\n").join("|") === "a|b");
 * ```
 */
export function splitLines(text: string): string[] {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const lines = body.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}
