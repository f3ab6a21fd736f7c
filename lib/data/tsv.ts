/**
 * TSV reader in the GLUE / SICK style: one record per line, fields split on tabs, no quoting
 * (a `"` is ordinary text). Every line must have the same number of fields.
 * @module
 */
import { DataFileError, splitLines, type Table } from "./table.ts";

/** Options for {@linkcode parseTsv} and {@linkcode readTsv}. */
export interface TsvOptions {
  /** Whether the first line is a header (default `true`). */
  header?: boolean;
  /** Name used in error messages (default `"<tsv>"`; {@linkcode readTsv} uses the path). */
  file?: string;
}

/**
 * Parses TSV text into a {@linkcode Table}. A line with a different number of fields than the
 * header (or the first line) is an error naming the file and line; blank lines are skipped.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { parseTsv } from "./tsv.ts";
 * const t = parseTsv("label\tsentence\n1\ta \"quoted\" word\n");
 * assert(t.rows[0][1] === 'a "quoted" word' && t.lines[0] === 2);
 * ```
 */
export function parseTsv(text: string, options: TsvOptions = {}): Table {
  const { header = true, file = "<tsv>" } = options;
  const rows: string[][] = [];
  const lines: number[] = [];
  let columns: string[] | undefined;
  let width = -1;
  splitLines(text).forEach((line, k) => {
    if (line === "") return;
    const fields = line.split("\t");
    if (width < 0) {
      width = fields.length;
      if (header) {
        columns = fields;
        return;
      }
    } else if (fields.length !== width) {
      throw new DataFileError(
        file,
        k + 1,
        `expected ${width} tab-separated fields, got ${fields.length}`,
      );
    }
    rows.push(fields);
    lines.push(k + 1);
  });
  if (header && columns === undefined) {
    throw new DataFileError(file, 1, "empty file: expected a header line");
  }
  return { file, columns, rows, lines };
}

/**
 * Reads a TSV file (UTF-8) into a {@linkcode Table}; errors name the path and line.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { readTsv } from "./tsv.ts";
 * const path = await Deno.makeTempFile({ suffix: ".tsv" });
 * await Deno.writeTextFile(path, "0\tbad\n1\tgood\n");
 * assert((await readTsv(path, { header: false })).rows.length === 2);
 * await Deno.remove(path);
 * ```
 */
export async function readTsv(
  path: string,
  options: Omit<TsvOptions, "file"> = {},
): Promise<Table> {
  return parseTsv(await Deno.readTextFile(path), { ...options, file: path });
}
