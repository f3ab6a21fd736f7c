/**
 * Grouped bars with error bars: a mean over seeds and its spread, the way results over several
 * runs should be shown. Built on {@linkcode barChart}.
 * @module
 */
import { barChart, type Figure, type PlotOptions } from "./plot.ts";

/** One group of bars: a value per category and the half-length of its error bar. */
export interface ErrorBarGroup {
  /** Legend entry, e.g. a loss or a strategy. */
  name: string;
  /** Bar heights (e.g. means over seeds), one per category. */
  values: ArrayLike<number>;
  /** Error bar half-lengths (e.g. standard deviations), one per category, each >= 0. */
  errors: ArrayLike<number>;
}

/**
 * Grouped bars, each with a symmetric error bar (plotly's `error_y`).
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { errorBarChart } from "./plot_error_bars.ts";
 * const fig = errorBarChart(["5 %", "1 %"], [
 *   { name: "cross-entropy", values: [0.8, 0.5], errors: [0.02, 0.1] },
 *   { name: "focal", values: [0.82, 0.55], errors: [0.03, 0.08] },
 * ], { yTitle: "minority F1" });
 * assert(fig.data.length === 2 && fig.layout.barmode === "group");
 * assertEquals((fig.data[1].error_y as { array: number[] }).array[1], 0.08);
 * ```
 */
export function errorBarChart(
  categories: string[],
  groups: ErrorBarGroup[],
  options: PlotOptions = {},
): Figure {
  const errors = groups.map((g, i) => {
    const e = Array.from(g.errors ?? [], Number);
    if (e.length !== categories.length) {
      throw new Error(
        `groups[${i}] (${g.name}) errors and categories: lengths differ ` +
          `(${e.length} vs ${categories.length})`,
      );
    }
    const bad = e.findIndex((x) => !(Number.isFinite(x) && x >= 0));
    if (bad >= 0) {
      throw new Error(`groups[${i}].errors[${bad}] must be a finite number >= 0, got ${e[bad]}`);
    }
    return e;
  });
  const fig = barChart(categories, groups, options);
  fig.data.forEach((trace, i) => {
    trace.error_y = { type: "data", array: errors[i], visible: true };
  });
  return fig;
}
