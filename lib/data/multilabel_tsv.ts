/**
 * Multi-label TSV reader in the GoEmotions style: `text<TAB>comma-separated label ids[<TAB>id]`,
 * no header, no quoting.
 * @module
 */
import { DataFileError } from "./table.ts";
import { parseTsv } from "./tsv.ts";

/** One row of a multi-label TSV file. */
export interface MultiLabelRow {
  /** The text (column 0). */
  text: string;
  /** The label ids (column 1), in file order. */
  labels: number[];
  /** The example id (column 2), or `undefined` when the file has two columns. */
  id: string | undefined;
  /** 1-based line number. */
  line: number;
}

/**
 * Parses multi-label TSV text. A label field that is not a comma-separated list of non-negative
 * integers (or a ragged line) is an error naming the file and line.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { parseMultiLabelTsv } from "./multilabel_tsv.ts";
 * const rows = parseMultiLabelTsv("So glad!\t17,0\tid1\nMeh\t27\tid2\n");
 * assert(rows[0].labels.join() === "17,0" && rows[1].id === "id2");
 * ```
 */
export function parseMultiLabelTsv(text: string, options: { file?: string } = {}): MultiLabelRow[] {
  const table = parseTsv(text, { header: false, file: options.file ?? "<tsv>" });
  return table.rows.map((fields, k) => {
    const line = table.lines[k];
    if (fields.length < 2 || fields.length > 3) {
      throw new DataFileError(table.file, line, `expected 2 or 3 fields, got ${fields.length}`);
    }
    if (!/^\d+(,\d+)*$/.test(fields[1])) {
      throw new DataFileError(
        table.file,
        line,
        `labels must be comma-separated ids, got ${JSON.stringify(fields[1])}`,
      );
    }
    return { text: fields[0], labels: fields[1].split(",").map(Number), id: fields[2], line };
  });
}

/**
 * Reads a multi-label TSV file (UTF-8); errors name the path and line.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { readMultiLabelTsv } from "./multilabel_tsv.ts";
 * const path = await Deno.makeTempFile({ suffix: ".tsv" });
 * await Deno.writeTextFile(path, "Thanks\t15\n");
 * assert((await readMultiLabelTsv(path))[0].labels[0] === 15);
 * await Deno.remove(path);
 * ```
 */
export async function readMultiLabelTsv(path: string): Promise<MultiLabelRow[]> {
  return parseMultiLabelTsv(await Deno.readTextFile(path), { file: path });
}
