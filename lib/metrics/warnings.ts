/**
 * scikit-learn's `UndefinedMetricWarning`, as `console.warn`: each distinct message at most once
 * per public metric call (Python shows a repeated warning once, too).
 * @module
 */

/**
 * Collects the warnings of one metric call and prints each distinct one once.
 *
 * @example
 * ```ts
 * import { MetricWarnings } from "./warnings.ts";
 * const w = new MetricWarnings();
 * w.add("Precision is ill-defined");
 * w.add("Precision is ill-defined");
 * w.flush(); // one console.warn
 * ```
 */
export class MetricWarnings {
  #messages = new Set<string>();

  /** Records a warning message under a Python warning class name. */
  add(message: string, category = "UndefinedMetricWarning"): void {
    this.#messages.add(`${category}: ${message}`);
  }

  /** Prints every distinct message once, prefixed as Python prints the warning class. */
  flush(): void {
    for (const m of this.#messages) console.warn(m);
    this.#messages.clear();
  }
}

/** A ratio that can be ill-defined and warn about it (scikit-learn's and seqeval's `warn_for`). */
export type Metric = "precision" | "recall" | "f-score";

/**
 * Records scikit-learn's ill-defined-metric warning. `samplewise` (average `"samples"`) swaps
 * the axes of the message: it names labels with no samples, else samples with no labels.
 *
 * @example
 * ```ts
 * import { MetricWarnings, warnIllDefined } from "./warnings.ts";
 * const w = new MetricWarnings();
 * warnIllDefined(w, "Precision is", "predicted", 3); // "... in labels with no predicted samples ..."
 * w.flush();
 * ```
 */
export function warnIllDefined(
  warnings: MetricWarnings,
  msgStart: string,
  modifier: string,
  size: number,
  samplewise = false,
): void {
  const [axis0, axis1] = samplewise ? ["label", "sample"] : ["sample", "label"];
  const where = size === 1 ? "due to" : `in ${axis1}s with`;
  warnings.add(
    `${msgStart} ill-defined and being set to 0.0 ${where} no ${modifier} ${axis0}s. ` +
      "Use `zero_division` parameter to control this behavior.",
  );
}

/**
 * `num / den` element-wise, with `zeroDivision` where `den` is 0 (0 for `"warn"`), warning as
 * scikit-learn's `_prf_divide` does when `metric` is in `warnFor`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { MetricWarnings, prfDivide } from "./warnings.ts";
 * const w = new MetricWarnings();
 * assertEquals(prfDivide([1, 0], [2, 0], "precision", "predicted", ["precision"], 1, w), [0.5, 1]);
 * ```
 */
export function prfDivide(
  num: readonly number[],
  den: readonly number[],
  metric: Metric,
  modifier: string,
  warnFor: readonly Metric[],
  zeroDivision: "warn" | number,
  warnings: MetricWarnings,
  samplewise = false,
): number[] {
  const fill = zeroDivision === "warn" ? 0 : zeroDivision;
  const out = num.map((x, i) => den[i] === 0 ? fill : x / den[i]);
  if (zeroDivision === "warn" && warnFor.includes(metric) && den.some((d) => d === 0)) {
    const name = metric[0].toUpperCase() + metric.slice(1);
    const msgStart = warnFor.includes("f-score") ? `${name} and F-score are` : `${name} is`;
    warnIllDefined(warnings, msgStart, modifier, out.length, samplewise);
  }
  return out;
}
