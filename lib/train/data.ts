/**
 * The one place a dataset's labels are checked against the model's `id2label` and turned into
 * ids, for the Trainer.
 * @module
 */
import type { Dataset } from "../data/dataset.ts";
import type { BodyLevel } from "../encoders/body.ts";
import { ArgumentError } from "../errors.ts";
import type { TaskHead } from "../heads/model.ts";

/** The ignored label of token tasks (special tokens, padding, continuation pieces), as HF. */
export const IGNORE_INDEX = -100;

/** A label as a dataset may give it. */
export type LabelInput = number | string | (number | string)[];

/** Labels turned into ids, in the layout the loss wants. */
export type EncodedLabels =
  | { kind: "single"; ids: number[] }
  | { kind: "multi"; targets: number[][] }
  | { kind: "token"; ids: number[][] }
  | { kind: "regression"; values: number[] };

/**
 * Checks a dataset against a task head and encodes its labels; `where` names it in errors
 * (e.g. `trainDataset`). A dataset that carries `labelNames` must name the head's classes in
 * its `id2label` order, so that label `i` of the data is output `i` of the model. A
 * `task: "multi_label"` dataset's number lists are class ids (as loaded), any other dataset's
 * are multi-hot vectors.
 *
 * @example
 * ```ts
 * import { assert, assertThrows } from "@std/assert";
 * import { ArgumentError } from "../errors.ts";
 * import { encodeLabels } from "./data.ts";
 * const head = { id2label: { 0: "neg", 1: "pos" }, label2id: { neg: 0, pos: 1 }, numLabels: 2,
 *   problemType: "single_label_classification" as const };
 * const enc = encodeLabels({ inputs: [1, 2], labels: ["pos", 0] }, head, "sequence", "train");
 * assert(enc.kind === "single" && enc.ids.join() === "1,0");
 * const swapped = { inputs: [1], labels: [0], labelNames: ["pos", "neg"] };
 * assertThrows(() => encodeLabels(swapped, head, "sequence", "train"), ArgumentError, 'id2label ["neg","pos"]');
 * ```
 */
export function encodeLabels<I>(
  dataset: Dataset<I, LabelInput>,
  head: Pick<TaskHead, "id2label" | "label2id" | "numLabels" | "problemType">,
  level: BodyLevel,
  where: string,
  sequenceLengths?: number[],
): EncodedLabels {
  const { inputs, labels } = dataset ?? {};
  if (!Array.isArray(inputs) || !Array.isArray(labels)) {
    throw new ArgumentError(
      where,
      dataset,
      'has no arrays "inputs" and "labels"',
      "pass { inputs, labels } with one label per input",
    );
  }
  if (inputs.length === 0) {
    throw new ArgumentError(`${where}.inputs`, inputs, "is empty", "give at least one example");
  }
  if (inputs.length !== labels.length) {
    throw new ArgumentError(
      `${where}.labels`,
      labels,
      `has ${labels.length} labels for ${inputs.length} inputs`,
      "give one label per input",
    );
  }
  checkLabelNames(dataset.labelNames, head.id2label, where);
  const known = () =>
    Object.entries(head.id2label).map(([i, n]) => `${i}=${JSON.stringify(n)}`).join(", ");
  const toId = (y: unknown, at: string, allowIgnore: boolean): number => {
    if (typeof y === "string") {
      if (y in head.label2id) return head.label2id[y];
    } else if (typeof y === "number") {
      if (Number.isInteger(y) && y >= 0 && y < head.numLabels) return y;
      if (allowIgnore && y === IGNORE_INDEX) return y;
    }
    throw new ArgumentError(
      `${where}.labels${at}`,
      y,
      `is not in id2label (${known()})`,
      "use a label name or id of the model",
    );
  };
  if (level === "token") {
    return {
      kind: "token",
      ids: labels.map((row, i) => {
        if (!Array.isArray(row)) {
          throw new ArgumentError(
            `${where}.labels[${i}]`,
            row,
            "is not an array of labels",
            "give one label per token (-100 for tokens the loss skips)",
          );
        }
        if (sequenceLengths && row.length !== sequenceLengths[i]) {
          throw new ArgumentError(
            `${where}.labels[${i}]`,
            row,
            `has ${row.length} labels for ${sequenceLengths[i]} tokens`,
            "give one label per token, e.g. from alignLabels",
          );
        }
        return row.map((y, t) => toId(y, `[${i}][${t}]`, true));
      }),
    };
  }
  if (head.problemType === "regression") {
    return {
      kind: "regression",
      values: labels.map((y, i) => {
        if (typeof y !== "number" || !Number.isFinite(y)) {
          throw new ArgumentError(
            `${where}.labels[${i}]`,
            y,
            "is not a finite number",
            "give each example a numeric score",
          );
        }
        return y;
      }),
    };
  }
  if (head.problemType === "multi_label_classification") {
    const idLists = (dataset as { task?: unknown }).task === "multi_label";
    return {
      kind: "multi",
      targets: labels.map((row, i) => {
        if (!Array.isArray(row)) {
          throw new ArgumentError(
            `${where}.labels[${i}]`,
            row,
            "is not a multi-hot array or a list of names",
            'give e.g. [0, 1, 1] or ["sports", "politics"]',
          );
        }
        if (!idLists && row.every((y) => typeof y === "number")) {
          if (row.length !== head.numLabels || !row.every((y) => y === 0 || y === 1)) {
            throw new ArgumentError(
              `${where}.labels[${i}]`,
              row,
              `is not a multi-hot vector of ${head.numLabels} zeros and ones`,
              "give one 0 or 1 per class, or a list of class names",
            );
          }
          return row as number[];
        }
        const target = new Array<number>(head.numLabels).fill(0);
        row.forEach((y, k) => {
          const id = toId(y, `[${i}][${k}]`, false);
          // A class listed twice is a multi-hot row read as ids (e.g. [0, 1, 1]): refuse it
          // rather than train on the wrong classes.
          if (idLists && target[id] === 1) {
            throw new ArgumentError(
              `${where}.labels[${i}]`,
              row,
              `lists class ${JSON.stringify(y)} twice: a task "multi_label" dataset's rows are ` +
                "class ids (as loaded), not multi-hot vectors",
              "give each row the ids of its classes once, or drop task to pass multi-hot rows",
            );
          }
          target[id] = 1;
        });
        return target;
      }),
    };
  }
  return { kind: "single", ids: labels.map((y, i) => toId(y, `[${i}]`, false)) };
}

/** The dataset's class names must be the head's, in id order (a hint says how to make them so). */
function checkLabelNames(
  labelNames: string[] | undefined,
  id2label: Record<number, string>,
  where: string,
): void {
  if (labelNames === undefined) return;
  const modelNames = Object.keys(id2label).map(Number).sort((a, b) => a - b).map((i) =>
    id2label[i]
  );
  if (
    labelNames.length !== modelNames.length || labelNames.some((n, i) => n !== modelNames[i])
  ) {
    throw new ArgumentError(
      `${where}.labelNames`,
      labelNames,
      `are not the model's id2label ${
        JSON.stringify(modelNames)
      } (the same names in the same order)`,
      "create the model with labels: dataset.labelNames",
    );
  }
}
