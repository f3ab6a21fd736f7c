/**
 * A Hugging Face tokenizer (transformers.js's `AutoTokenizer`) returning the kit's
 * {@linkcode Encoding}, with what transformers.js does not give: `wordIds` (the fast tokenizers'
 * `word_ids()`), and truncation that keeps the special tokens (`longest_first`, as the Rust
 * tokenizers do; transformers.js cuts the end of the sequence, final `[SEP]` included).
 * @module
 */
import { ArgumentError } from "../../errors.ts";
import { AutoTokenizer, type PreTrainedTokenizer } from "@huggingface/transformers";
import type { Encoding, TokenizeOptions } from "../types.ts";
import { checkNonEmptyArray } from "../check_input.ts";
import { truncatedLengths } from "./truncate.ts";
import {
  checkLocalFiles,
  loadWithHint,
  pretrainedOptions,
  type PretrainedSourceOptions,
  resolveSource,
} from "./source.ts";

/** One segment's content tokens (no special tokens) and the word of each. */
interface Segment {
  tokens: string[];
  wordIds: number[];
}

/** Options of {@linkcode TransformersTokenizer.decode} (HF `decode`'s, camelCase). */
export interface DecodeOptions {
  /** Drop `[CLS]`, `[SEP]`, `[PAD]`… (default `false`). */
  skipSpecialTokens?: boolean;
  /** Remove the spaces before punctuation the tokens leave (default `true`, as HF). */
  cleanUpTokenizationSpaces?: boolean;
}

// Content tokens travel through the post-processor as markers, so the specials it adds are
// told apart from content without knowing the template ([CLS] A [SEP] B [SEP], <s> A </s></s> B </s>, …).
const MARK = "\u0000kit-token\u0000";

function checkText(text: unknown, name: string): string {
  if (typeof text !== "string") {
    throw new ArgumentError(name, text, "is not a string", "pass text");
  }
  if (text.trim() === "") {
    throw new ArgumentError(name, text, "is empty: nothing to tokenize", "drop empty texts");
  }
  return text;
}

/**
 * A transformers.js tokenizer behind the kit's {@linkcode Encoding}: single texts, pairs (with
 * `tokenTypeIds` 0 then 1) and pre-split words (with `wordIds`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { TransformersTokenizer } from "./tokenizer.ts";
 * const tok = await TransformersTokenizer.fromPretrained(
 *   new URL("../../../data/models/tiny-bert", import.meta.url).pathname,
 * );
 * const e = tok.tokenizePair("The man is here.", "He plays music.");
 * assertEquals(e.tokens.join(" "), "[CLS] the man is here . [SEP] he plays music . [SEP]");
 * assertEquals(e.tokenTypeIds, [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
 * assertEquals(tok.decode(e.inputIds), "[CLS] the man is here. [SEP] he plays music. [SEP]");
 * ```
 */
export class TransformersTokenizer {
  /** The model id or folder it was loaded from. */
  readonly name: string;
  /** Longest input in tokens, special tokens included (the tokenizer's `model_max_length`). */
  readonly modelMaxLength: number;
  /** The transformers.js tokenizer, for anything the kit does not wrap. */
  readonly tokenizer: PreTrainedTokenizer;
  readonly #vocab: Map<string, number>;
  readonly #unkId: number;

  /** Wraps a loaded transformers.js tokenizer; `maxLength` caps its `model_max_length`. */
  constructor(tokenizer: PreTrainedTokenizer, name: string, maxLength = Infinity) {
    this.tokenizer = tokenizer;
    this.name = name;
    this.modelMaxLength = Math.min(tokenizer.model_max_length ?? Infinity, maxLength);
    this.#vocab = tokenizer._tokenizer.get_vocab(true);
    this.#unkId = tokenizer.unk_token_id ?? 0;
  }

  /**
   * Loads a tokenizer by hub id (online) or from a local folder holding `tokenizer.json` and
   * `tokenizer_config.json`.
   *
   * @example
   * ```ts
   * import { assertRejects } from "@std/assert";
   * import { TransformersTokenizer } from "./tokenizer.ts";
   * await assertRejects(
   *   () => TransformersTokenizer.fromPretrained("./no/such/folder"),
   *   Error,
   *   "not found",
   * );
   * ```
   */
  static async fromPretrained(
    modelId: string,
    options: PretrainedSourceOptions = {},
  ): Promise<TransformersTokenizer> {
    const source = resolveSource(modelId, options);
    if (source.local) checkLocalFiles(source.path, ["tokenizer.json", "tokenizer_config.json"]);
    const tokenizer = await loadWithHint(
      source,
      () => AutoTokenizer.from_pretrained(source.path, pretrainedOptions(source, options)),
    );
    return new TransformersTokenizer(tokenizer, modelId);
  }

  /**
   * Tokenizes one text; `wordIds` number the words as the tokenizer's pre-tokenizer splits them
   * (for BERT: at spaces and punctuation).
   *
   * @example
   * ```ts
   * import { assertEquals } from "@std/assert";
   * import { TransformersTokenizer } from "./tokenizer.ts";
   * const tok = await TransformersTokenizer.fromPretrained(
   *   new URL("../../../data/models/tiny-bert", import.meta.url).pathname,
   * );
   * const e = tok.tokenize("Good morning, world");
   * assertEquals(e.tokens, ["[CLS]", "good", "morning", ",", "world", "[SEP]"]);
   * assertEquals(e.wordIds, [null, 0, 1, 2, 3, null]);
   * ```
   */
  tokenize(text: string, options: TokenizeOptions = {}): Encoding {
    return this.#assemble(this.#segmentText(checkText(text, "text")), undefined, options);
  }

  /**
   * Tokenizes a pair as one sequence, `tokenTypeIds` 0 for `textA` (and its special tokens) and 1
   * for `textB`; too long, the longer text is cut first (`longest_first`).
   *
   * @example
   * ```ts
   * import { assertEquals } from "@std/assert";
   * import { TransformersTokenizer } from "./tokenizer.ts";
   * const tok = await TransformersTokenizer.fromPretrained(
   *   new URL("../../../data/models/tiny-bert", import.meta.url).pathname,
   * );
   * const e = tok.tokenizePair("a b c d e f", "g h", { maxLength: 7 });
   * assertEquals(e.tokens, ["[CLS]", "a", "b", "[SEP]", "g", "h", "[SEP]"]);
   * ```
   */
  tokenizePair(textA: string, textB: string, options: TokenizeOptions = {}): Encoding {
    return this.#assemble(
      this.#segmentText(checkText(textA, "textA")),
      this.#segmentText(checkText(textB, "textB")),
      options,
    );
  }

  /**
   * Tokenizes pre-split words (HF `is_split_into_words=True`): each word on its own, `wordIds[i]`
   * the index of the word token `i` came from, `null` for special tokens.
   *
   * @example
   * ```ts
   * import { assertEquals } from "@std/assert";
   * import { TransformersTokenizer } from "./tokenizer.ts";
   * const tok = await TransformersTokenizer.fromPretrained(
   *   new URL("../../../data/models/tiny-bert", import.meta.url).pathname,
   * );
   * const e = tok.tokenizeWords(["EU", "rejects", "U.N."]);
   * assertEquals(e.tokens, ["[CLS]", "e", "##u", "re", "##j", "##e", "##c", "##ts", "u", ".", "n", ".", "[SEP]"]);
   * assertEquals(e.wordIds, [null, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, null]);
   * ```
   */
  tokenizeWords(words: string[], options: TokenizeOptions = {}): Encoding {
    checkNonEmptyArray(words, "words", "pass the sentence's words", "strings");
    const segment: Segment = { tokens: [], wordIds: [] };
    words.forEach((word, i) => {
      for (const token of this.tokenizer.tokenize(checkText(word, `words[${i}]`))) {
        segment.tokens.push(token);
        segment.wordIds.push(i);
      }
    });
    return this.#assemble(segment, undefined, options);
  }

  /**
   * Token ids back to text (HF `decode`): special tokens kept and spaces before punctuation
   * removed unless told otherwise.
   *
   * @example
   * ```ts
   * import { assertEquals } from "@std/assert";
   * import { TransformersTokenizer } from "./tokenizer.ts";
   * const tok = await TransformersTokenizer.fromPretrained(
   *   new URL("../../../data/models/tiny-bert", import.meta.url).pathname,
   * );
   * const ids = tok.tokenize("Stop.").inputIds;
   * assertEquals(tok.decode(ids), "[CLS] stop. [SEP]");
   * assertEquals(tok.decode(ids, { skipSpecialTokens: true }), "stop.");
   * ```
   */
  decode(ids: number[], options: DecodeOptions = {}): string {
    return this.tokenizer.decode(ids, {
      skip_special_tokens: options.skipSpecialTokens ?? false,
      clean_up_tokenization_spaces: options.cleanUpTokenizationSpaces ?? true,
    });
  }

  /** Content tokens of a text, numbered by pre-tokenized word (the fast tokenizers' `word_ids`). */
  #segmentText(text: string): Segment {
    const inner = this.tokenizer._tokenizer;
    const expected = this.tokenizer.tokenize(text);
    const normalized = inner.normalizer ? inner.normalizer(text) : text;
    const words = inner.pre_tokenizer ? inner.pre_tokenizer(normalized) : [normalized];
    const segment: Segment = { tokens: [], wordIds: [] };
    words.forEach((word, i) => {
      for (const token of inner.model ? inner.model([word]) : [word]) {
        segment.tokens.push(token);
        segment.wordIds.push(i);
      }
    });
    // Added tokens and some pre-tokenizers make word-by-word differ from the whole text: then
    // no word numbering is honest.
    if (segment.tokens.join("\u0001") !== expected.join("\u0001")) {
      throw new ArgumentError(
        "text",
        text,
        `${this.name} cannot number its words (its tokens differ when tokenized word by word)`,
        "split it into words and use tokenizeWords",
      );
    }
    return segment;
  }

  /** Truncates, adds the special tokens and maps to ids. */
  #assemble(a: Segment, b: Segment | undefined, options: TokenizeOptions): Encoding {
    const { maxLength = this.modelMaxLength, truncation = true } = options;
    if (maxLength !== Infinity && (!Number.isInteger(maxLength) || maxLength < 1)) {
      throw new ArgumentError(
        "options.maxLength",
        maxLength,
        "is not a positive integer",
        "use e.g. 128",
      );
    }
    const specials = this.#postProcess([], b && []).tokens.length;
    const length = a.tokens.length + (b?.tokens.length ?? 0) + specials;
    let [keepA, keepB] = [a.tokens.length, b?.tokens.length ?? 0];
    if (length > maxLength) {
      if (!truncation) {
        throw new ArgumentError(
          "options.truncation",
          false,
          `the input is ${length} tokens long, more than maxLength ${maxLength}`,
          "set truncation: true to cut it",
        );
      }
      [keepA, keepB] = truncatedLengths(keepA, b?.tokens.length, maxLength - specials);
    }
    const markA = Array.from({ length: keepA }, (_, i) => `${MARK}a${i}`);
    const markB = b && Array.from({ length: keepB }, (_, i) => `${MARK}b${i}`);
    const out = this.#postProcess(markA, markB);

    const tokens: string[] = [];
    const wordIds: (number | null)[] = [];
    for (const t of out.tokens) {
      if (t.startsWith(MARK)) {
        const segment = t[MARK.length] === "a" ? a : b!;
        const i = Number(t.slice(MARK.length + 1));
        tokens.push(segment.tokens[i]);
        wordIds.push(segment.wordIds[i]);
      } else {
        tokens.push(t);
        wordIds.push(null);
      }
    }
    return {
      inputIds: tokens.map((t) => this.#vocab.get(t) ?? this.#unkId),
      attentionMask: tokens.map(() => 1),
      tokenTypeIds: out.token_type_ids ?? tokens.map(() => 0),
      wordIds,
      tokens,
    };
  }

  #postProcess(
    a: string[],
    b: string[] | undefined,
  ): { tokens: string[]; token_type_ids?: number[] } {
    const post = this.tokenizer._tokenizer.post_processor;
    if (post === null) return { tokens: [...a, ...(b ?? [])] };
    return post(a, b ?? null, true);
  }
}
