/**
 * # Class-weighted cross-entropy (Exercise 14.6.2, first way; Code Fragment 16.6.6a)
 *
 * Write `crossEntropy(logits, targets, options)` with PyTorch's `F.cross_entropy` semantics on
 * plain arrays. Row i with target t: loss_i = −w_t · log softmax(logits[i])[t].
 *
 * - `weight`: optional, one weight per class (w_t = weight[t]; without it w_t = 1).
 * - `ignoreIndex` (default −100): such rows are skipped.
 * - `reduction`: `"mean"` (default) is the **weighted** mean Σ_i w_{t_i}·(−log p_i) / Σ_i w_{t_i}
 *   over the rows not ignored (this is what PyTorch does, and what makes weights and `"mean"`
 *   interact); `"sum"`; `"none"` (per row, 0 for ignored rows).
 * - Stable for large logits (subtract the row maximum).
 * - A target outside [0, C) that is not `ignoreIndex` is an error naming `targets`.
 *
 * Example: `crossEntropy([[2, 0], [0, 1]], [0, 1], { weight: [1, 3] })` ≈ 0.2667
 * (not 0.5334: the weighted sum 1.0667 is divided by 1 + 3, not by 2).
 *
 * Off limits: the kit's `crossEntropyLoss` (lib/losses.ts).
 * Self-check: `deno test exercises/weighted_cross_entropy/`.
 * @module
 */
import { NotImplementedError } from "../../lib/grade/spec.ts";

/** Options of {@link crossEntropy}. */
export interface CrossEntropyOptions {
  /** One weight per class. */
  weight?: number[];
  /** Default −100. */
  ignoreIndex?: number;
  /** Default `"mean"`. */
  reduction?: "mean" | "sum" | "none";
}

/** PyTorch's cross-entropy of `logits` (N × C) against class ids `targets`. */
export function crossEntropy(
  _logits: number[][],
  _targets: number[],
  _options: CrossEntropyOptions = {},
): number | number[] {
  throw new NotImplementedError("weighted_cross_entropy: crossEntropy");
}
