/**
 * Make a dataset as imbalanced as you ask: keep every example of the other classes and only as
 * many of one class as give it the wanted share. How the chapter's ratios (5 %, 1 %, 0.1 %
 * positives) are built from a less skewed dataset.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { Random } from "../random.ts";

/** Options of {@link subsampleMinority}. */
export interface SubsampleMinorityOptions {
  /** The class to thin out (default 1, the positive class). */
  minority?: number;
  /** Seed of the draw (default 42). */
  seed?: number;
}

/**
 * Row indices that keep every row of the other classes and `round(share · others / (1 − share))`
 * rows of `minority` (at least one), drawn at random, so that the minority makes up `share` of
 * the result. Rows come back in their original order. Asking for more minority rows than there
 * are is an error.
 *
 * @param labels one class id per row.
 * @param share the minority's wanted share of the result, in (0, 1).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { subsampleMinority } from "./minority_share.ts";
 * const labels = [...Array(990).fill(0), ...Array(100).fill(1)];
 * const rows = subsampleMinority(labels, 0.01, { seed: 0 });
 * assertEquals(rows.length, 1000); // 990 of class 0, 10 of class 1
 * assertEquals(rows.filter((i) => labels[i] === 1).length, 10);
 * ```
 */
export function subsampleMinority(
  labels: readonly number[],
  share: number,
  { minority = 1, seed = 42 }: SubsampleMinorityOptions = {},
): number[] {
  const fn = "subsampleMinority";
  if (!Array.isArray(labels) || labels.length === 0) {
    throw new ArgumentError(
      "labels",
      labels,
      `${fn} needs a non-empty array of class ids`,
      "pass the training labels",
    );
  }
  if (!(share > 0 && share < 1)) {
    throw new ArgumentError("share", share, `is not in (0, 1) (${fn})`, "use e.g. 0.05");
  }
  const mine: number[] = [];
  let others = 0;
  labels.forEach((y, i) => (y === minority ? mine.push(i) : others++));
  if (mine.length === 0) {
    throw new ArgumentError(
      "minority",
      minority,
      `no row has this class (${fn})`,
      "pass a class that occurs in labels",
    );
  }
  if (others === 0) {
    throw new ArgumentError(
      "minority",
      minority,
      `every row has this class (${fn})`,
      "pass labels with other classes too",
    );
  }
  const keep = Math.max(1, Math.round((share * others) / (1 - share)));
  if (keep > mine.length) {
    throw new ArgumentError(
      "share",
      share,
      `needs ${keep} rows of class ${minority}, but there are only ${mine.length} (${fn})`,
      "use a smaller share",
    );
  }
  const kept = new Set(new Random(seed).shuffle([...mine]).slice(0, keep));
  return labels.flatMap((y, i) => (y !== minority || kept.has(i) ? [i] : []));
}
