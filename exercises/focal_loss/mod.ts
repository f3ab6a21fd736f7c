/**
 * # Focal loss (Exercise 14.6.2, third way; Section 16.6.5)
 *
 * Write `focalLoss(logits, targets, options)`, the softmax focal loss of Lin et al. (2017), on
 * plain arrays. For row i with target class t = targets[i] and p_t = softmax(logits[i])[t]:
 *
 *     loss_i = −α_t · (1 − p_t)^γ · log p_t
 *
 * - `gamma` (γ, default 2) must be ≥ 0: otherwise throw an Error whose message names `gamma`.
 *   With γ = 0 and no α this is plain cross-entropy.
 * - `alpha`: optional, one weight per class (α_t = alpha[t]); without it α_t = 1.
 * - `ignoreIndex` (default −100): rows whose target equals it are skipped entirely.
 * - `reduction`: `"mean"` (default; the mean over the rows that are not ignored — a plain count,
 *   not a weighted mean), `"sum"`, or `"none"` (one loss per row, 0 for ignored rows).
 * - A target that is neither `ignoreIndex` nor a class index in [0, C) is an error naming
 *   `targets`.
 * - Work in log space (log-softmax with the row maximum subtracted): logits of ±1000 must give
 *   finite losses.
 *
 * Example: `focalLoss([[2, 0], [0, 1]], [0, 1], { gamma: 0 })` ≈ 0.2201 (the cross-entropy);
 * with `gamma: 2` it is ≈ 0.01223 — the easy rows count for much less.
 *
 * Off limits: the kit's own `focalLoss` (lib/losses.ts) — the grader replaces it with a function
 * that throws. Anything else in the kit (e.g. lib/losses.ts `crossEntropyLoss`, tfjs) you may use.
 *
 * Self-check: `deno test exercises/focal_loss/`.
 * @module
 */
import { NotImplementedError } from "../../lib/grade/spec.ts";

/** Options of {@link focalLoss}. */
export interface FocalOptions {
  /** γ ≥ 0, default 2. */
  gamma?: number;
  /** One weight per class. */
  alpha?: number[];
  /** Target value to skip, default −100. */
  ignoreIndex?: number;
  /** Default `"mean"`. */
  reduction?: "mean" | "sum" | "none";
}

/** The softmax focal loss of `logits` (N × C) against class ids `targets` (N). */
export function focalLoss(
  _logits: number[][],
  _targets: number[],
  _options: FocalOptions = {},
): number | number[] {
  throw new NotImplementedError("focal_loss: focalLoss");
}
