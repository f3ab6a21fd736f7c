/**
 * Summaries of a metric over several runs (seeds, repeated timings): mean and standard
 * deviation, the "mean ± std" string a results table prints, and the median.
 * @module
 */
import { ArgumentError } from "../errors.ts";

/** Mean, sample standard deviation and number of runs. */
export interface MeanStd {
  /** Arithmetic mean. */
  mean: number;
  /** Standard deviation with `ddof` degrees of freedom removed (0 for a single run). */
  std: number;
  /** Number of values. */
  n: number;
}

/** Throws unless `values` is a non-empty array of finite numbers. */
function checkValues(fn: string, values: readonly number[]): void {
  if (!Array.isArray(values) || values.length === 0) {
    throw new ArgumentError(
      "values",
      values,
      `${fn} needs a non-empty array of numbers`,
      "pass one number per run",
    );
  }
  const bad = values.findIndex((v) => typeof v !== "number" || !Number.isFinite(v));
  if (bad >= 0) {
    throw new ArgumentError(
      `values[${bad}]`,
      values[bad],
      `is not a finite number (${fn})`,
      "drop or fix that value",
    );
  }
}

/**
 * Mean and standard deviation of `values`; `ddof` 1 (default) is the sample standard
 * deviation (pandas' `std`, NumPy's `std(ddof=1)`), 0 the population one.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { meanStd } from "./summary.ts";
 * const { mean, std, n } = meanStd([2, 4, 4, 4, 5, 5, 7, 9]);
 * assert(mean === 5 && n === 8 && Math.abs(std - 2.138089935) < 1e-9);
 * assertEquals(meanStd([2, 4, 4, 4, 5, 5, 7, 9], { ddof: 0 }).std, 2);
 * ```
 */
export function meanStd(values: readonly number[], { ddof = 1 }: { ddof?: number } = {}): MeanStd {
  checkValues("meanStd", values);
  if (!(ddof === 0 || ddof === 1)) {
    throw new ArgumentError("ddof", ddof, "must be 0 or 1", "use 1 (sample) or 0 (population)");
  }
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n - ddof <= 0) return { mean, std: 0, n };
  const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { mean, std: Math.sqrt(ss / (n - ddof)), n };
}

/**
 * `"mean ± std"` of `values` times `scale` (default 100: scores as percentage points), with
 * `digits` decimals (default 1).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatMeanStd } from "./summary.ts";
 * assertEquals(formatMeanStd([0.8, 0.82, 0.84]), "82.0 ± 2.0");
 * ```
 */
export function formatMeanStd(
  values: readonly number[],
  { scale = 100, digits = 1 }: { scale?: number; digits?: number } = {},
): string {
  const { mean, std } = meanStd(values);
  return `${(mean * scale).toFixed(digits)} ± ${(std * scale).toFixed(digits)}`;
}

/**
 * The median of `values`, as NumPy's `median`: the middle value of the sorted values, or the
 * mean of the two middle ones when their number is even. `values` is not reordered.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { median } from "./summary.ts";
 * assertEquals(median([3, 1, 2]), 2);
 * assertEquals(median([4, 1, 3, 2]), 2.5); // not 3, the upper of the two middle values
 * ```
 */
export function median(values: readonly number[]): number {
  checkValues("median", values);
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
