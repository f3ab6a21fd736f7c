/**
 * Tagging schemes: how a tag splits into prefix and entity type, and seqeval's strict-mode
 * rules (`seqeval/scheme.py`: one class per scheme, each a table of start / inside / end
 * patterns over the previous and current prefix). The tables here are data, so chunking
 * (`chunks.ts`) runs on small integer codes instead of per-token objects.
 * @module
 */

/** The tagging schemes of seqeval's strict mode. */
export type Scheme = "IOB1" | "IOB2" | "IOE1" | "IOE2" | "IOBES" | "BILOU";

/** All scheme names, in seqeval's order. */
export const SCHEMES: readonly Scheme[] = ["IOB1", "IOB2", "IOE1", "IOE2", "IOBES", "BILOU"];

/** Prefix letters, in code order (`I` is 0). */
export const PREFIX_LETTERS = "IOBESUL";
/** Prefix code of `I`: inside a chunk. */
export const P_I = 0;
/** Prefix code of `O`: outside any chunk. */
export const P_O = 1;
/** Prefix code of `B`: begins a chunk. */
export const P_B = 2;
/** Prefix code of `E`: ends a chunk. */
export const P_E = 3;
/** Prefix code of `S`: a single-token chunk (IOBES). */
export const P_S = 4;
/** Number of prefix codes (`I O B E S U L`). */
export const PREFIX_COUNT = 7;
/** A tag code is `typeId << CODE_SHIFT | prefix`: the prefix is `code & 7`, the type `code >> 3`. */
export const CODE_SHIFT = 3;

/** The type of a bare tag (`"B"`, `"O"`) is `"_"`, as in seqeval. */
export const NO_TYPE = "_";

/**
 * Splits a tag into prefix code and entity type, or returns why it is not a tag. The prefix is
 * one of `I O B E S U L`, either alone or joined to the type by `-` (`B-PER`, or `PER-B` with
 * `suffix`); `O` takes no type. Unlike seqeval, a tag without a delimiter (`"PER"`) is refused
 * instead of being read as prefix `P` and type `ER`.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { parseTag, P_B } from "./schemes.ts";
 * assert(JSON.stringify(parseTag("B-ORG-X", false)) === JSON.stringify([P_B, "ORG-X"]));
 * assert(JSON.stringify(parseTag("LOC-B", true)) === JSON.stringify([P_B, "LOC"]));
 * assert(typeof parseTag("PER", false) === "string");
 * ```
 */
export function parseTag(tag: string, suffix: boolean): [number, string] | string {
  const n = tag.length;
  if (n === 0) return "an empty tag";
  const letter = suffix ? tag[n - 1] : tag[0];
  const prefix = PREFIX_LETTERS.indexOf(letter);
  if (n === 1) {
    return prefix < 0
      ? `no prefix (one of ${PREFIX_LETTERS.split("").join(", ")})`
      : [prefix, NO_TYPE];
  }
  const delimiter = suffix ? tag[n - 2] : tag[1];
  if (prefix < 0 || delimiter !== "-") {
    return suffix
      ? "no suffix: tags look like TYPE-B, TYPE-I, ... or O"
      : "no prefix: tags look like B-TYPE, I-TYPE, ... or O";
  }
  if (prefix === P_O) return "O takes no entity type";
  const type = suffix ? tag.slice(0, n - 2) : tag.slice(2);
  return [prefix, type === "" ? NO_TYPE : type];
}

/** The prefixes allowed by the lenient (default, conlleval-style) mode: I O B E S. */
export const DEFAULT_ALLOWED = (1 << P_I) | (1 << P_O) | (1 << P_B) | (1 << P_E) | (1 << P_S);

/**
 * A pattern `"prev cur cond"`: previous prefix, current prefix (`*` = any prefix) and whether
 * the two entity types must be the `same`, `diff`erent, or `any`.
 */
type Pattern = string;

interface SchemeRules {
  allowed: string;
  start: readonly Pattern[];
  inside: readonly Pattern[];
  end: readonly Pattern[];
}

/** seqeval's pattern sets, scheme by scheme (`scheme.py`). */
const RULES: Record<Scheme, SchemeRules> = {
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
 * A scheme compiled to lookup tables indexed by `(prevPrefix * PREFIX_COUNT + prefix) * 2 + same`
 * (`same` is 1 when both tags have the same type).
 */
export interface CompiledScheme {
  name: Scheme;
  /** Bit `p` is set when prefix code `p` is allowed. */
  allowed: number;
  start: Uint8Array;
  inside: Uint8Array;
  end: Uint8Array;
}

function mask(letters: string): number {
  let m = 0;
  for (const c of letters) m |= 1 << PREFIX_LETTERS.indexOf(c);
  return m;
}

function table(patterns: readonly Pattern[]): Uint8Array {
  const t = new Uint8Array(PREFIX_COUNT * PREFIX_COUNT * 2);
  for (const pattern of patterns) {
    const [prev, cur, cond] = pattern.split(" ");
    for (const p of prev === "*" ? PREFIX_LETTERS : prev) {
      for (const c of cur === "*" ? PREFIX_LETTERS : cur) {
        const at = (PREFIX_LETTERS.indexOf(p) * PREFIX_COUNT + PREFIX_LETTERS.indexOf(c)) * 2;
        if (cond !== "same") t[at] = 1;
        if (cond !== "diff") t[at + 1] = 1;
      }
    }
  }
  return t;
}

const COMPILED = new Map<Scheme, CompiledScheme>(
  SCHEMES.map((name) => {
    const r = RULES[name];
    return [name, {
      name,
      allowed: mask(r.allowed),
      start: table(r.start),
      inside: table(r.inside),
      end: table(r.end),
    }];
  }),
);

/**
 * The compiled rules of a scheme; an unknown name is an error listing the known ones.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { compileScheme } from "./schemes.ts";
 * assert(compileScheme("IOBES").name === "IOBES");
 * ```
 */
export function compileScheme(scheme: unknown): CompiledScheme {
  const c = COMPILED.get(scheme as Scheme);
  if (!c) {
    throw new RangeError(
      `scheme is ${JSON.stringify(scheme)}: use one of ${SCHEMES.map((s) => `"${s}"`).join(", ")}`,
    );
  }
  return c;
}

/** The allowed prefixes of a scheme, for error messages: `"B, I, O"`. *
 * @example
 * ```ts
 * import { allowedLetters, compileScheme } from "./schemes.ts";
 * console.log(allowedLetters(compileScheme("BILOU").allowed)); // "B, I, L, O, U"
 * ```
 */
export function allowedLetters(allowed: number): string {
  return [...PREFIX_LETTERS].filter((_, p) => allowed & (1 << p)).sort().join(", ");
}

/**
 * The scheme seqeval's `auto_detect` picks for a set of prefixes (a bit mask of prefix codes),
 * or `undefined` when none fits: IOB2 for subsets of {I, O, B} that contain B, IOE2 for those of
 * {I, O, E} that contain E, IOBES and BILOU likewise. IOB1 and IOE1 are never detected.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { detectScheme, P_B, P_I, P_O } from "./schemes.ts";
 * assert(detectScheme((1 << P_B) | (1 << P_I) | (1 << P_O)) === "IOB2");
 * assert(detectScheme((1 << P_I) | (1 << P_O)) === undefined);
 * ```
 */
export function detectScheme(prefixes: number): Scheme | undefined {
  const sets: [Scheme, string[]][] = [
    ["IOB2", ["IOB", "IB", "BO", "B"]],
    ["IOE2", ["IOE", "IE", "EO", "E"]],
    ["IOBES", ["IOBES", "IBES", "IOBE", "OBES", "IBE", "BES", "OBE", "BE", "S"]],
    ["BILOU", ["IOBLU", "IBLU", "IOBL", "OBLU", "IBL", "BLU", "OBL", "BL", "U"]],
  ];
  for (const [scheme, allowed] of sets) {
    if (allowed.some((letters) => mask(letters) === prefixes)) return scheme;
  }
  return undefined;
}
