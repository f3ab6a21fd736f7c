/**
 * A seeded text-augmentation baseline for the minority class (Table 16.6.1c's "synthetic data"
 * row without a generator model): each new example is a real minority example with some words
 * dropped and some swapped for a synonym from a small shipped list (data/augment/synonyms.tsv).
 * The chapter's LLM-generated examples need a generator model, which is out of reach offline.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { fileURLToPath } from "node:url";
import { DataFileError } from "../data/table.ts";
import { Random } from "../random.ts";
import type { Dataset } from "../data/dataset.ts";

/** Word (lower case) → its replacements. */
export type Synonyms = ReadonlyMap<string, readonly string[]>;

/** Options of {@link augmentText}. */
export interface AugmentTextOptions {
  /** Probability of dropping each word (default 0.1); at least one word is always kept. */
  wordDropout?: number;
  /** Probability of replacing a word that has synonyms (default 0.3). */
  synonymSwap?: number;
  /** The synonym list (default: none, so only dropout). */
  synonyms?: Synonyms;
}

/** The shipped list's path. */
export const SYNONYMS_PATH: string = fileURLToPath(
  new URL("../../data/augment/synonyms.tsv", import.meta.url),
);

/**
 * Reads a synonym list: a header line, then `word<TAB>syn1,syn2,…` per line.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { loadSynonyms } from "./augment.ts";
 * const synonyms = await loadSynonyms();
 * assert(synonyms.get("free")!.includes("complimentary"));
 * ```
 */
export async function loadSynonyms(path: string = SYNONYMS_PATH): Promise<Synonyms> {
  const lines = (await Deno.readTextFile(path)).split("\n");
  const out = new Map<string, string[]>();
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === "") return;
    const [word, list] = line.split("\t");
    const syns = (list ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
    if (!word || syns.length === 0) {
      throw new DataFileError(
        path,
        i + 2,
        `expected "word<TAB>syn1,syn2", got ${JSON.stringify(line)}`,
      );
    }
    out.set(word.toLowerCase(), syns);
  });
  return out;
}

function checkProbability(name: string, p: number): void {
  if (!(typeof p === "number" && p >= 0 && p < 1)) {
    throw new ArgumentError(name, p, "is not a probability in [0, 1)", "use e.g. 0.1");
  }
}

/** Splits a whitespace token into leading punctuation, the word, trailing punctuation. */
const WORD = /^([^\p{L}\p{N}]*)([\p{L}\p{N}'’-]+)([^\p{L}\p{N}]*)$/u;

/**
 * One augmented copy of `text`: each word dropped with probability `wordDropout`, else
 * replaced with a random synonym with probability `synonymSwap` (when the list has the word).
 * Punctuation around a word stays; a capitalised word's replacement is capitalised.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Random } from "../random.ts";
 * import { augmentText } from "./augment.ts";
 * const synonyms = new Map([["free", ["complimentary"]]]);
 * const out = augmentText("Win a FREE prize!", new Random(0), { wordDropout: 0, synonymSwap: 0.99, synonyms });
 * assertEquals(out, "Win a Complimentary prize!");
 * ```
 */
export function augmentText(
  text: string,
  rng: Random,
  { wordDropout = 0.1, synonymSwap = 0.3, synonyms = new Map() }: AugmentTextOptions = {},
): string {
  checkProbability("wordDropout", wordDropout);
  checkProbability("synonymSwap", synonymSwap);
  if (typeof text !== "string") {
    throw new ArgumentError("text", text, "is not a string", "pass the text to augment");
  }
  const words = text.split(/\s+/).filter((w) => w !== "");
  if (words.length === 0) {
    throw new ArgumentError("text", text, "has no words", "give a text with at least one word");
  }
  const kept = words.filter(() => rng.random() >= wordDropout);
  const out = (kept.length > 0 ? kept : [words[rng.randInt(words.length)]]).map((token) => {
    const m = WORD.exec(token);
    const list = m ? synonyms.get(m[2].toLowerCase()) : undefined;
    if (!m || !list || rng.random() >= synonymSwap) return token;
    let swap = rng.choice(list);
    if (/^\p{Lu}/u.test(m[2])) swap = swap[0].toUpperCase() + swap.slice(1);
    return m[1] + swap + m[3];
  });
  return out.join(" ");
}

/** Options of {@link augmentMinority}. */
export interface AugmentMinorityOptions extends AugmentTextOptions {
  /** The class to augment. */
  minority: number;
  /** New examples per minority example (default 10). */
  copies?: number;
  /** Seed of the dropout and swap draws (default 42). */
  seed?: number;
}

/**
 * New minority examples: `copies` augmented copies ({@link augmentText}) of every example of
 * class `minority`, in order, with their label, as a dataset (`inputs`, `labels`). Only the new
 * rows are returned; add them to the training set. The same seed gives the same texts.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { augmentMinority, loadSynonyms } from "./augment.ts";
 * const synonyms = await loadSynonyms();
 * const extra = augmentMinority(["hi there", "WIN cash now"], [0, 1], { minority: 1, copies: 3, synonyms, seed: 1 });
 * assertEquals(extra.labels, [1, 1, 1]);
 * console.log(extra.inputs); // three variants of "WIN cash now"
 * ```
 */
export function augmentMinority(
  texts: readonly string[],
  labels: readonly number[],
  { minority, copies = 10, seed = 42, ...options }: AugmentMinorityOptions,
): Dataset<string, number> {
  if (texts.length !== labels.length) {
    throw new ArgumentError(
      "labels.length",
      labels.length,
      `texts has ${texts.length} entries but labels has ${labels.length}`,
      "give one label per text",
    );
  }
  if (!Number.isInteger(copies) || copies < 1) {
    throw new ArgumentError("copies", copies, "is not a positive integer", "use e.g. 2");
  }
  const rows = labels.flatMap((y, i) => (y === minority ? [i] : []));
  if (rows.length === 0) {
    throw new ArgumentError(
      "minority",
      minority,
      "labels has no example of that class",
      "pass a class that occurs in labels",
    );
  }
  const rng = new Random(seed);
  const out: string[] = [];
  for (const i of rows) {
    for (let c = 0; c < copies; c++) out.push(augmentText(texts[i], rng, options));
  }
  return { inputs: out, labels: out.map(() => minority) };
}
