/**
 * Label maps as Hugging Face configs carry them (`id2label`, `label2id`), validated once.
 * @module
 */
import { ArgumentError } from "../errors.ts";

/**
 * Single-label (softmax, one class), multi-label (sigmoid, any subset) or regression (one real
 * output per label, mean squared error: Hugging Face's `problem_type="regression"`).
 */
export type ProblemType =
  | "single_label_classification"
  | "multi_label_classification"
  | "regression";

/** Both directions of a label map. */
export interface LabelMaps {
  /** Index → name, for `0 … numLabels-1`. */
  id2label: Record<number, string>;
  /** Name → index. */
  label2id: Record<string, number>;
}

/**
 * Builds both maps from a list of names or an `id2label` object with keys `0 … n-1`; rejects
 * gaps, duplicates and empty label sets.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { labelMaps } from "./labels.ts";
 * const { id2label, label2id } = labelMaps(["negative", "positive"]);
 * assert(id2label[1] === "positive" && label2id.negative === 0);
 * ```
 */
export function labelMaps(labels: string[] | Record<number, string>): LabelMaps {
  if (typeof labels !== "object" || labels === null) {
    throw new ArgumentError(
      "labels",
      labels,
      "is not a list of label names or an id2label object",
      'pass e.g. ["neg", "pos"] or { 0: "neg", 1: "pos" }',
    );
  }
  const names = Array.isArray(labels) ? labels : idsToList(labels);
  if (names.length === 0) {
    throw new ArgumentError("labels", labels, "holds no label", "give at least one label name");
  }
  const id2label: Record<number, string> = {};
  const label2id: Record<string, number> = {};
  names.forEach((name, i) => {
    if (typeof name !== "string" || name === "") {
      throw new ArgumentError(
        `labels[${i}]`,
        name,
        "is not a non-empty string",
        "name every label",
      );
    }
    if (name in label2id) {
      throw new ArgumentError(`labels[${i}]`, name, "appears twice", "give each label once");
    }
    id2label[i] = name;
    label2id[name] = i;
  });
  return { id2label, label2id };
}

/**
 * Checks that `problemType` is one of the three names Hugging Face uses.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { checkProblemType } from "./labels.ts";
 * assert(checkProblemType("multi_label_classification") === "multi_label_classification");
 * ```
 */
export function checkProblemType(problemType: string): ProblemType {
  if (
    problemType !== "single_label_classification" &&
    problemType !== "multi_label_classification" && problemType !== "regression"
  ) {
    throw new ArgumentError(
      "problemType",
      problemType,
      "is not a problem type",
      'use "single_label_classification", "multi_label_classification" or "regression"',
    );
  }
  return problemType;
}

function idsToList(id2label: Record<number, string>): string[] {
  const keys = Object.keys(id2label).map(Number).sort((a, b) => a - b);
  keys.forEach((k, i) => {
    if (k !== i) {
      throw new ArgumentError(
        "labels",
        id2label,
        `id2label keys must be 0 … ${keys.length - 1}, found key ${k}`,
        "number the labels 0, 1, 2, … without gaps",
      );
    }
  });
  return keys.map((k) => id2label[k]);
}
