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
