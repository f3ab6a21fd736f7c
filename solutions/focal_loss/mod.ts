/**
 * Reference solution of exercises/focal_loss (see the exercise for the task).
 * @module
 */

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

/** log-softmax of one row, stable for large logits. */
export function logSoftmax(row: number[]): number[] {
  const max = Math.max(...row);
  const lse = max + Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
  return row.map((x) => x - lse);
}

/** The softmax focal loss of `logits` (N × C) against class ids `targets` (N). */
export function focalLoss(
  logits: number[][],
  targets: number[],
  { gamma = 2, alpha, ignoreIndex = -100, reduction = "mean" }: FocalOptions = {},
): number | number[] {
  if (!(gamma >= 0)) throw new Error(`focalLoss: gamma must be >= 0, got ${gamma}`);
  const perRow = logits.map((row, i) => {
    const t = targets[i];
    if (t === ignoreIndex) return 0;
    if (!Number.isInteger(t) || t < 0 || t >= row.length) {
      throw new Error(`focalLoss: targets[${i}] = ${t} is not a class index in [0, ${row.length})`);
    }
    const logp = logSoftmax(row)[t];
    return -(alpha ? alpha[t] : 1) * (1 - Math.exp(logp)) ** gamma * logp;
  });
  if (reduction === "none") return perRow;
  const sum = perRow.reduce((s, x) => s + x, 0);
  if (reduction === "sum") return sum;
  return sum / targets.filter((t) => t !== ignoreIndex).length;
}
