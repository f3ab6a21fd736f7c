/**
 * Reference solution of exercises/weighted_cross_entropy.
 * @module
 */

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
  logits: number[][],
  targets: number[],
  { weight, ignoreIndex = -100, reduction = "mean" }: CrossEntropyOptions = {},
): number | number[] {
  let total = 0;
  let weightSum = 0;
  const perRow = logits.map((row, i) => {
    const t = targets[i];
    if (t === ignoreIndex) return 0;
    if (!Number.isInteger(t) || t < 0 || t >= row.length) {
      throw new Error(`targets[${i}] = ${t} is not a class index in [0, ${row.length})`);
    }
    const max = Math.max(...row);
    const lse = max + Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
    const w = weight ? weight[t] : 1;
    const loss = -w * (row[t] - lse);
    total += loss;
    weightSum += w;
    return loss;
  });
  if (reduction === "none") return perRow;
  return reduction === "sum" ? total : total / weightSum;
}
