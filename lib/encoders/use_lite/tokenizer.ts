/**
 * The SentencePiece tokenizer of Universal Sentence Encoder Lite: NFKC, spaces become `▁` (with
 * one `▁` in front of the text), then the Viterbi segmentation that maximises the sum of the
 * piece scores in `vocab.json`. It reproduces `@energetic-ai/embeddings`' tokenizer id for id,
 * including its tie-breaking and its merging of consecutive unknown characters into one `<unk>`.
 *
 * USE-lite has no special tokens, no segment ids and no lowercasing (it is cased: "JAPAN" →
 * `▁J` `AP` `AN`). A piece that starts with `▁` starts a new word; no piece holds `▁` anywhere
 * else, so pieces map cleanly to words.
 * @module
 */
import { ArgumentError } from "../../errors.ts";
import type { Encoding, TokenizeOptions } from "../types.ts";

/** `[piece, score]` pairs; the index of a pair is the piece's id. */
export type Vocabulary = [string, number][];

/** The word-boundary mark SentencePiece puts where a space was. */
export const WORD_BOUNDARY = "\u2581";
/** Id of the unknown piece. */
export const UNK_ID = 0;
/** Id of `</s>`, used between the two texts of a pair. */
export const SEP_ID = 2;
/** The model reads at most this many pieces; later ones are dropped. */
export const MAX_PIECES = 128;
/** Ids below this are reserved (`<unk>`, `<s>`, `</s>`, ...) and never produced by the segmenter. */
const RESERVED = 6;

interface TrieNode {
  children: Map<string, TrieNode>;
  id: number;
}

/**
 * SentencePiece (unigram, Viterbi) tokenizer over a USE-lite vocabulary.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { SentencePieceTokenizer } from "./tokenizer.ts";
 * const letters = [..."▁abgilnprtuy"].map((c): [string, number] => [c, -10]);
 * const tok = new SentencePieceTokenizer([
 *   ["<unk>", 0], ["<s>", 0], ["</s>", 0], ["x1", 0], ["x2", 0], ["x3", 0], ...letters,
 *   ["▁play", -3], ["ing", -3], ["▁playing", -7], ["▁g", -4], ["uitar", -5],
 * ]);
 * const enc = tok.tokenize("playing guitar");
 * assertEquals(enc.tokens, ["▁play", "ing", "▁g", "uitar"]);
 * assertEquals(enc.wordIds, [0, 0, 1, 1]);
 * ```
 */
export class SentencePieceTokenizer {
  readonly vocabulary: Vocabulary;
  #root: TrieNode = { children: new Map(), id: -1 };

  /** Builds the piece trie; reserved ids (below 6) are not segmentation candidates. */
  constructor(vocabulary: Vocabulary) {
    if (!Array.isArray(vocabulary) || vocabulary.length <= RESERVED) {
      throw new ArgumentError(
        "vocabulary",
        vocabulary,
        `is not an array of [piece, score] pairs longer than ${RESERVED}`,
        "pass the vocabulary of USE-lite's tokenizer",
      );
    }
    this.vocabulary = vocabulary;
    for (let id = RESERVED; id < vocabulary.length; id++) {
      let node = this.#root;
      for (const ch of vocabulary[id][0]) {
        let next = node.children.get(ch);
        if (!next) node.children.set(ch, next = { children: new Map(), id: -1 });
        node = next;
      }
      // A duplicated piece keeps its last id, as the reference trie does.
      node.id = id;
    }
  }

  /** Number of pieces in the vocabulary. */
  get vocabSize(): number {
    return this.vocabulary.length;
  }

  /**
   * Piece ids of one text, untruncated, exactly as the reference tokenizer encodes it.
   *
   * @example
   * ```ts
   * import { assertEquals } from "@std/assert";
   * import { SentencePieceTokenizer } from "./tokenizer.ts";
   * const tok = new SentencePieceTokenizer([
   *   ["<unk>", 0], ["<s>", 0], ["</s>", 0], ["x1", 0], ["x2", 0], ["x3", 0], ["▁", -2], ["▁a", -1],
   * ]);
   * assertEquals(tok.encode("a ☃☃"), [7, 6, 0]); // the two unknown snowmen become one <unk>
   * ```
   */
  encode(text: string): number[] {
    return this.#segment(text).ids;
  }

  /** Viterbi segmentation; `starts[i]` is the code-point offset of piece `i` in `▁` + text. */
  #segment(text: string): { ids: number[]; starts: number[] } {
    const normalized = text.normalize("NFKC");
    if (normalized.length === 0) return { ids: [], starts: [] };
    const symbols = [...(WORD_BOUNDARY + normalized.replaceAll(" ", WORD_BOUNDARY))];
    const n = symbols.length;
    // arcs[end] lists [start, id, score] in increasing start, the order the reference visits.
    const arcs: [number, number, number][][] = Array.from({ length: n + 1 }, () => []);
    for (let start = 0; start < n; start++) {
      let node = this.#root.children.get(symbols[start]);
      let found = false;
      for (let end = start + 1; node; end++) {
        if (node.id >= 0) {
          arcs[end].push([start, node.id, this.vocabulary[node.id][1]]);
          found = true;
        }
        node = end < n ? node.children.get(symbols[end]) : undefined;
      }
      if (!found) arcs[start + 1].push([start, UNK_ID, 0]);
    }
    const best = new Float64Array(n + 1);
    const bestId = new Int32Array(n + 1);
    const bestStart = new Int32Array(n + 1);
    for (let end = 1; end <= n; end++) {
      for (const [start, id, score] of arcs[end]) {
        const total = score + best[start];
        // The reference treats a best score of exactly 0 as "unset" and lets ties go to the
        // later (shorter) piece; both quirks are kept so ids match it exactly.
        if (best[end] === 0 || total >= best[end]) {
          best[end] = total;
          bestId[end] = id;
          bestStart[end] = start;
        }
      }
    }
    const ids: number[] = [];
    const starts: number[] = [];
    for (let end = n; end > 0; end = bestStart[end]) {
      const id = bestId[end];
      if (id === UNK_ID && ids.length > 0 && ids[ids.length - 1] === UNK_ID) {
        starts[starts.length - 1] = bestStart[end];
      } else {
        ids.push(id);
        starts.push(bestStart[end]);
      }
    }
    return { ids: ids.reverse(), starts: starts.reverse() };
  }

  /** The display string of a piece id (`<unk>` for unknown characters). */
  idToPiece(id: number): string {
    if (!Number.isInteger(id) || id < 0 || id >= this.vocabulary.length) {
      throw new ArgumentError(
        "id",
        id,
        `is not a piece id in [0, ${this.vocabulary.length})`,
        "pass ids the tokenizer gave",
      );
    }
    return id === UNK_ID ? "<unk>" : this.vocabulary[id][0];
  }

  /**
   * Tokenizes one text. `wordIds` index the words of `text.normalize("NFKC").split(" ")`, the
   * words the tokenizer itself sees. Default `maxLength` is 128, the model's limit.
   */
  tokenize(text: string, options: TokenizeOptions = {}): Encoding {
    checkText(text, "text");
    const ids = truncate(this.encode(text), limit(options), options, "text");
    return this.#encoding(ids, new Array(ids.length).fill(0), this.#wordIdsOf(ids, 0));
  }

  /**
   * Tokenizes a pair as `pieces(textA) </s> pieces(textB)` (USE-lite has no segment ids: the
   * `tokenTypeIds` 0 then 1 are the kit's view; `</s>` gets type 0 and word id `null`). As in
   * Hugging Face, `wordIds` restart at 0 in the second text. Too long pairs lose pieces from
   * the end of the longer text first.
   */
  tokenizePair(textA: string, textB: string, options: TokenizeOptions = {}): Encoding {
    checkText(textA, "textA");
    checkText(textB, "textB");
    let a = this.encode(textA);
    let b = this.encode(textB);
    const room = limit(options) - 1;
    if (a.length + b.length > room) {
      if (options.truncation === false) {
        throw new ArgumentError(
          "options.truncation",
          false,
          `the pair has ${a.length + b.length + 1} pieces, more than maxLength ${room + 1}`,
          "set truncation: true to cut it",
        );
      }
      if (room < 2) {
        throw new ArgumentError(
          "options.maxLength",
          room + 1,
          "a pair needs at least 3",
          "use e.g. 128",
        );
      }
      let na = a.length, nb = b.length;
      while (na + nb > room) na >= nb ? na-- : nb--;
      a = a.slice(0, na);
      b = b.slice(0, nb);
    }
    return this.#encoding(
      [...a, SEP_ID, ...b],
      [...a.map(() => 0), 0, ...b.map(() => 1)],
      [...this.#wordIdsOf(a, 0), null, ...this.#wordIdsOf(b, 0)],
    );
  }

  /**
   * Tokenizes pre-split words; `wordIds[i]` is the index of the word piece `i` came from. The
   * words are joined with spaces and segmented as one text (segmenting word by word can break
   * score ties differently), and each piece belongs to the word its first character is in.
   * Pieces beyond `maxLength` (default 128) are cut, so the last words may get no piece.
   */
  tokenizeWords(words: string[], options: TokenizeOptions = {}): Encoding {
    if (!Array.isArray(words)) {
      throw new ArgumentError("words", words, "is not an array", "pass the sentence's words");
    }
    const normalized = words.map((w, i) => {
      checkText(w, `words[${i}]`);
      return w.normalize("NFKC");
    });
    // The word of every code point of "▁" + joined text; a word owns the ▁ before it.
    const wordOf: number[] = [];
    normalized.forEach((w, i) => {
      wordOf.push(i);
      for (const _ of w) wordOf.push(i);
    });
    const { ids, starts } = this.#segment(normalized.join(" "));
    const kept = truncate(ids, limit(options), options, "words");
    return this.#encoding(
      kept,
      new Array(kept.length).fill(0),
      kept.map((_, i) => wordOf[starts[i]]),
    );
  }

  #wordIdsOf(ids: number[], first: number): number[] {
    let word = first - 1;
    return ids.map((id) => {
      if (id !== UNK_ID && this.vocabulary[id][0].startsWith(WORD_BOUNDARY)) word++;
      return Math.max(word, first);
    });
  }

  #encoding(ids: number[], tokenTypeIds: number[], wordIds: (number | null)[]): Encoding {
    return {
      inputIds: ids,
      attentionMask: ids.map(() => 1),
      tokenTypeIds,
      wordIds,
      tokens: ids.map((id) => this.idToPiece(id)),
    };
  }
}

function checkText(text: string, name: string): void {
  if (typeof text !== "string") throw new ArgumentError(name, text, "is not a string", "pass text");
  if (text.normalize("NFKC").length === 0) {
    throw new ArgumentError(
      name,
      text,
      "is empty: USE-lite needs at least one character",
      "drop empty texts",
    );
  }
}

function limit({ maxLength = MAX_PIECES }: TokenizeOptions): number {
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > MAX_PIECES) {
    throw new ArgumentError(
      "options.maxLength",
      maxLength,
      `is not an integer in [1, ${MAX_PIECES}]`,
      "use e.g. 128",
    );
  }
  return maxLength;
}

function truncate(ids: number[], max: number, options: TokenizeOptions, name: string): number[] {
  if (ids.length <= max) return ids;
  if (options.truncation === false) {
    throw new ArgumentError(
      "options.truncation",
      false,
      `${name} has ${ids.length} pieces, more than maxLength ${max}`,
      "set truncation: true to cut it",
    );
  }
  return ids.slice(0, max);
}
