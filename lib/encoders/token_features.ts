/**
 * Token features of pre-split sentences through the embedding cache, as both frozen encoders
 * give them: the cache holds one flat vector per sentence (its tokens' vectors end to end),
 * keyed by the sentence's words.
 * @module
 */
import { FileFormatError } from "../errors.ts";
import { cachedEmbed, type CacheOptions } from "./cache.ts";
import { checkArray, checkNonEmptyArray, withName } from "./check_input.ts";
import type { Encoding, TokenFeatures } from "./types.ts";

/** Options of {@linkcode cachedTokenFeatures}. */
export interface CachedTokenFeaturesOptions extends CacheOptions {
  /** The cache key (e.g. `use-lite#tokens`). */
  cacheKey: string;
  /** Size of each token's vector. */
  hiddenSize: number;
}

/**
 * Tokenizes each sentence with `tokenizeWords` (errors name `sentences[i]`), runs `states` on
 * the sentences not cached, and cuts each sentence's flat vector into one vector per token.
 *
 * @param sentences pre-split sentences (non-empty word arrays)
 * @param tokenizeWords the encoder's tokenizer for pre-split words
 * @param states one flat vector per encoding: its tokens' vectors end to end
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { cachedTokenFeatures } from "./token_features.ts";
 * const tokenizeWords = (words: string[]) => ({
 *   inputIds: words.map((w) => w.length),
 *   attentionMask: words.map(() => 1),
 *   tokenTypeIds: words.map(() => 0),
 *   wordIds: words.map((_, i) => i),
 *   tokens: words,
 * });
 * const states = (encs: { inputIds: number[] }[]) =>
 *   Promise.resolve(encs.map((e) => Float32Array.from(e.inputIds.flatMap((id) => [id, -id]))));
 * const [f] = await cachedTokenFeatures([["ab", "c"]], tokenizeWords, states, {
 *   cacheKey: "toy#tokens",
 *   hiddenSize: 2,
 *   enabled: false,
 * });
 * assertEquals(f.features.map((v) => [...v]), [[2, -2], [1, -1]]);
 * assertEquals(f.wordIds, [0, 1]);
 * ```
 */
export async function cachedTokenFeatures(
  sentences: string[][],
  tokenizeWords: (words: string[]) => Encoding,
  states: (encodings: Encoding[]) => Promise<Float32Array[]>,
  { cacheKey, hiddenSize: h, ...cache }: CachedTokenFeaturesOptions,
): Promise<TokenFeatures[]> {
  const encodings = checkArray(sentences, "sentences").map((words, i) => {
    checkNonEmptyArray(words, `sentences[${i}]`, "drop empty sentences", "words");
    return withName(`sentences[${i}]`, () => tokenizeWords(words));
  });
  const keys = sentences.map((words) => JSON.stringify(words));
  const byKey = new Map(keys.map((k, i) => [k, encodings[i]]));
  const flat = await cachedEmbed(
    cacheKey,
    keys,
    (todo) => states(todo.map((k) => byKey.get(k)!)),
    cache,
  );
  return encodings.map((e, i) => {
    const n = e.inputIds.length;
    if (flat[i].length !== n * h) {
      throw new FileFormatError(
        `the embedding cache "${cacheKey}"`,
        `the token features of sentences[${i}] have ${flat[i].length} values, expected ` +
          `${n} × ${h}: clear it (clearEmbeddingCache("${cacheKey}"))`,
      );
    }
    return {
      features: Array.from({ length: n }, (_, t) => flat[i].subarray(t * h, (t + 1) * h)),
      wordIds: e.wordIds,
      tokens: e.tokens,
    };
  });
}
