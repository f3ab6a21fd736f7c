/**
 * Correlation coefficients for regression outputs (sentence-pair relatedness, STS): scipy's
 * `pearsonr` and `spearmanr` statistics.
 * @module
 */
import { ArgumentError } from "../errors.ts";

/** Throws unless `x` and `y` are equally long arrays of at least 2 finite numbers. */
function checkPair(fn: string, x: readonly number[], y: readonly number[]): void {
  for (const [name, v] of [["x", x], ["y", y]] as const) {
    if (!Array.isArray(v)) {
      throw new ArgumentError(name, v, `is not an array (${fn})`, "pass an array of numbers");
    }
    const bad = v.findIndex((e) => typeof e !== "number" || !Number.isFinite(e));
    if (bad >= 0) {
      throw new ArgumentError(
        `${name}[${bad}]`,
        v[bad],
        `is not a finite number (${fn})`,
        "drop or fix that pair",
      );
    }
  }
  if (x.length !== y.length) {
    throw new ArgumentError(
      "y.length",
      y.length,
      `x has ${x.length} values but y has ${y.length} (${fn})`,
      "pass equal lengths",
    );
  }
  if (x.length < 2) {
    throw new ArgumentError(
      "x.length",
      x.length,
      `${fn} needs at least 2 values`,
      "pass two or more pairs",
    );
  }
}

function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  // scipy returns nan (with a ConstantInputWarning) when either input is constant
  if (sxx === 0 || syy === 0) return NaN;
  // rounding can push |r| a hair past 1; scipy clips the same way
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Pearson's correlation coefficient r of `x` and `y` (`scipy.stats.pearsonr(x, y).statistic`).
 * NaN when either input is constant, as in scipy.
 *
 * @example
 * ```ts
 * import { pearsonCorrelation } from "./correlation.ts";
 * console.log(pearsonCorrelation([1, 2, 3, 4], [1, 3, 2, 5]).toFixed(4)); // "0.8315"
 * ```
 */
export function pearsonCorrelation(x: readonly number[], y: readonly number[]): number {
  checkPair("pearsonCorrelation", x, y);
  return pearson(x, y);
}

/**
 * 1-based ranks of `values`, tied values sharing the average of their ranks
 * (`scipy.stats.rankdata(values, method="average")`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { rankData } from "./correlation.ts";
 * assertEquals(rankData([10, 20, 10, 30]), [1.5, 3, 1.5, 4]);
 * ```
 */
export function rankData(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    const average = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = average;
    start = end;
  }
  return ranks;
}

/**
 * Spearman's rank correlation ρ of `x` and `y` (`scipy.stats.spearmanr(x, y).statistic`): the
 * Pearson correlation of their average ranks, so ties share a rank. NaN when either input is
 * constant, as in scipy.
 *
 * @example
 * ```ts
 * import { spearmanCorrelation } from "./correlation.ts";
 * console.log(spearmanCorrelation([1, 2, 3, 4], [1, 3, 2, 5]).toFixed(4)); // "0.8000"
 * console.log(spearmanCorrelation([1, 2, 2, 3], [2, 4, 4, 9]).toFixed(4)); // "1.0000"
 * ```
 */
export function spearmanCorrelation(x: readonly number[], y: readonly number[]): number {
  checkPair("spearmanCorrelation", x, y);
  return pearson(rankData(x), rankData(y));
}
