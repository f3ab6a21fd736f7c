/**
 * How the classes of a dataset are distributed: the first thing to look at before choosing a
 * loss, class weights or a metric (the chapter's section on class imbalance).
 * @module
 */
import { ArgumentError } from "../errors.ts";
import type { TaskDataset } from "./dataset.ts";

/** Counts and shares per class, from {@linkcode classDistribution}. */
export interface ClassDistribution {
  /** The class names, in label order. */
  labelNames: string[];
  /** `counts[k]`: examples of class `k` (multi-label: examples that carry it; token: words). */
  counts: number[];
  /** `counts[k] / total`. */
  fractions: number[];
  /** The number of examples (token datasets: words). */
  total: number;
  /** What is counted: `"examples"`, or `"tokens"` for token datasets. */
  unit: "examples" | "tokens";
  /** Mean classes per example (multi-label only; the chapter's scenario has 2.3). */
  labelsPerExample?: number;
}

/**
 * The count and fraction of each class. For a multi-label dataset a fraction is the share of
 * examples that carry the class, so the fractions add up to `labelsPerExample`, not 1.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { classDistribution } from "./distribution.ts";
 * const d = classDistribution({ name: "toy", split: "train", task: "single_label", labelNames: ["ham", "spam"],
 *   inputs: ["a", "b", "c", "d"], labels: [0, 0, 0, 1] });
 * assert(d.counts.join() === "3,1" && d.fractions[1] === 0.25);
 * ```
 */
export function classDistribution(dataset: TaskDataset): ClassDistribution {
  const counts = dataset.labelNames.map(() => 0);
  const add = (label: number) => {
    if (counts[label] === undefined) {
      throw new ArgumentError(
        `${dataset.name}.labels`,
        label,
        "holds a label that is not an index into labelNames",
        "give labels as indices 0 … labelNames.length - 1",
      );
    }
    counts[label]++;
  };
  let total = 0;
  let assigned = 0;
  switch (dataset.task) {
    case "single_label":
    case "pair":
      dataset.labels.forEach(add);
      total = dataset.labels.length;
      break;
    case "multi_label":
      dataset.labels.forEach((ls) => {
        ls.forEach(add);
        assigned += ls.length;
      });
      total = dataset.labels.length;
      break;
    case "token":
      dataset.labels.forEach((ls) => {
        ls.forEach(add);
        total += ls.length;
      });
      break;
  }
  return {
    labelNames: dataset.labelNames.slice(),
    counts,
    fractions: counts.map((c) => (total === 0 ? 0 : c / total)),
    total,
    unit: dataset.task === "token" ? "tokens" : "examples",
    ...(dataset.task === "multi_label"
      ? { labelsPerExample: total === 0 ? 0 : assigned / total }
      : {}),
  };
}

/**
 * A plain-text table of a distribution: one line per class with count and percentage, then the
 * total (and labels per example for multi-label data).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { classDistribution, formatClassDistribution } from "./distribution.ts";
 * const text = formatClassDistribution(classDistribution({ name: "toy", split: "train", task: "single_label",
 *   labelNames: ["ham", "spam"], inputs: ["a", "b", "c", "d"], labels: [0, 0, 0, 1] }));
 * assert(text.includes("spam") && text.includes("25.00%"));
 * ```
 */
export function formatClassDistribution(dist: ClassDistribution): string {
  const width = Math.max(5, ...dist.labelNames.map((n) => n.length));
  const countWidth = Math.max(5, String(dist.total).length);
  const lines = [
    `${"label".padEnd(width)}  ${"count".padStart(countWidth)}  ${"share".padStart(7)}`,
    ...dist.labelNames.map((name, k) =>
      `${name.padEnd(width)}  ${String(dist.counts[k]).padStart(countWidth)}  ${
        (100 * dist.fractions[k]).toFixed(2).padStart(6)
      }%`
    ),
    `${"total".padEnd(width)}  ${String(dist.total).padStart(countWidth)}  ${dist.unit}`,
  ];
  if (dist.labelsPerExample !== undefined) {
    lines.push(`labels per example: ${dist.labelsPerExample.toFixed(2)}`);
  }
  return lines.join("\n");
}
