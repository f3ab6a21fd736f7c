/**
 * The kit's one dataset type: one split of one dataset, held in memory as parallel arrays, as
 * data loading gives it, the Trainer trains on it and SetFit learns from it.
 *
 * A {@linkcode Dataset} is `inputs` (what the model reads: texts, pairs, words, or features
 * computed from them) and `labels`, with the class names when the data has them. The loaders'
 * datasets add `task`, which says what `inputs` and `labels` hold:
 * - `"single_label"`: `inputs[i]` has one class, `labels[i]` (an index into `labelNames`);
 * - `"multi_label"`: `inputs[i]` has zero or more classes, `labels[i]` is the list of their indices;
 * - `"pair"`: `inputs[i]` is `[premise, hypothesis]` (or `[sentence1, sentence2]`), one class;
 * - `"token"`: `inputs[i]` is a pre-split sentence, `labels[i][j]` the tag index of word `j`.
 *
 * {@linkcode withInputs} swaps the texts for what a model reads (embeddings, features) and
 * keeps everything else, so the class names travel with the data into the model's config.
 * @module
 */

import { ArgumentError } from "../errors.ts";

/**
 * Examples and their labels, index by index, as Hugging Face's `Dataset` holds columns. A label
 * given to the Trainer is, by task: single-label — an id or a name; regression — a real number;
 * multi-label — a multi-hot vector, or a list of ids or names; token — one id or name per token.
 */
export interface Dataset<I = unknown, L = unknown> {
  /** One input per example (a text, a pair of texts, words, a feature vector…). */
  inputs: I[];
  /** One label per example. */
  labels: L[];
  /** The class (or tag) names, id → name; integer labels are indices into this list. */
  labelNames?: string[];
  /** The name it was loaded by, e.g. `"sst2"` or `"kit/sentiment"`. */
  name?: string;
  /** `"train"`, `"validation"` or `"test"` (or a name given by the caller). */
  split?: string;
}

/** The four shapes of a labelled dataset. */
export type DatasetTask = "single_label" | "multi_label" | "pair" | "token";

/** What every loaded dataset carries beyond inputs and labels: its name, split and class names. */
export interface LoadedDataset<I, L> extends Dataset<I, L> {
  /** The name it was loaded by, e.g. `"sst2"` or `"kit/sentiment"`. */
  name: string;
  /** `"train"`, `"validation"` or `"test"` (or a name given by the caller). */
  split: string;
  /** The class (or tag) names; labels are indices into this list. */
  labelNames: string[];
}

/** One text, one class. */
export interface SingleLabelDataset<I = string> extends LoadedDataset<I, number> {
  /** Discriminant. */
  task: "single_label";
}

/** One text, any number of classes. */
export interface MultiLabelDataset<I = string> extends LoadedDataset<I, number[]> {
  /** Discriminant. */
  task: "multi_label";
}

/** Two texts, one class (NLI, paraphrase); `inputs[i]` is `[first, second]`. */
export interface PairDataset<I = [string, string]> extends LoadedDataset<I, number> {
  /** Discriminant. */
  task: "pair";
  /** A real score per pair where the data has one: SICK's relatedness, 1 to 5 (local copy). */
  relatedness?: number[];
}

/** Pre-split words, one tag per word (NER); `labels[i][j]` tags word `j` of `inputs[i]`. */
export interface TokenDataset<I = string[]> extends LoadedDataset<I, number[]> {
  /** Discriminant. */
  task: "token";
}

/** Any of the four dataset shapes as loaded; narrow it with `task`. */
export type TaskDataset = SingleLabelDataset | MultiLabelDataset | PairDataset | TokenDataset;

/** `D` with its inputs of type `J` (each member of a union keeps its own `task` and columns). */
export type WithInputs<D, J> = D extends Dataset ? Omit<D, "inputs"> & { inputs: J[] } : never;

/**
 * The number of examples.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { numRows } from "./dataset.ts";
 * assert(numRows({ inputs: ["a", "b"], labels: [0, 1] }) === 2);
 * ```
 */
export function numRows(dataset: Dataset): number {
  return dataset.labels.length;
}

/**
 * A new dataset with the examples at `indices`, in that order (like Hugging Face
 * `Dataset.select`). An index out of range is an error.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { selectRows } from "./dataset.ts";
 * const ds = { name: "toy", split: "train", task: "single_label" as const, inputs: ["a", "b", "c"], labels: [0, 1, 0], labelNames: ["x", "y"] };
 * assert(selectRows(ds, [2, 0]).inputs.join() === "c,a");
 * ```
 */
export function selectRows<D extends Dataset>(dataset: D, indices: readonly number[]): D {
  const n = numRows(dataset);
  indices.forEach((i, k) => {
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new ArgumentError(
        `indices[${k}]`,
        i,
        `is not a row of ${dataset.name ?? "the dataset"} (${n} rows)`,
        n > 0 ? `use an integer from 0 to ${n - 1}` : "select from a dataset with rows",
      );
    }
  });
  const pick = <T>(xs: T[]): T[] => indices.map((i) => xs[i]);
  const out = { ...dataset, inputs: pick(dataset.inputs), labels: pick(dataset.labels) };
  if ("relatedness" in dataset && Array.isArray(dataset.relatedness)) {
    (out as { relatedness?: number[] }).relatedness = pick(dataset.relatedness);
  }
  return out;
}

/**
 * The same dataset with `inputs` replaced: the kit's analogue of Hugging Face `dataset.map`
 * adding the model's columns. Labels, `labelNames`, name, split and extra columns (a pair
 * dataset's `relatedness`) stay, so the class names go with the embeddings into the Trainer.
 * `inputs` must have one entry per example.
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { withInputs } from "./dataset.ts";
 * const ds = { name: "toy", split: "train", task: "single_label" as const, inputs: ["good", "bad"], labels: [1, 0], labelNames: ["neg", "pos"] };
 * const embedded = withInputs(ds, [new Float32Array([0.9]), new Float32Array([0.1])]);
 * assertEquals(embedded.labelNames, ["neg", "pos"]);
 * assertEquals(embedded.labels, [1, 0]);
 * assertThrows(() => withInputs(ds, [new Float32Array(1)]), Error, "has 1 entries for the 2 examples");
 * ```
 */
export function withInputs<D extends Dataset, J>(dataset: D, inputs: J[]): WithInputs<D, J> {
  if (!Array.isArray(inputs) || inputs.length !== numRows(dataset)) {
    const n = numRows(dataset);
    const of = dataset.name ? ` of ${dataset.name}` : "";
    throw new ArgumentError(
      "inputs",
      inputs,
      Array.isArray(inputs)
        ? `has ${inputs.length} entries for the ${n} examples${of}`
        : `is not an array (the ${n} examples${of} need one input each)`,
      "give one input per example, in the dataset's order",
    );
  }
  return { ...dataset, inputs } as WithInputs<D, J>;
}

/** The columns of Hugging Face's `Dataset.from_dict({"text": [...], "label": [...]})`. */
export interface TextLabelColumns<L> {
  /** The texts. */
  text: string[];
  /** One label per text: a class (an id or a name), or a list of classes (multi-label). */
  label: L[];
}

/**
 * Checks a text column and its label column and returns them typed: both arrays, one label per
 * text, every text a string. Errors name the columns by `at`, the caller's argument paths
 * (`columns.text`, `trainDataset.inputs` …), so they point at what the caller passed.
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { checkTextColumns } from "./dataset.ts";
 * const at = { text: "data.inputs", labels: "data.labels" };
 * assertEquals(checkTextColumns(["hi"], [1], at), { text: ["hi"], labels: [1] });
 * assertThrows(() => checkTextColumns(["hi", 2], [1, 0], at), Error, "data.inputs[1] = 2");
 * ```
 */
export function checkTextColumns<L>(
  text: unknown,
  labels: unknown,
  at: { text: string; labels: string },
): { text: string[]; labels: L[] } {
  for (const [path, column] of [[at.text, text], [at.labels, labels]] as const) {
    if (!Array.isArray(column)) {
      throw new ArgumentError(
        path,
        column,
        "is not an array",
        'give the texts and one label per text as arrays, e.g. fromDict({ text: ["…"], label: [0] })',
      );
    }
  }
  const [texts, labelList] = [text as unknown[], labels as L[]];
  if (texts.length !== labelList.length) {
    throw new ArgumentError(
      at.labels,
      labelList,
      `has ${labelList.length} labels for ${texts.length} texts`,
      "give one label per text",
    );
  }
  const bad = texts.findIndex((t) => typeof t !== "string");
  if (bad >= 0) {
    throw new ArgumentError(
      `${at.text}[${bad}]`,
      texts[bad],
      "is not a string",
      "give each example's text as a string (a pair or a list of words is not one)",
    );
  }
  return { text: texts as string[], labels: labelList };
}

/**
 * A dataset from `text` and `label` columns, as Hugging Face's
 * `Dataset.from_dict({"text": [...], "label": [...]})` builds one. The labels stay as given (a
 * plain column, like `from_dict`'s: no `labelNames`), so a SetFit model trained on them predicts
 * the same values back: `1` for a label `1`, `"pos"` for `"pos"`; a list per text is multi-label.
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { fromDict } from "./dataset.ts";
 * const ds = fromDict({ text: ["loved it", "lost my luggage"], label: [1, 0] });
 * assertEquals(ds.inputs, ["loved it", "lost my luggage"]);
 * assertEquals(ds.labels, [1, 0]);
 * assertThrows(() => fromDict({ text: ["a"], label: [1, 0] }), Error, "has 2 labels for 1 texts");
 * ```
 */
export function fromDict<L>(columns: TextLabelColumns<L>): Dataset<string, L> {
  const { text, labels } = checkTextColumns<L>(columns?.text, columns?.label, {
    text: "columns.text",
    labels: "columns.label",
  });
  return { inputs: text.slice(), labels: labels.slice() };
}

/**
 * Checks a dataset's invariants and returns it: arrays of equal length, labels that index
 * `labelNames`, no empty text (the error names the row). Loaders call it; call it on a dataset
 * you build by hand.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { validateDataset } from "./dataset.ts";
 * const ok = validateDataset({ name: "toy", split: "train", task: "single_label", inputs: ["hi"], labels: [0], labelNames: ["greet"] });
 * assert(ok.inputs.length === 1);
 * let failed = false;
 * try {
 *   validateDataset({ name: "toy", split: "train", task: "single_label", inputs: [" "], labels: [0], labelNames: ["greet"] });
 * } catch { failed = true; }
 * assert(failed);
 * ```
 */
export function validateDataset<D extends TaskDataset>(dataset: D): D {
  const where = `${dataset.name} (${dataset.split})`;
  const k = dataset.labelNames.length;
  const checkLabel = (label: number, at: string) => {
    if (!Number.isInteger(label) || label < 0 || label >= k) {
      throw new ArgumentError(
        `dataset.labels${at}`,
        label,
        `is not an index into the ${k} labelNames of ${where}`,
        k > 0 ? `use an integer from 0 to ${k - 1}` : "give the dataset its labelNames",
      );
    }
  };
  const checkText = (text: unknown, at: string) => {
    if (typeof text !== "string" || text.trim() === "") {
      throw new ArgumentError(
        `dataset.inputs${at}`,
        text,
        `is not a non-empty text (${where})`,
        "fill in the text or drop the row",
      );
    }
  };
  if (dataset.inputs.length !== dataset.labels.length) {
    throw new ArgumentError(
      "dataset.labels",
      dataset.labels,
      `has ${dataset.labels.length} labels for the ${dataset.inputs.length} inputs of ${where}`,
      "give one label per input",
    );
  }
  switch (dataset.task) {
    case "single_label":
      dataset.inputs.forEach((t, i) => checkText(t, `[${i}]`));
      dataset.labels.forEach((l, i) => checkLabel(l, `[${i}]`));
      break;
    case "pair":
      dataset.inputs.forEach(([a, b], i) => (checkText(a, `[${i}][0]`), checkText(b, `[${i}][1]`)));
      dataset.labels.forEach((l, i) => checkLabel(l, `[${i}]`));
      break;
    case "multi_label":
      dataset.inputs.forEach((t, i) => checkText(t, `[${i}]`));
      dataset.labels.forEach((ls, i) => ls.forEach((l, j) => checkLabel(l, `[${i}][${j}]`)));
      break;
    case "token":
      dataset.inputs.forEach((ws, i) => {
        if (ws.length === 0) {
          throw new ArgumentError(
            `dataset.inputs[${i}]`,
            ws,
            `is an empty sentence (${where})`,
            "drop the row",
          );
        }
        ws.forEach((w, j) => checkText(w, `[${i}][${j}]`));
        if (dataset.labels[i].length !== ws.length) {
          throw new ArgumentError(
            `dataset.labels[${i}]`,
            dataset.labels[i],
            `has ${dataset.labels[i].length} tags for the ${ws.length} tokens of ${where}`,
            "give one tag per token",
          );
        }
        dataset.labels[i].forEach((l, j) => checkLabel(l, `[${i}][${j}]`));
      });
      break;
    default:
      throw new ArgumentError(
        "dataset.task",
        (dataset as { task: unknown }).task,
        `is not a dataset task (${where})`,
        'use "single_label", "multi_label", "pair" or "token"',
      );
  }
  return dataset;
}
