/**
 * Sentence vectors from a transformer's last hidden state, as transformers.js's
 * `feature-extraction` pipeline and sentence-transformers compute them: the mean over the real
 * (attention-mask 1) tokens, or the `[CLS]` (first) token; optionally scaled to unit length.
 * @module
 */
import { ArgumentError } from "../../errors.ts";

/** How token vectors become one sentence vector. */
export type Pooling = "mean" | "cls";

/**
 * Pools one sequence of a batch.
 *
 * @param hidden the batch's last hidden state, row-major `[batch, seqLen, hiddenSize]`
 * @param row which sequence of the batch
 * @param mask that sequence's attention mask (length ≤ `seqLen`; missing positions count as 0)
 * @param seqLen padded sequence length of the batch
 * @param hiddenSize size of each token vector
 * @param pooling `"mean"` (masked mean) or `"cls"` (first token)
 * @param normalize scale the result to unit L2 norm
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { pool } from "./pooling.ts";
 * // one sequence, 3 positions (the last is padding), 2-d vectors
 * const hidden = new Float32Array([1, 2, 3, 4, 100, 100]);
 * assertEquals([...pool(hidden, 0, [1, 1, 0], 3, 2, "mean", false)], [2, 3]);
 * assertEquals([...pool(hidden, 0, [1, 1, 0], 3, 2, "cls", false)], [1, 2]);
 * assertEquals([...pool(new Float32Array([3, 4]), 0, [1], 1, 2, "cls", true)], [0.6, 0.8].map(Math.fround));
 * ```
 */
export function pool(
  hidden: Float32Array,
  row: number,
  mask: number[],
  seqLen: number,
  hiddenSize: number,
  pooling: Pooling,
  normalize: boolean,
): Float32Array {
  const base = row * seqLen * hiddenSize;
  let out: Float32Array;
  if (pooling === "cls") {
    out = hidden.slice(base, base + hiddenSize);
  } else if (pooling === "mean") {
    // Summed in float64, as transformers.js's mean_pooling does (plain JS numbers).
    const sum = new Float64Array(hiddenSize);
    let count = 0;
    for (let t = 0; t < Math.min(mask.length, seqLen); t++) {
      if (mask[t] === 0) continue;
      count++;
      const start = base + t * hiddenSize;
      for (let d = 0; d < hiddenSize; d++) sum[d] += hidden[start + d];
    }
    // sentence-transformers clamps the count at 1e-9: an all-padding row pools to zeros.
    out = Float32Array.from(sum, (s) => s / Math.max(count, 1e-9));
  } else {
    throw new ArgumentError("pooling", pooling, "is not a pooling", 'use "mean" or "cls"');
  }
  if (normalize) {
    let norm = 0;
    for (const x of out) norm += x * x;
    // torch.nn.functional.normalize's eps: a zero vector stays zero.
    const scale = 1 / Math.max(Math.sqrt(norm), 1e-12);
    for (let d = 0; d < hiddenSize; d++) out[d] *= scale;
  }
  return out;
}
