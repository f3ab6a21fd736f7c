/**
 * Oversampling for multi-label data: repeat the documents that carry a rare tag. A document has
 * several tags, so the single-label samplers (one class per row) do not apply; the chapter's
 * compliance team "oversampled rare categories by 3x" this way.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { Random } from "../random.ts";

/** Options of {@link oversampleRareLabels}. */
export interface OversampleRareLabelsOptions {
  /** How many times a row with a rare tag appears in the result (default 3). */
  factor?: number;
  /**
   * Which tags are rare: tag ids, or a prevalence (a fraction of rows) at or below which a tag
   * is rare (default 0.05).
   */
  rare?: number[] | number;
  /** Seed of the final shuffle (default 42). */
  seed?: number;
}

/**
 * Row indices of an oversampled epoch: every row once, and every row that carries at least one
 * rare tag `factor` times in all, shuffled.
 *
 * @param targets one multi-hot row (0/1 per tag) per document.
 * @returns row indices (with repeats), in a seeded random order.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { oversampleRareLabels } from "./multilabel_oversample.ts";
 * const targets = [[1, 0], [1, 0], [1, 0], [1, 1]]; // tag 1 on one document of four
 * const rows = oversampleRareLabels(targets, { factor: 3, rare: 0.25, seed: 0 });
 * assert(rows.length === 6 && rows.filter((i) => i === 3).length === 3);
 * ```
 */
export function oversampleRareLabels(
  targets: readonly (readonly number[])[],
  { factor = 3, rare = 0.05, seed = 42 }: OversampleRareLabelsOptions = {},
): number[] {
  const fn = "oversampleRareLabels";
  if (!Array.isArray(targets) || targets.length === 0) {
    throw new ArgumentError(
      "targets",
      targets,
      `${fn} needs a non-empty array of multi-hot rows`,
      "give one 0/1 row per example",
    );
  }
  const width = targets[0]?.length;
  targets.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== width || row.some((x) => x !== 0 && x !== 1)) {
      throw new ArgumentError(
        `targets[${i}]`,
        row,
        `is not a multi-hot row of ${width} 0/1 values (${fn})`,
        "give every row one 0/1 value per tag",
      );
    }
  });
  if (!Number.isInteger(factor) || factor < 1) {
    throw new ArgumentError("factor", factor, `is not an integer >= 1 (${fn})`, "use e.g. 3");
  }
  let rareTags: number[];
  if (Array.isArray(rare)) {
    rare.forEach((t, k) => {
      if (!Number.isInteger(t) || t < 0 || t >= width) {
        throw new ArgumentError(
          `rare[${k}]`,
          t,
          `is not a tag id in [0, ${width}) (${fn})`,
          "give column indices of targets",
        );
      }
    });
    rareTags = rare;
  } else {
    if (!(rare >= 0 && rare <= 1)) {
      throw new ArgumentError(
        "rare",
        rare,
        `is not tag ids or a prevalence in [0, 1] (${fn})`,
        "use e.g. 0.05",
      );
    }
    rareTags = [];
    for (let t = 0; t < width; t++) {
      const count = targets.reduce((s, row) => s + row[t], 0);
      if (count / targets.length <= rare) rareTags.push(t);
    }
  }
  const rows: number[] = [];
  targets.forEach((row, i) => {
    const times = rareTags.some((t) => row[t] === 1) ? factor : 1;
    for (let k = 0; k < times; k++) rows.push(i);
  });
  return new Random(seed).shuffle(rows);
}
