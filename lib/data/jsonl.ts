/**
 * JSON Lines reader: one JSON object per line.
 * @module
 */
import { DataFileError, splitLines } from "./table.ts";

/** The objects of a JSONL file with the 1-based line of each. */
export interface JsonlRows {
  /** Where the text came from; used in errors. */
  file: string;
  /** One object per non-blank line. */
  rows: Record<string, unknown>[];
  /** `lines[i]` is the line of `rows[i]`. */
  lines: number[];
}

/**
 * Parses JSON Lines text. A line that is not a JSON object is an error naming the file and
 * line; blank lines are skipped.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { parseJsonl } from "./jsonl.ts";
 * const { rows } = parseJsonl('{"text":"hi","intent":"greet"}\n{"text":"bye","intent":"exit"}\n');
 * assert(rows[1].intent === "exit");
 * ```
 */
export function parseJsonl(text: string, options: { file?: string } = {}): JsonlRows {
  const { file = "<jsonl>" } = options;
  const rows: Record<string, unknown>[] = [];
  const lines: number[] = [];
  splitLines(text).forEach((line, k) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new DataFileError(file, k + 1, `invalid JSON: ${(e as Error).message}`);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new DataFileError(file, k + 1, `expected a JSON object, got ${line.slice(0, 40)}`);
    }
    rows.push(value as Record<string, unknown>);
    lines.push(k + 1);
  });
  return { file, rows, lines };
}

/**
 * Reads a JSON Lines file (UTF-8); errors name the path and line.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { readJsonl } from "./jsonl.ts";
 * const path = await Deno.makeTempFile({ suffix: ".jsonl" });
 * await Deno.writeTextFile(path, '{"a":1}\n');
 * assert((await readJsonl(path)).rows[0].a === 1);
 * await Deno.remove(path);
 * ```
 */
export async function readJsonl(path: string): Promise<JsonlRows> {
  return parseJsonl(await Deno.readTextFile(path), { file: path });
}
