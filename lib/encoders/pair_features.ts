/**
 * Sentence-pair features for an encoder that reads one sentence at a time (a bi-encoder, such as
 * USE-lite, which has no segment ids): each sentence is embedded on its own, and the pair is the
 * concatenation Sentence-BERT's `SoftmaxLoss` classifies — `[u, v, |u − v|]`, optionally `u * v`
 * (Reimers & Gurevych 2019, section 3). A cross-encoder (BERT with `token_type_ids`) instead
 * reads both sentences in one sequence; see Section 16.6.4.
 * @module
 */
import { ArgumentError, showValue } from "../errors.ts";
import type { EmbedOptions, Encoder } from "./types.ts";

/** Which parts to concatenate; names and defaults as sentence-transformers' `SoftmaxLoss`. */
export interface PairFeaturesOptions {
  /** `u` and `v` themselves (default `true`). */
  concatenationSentRep?: boolean;
  /** `|u − v|`, element-wise (default `true`). */
  concatenationSentDifference?: boolean;
  /** `u * v`, element-wise (default `false`). */
  concatenationSentMultiplication?: boolean;
}

/**
 * The length of one pair's features for `hiddenSize`-long sentence vectors.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { pairFeatureSize } from "./pair_features.ts";
 * assertEquals(pairFeatureSize(512), 3 * 512); // [u, v, |u − v|]
 * assertEquals(pairFeatureSize(512, { concatenationSentMultiplication: true }), 4 * 512);
 * ```
 */
export function pairFeatureSize(hiddenSize: number, options: PairFeaturesOptions = {}): number {
  if (!Number.isInteger(hiddenSize) || hiddenSize < 1) {
    throw new ArgumentError(
      "hiddenSize",
      hiddenSize,
      "is not a positive integer",
      "pass the encoder's hiddenSize",
    );
  }
  return hiddenSize * partsOf(options);
}

/**
 * Concatenates the chosen parts for every pair `(u[i], v[i])`, in SBERT's order: `u`, `v`,
 * `|u − v|`, `u * v`.
 *
 * @example
 * ```ts
 * import { pairFeatures } from "./pair_features.ts";
 * const [f] = pairFeatures([new Float32Array([1, 2])], [new Float32Array([3, 1])], {
 *   concatenationSentMultiplication: true,
 * });
 * console.log([...f]); // [1, 2, 3, 1, 2, 1, 3, 2]
 * ```
 */
export function pairFeatures(
  u: readonly Float32Array[],
  v: readonly Float32Array[],
  options: PairFeaturesOptions = {},
): Float32Array[] {
  if (!Array.isArray(u) || !Array.isArray(v)) {
    throw new ArgumentError(
      Array.isArray(u) ? "v" : "u",
      Array.isArray(u) ? v : u,
      "is not an array of vectors",
      "pass one Float32Array per text",
    );
  }
  if (u.length !== v.length) {
    throw new ArgumentError(
      "v.length",
      v.length,
      `u has ${u.length} vectors`,
      "give u and v one vector per pair each",
    );
  }
  const {
    concatenationSentRep = true,
    concatenationSentDifference = true,
    concatenationSentMultiplication = false,
  } = options;
  const parts = partsOf(options);
  return u.map((a, i) => {
    const b = v[i];
    if (!(a instanceof Float32Array) || !(b instanceof Float32Array) || a.length !== b.length) {
      throw new ArgumentError(
        `v[${i}]`,
        b,
        `u[${i}] and v[${i}] must be Float32Arrays of one length; u[${i}] is ${showValue(a)}`,
        "embed both sides with one encoder",
      );
    }
    const n = a.length;
    const out = new Float32Array(parts * n);
    let at = 0;
    if (concatenationSentRep) {
      out.set(a, 0);
      out.set(b, n);
      at = 2 * n;
    }
    if (concatenationSentDifference) {
      for (let k = 0; k < n; k++) out[at + k] = Math.abs(a[k] - b[k]);
      at += n;
    }
    if (concatenationSentMultiplication) {
      for (let k = 0; k < n; k++) out[at + k] = a[k] * b[k];
    }
    return out;
  });
}

/**
 * Embeds both sentences of every pair with `encoder` (each distinct sentence once, through its
 * embedding cache) and returns {@linkcode pairFeatures}.
 *
 * @example
 * ```ts
 * import type { Encoder } from "./types.ts";
 * import { embedPairFeatures } from "./pair_features.ts";
 * // a toy encoder: the text's length and its number of spaces
 * const encoder = {
 *   embed: (ts: string[]) =>
 *     Promise.resolve(ts.map((t) => new Float32Array([t.length, t.split(" ").length - 1]))),
 * } as Pick<Encoder, "embed"> as Encoder;
 * const [f] = await embedPairFeatures(encoder, [["a man", "a"]]);
 * console.log([...f]); // [5, 1, 1, 0, 4, 1]
 * ```
 */
export async function embedPairFeatures(
  encoder: Encoder,
  pairs: readonly (readonly [string, string])[],
  options: PairFeaturesOptions & EmbedOptions = {},
): Promise<Float32Array[]> {
  if (!Array.isArray(pairs)) {
    throw new ArgumentError("pairs", pairs, "is not an array", "pass [first, second] text pairs");
  }
  pairs.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== 2 || p.some((t) => typeof t !== "string")) {
      throw new ArgumentError(
        `pairs[${i}]`,
        p,
        "is not two strings",
        "give each pair as [first, second]",
      );
    }
  });
  const distinct = [...new Set(pairs.flat())];
  const { batchSize, progress, cache } = options;
  const vectors = await encoder.embed(distinct, { batchSize, progress, cache });
  const byText = new Map(distinct.map((t, i) => [t, vectors[i]]));
  return pairFeatures(
    pairs.map(([a]) => byText.get(a)!),
    pairs.map(([, b]) => byText.get(b)!),
    options,
  );
}

function partsOf(options: PairFeaturesOptions): number {
  const {
    concatenationSentRep = true,
    concatenationSentDifference = true,
    concatenationSentMultiplication = false,
  } = options;
  const parts = (concatenationSentRep ? 2 : 0) + (concatenationSentDifference ? 1 : 0) +
    (concatenationSentMultiplication ? 1 : 0);
  if (parts === 0) {
    throw new ArgumentError(
      "options",
      options,
      "pair features need at least one part",
      "set concatenationSentRep, concatenationSentDifference or concatenationSentMultiplication",
    );
  }
  return parts;
}
