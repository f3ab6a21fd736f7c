/**
 * Tagging schemes: how a tag splits into prefix and entity type, and seqeval's strict-mode
 * rules (`seqeval/scheme.py`: one class per scheme, each a set of start / inside / end patterns
 * over the previous and the current token). The chunkers (`chunks.ts`, and the packed one of
 * `../fast/seqeval_chunks.ts`) read these rules; nothing else decides what a scheme allows.
 * @module
 */
import { ArgumentError } from "../errors.ts";

/** The tagging schemes of seqeval's strict mode. */
export type Scheme = "IOB1" | "IOB2" | "IOE1" | "IOE2" | "IOBES" | "BILOU";

/** All scheme names, in seqeval's order. */
export const SCHEMES: readonly Scheme[] = ["IOB1", "IOB2", "IOE1", "IOE2", "IOBES", "BILOU"];

/**
 * The prefix letters: Inside, Outside, Begin, End, Single (IOBES), Unit and Last (BILOU's names
 * for single and end).
 */
export const PREFIXES = "IOBESUL";

/** The prefixes the lenient (default, conlleval-style) mode reads. */
const DEFAULT_PREFIXES = "IOBES";

/** The type of a bare tag (`"B"`, `"O"`) is `"_"`, as in seqeval. */
export const NO_TYPE = "_";

/** A tag read: its prefix letter and its entity type (`["B", "PER"]` for `"B-PER"`). */
export type Tag = [prefix: string, type: string];

/**
 * Splits a tag into prefix and entity type, or returns why it is not a tag. The prefix is one of
 * `I O B E S U L`, either alone or joined to the type by `-` (`B-PER`, or `PER-B` with `suffix`);
 * `O` takes no type. Unlike seqeval, a tag without a delimiter (`"PER"`) is refused instead of
 * being read as prefix `P` and type `ER`.
 *
 * @example
 * ```ts
 * import { parseTag } from "./schemes.ts";
 * console.log(parseTag("B-ORG-X", false)); // ["B", "ORG-X"]
 * console.log(parseTag("LOC-B", true)); // ["B", "LOC"]
 * console.log(parseTag("PER", false)); // "no prefix"
 * ```
 */
export function parseTag(tag: string, suffix: boolean): Tag | string {
  const n = tag.length;
  if (n === 0) return "an empty tag";
  const prefix = suffix ? tag[n - 1] : tag[0];
  const known = PREFIXES.includes(prefix);
  if (n === 1) return known ? [prefix, NO_TYPE] : `no prefix (one of ${[...PREFIXES].join(", ")})`;
  const delimiter = suffix ? tag[n - 2] : tag[1];
  if (!known || delimiter !== "-") {
    return suffix ? "no suffix" : "no prefix";
  }
  if (prefix === "O") return "O takes no entity type";
  const type = suffix ? tag.slice(0, n - 2) : tag.slice(2);
  return [prefix, type === "" ? NO_TYPE : type];
}

/**
 * Reads one tag at `where` (e.g. `yPred[3][5]`), or throws naming it: a non-string, a string that
 * is no tag, or a BILOU prefix in the default mode.
 *
 * @example
 * ```ts
 * import { readTag } from "./schemes.ts";
 * console.log(readTag("I-LOC", "seq[0]", false, false)); // ["I", "LOC"]
 * ```
 */
export function readTag(tag: unknown, where: string, suffix: boolean, strict: boolean): Tag {
  if (typeof tag !== "string") {
    throw new ArgumentError(
      where,
      tag,
      `is a ${typeof tag}: tags must be strings`,
      'use tags such as "B-PER" or "O" (map label ids to tags first)',
    );
  }
  const parsed = parseTag(tag, suffix);
  if (typeof parsed === "string") {
    const form = suffix ? "TYPE-B, TYPE-I" : "B-TYPE, I-TYPE";
    throw new ArgumentError(where, tag, parsed, `tags look like ${form}, ... or O`);
  }
  if (!strict && !DEFAULT_PREFIXES.includes(parsed[0])) {
    throw new ArgumentError(
      where,
      tag,
      "the default (conlleval) mode reads the prefixes B, I, E, S and O",
      'for BILOU tags use { mode: "strict", scheme: "BILOU" }',
    );
  }
  return parsed;
}

/**
 * A pattern `"prev cur cond"` (seqeval's `(Prefix, Prefix, Tag)`): the previous token's prefix,
 * the current token's prefix (`*` = any) and whether their entity types must be the `same`,
 * `diff`erent, or `any`.
 */
export type Pattern = string;

/** What one scheme allows: its prefixes, and when a chunk starts, goes on and ends. */
export interface SchemeRules {
  name: Scheme;
  /** The prefix letters of the scheme. */
  allowed: string;
  /** `prev → cur` pairs where `cur` starts a chunk. */
  start: readonly Pattern[];
  /** `prev → cur` pairs where `cur` continues the chunk `prev` is in. */
  inside: readonly Pattern[];
  /** `last → next` pairs where the chunk that `last` closes is a valid chunk. */
  end: readonly Pattern[];
}

/** seqeval's pattern sets, scheme by scheme (`scheme.py`). */
const RULES: Record<Scheme, Omit<SchemeRules, "name">> = {
  IOB1: {
    allowed: "IOB",
    start: ["O I any", "I I diff", "B I any", "I B same", "B B same"],
    inside: ["B I same", "I I same"],
    end: ["I I diff", "I O any", "I B any", "B O any", "B I diff", "B B same"],
  },
  IOE1: {
    allowed: "IOE",
    start: ["O I any", "I I diff", "E I any", "E E same"],
    inside: ["I I same", "I E same"],
    end: ["I I diff", "I O any", "I E diff", "E I same", "E E same"],
  },
  IOB2: {
    allowed: "IOB",
    start: ["* B any"],
    inside: ["B I same", "I I same"],
    end: ["I O any", "I I diff", "I B any", "B O any", "B I diff", "B B any"],
  },
  IOE2: {
    allowed: "IOE",
    start: ["O I any", "O E any", "E I any", "E E any", "I I diff", "I E diff"],
    inside: ["I E same", "I I same"],
    end: ["E * any"],
  },
  IOBES: {
    allowed: "IOBES",
    start: ["* B any", "* S any"],
    inside: ["B I same", "B E same", "I I same", "I E same"],
    end: ["S * any", "E * any"],
  },
  BILOU: {
    allowed: "BILOU",
    start: ["* B any", "* U any"],
    inside: ["B I same", "B L same", "I I same", "I L same"],
    end: ["U * any", "L * any"],
  },
};

/**
 * The rules of a scheme; an unknown name is an error listing the known ones.
 *
 * @example
 * ```ts
 * import { schemeRules } from "./schemes.ts";
 * console.log(schemeRules("IOB2").start); // ["* B any"]
 * ```
 */
export function schemeRules(scheme: unknown): SchemeRules {
  if (!SCHEMES.includes(scheme as Scheme)) {
    throw new ArgumentError(
      "scheme",
      scheme,
      "is not a tagging scheme",
      `use one of ${SCHEMES.map((s) => `"${s}"`).join(", ")}`,
    );
  }
  return { name: scheme as Scheme, ...RULES[scheme as Scheme] };
}

/**
 * Whether the step `prev → cur` fits one of the patterns (seqeval's `Token.check_patterns`).
 *
 * @example
 * ```ts
 * import { matches, schemeRules } from "./schemes.ts";
 * const iob2 = schemeRules("IOB2");
 * console.log(matches(iob2.inside, ["B", "PER"], ["I", "PER"])); // true
 * console.log(matches(iob2.inside, ["B", "PER"], ["I", "LOC"])); // false
 * ```
 */
export function matches(patterns: readonly Pattern[], prev: Tag, cur: Tag): boolean {
  return patterns.some((pattern) => {
    const [prevPrefix, curPrefix, types] = pattern.split(" ");
    return (prevPrefix === "*" || prevPrefix === prev[0]) &&
      (curPrefix === "*" || curPrefix === cur[0]) &&
      (types === "any" || (types === "same") === (prev[1] === cur[1]));
  });
}

/**
 * Prefix letters for error messages, sorted: `"B, I, O"`.
 *
 * @example
 * ```ts
 * import { allowedLetters } from "./schemes.ts";
 * console.log(allowedLetters("BILOU")); // "B, I, L, O, U"
 * ```
 */
export function allowedLetters(letters: Iterable<string>): string {
  return [...new Set(letters)].sort().join(", ");
}

/**
 * The scheme seqeval's `auto_detect` picks for the prefixes seen in the gold tags, or
 * `undefined` when none fits: IOB2 for subsets of {I, O, B} that contain B, IOE2 for those of
 * {I, O, E} that contain E, IOBES and BILOU likewise. IOB1 and IOE1 are never detected.
 *
 * @example
 * ```ts
 * import { detectScheme } from "./schemes.ts";
 * console.log(detectScheme("OBI")); // "IOB2"
 * console.log(detectScheme("IO")); // undefined
 * ```
 */
export function detectScheme(prefixes: Iterable<string>): Scheme | undefined {
  const seen = [...new Set(prefixes)].sort().join("");
  const sets: [Scheme, string[]][] = [
    ["IOB2", ["IOB", "IB", "BO", "B"]],
    ["IOE2", ["IOE", "IE", "EO", "E"]],
    ["IOBES", ["IOBES", "IBES", "IOBE", "OBES", "IBE", "BES", "OBE", "BE", "S"]],
    ["BILOU", ["IOBLU", "IBLU", "IOBL", "OBLU", "IBL", "BLU", "OBL", "BL", "U"]],
  ];
  for (const [scheme, allowed] of sets) {
    if (allowed.some((letters) => [...letters].sort().join("") === seen)) return scheme;
  }
  return undefined;
}

/**
 * The scheme of a strict-mode call: the given one, or the one the gold tags' prefixes show.
 *
 * @example
 * ```ts
 * import { resolveScheme } from "./schemes.ts";
 * console.log(resolveScheme(undefined, "BES").name); // "IOBES"
 * console.log(resolveScheme("IOB1", "").name); // "IOB1"
 * ```
 */
export function resolveScheme(
  scheme: Scheme | undefined,
  truePrefixes: Iterable<string>,
  name = "yTrue",
): SchemeRules {
  if (scheme !== undefined) return schemeRules(scheme);
  const detected = detectScheme(truePrefixes);
  if (detected === undefined) {
    throw new ArgumentError(
      "scheme",
      scheme,
      `mode "strict" without a scheme detects one from the prefixes of ${name}, but ` +
        `{${allowedLetters(truePrefixes)}} fits none of IOB2, IOE2, IOBES, BILOU`,
      'pass scheme (e.g. "IOB1" or "IOE1", which are never detected)',
    );
  }
  return schemeRules(detected);
}

/**
 * The error for a tag whose prefix the scheme does not have, naming it and its position.
 *
 * @example
 * ```ts
 * import { notInScheme, schemeRules } from "./schemes.ts";
 * console.log(notInScheme("yPred[0][1]", "E-PER", "E", schemeRules("IOB2")).message);
 * // yPred[0][1] = "E-PER": prefix E is not in scheme IOB2 (its prefixes: B, I, O); fix the tag or pass the scheme the tags follow
 * ```
 */
export function notInScheme(
  where: string,
  tag: string,
  prefix: string,
  scheme: SchemeRules,
): ArgumentError {
  return new ArgumentError(
    where,
    tag,
    `prefix ${prefix} is not in scheme ${scheme.name} (its prefixes: ${
      allowedLetters(scheme.allowed)
    })`,
    "fix the tag or pass the scheme the tags follow",
  );
}

/** `"default"`: conlleval's lenient chunking; `"strict"`: the scheme's rules (seqeval `mode="strict"`). */
export type Mode = "default" | "strict";

/**
 * Whether `mode` is `"strict"`; anything but the two modes is an error.
 *
 * @example
 * ```ts
 * import { isStrict } from "./schemes.ts";
 * console.log(isStrict("default")); // false
 * ```
 */
export function isStrict(mode: unknown): boolean {
  if (mode !== "default" && mode !== "strict") {
    throw new ArgumentError("mode", mode, "is not a chunking mode", 'use "default" or "strict"');
  }
  return mode === "strict";
}

/**
 * A tag's position in messages: `yTrue[3][5]`, or `seq[5]` for a flat sequence.
 *
 * @example
 * ```ts
 * import { position } from "./schemes.ts";
 * console.log(position("yTrue", 3, 5, false), position("seq", 0, 5, true)); // yTrue[3][5] seq[5]
 * ```
 */
export function position(name: string, sentence: number, token: number, flat: boolean): string {
  return flat ? `${name}[${token}]` : `${name}[${sentence}][${token}]`;
}
