/**
 * CoNLL reader: one token per line with whitespace-separated columns (CoNLL-2003:
 * `token POS chunk NER`), a blank line between sentences, `-DOCSTART-` lines between documents.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { DataFileError, splitLines } from "./table.ts";

/** One sentence of a CoNLL file. */
export interface ConllSentence {
  /** The words (column 0). */
  tokens: string[];
  /** The chosen tag column, one tag per token. */
  tags: string[];
  /** 1-based line of the first token. */
  line: number;
}

/** Options for {@linkcode parseConll} and {@linkcode readConll}. */
export interface ConllOptions {
  /**
   * Which column holds the tags: an index, negative counting from the end (default `-1`, the
   * last column: NER in CoNLL-2003; `1` is POS, `2` chunk).
   */
  tagColumn?: number;
  /** Name used in error messages (default `"<conll>"`; {@linkcode readConll} uses the path). */
  file?: string;
}

/**
 * Parses CoNLL text into sentences. Every token line must have the same number of columns (the
 * number most token lines have); a line that does not (or whose tag column is missing, the first
 * line included) is an error naming the file and line number.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { parseConll } from "./conll.ts";
 * const text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\n";
 * const s = parseConll(text);
 * assert(s.length === 2 && s[0].tags.join() === "B-ORG,O" && s[1].line === 6);
 * assert(parseConll(text, { tagColumn: 1 })[0].tags[1] === "VBZ");
 * ```
 */
export function parseConll(text: string, options: ConllOptions = {}): ConllSentence[] {
  const { tagColumn = -1, file = "<conll>" } = options;
  if (!Number.isInteger(tagColumn)) {
    throw new ArgumentError(
      "tagColumn",
      tagColumn,
      "is not an integer",
      "use e.g. -1 (the last column)",
    );
  }
  // Token lines first: the column count is the one most lines have (a tie: the larger), so a
  // line that lost its tag is named even when it is the first.
  const lines: { lineNo: number; fields: string[]; raw: string }[] = [];
  const counts = new Map<number, number>();
  splitLines(text).forEach((raw, k) => {
    const line = raw.trim();
    const fields = line === "" ? [] : line.split(/\s+/);
    lines.push({ lineNo: k + 1, fields, raw });
    if (fields.length && fields[0] !== "-DOCSTART-") {
      counts.set(fields.length, (counts.get(fields.length) ?? 0) + 1);
    }
  });
  let width = 0;
  for (const [w, n] of counts) {
    if (n > (counts.get(width) ?? 0) || (n === counts.get(width) && w > width)) width = w;
  }
  const index = tagColumn < 0 ? width + tagColumn : tagColumn;
  const sentences: ConllSentence[] = [];
  let current: ConllSentence | undefined;
  let checked = false;
  const flush = () => {
    if (current) sentences.push(current);
    current = undefined;
  };
  for (const { lineNo, fields, raw } of lines) {
    if (fields.length === 0 || fields[0] === "-DOCSTART-") {
      flush();
      continue;
    }
    if (!checked && (index < 1 || index >= width)) {
      throw new DataFileError(
        file,
        lineNo,
        `tagColumn ${tagColumn} is not a tag column of a line with ${width} columns`,
      );
    }
    checked = true;
    if (fields.length !== width) {
      throw new DataFileError(
        file,
        lineNo,
        `expected ${width} columns (as most token lines have), got ${fields.length}: ` +
          JSON.stringify(raw),
      );
    }
    current ??= { tokens: [], tags: [], line: lineNo };
    current.tokens.push(fields[0]);
    current.tags.push(fields[index]);
  }
  flush();
  return sentences;
}

/**
 * Reads a CoNLL file (UTF-8) into sentences; errors name the path and line.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { readConll } from "./conll.ts";
 * const path = await Deno.makeTempFile({ suffix: ".txt" });
 * await Deno.writeTextFile(path, "Paris B-LOC\nis O\n\nOK O\n");
 * assert((await readConll(path)).length === 2);
 * await Deno.remove(path);
 * ```
 */
export async function readConll(
  path: string,
  options: Omit<ConllOptions, "file"> = {},
): Promise<ConllSentence[]> {
  return parseConll(await Deno.readTextFile(path), { ...options, file: path });
}
