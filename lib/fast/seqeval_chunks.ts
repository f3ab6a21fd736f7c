/**
 * The packed chunker: the same entities as `../seqeval/chunks.ts`, several times faster on a
 * corpus. Tags are encoded once into integer codes `typeId << 3 | prefix`, the scheme's patterns
 * are compiled into lookup tables, and the chunkers loop over an `Int32Array` without
 * allocating per token. Used while the fast path is on (`switch.ts`); the rules themselves live
 * in `../seqeval/schemes.ts` and `../seqeval/chunks.ts`.
 * @module
 */
import type { Sequences } from "../seqeval/input.ts";
import {
  isStrict,
  type Mode,
  notInScheme,
  position,
  PREFIXES,
  readTag,
  resolveScheme,
  type Scheme,
  type SchemeRules,
} from "../seqeval/schemes.ts";

// A type-only import: ../seqeval/chunks.ts imports this module for its fast path.
import type { ChunkOptions, Entity, SpanPair, Spans } from "../seqeval/chunks.ts";

/** Prefix codes are the letters' places in `PREFIXES` ("IOBESUL"): `I` is 0, `O` 1, ... */
const [P_I, P_O, P_B, P_E, P_S] = [0, 1, 2, 3, 4];
const PREFIX_COUNT = PREFIXES.length;
/** A tag code is `typeId << CODE_SHIFT | prefix`: the prefix is `code & 7`, the type `code >> 3`. */
const CODE_SHIFT = 3;
/** Type id 0 is `"_"`, so `O` is code `0 << 3 | P_O`. */
const O_CODE = P_O;

/**
 * Reads tags into integer codes: `typeId << 3 | prefix`. One encoder serves `yTrue` and `yPred`
 * of a call, so both share type ids.
 *
 * @example
 * ```ts
 * import { TagEncoder } from "./seqeval_chunks.ts";
 * const enc = new TagEncoder(false, false);
 * const { codes, offsets } = enc.encode([["B-PER", "O"], ["I-LOC"]], "yTrue");
 * console.log(codes.length, [...offsets], enc.types); // 3 [0, 2, 3] ["_", "PER", "LOC"]
 * ```
 */
export class TagEncoder {
  /** Type names by id; id 0 is `"_"`, the type of bare tags and of `O`. */
  readonly types: string[] = ["_"];
  #typeIds = new Map<string, number>([["_", 0]]);
  #codes = new Map<string, number>([["O", O_CODE]]);
  #suffix: boolean;
  #strict: boolean;

  constructor(suffix: boolean, strict: boolean) {
    this.#suffix = suffix;
    this.#strict = strict;
  }

  /**
   * Codes of all tags, sentence after sentence; `offsets[k]` is where sentence k starts;
   * `prefixes` holds the prefix letters seen. `flat` names positions `name[j]` instead of
   * `name[k][j]` in errors.
   */
  encode(
    seqs: Sequences,
    name: string,
    flat = false,
  ): { codes: Int32Array; offsets: Int32Array; prefixes: string[] } {
    const offsets = new Int32Array(seqs.length + 1);
    for (let k = 0; k < seqs.length; k++) offsets[k + 1] = offsets[k] + seqs[k].length;
    const codes = new Int32Array(offsets[seqs.length]);
    const cache = this.#codes;
    let seen = 0;
    let at = 0;
    for (let k = 0; k < seqs.length; k++) {
      const sentence = seqs[k];
      for (let j = 0; j < sentence.length; j++) {
        const tag = sentence[j];
        let code = tag === "O" ? O_CODE : cache.get(tag);
        if (code === undefined) code = this.#add(tag, position(name, k, j, flat));
        seen |= 1 << (code & 7);
        codes[at++] = code;
      }
    }
    return { codes, offsets, prefixes: [...PREFIXES].filter((_, p) => seen & (1 << p)) };
  }

  #add(tag: unknown, where: string): number {
    const [prefix, type] = readTag(tag, where, this.#suffix, this.#strict);
    let id = this.#typeIds.get(type);
    if (id === undefined) {
      id = this.types.length;
      this.types.push(type);
      this.#typeIds.set(type, id);
    }
    const code = (id << CODE_SHIFT) | PREFIXES.indexOf(prefix);
    this.#codes.set(tag as string, code);
    return code;
  }
}

/**
 * A scheme's patterns as lookup tables indexed by
 * `(prevPrefix * PREFIX_COUNT + prefix) * 2 + same` (`same` is 1 when both types are equal).
 */
interface CompiledScheme {
  rules: SchemeRules;
  /** Bit `p` is set when prefix code `p` is allowed. */
  allowed: number;
  start: Uint8Array;
  inside: Uint8Array;
  end: Uint8Array;
}

function table(patterns: readonly string[]): Uint8Array {
  const t = new Uint8Array(PREFIX_COUNT * PREFIX_COUNT * 2);
  for (const pattern of patterns) {
    const [prev, cur, cond] = pattern.split(" ");
    for (const p of prev === "*" ? PREFIXES : prev) {
      for (const c of cur === "*" ? PREFIXES : cur) {
        const at = (PREFIXES.indexOf(p) * PREFIX_COUNT + PREFIXES.indexOf(c)) * 2;
        if (cond !== "same") t[at] = 1;
        if (cond !== "diff") t[at + 1] = 1;
      }
    }
  }
  return t;
}

const compiled = new Map<Scheme, CompiledScheme>();

/** The tables of a scheme, compiled once. */
function compile(rules: SchemeRules): CompiledScheme {
  let c = compiled.get(rules.name);
  if (c === undefined) {
    let allowed = 0;
    for (const letter of rules.allowed) allowed |= 1 << PREFIXES.indexOf(letter);
    c = {
      rules,
      allowed,
      start: table(rules.start),
      inside: table(rules.inside),
      end: table(rules.end),
    };
    compiled.set(rules.name, c);
  }
  return c;
}

/**
 * The lenient chunker on codes: `endOfChunk` / `startOfChunk` of `../seqeval/chunks.ts` as
 * comparisons of prefix codes.
 *
 * @example
 * ```ts
 * import { lenientSpans, TagEncoder } from "./seqeval_chunks.ts";
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
 * The strict chunker on codes: `strictEntities` of `../seqeval/chunks.ts` with table lookups.
 * Call {@linkcode checkAllowed} first.
 */
function strictSpans(codes: Int32Array, offsets: Int32Array, scheme: CompiledScheme): Spans {
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

/** Refuses the first tag whose prefix the scheme does not have, naming it and its position. */
function checkAllowed(
  seqs: Sequences,
  codes: Int32Array,
  offsets: Int32Array,
  scheme: CompiledScheme,
  name: string,
  flat = false,
): void {
  for (let i = 0; i < codes.length; i++) {
    if (scheme.allowed & (1 << (codes[i] & 7))) continue;
    let k = 0;
    while (offsets[k + 1] <= i) k++;
    const j = i - offsets[k];
    throw notInScheme(position(name, k, j, flat), seqs[k][j], PREFIXES[codes[i] & 7], scheme.rules);
  }
}

/** Encodes and chunks the sequences of one call with one shared encoder. */
function chunk(
  seqs: Sequences[],
  names: string[],
  options: ChunkOptions,
  flat = false,
): { types: string[]; spans: Spans[]; scheme?: Scheme } {
  const { suffix = false, mode = "default" as Mode, scheme } = options;
  const strict = isStrict(mode);
  const encoder = new TagEncoder(suffix === true, strict);
  const encoded = seqs.map((s, i) => encoder.encode(s, names[i], flat));
  if (!strict) {
    return { types: encoder.types, spans: encoded.map((e) => lenientSpans(e.codes, e.offsets)) };
  }
  const tables = compile(resolveScheme(scheme, encoded[0].prefixes, names[0]));
  encoded.forEach((e, i) => checkAllowed(seqs[i], e.codes, e.offsets, tables, names[i], flat));
  return {
    types: encoder.types,
    spans: encoded.map((e) => strictSpans(e.codes, e.offsets, tables)),
    scheme: tables.rules.name,
  };
}

/**
 * `spanPair` of `../seqeval/chunks.ts` by the packed chunker.
 *
 * @example
 * ```ts
 * import { packedSpanPair } from "./seqeval_chunks.ts";
 * const pair = packedSpanPair([["B-PER", "I-PER"]], [["B-PER", "O"]], {});
 * console.log(pair.types, pair.trueSpans, pair.predSpans); // ["_", "PER"] [1, 0, 1] [1, 0, 0]
 * ```
 */
export function packedSpanPair(
  yTrue: Sequences,
  yPred: Sequences,
  options: ChunkOptions,
): SpanPair {
  const { types, spans, scheme } = chunk([yTrue, yPred], ["yTrue", "yPred"], options);
  return { types, trueSpans: spans[0], predSpans: spans[1], scheme };
}

/**
 * `getEntities` of `../seqeval/chunks.ts` by the packed chunker, on sentences.
 *
 * @example
 * ```ts
 * import { packedEntities } from "./seqeval_chunks.ts";
 * console.log(packedEntities([["B-PER", "I-PER", "O", "B-LOC"]], {})); // [["PER", 0, 1], ["LOC", 3, 3]]
 * ```
 */
export function packedEntities(seqs: Sequences, options: ChunkOptions, flat = false): Entity[] {
  const { types, spans } = chunk([seqs], ["seq"], options, flat);
  const out: Entity[] = [];
  for (let i = 0; i < spans[0].length; i += 3) {
    out.push([types[spans[0][i]], spans[0][i + 1], spans[0][i + 2]]);
  }
  return out;
}
