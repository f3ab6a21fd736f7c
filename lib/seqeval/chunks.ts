/**
 * Chunking: tags → entities `[type, start, end]`. Two readers, as in seqeval:
 *
 * - the default, lenient one (`sequence_labeling.py`'s `start_of_chunk` / `end_of_chunk`, the
 *   rules of conlleval.pl): any run of tags is read as some chunk, `I-PER` after `O` starts one;
 * - the strict one (`v1.py` + `scheme.py`): a chunk counts only when it starts, continues and
 *   ends as its scheme allows, and a tag the scheme does not have is an error.
 *
 * Tags are encoded once into integer codes (prefix and type id), so the chunkers loop over an
 * `Int32Array` without allocating per token.
 * @module
 */
import { describe, type Sequences } from "./input.ts";
import {
  allowedLetters,
  CODE_SHIFT,
  type CompiledScheme,
  compileScheme,
  DEFAULT_ALLOWED,
  detectScheme,
  NO_TYPE,
  P_B,
  P_E,
  P_I,
  P_O,
  P_S,
  parseTag,
  PREFIX_COUNT,
  PREFIX_LETTERS,
  type Scheme,
} from "./schemes.ts";

/** An entity as seqeval's `get_entities` returns it: type, first and last (inclusive) index. */
export type Entity = [type: string, start: number, end: number];

/** `"default"`: conlleval's lenient chunking; `"strict"`: the scheme's rules (seqeval `mode="strict"`). */
export type Mode = "default" | "strict";

/** How tags are read into entities. */
export interface ChunkOptions {
  /** Tags carry their prefix at the end (`PER-B`) instead of the start (default `false`). */
  suffix?: boolean;
  /** `"default"` (lenient, conlleval) or `"strict"` (default `"default"`). */
  mode?: Mode;
  /**
   * The tagging scheme of strict mode. Absent, it is detected from the gold tags (as seqeval's
   * `auto_detect`: IOB2, IOE2, IOBES or BILOU), in scores and report alike. Ignored in default mode.
   */
  scheme?: Scheme;
}

const O_CODE = P_O; // type id 0 is NO_TYPE, so "O" is code 0 << 3 | P_O

/**
 * Reads tags into integer codes: `typeId << 3 | prefix`. One encoder serves `yTrue` and `yPred`
 * of a call, so both share type ids.
 *
 * @example
 * ```ts
 * import { TagEncoder } from "./chunks.ts";
 * const enc = new TagEncoder(false, false);
 * const { codes, offsets } = enc.encode([["B-PER", "O"], ["I-LOC"]], "yTrue");
 * console.log(codes.length, [...offsets], enc.types); // 3 [0, 2, 3] ["_", "PER", "LOC"]
 * ```
 */
export class TagEncoder {
  /** Type names by id; id 0 is `"_"`, the type of bare tags and of `O`. */
  readonly types: string[] = [NO_TYPE];
  #typeIds = new Map<string, number>([[NO_TYPE, 0]]);
  #codes = new Map<string, number>([["O", O_CODE]]);
  #suffix: boolean;
  #strict: boolean;

  constructor(suffix: boolean, strict: boolean) {
    this.#suffix = suffix;
    this.#strict = strict;
  }

  /**
   * Codes of all tags, sentence after sentence; `offsets[k]` is where sentence k starts;
   * `prefixes` has bit `p` set when some tag has prefix code `p`. `flat` names positions
   * `name[j]` instead of `name[k][j]` in errors.
   */
  encode(
    seqs: Sequences,
    name: string,
    flat = false,
  ): { codes: Int32Array; offsets: Int32Array; prefixes: number } {
    const offsets = new Int32Array(seqs.length + 1);
    for (let k = 0; k < seqs.length; k++) offsets[k + 1] = offsets[k] + seqs[k].length;
    const codes = new Int32Array(offsets[seqs.length]);
    const cache = this.#codes;
    let prefixes = 0;
    let at = 0;
    for (let k = 0; k < seqs.length; k++) {
      const sentence = seqs[k];
      for (let j = 0; j < sentence.length; j++) {
        const tag = sentence[j];
        let code = tag === "O" ? O_CODE : cache.get(tag);
        if (code === undefined) code = this.#add(tag, position(name, k, j, flat));
        prefixes |= 1 << (code & 7);
        codes[at++] = code;
      }
    }
    return { codes, offsets, prefixes };
  }

  #add(tag: unknown, where: string): number {
    if (typeof tag !== "string") {
      throw new TypeError(
        `${where} is ${describe(tag)}: tags must be strings such as "B-PER" or "O"`,
      );
    }
    const parsed = parseTag(tag, this.#suffix);
    if (typeof parsed === "string") {
      throw new RangeError(`${where} is ${JSON.stringify(tag)}: ${parsed}`);
    }
    const [prefix, type] = parsed;
    if (!this.#strict && !(DEFAULT_ALLOWED & (1 << prefix))) {
      throw new RangeError(
        `${where} is ${JSON.stringify(tag)}: the default (conlleval) mode reads the prefixes ` +
          `B, I, E, S and O; for BILOU tags use { mode: "strict", scheme: "BILOU" }`,
      );
    }
    let id = this.#typeIds.get(type);
    if (id === undefined) {
      id = this.types.length;
      this.types.push(type);
      this.#typeIds.set(type, id);
    }
    const code = (id << CODE_SHIFT) | prefix;
    this.#codes.set(tag, code);
    return code;
  }
}

/**
 * Entities of encoded tags, flat `[typeId, start, end, ...]` (end inclusive), in seqeval's
 * coordinates: sentences joined with one `O` between them. Sorted by start; they never overlap.
 */
export type Spans = number[];

/**
 * The lenient chunker: seqeval's `get_entities` (conlleval's `endOfChunk` / `startOfChunk`,
 * with seqeval's additions for `E` and `S`).
 *
 * @example
 * ```ts
 * import { lenientSpans, TagEncoder } from "./chunks.ts";
 * const enc = new TagEncoder(false, false);
 * const { codes, offsets } = enc.encode([["I-PER", "I-PER", "O"]], "seq");
 * console.log(lenientSpans(codes, offsets)); // [1, 0, 1]: type id 1 (PER), tokens 0..1
 * ```
 */
export function lenientSpans(codes: Int32Array, offsets: Int32Array): Spans {
  const out: Spans = [];
  const sentences = offsets.length - 1;
  for (let k = 0; k < sentences; k++) {
    const from = offsets[k];
    const to = offsets[k + 1];
    let prevP = P_O;
    let prevT = 0;
    let begin = 0;
    for (let i = from; i <= to; i++) {
      const code = i < to ? codes[i] : O_CODE; // the O that ends every sentence
      const p = code & 7;
      if (p === P_O && prevP === P_O) continue;
      const t = code >> CODE_SHIFT;
      const typeChanged = prevT !== t;
      const end = prevP === P_E || prevP === P_S ||
        ((prevP === P_B || prevP === P_I) && (p === P_B || p === P_S || p === P_O)) ||
        (prevP !== P_O && typeChanged);
      if (end) out.push(prevT, begin, i + k - 1);
      const start = p === P_B || p === P_S ||
        ((p === P_E || p === P_I) && (prevP === P_E || prevP === P_S || prevP === P_O)) ||
        (p !== P_O && typeChanged);
      if (start) begin = i + k;
      prevP = p;
      prevT = t;
    }
  }
  return out;
}

/**
 * The strict chunker: seqeval's `Tokens.entities`. A chunk starts where the scheme's start
 * patterns say, extends while its inside patterns hold, and counts only if the tag after it
 * closes it by an end pattern. Call {@linkcode checkAllowed} first.
 *
 * @example
 * ```ts
 * import { checkAllowed, strictSpans, TagEncoder } from "./chunks.ts";
 * import { compileScheme } from "./schemes.ts";
 * const seqs = [["I-PER", "B-PER"]];
 * const enc = new TagEncoder(false, true);
 * const { codes, offsets } = enc.encode(seqs, "seq");
 * checkAllowed(seqs, codes, offsets, compileScheme("IOB2"), "seq");
 * console.log(strictSpans(codes, offsets, compileScheme("IOB2"))); // [1, 1, 1]
 * ```
 */
export function strictSpans(codes: Int32Array, offsets: Int32Array, scheme: CompiledScheme): Spans {
  const { start, inside, end } = scheme;
  const key = (prev: number, cur: number) =>
    ((prev & 7) * PREFIX_COUNT + (cur & 7)) * 2 +
    ((prev >> CODE_SHIFT) === (cur >> CODE_SHIFT) ? 1 : 0);
  const out: Spans = [];
  const sentences = offsets.length - 1;
  for (let k = 0; k < sentences; k++) {
    const from = offsets[k];
    const to = offsets[k + 1];
    const at = (i: number) => (i < to ? codes[i] : O_CODE); // an O closes the sentence
    let prev = O_CODE;
    let i = from;
    while (i <= to) {
      const cur = at(i);
      if (start[key(prev, cur)]) {
        let j = i + 1;
        let last = cur;
        // The closing O is never "inside", so this stops at j <= to.
        while (j <= to && inside[key(last, at(j))]) last = at(j++);
        if (end[key(at(j - 1), at(j))]) out.push(cur >> CODE_SHIFT, i + k, j - 1 + k);
        i = j;
      } else {
        i++;
      }
      prev = at(i - 1);
    }
  }
  return out;
}

/** Refuses the first tag whose prefix the scheme does not have, naming it and its position. *
 * @example
 * ```ts
 * import { checkAllowed, TagEncoder } from "./chunks.ts";
 * import { compileScheme } from "./schemes.ts";
 * const seqs = [["B-PER", "E-PER"]];
 * const { codes, offsets } = new TagEncoder(false, true).encode(seqs, "yPred");
 * try {
 *   checkAllowed(seqs, codes, offsets, compileScheme("IOB2"), "yPred");
 * } catch (e) {
 *   console.log((e as Error).message); // yPred[0][1] is "E-PER": prefix E is not in scheme IOB2 ...
 * }
 * ```
 */
export function checkAllowed(
  seqs: Sequences,
  codes: Int32Array,
  offsets: Int32Array,
  scheme: CompiledScheme,
  name: string,
  flat = false,
): void {
  const allowed = scheme.allowed;
  for (let i = 0; i < codes.length; i++) {
    if (allowed & (1 << (codes[i] & 7))) continue;
    let k = 0;
    while (offsets[k + 1] <= i) k++;
    throw new RangeError(
      `${position(name, k, i - offsets[k], flat)} is ${JSON.stringify(seqs[k][i - offsets[k]])}: ` +
        `prefix ${PREFIX_LETTERS[codes[i] & 7]} is not in scheme ${scheme.name} (its prefixes: ` +
        `${allowedLetters(allowed)})`,
    );
  }
}

/** `yTrue[3][5]`, or `seq[5]` for a flat sequence. */
function position(name: string, sentence: number, token: number, flat: boolean): string {
  return flat ? `${name}[${token}]` : `${name}[${sentence}][${token}]`;
}

/** The scheme of a strict-mode call: the given one, or the one `yTrue`'s prefixes show. *
 * @example
 * ```ts
 * import { resolveScheme } from "./chunks.ts";
 * import { P_B, P_E, P_S } from "./schemes.ts";
 * console.log(resolveScheme(undefined, (1 << P_B) | (1 << P_E) | (1 << P_S)).name); // "IOBES"
 * console.log(resolveScheme("IOB1", 0).name); // "IOB1"
 * ```
 */
export function resolveScheme(
  scheme: Scheme | undefined,
  truePrefixes: number,
  name = "yTrue",
): CompiledScheme {
  if (scheme !== undefined) return compileScheme(scheme);
  const detected = detectScheme(truePrefixes);
  if (detected === undefined) {
    throw new RangeError(
      `mode "strict" without a scheme detects one from the prefixes of ${name}, but ` +
        `{${allowedLetters(truePrefixes)}} fits none of IOB2, IOE2, IOBES, BILOU: pass scheme ` +
        `(e.g. "IOB1" or "IOE1", which are never detected)`,
    );
  }
  return compileScheme(detected);
}

/** Entities of `yTrue` and `yPred` of one call, with shared type ids. */
export interface SpanPair {
  /** Type names by id. */
  types: string[];
  trueSpans: Spans;
  predSpans: Spans;
  /** The scheme used (strict mode), or `undefined` (default mode). */
  scheme?: Scheme;
}

/** Chunks `yTrue` and `yPred` (already shape-checked) with the mode and scheme of `options`. *
 * @example
 * ```ts
 * import { spanPair } from "./chunks.ts";
 * const pair = spanPair([["B-PER", "I-PER"]], [["B-PER", "O"]], {});
 * console.log(pair.types, pair.trueSpans, pair.predSpans); // ["_", "PER"] [1, 0, 1] [1, 0, 0]
 * ```
 */
export function spanPair(yTrue: Sequences, yPred: Sequences, options: ChunkOptions): SpanPair {
  const { suffix = false, mode = "default", scheme } = options;
  const strict = checkMode(mode);
  const encoder = new TagEncoder(suffix === true, strict);
  const t = encoder.encode(yTrue, "yTrue");
  const p = encoder.encode(yPred, "yPred");
  if (!strict) {
    return {
      types: encoder.types,
      trueSpans: lenientSpans(t.codes, t.offsets),
      predSpans: lenientSpans(p.codes, p.offsets),
    };
  }
  const compiled = resolveScheme(scheme, t.prefixes);
  checkAllowed(yTrue, t.codes, t.offsets, compiled, "yTrue");
  checkAllowed(yPred, p.codes, p.offsets, compiled, "yPred");
  return {
    types: encoder.types,
    trueSpans: strictSpans(t.codes, t.offsets, compiled),
    predSpans: strictSpans(p.codes, p.offsets, compiled),
    scheme: compiled.name,
  };
}

function checkMode(mode: unknown): boolean {
  if (mode !== "default" && mode !== "strict") {
    throw new RangeError(`mode is ${JSON.stringify(mode)}: use "default" or "strict"`);
  }
  return mode === "strict";
}

/**
 * Entities of a tag sequence, as seqeval's `get_entities`: `[type, start, end]` with the end
 * inclusive. A list of sentences is read as seqeval does, joined with one `"O"` after each
 * sentence, so positions count those separators. With `mode: "strict"` the scheme's rules apply
 * (seqeval's `Tokens.entities`, whose exclusive end is turned inclusive here).
 *
 * Differences from seqeval: a tag that is not a tag (`"PER"` with no prefix, `"X-PER"`, BILOU's
 * `U-` / `L-` in default mode, a non-string) is an error naming its position, where seqeval
 * warns and reads `"PER"` as prefix `P`, type `ER`.
 *
 * @example
 * ```ts
 * import { getEntities } from "./chunks.ts";
 * console.log(getEntities(["B-PER", "I-PER", "O", "B-LOC"])); // [["PER", 0, 1], ["LOC", 3, 3]]
 * console.log(getEntities([["B-PER"], ["I-LOC", "I-LOC"]])); // [["PER", 0, 0], ["LOC", 2, 3]]
 * console.log(getEntities(["I-PER", "I-PER"], { mode: "strict", scheme: "IOB2" })); // []
 * ```
 */
export function getEntities(
  seq: readonly string[] | Sequences,
  options: ChunkOptions = {},
): Entity[] {
  if (!Array.isArray(seq)) {
    throw new TypeError(`seq must be an array of tags, got ${describe(seq)}`);
  }
  const nested = seq.some((s) => Array.isArray(s));
  if (nested) {
    const i = seq.findIndex((s) => !Array.isArray(s));
    if (i >= 0) {
      throw new TypeError(
        `seq mixes sentences and tags: seq[${i}] is ${
          describe(seq[i])
        }; pass an array of tags or an array of sentences`,
      );
    }
  }
  const seqs = (nested ? seq : [seq]) as Sequences;
  const { suffix = false, mode = "default", scheme } = options;
  const strict = checkMode(mode);
  const encoder = new TagEncoder(suffix === true, strict);
  const { codes, offsets, prefixes } = encoder.encode(seqs, "seq", !nested);
  let spans: Spans;
  if (strict) {
    const compiled = resolveScheme(scheme, prefixes, "seq");
    checkAllowed(seqs, codes, offsets, compiled, "seq", !nested);
    spans = strictSpans(codes, offsets, compiled);
  } else {
    spans = lenientSpans(codes, offsets);
  }
  const out: Entity[] = [];
  for (let i = 0; i < spans.length; i += 3) {
    out.push([encoder.types[spans[i]], spans[i + 1], spans[i + 2]]);
  }
  return out;
}
