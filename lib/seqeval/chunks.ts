/**
 * Chunking: tags → entities `[type, start, end]`, written as seqeval's rules. Two readers:
 *
 * - the default, lenient one (`sequence_labeling.py`'s {@linkcode endOfChunk} /
 *   {@linkcode startOfChunk}, the rules of conlleval.pl): any run of tags is read as some chunk,
 *   `I-PER` after `O` starts one;
 * - the strict one (`v1.py` + `scheme.py`): a chunk counts only when it starts, continues and
 *   ends as its scheme allows (`schemes.ts`), and a tag the scheme does not have is an error.
 *
 * This is the reference. While the fast path is on (the default, `../fast/switch.ts`), the
 * public functions run the packed chunker of `../fast/seqeval_chunks.ts`, which gives the same
 * entities (tests/seqeval_chunks_test.ts checks both on CoNLL-2003 and every scheme).
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { packedEntities, packedSpanPair } from "../fast/seqeval_chunks.ts";
import { fastPathOn } from "../fast/switch.ts";
import type { Sequences } from "./input.ts";
import {
  isStrict,
  matches,
  type Mode,
  NO_TYPE,
  notInScheme,
  position,
  readTag,
  resolveScheme,
  type Scheme,
  type SchemeRules,
  type Tag,
} from "./schemes.ts";

export type { Mode } from "./schemes.ts";

/** An entity as seqeval's `get_entities` returns it: type, first and last (inclusive) index. */
export type Entity = [type: string, start: number, end: number];

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

/**
 * Whether a chunk ended between the previous tag and this one (seqeval's `end_of_chunk`, from
 * conlleval's `endOfChunk`). `prevTag` and `tag` are prefixes (`B`, `I`, `E`, `S`, `O`).
 *
 * @example
 * ```ts
 * import { endOfChunk } from "./chunks.ts";
 * console.log(endOfChunk("B", "O", "PER", "_")); // true
 * console.log(endOfChunk("B", "I", "PER", "PER")); // false
 * ```
 */
export function endOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  let chunkEnd = false;
  if (prevTag === "E") chunkEnd = true;
  if (prevTag === "S") chunkEnd = true;
  if (prevTag === "B" && tag === "B") chunkEnd = true;
  if (prevTag === "B" && tag === "S") chunkEnd = true;
  if (prevTag === "B" && tag === "O") chunkEnd = true;
  if (prevTag === "I" && tag === "B") chunkEnd = true;
  if (prevTag === "I" && tag === "S") chunkEnd = true;
  if (prevTag === "I" && tag === "O") chunkEnd = true;
  if (prevTag !== "O" && prevType !== type) chunkEnd = true;
  return chunkEnd;
}

/**
 * Whether a chunk starts at this tag (seqeval's `start_of_chunk`, from conlleval's
 * `startOfChunk`): at every `B` and `S`, at an `I` or `E` that follows no chunk, at a new type.
 *
 * @example
 * ```ts
 * import { startOfChunk } from "./chunks.ts";
 * console.log(startOfChunk("O", "I", "_", "PER")); // true: I- after O starts a chunk leniently
 * console.log(startOfChunk("B", "I", "PER", "PER")); // false
 * ```
 */
export function startOfChunk(
  prevTag: string,
  tag: string,
  prevType: string,
  type: string,
): boolean {
  let chunkStart = false;
  if (tag === "B") chunkStart = true;
  if (tag === "S") chunkStart = true;
  if (prevTag === "E" && tag === "E") chunkStart = true;
  if (prevTag === "E" && tag === "I") chunkStart = true;
  if (prevTag === "S" && tag === "E") chunkStart = true;
  if (prevTag === "S" && tag === "I") chunkStart = true;
  if (prevTag === "O" && tag === "E") chunkStart = true;
  if (prevTag === "O" && tag === "I") chunkStart = true;
  if (tag !== "O" && prevType !== type) chunkStart = true;
  return chunkStart;
}

/** The `O` seqeval puts after every sentence. */
const OUTSIDE: Tag = ["O", NO_TYPE];

/**
 * The lenient reading of tags that end with an `O` (seqeval's `get_entities`).
 *
 * @example
 * ```ts
 * import { lenientEntities } from "./chunks.ts";
 * console.log(lenientEntities([["I", "PER"], ["I", "PER"], ["O", "_"]])); // [["PER", 0, 1]]
 * ```
 */
export function lenientEntities(tags: readonly Tag[]): Entity[] {
  const chunks: Entity[] = [];
  let [prevTag, prevType] = OUTSIDE;
  let begin = 0;
  tags.forEach(([tag, type], i) => {
    if (endOfChunk(prevTag, tag, prevType, type)) chunks.push([prevType, begin, i - 1]);
    if (startOfChunk(prevTag, tag, prevType, type)) begin = i;
    [prevTag, prevType] = [tag, type];
  });
  return chunks;
}

/**
 * The strict reading of tags that end with an `O` (seqeval's `Tokens.entities`): a chunk starts
 * where a start pattern fits, extends while inside patterns fit, and counts only when the tag
 * after it closes it by an end pattern.
 *
 * @example
 * ```ts
 * import { strictEntities } from "./chunks.ts";
 * import { schemeRules } from "./schemes.ts";
 * const tags: [string, string][] = [["I", "PER"], ["B", "PER"], ["O", "_"]];
 * console.log(strictEntities(tags, schemeRules("IOB2"))); // [["PER", 1, 1]]
 * ```
 */
export function strictEntities(tags: readonly Tag[], scheme: SchemeRules): Entity[] {
  const entities: Entity[] = [];
  let prev = OUTSIDE;
  let i = 0;
  while (i < tags.length) {
    const token = tags[i];
    if (matches(scheme.start, prev, token)) {
      // The final O is never inside a chunk, so `end` stops on it at the latest.
      let end = i + 1;
      while (matches(scheme.inside, tags[end - 1], tags[end])) end++;
      if (matches(scheme.end, tags[end - 1], tags[end])) entities.push([token[1], i, end - 1]);
      i = end;
    } else {
      i++;
    }
    prev = tags[i - 1];
  }
  return entities;
}

/**
 * Reads sentences into one list of tags with an `O` after each sentence, as seqeval joins them;
 * a bad tag is an error naming its position (`flat`: `seq[j]` instead of `seq[k][j]`).
 */
function readSentences(
  seqs: Sequences,
  name: string,
  suffix: boolean,
  strict: boolean,
  flat = false,
): Tag[] {
  return seqs.flatMap((sentence, k) => [
    ...sentence.map((tag, j) => readTag(tag, position(name, k, j, flat), suffix, strict)),
    OUTSIDE,
  ]);
}

/** Refuses the first tag whose prefix the scheme does not have. */
function checkAllowed(
  seqs: Sequences,
  tags: readonly Tag[],
  scheme: SchemeRules,
  name: string,
  flat = false,
): void {
  let at = 0;
  seqs.forEach((sentence, k) => {
    sentence.forEach((tag, j) => {
      const prefix = tags[at++][0];
      if (!scheme.allowed.includes(prefix)) {
        throw notInScheme(position(name, k, j, flat), tag, prefix, scheme);
      }
    });
    at++; // the O after the sentence
  });
}

/** The entities of one call in the reference reading. */
function referenceEntities(
  seqs: Sequences[],
  names: string[],
  options: ChunkOptions,
  flat = false,
): { entities: Entity[][]; scheme?: Scheme } {
  const { suffix = false, mode = "default", scheme } = options;
  const strict = isStrict(mode);
  const tags = seqs.map((s, i) => readSentences(s, names[i], suffix === true, strict, flat));
  if (!strict) return { entities: tags.map(lenientEntities) };
  // The scheme is detected from the gold tags themselves, not the O put after each sentence.
  const goldPrefixes = tags[0].filter((tag) => tag !== OUTSIDE).map(([prefix]) => prefix);
  const rules = resolveScheme(scheme, goldPrefixes, names[0]);
  tags.forEach((t, i) => checkAllowed(seqs[i], t, rules, names[i], flat));
  return { entities: tags.map((t) => strictEntities(t, rules)), scheme: rules.name };
}

/**
 * Entities as flat `[typeId, start, end, ...]` (end inclusive), in seqeval's coordinates:
 * sentences joined with one `O` between them. Sorted by start; they never overlap.
 */
export type Spans = number[];

/** Entities of `yTrue` and `yPred` of one call, with shared type ids. */
export interface SpanPair {
  /** Type names by id. */
  types: string[];
  trueSpans: Spans;
  predSpans: Spans;
  /** The scheme used (strict mode), or `undefined` (default mode). */
  scheme?: Scheme;
}

/**
 * The entities of `yTrue` and `yPred` (already shape-checked) with the mode and scheme of
 * `options`, by the reference reading.
 *
 * @example
 * ```ts
 * import { referenceSpanPair } from "./chunks.ts";
 * const pair = referenceSpanPair([["B-PER", "I-PER"]], [["B-PER", "O"]], {});
 * console.log(pair.types, pair.trueSpans, pair.predSpans); // ["PER"] [0, 0, 1] [0, 0, 0]
 * ```
 */
export function referenceSpanPair(
  yTrue: Sequences,
  yPred: Sequences,
  options: ChunkOptions,
): SpanPair {
  const { entities, scheme } = referenceEntities([yTrue, yPred], ["yTrue", "yPred"], options);
  const types: string[] = [];
  const ids = new Map<string, number>();
  const [trueSpans, predSpans] = entities.map((list) =>
    list.flatMap(([type, start, end]) => {
      if (!ids.has(type)) ids.set(type, types.push(type) - 1);
      return [ids.get(type)!, start, end];
    })
  );
  return { types, trueSpans, predSpans, scheme };
}

/**
 * Chunks `yTrue` and `yPred` (already shape-checked): the packed chunker while the fast path is
 * on, else {@linkcode referenceSpanPair}. Type ids differ between the two; entities do not.
 *
 * @example
 * ```ts
 * import { spanPair } from "./chunks.ts";
 * const pair = spanPair([["B-PER", "I-PER"]], [["B-PER", "O"]], {});
 * const name = (spans: number[]) => [pair.types[spans[0]], spans[1], spans[2]];
 * console.log(name(pair.trueSpans), name(pair.predSpans)); // ["PER", 0, 1] ["PER", 0, 0]
 * ```
 */
export function spanPair(yTrue: Sequences, yPred: Sequences, options: ChunkOptions): SpanPair {
  return fastPathOn()
    ? packedSpanPair(yTrue, yPred, options)
    : referenceSpanPair(yTrue, yPred, options);
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
    throw new ArgumentError(
      "seq",
      seq,
      "is not an array",
      'pass an array of tags such as ["B-PER", "O"]',
    );
  }
  const nested = seq.some((s) => Array.isArray(s));
  if (nested) {
    const i = seq.findIndex((s) => !Array.isArray(s));
    if (i >= 0) {
      throw new ArgumentError(
        `seq[${i}]`,
        seq[i],
        "seq mixes sentences and tags",
        "pass an array of tags or an array of sentences",
      );
    }
  }
  const seqs = (nested ? seq : [seq]) as Sequences;
  if (fastPathOn()) return packedEntities(seqs, options, !nested);
  return referenceEntities([seqs], ["seq"], options, !nested).entities[0];
}
