/**
 * Temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural Networks"): one scalar
 * T > 0 divides every logit; T is fitted on a validation set by minimising the negative
 * log-likelihood, which leaves every arg-max (so accuracy) unchanged and only moves confidence.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { scaledSoftmax } from "../softmax.ts";

/** The range {@link fitTemperature} searches; an optimum outside it is returned as the bound. */
export const TEMPERATURE_BOUNDS = [0.01, 100] as const;

function checkLogits(fn: string, logits: readonly (readonly number[])[]): number {
  if (!Array.isArray(logits) || logits.length === 0) {
    throw new ArgumentError(
      "logits",
      logits,
      `${fn} needs a non-empty array of rows`,
      "give one row of logits per sample",
    );
  }
  const k = Array.isArray(logits[0]) ? logits[0].length : 0;
  if (k < 2) {
    throw new ArgumentError(
      "logits[0]",
      logits[0],
      `${fn} needs at least 2 classes, got ${k}`,
      "give one logit per class",
    );
  }
  logits.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== k) {
      throw new ArgumentError(
        `logits[${i}]`,
        row,
        `${fn} needs a row of ${k} numbers`,
        "give every row one logit per class",
      );
    }
    const bad = row.findIndex((v) => typeof v !== "number" || !Number.isFinite(v));
    if (bad >= 0) {
      throw new ArgumentError(
        `logits[${i}][${bad}]`,
        row[bad],
        `is not finite (${fn})`,
        "fix or drop that sample",
      );
    }
  });
  return k;
}

function checkTemperature(fn: string, temperature: number): void {
  if (!(typeof temperature === "number" && temperature > 0 && Number.isFinite(temperature))) {
    throw new ArgumentError(
      "temperature",
      temperature,
      `is not a finite number > 0 (${fn})`,
      "use e.g. 1.5 from fitTemperature",
    );
  }
}

/**
 * Class probabilities `softmax(logits / temperature)`, row by row.
 *
 * @example
 * ```ts
 * import { temperatureScale } from "./temperature.ts";
 * const [p] = temperatureScale([[2, 0]], 2);
 * console.log(p.map((v) => v.toFixed(4)).join(" ")); // "0.7311 0.2689"
 * ```
 */
export function temperatureScale(
  logits: readonly (readonly number[])[],
  temperature: number,
): number[][] {
  checkLogits("temperatureScale", logits);
  checkTemperature("temperatureScale", temperature);
  return logits.map((row) => scaledSoftmax(row, 1 / temperature));
}

/**
 * Mean negative log-likelihood of `labels` under `softmax(logits / temperature)`
 * (`torch.nn.functional.cross_entropy(logits / T, labels)`).
 *
 * @example
 * ```ts
 * import { temperatureNll } from "./temperature.ts";
 * console.log(temperatureNll([[0, 0]], [1], 1).toFixed(4)); // "0.6931"
 * ```
 */
export function temperatureNll(
  logits: readonly (readonly number[])[],
  labels: readonly number[],
  temperature: number,
): number {
  const k = checkLogits("temperatureNll", logits);
  checkLabels("temperatureNll", labels, logits.length, k);
  checkTemperature("temperatureNll", temperature);
  return nll(logits, labels, 1 / temperature);
}

function checkLabels(fn: string, labels: readonly number[], n: number, k: number): void {
  if (!Array.isArray(labels) || labels.length !== n) {
    throw new ArgumentError(
      "labels",
      labels,
      `${fn} needs one class id per logits row (${n})`,
      "give one label per row of logits",
    );
  }
  const bad = labels.findIndex((y) => !Number.isInteger(y) || y < 0 || y >= k);
  if (bad >= 0) {
    throw new ArgumentError(
      `labels[${bad}]`,
      labels[bad],
      `is not a class id in 0…${k - 1} (${fn})`,
      "map labels to class ids first",
    );
  }
}

function nll(logits: readonly (readonly number[])[], labels: readonly number[], beta: number) {
  let total = 0;
  logits.forEach((row, i) => {
    const max = Math.max(...row);
    const lse = Math.log(row.reduce((s, v) => s + Math.exp(beta * (v - max)), 0));
    total += lse - beta * (row[labels[i]] - max);
  });
  return total / logits.length;
}

/** d NLL / d β at β = 1/T: mean over rows of E_p[z] − z_y, increasing in β (NLL is convex). */
function slope(logits: readonly (readonly number[])[], labels: readonly number[], beta: number) {
  let total = 0;
  logits.forEach((row, i) => {
    const p = scaledSoftmax(row, beta);
    total += row.reduce((s, v, c) => s + p[c] * v, 0) - row[labels[i]];
  });
  return total / logits.length;
}

/**
 * The temperature T that minimises the validation NLL of `softmax(logits / T)` (Guo et al.
 * 2017). The NLL is convex in β = 1/T, so its slope is bisected in β to full double precision
 * (T to far better than 1e-4 relative). Searched in {@link TEMPERATURE_BOUNDS}: a set the model
 * already separates perfectly drives T towards 0 and returns the lower bound.
 *
 * @example
 * ```ts
 * import { fitTemperature } from "./temperature.ts";
 * // over-confident: large logits, a third of them wrong
 * const logits = [[4, 0], [4, 0], [0, 4], [0, 4], [4, 0], [0, 4]];
 * const labels = [0, 0, 1, 1, 1, 0];
 * console.log(fitTemperature(logits, labels).toFixed(4)); // "5.7708"
 * ```
 */
export function fitTemperature(
  logits: readonly (readonly number[])[],
  labels: readonly number[],
): number {
  const k = checkLogits("fitTemperature", logits);
  checkLabels("fitTemperature", labels, logits.length, k);
  const [tMin, tMax] = TEMPERATURE_BOUNDS;
  let lo = 1 / tMax, hi = 1 / tMin;
  if (slope(logits, labels, lo) >= 0) return tMax;
  if (slope(logits, labels, hi) <= 0) return tMin;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (slope(logits, labels, mid) < 0) lo = mid;
    else hi = mid;
  }
  return 2 / (lo + hi);
}
