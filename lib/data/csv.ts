/**
 * CSV reader following RFC 4180: fields separated by a delimiter, records by LF or CRLF, fields
 * in double quotes may hold delimiters, newlines and doubled quotes (`""`).
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { DataFileError, type Table } from "./table.ts";

/** Options for {@linkcode parseCsv} and {@linkcode readCsv}. */
export interface CsvOptions {
  /** Field separator (default `","`). */
  delimiter?: string;
  /** Whether the first record is a header (default `true`). */
  header?: boolean;
  /** Name used in error messages (default `"<csv>"`; {@linkcode readCsv} uses the path). */
  file?: string;
}

/**
 * Parses CSV text into a {@linkcode Table}. A record with a different number of fields than the
 * first one, an unterminated quote, or text after a closing quote is an error naming the line.
 * A quote inside an unquoted field is kept as text (as Python's `csv` module does).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { parseCsv } from "./csv.ts";
 * const t = parseCsv('text,label\n"Hello, ""world""",1\n');
 * assert(t.rows[0][0] === 'Hello, "world"' && t.columns?.[1] === "label");
 * ```
 */
export function parseCsv(text: string, options: CsvOptions = {}): Table {
  const { delimiter = ",", header = true, file = "<csv>" } = options;
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new ArgumentError(
      "delimiter",
      delimiter,
      "is not one character other than a quote or newline",
      'use e.g. "," or ";"',
    );
  }
  const records: string[][] = [];
  const starts: number[] = [];
  const src = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let line = 1;
  let i = 0;
  const n = src.length;
  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    for (;;) {
      let value = "";
      if (src[i] === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= n) throw new DataFileError(file, quoteLine, "unterminated quoted field");
          const c = src[i];
          if (c === '"') {
            if (src[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === "\n") line++;
          value += c;
          i++;
        }
        if (i < n && src[i] !== delimiter && src[i] !== "\n" && src[i] !== "\r") {
          throw new DataFileError(
            file,
            line,
            `unexpected ${JSON.stringify(src[i])} after a closing quote`,
          );
        }
      } else {
        const start = i;
        while (i < n && src[i] !== delimiter && src[i] !== "\n" && src[i] !== "\r") i++;
        value = src.slice(start, i);
      }
      fields.push(value);
      if (i < n && src[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    if (src[i] === "\r") i++;
    if (src[i] === "\n") {
      i++;
      line++;
    }
    // A blank line is not a record (RFC 4180 has none; files often end with one).
    if (fields.length === 1 && fields[0] === "") continue;
    records.push(fields);
    starts.push(recordLine);
  }
  let columns: string[] | undefined;
  if (header) {
    if (records.length === 0) throw new DataFileError(file, 1, "empty file: expected a header row");
    columns = records.shift();
    starts.shift();
  }
  const width = columns?.length ?? records[0]?.length ?? 0;
  records.forEach((r, k) => {
    if (r.length !== width) {
      throw new DataFileError(file, starts[k], `expected ${width} fields, got ${r.length}`);
    }
  });
  return { file, columns, rows: records, lines: starts };
}

/**
 * Reads a CSV file (UTF-8) into a {@linkcode Table}; errors name the path and line.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { readCsv } from "./csv.ts";
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(path, "text,label\nfine,0\n");
 * assert((await readCsv(path)).rows.length === 1);
 * await Deno.remove(path);
 * ```
 */
export async function readCsv(
  path: string,
  options: Omit<CsvOptions, "file"> = {},
): Promise<Table> {
  return parseCsv(await Deno.readTextFile(path), { ...options, file: path });
}
