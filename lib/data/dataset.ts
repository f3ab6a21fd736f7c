/**
 * The kit's dataset type: one split of one dataset, held in memory as parallel arrays.
 *
 * `task` says which arrays there are:
 * - `"single_label"`: `texts[i]` has one class, `labels[i]` (an index into `labelNames`);
 * - `"multi_label"`: `texts[i]` has zero or more classes, `labels[i]` is the list of their indices;
 * - `"pair"`: `textPairs[i]` is `[premise, hypothesis]` (or `[sentence1, sentence2]`), one class;
 * - `"token"`: `tokens[i]` is a pre-split sentence, `labels[i][j]` the tag index of word `j`.
 * @module
 */

/** The four shapes of a labelled dataset. */
export type DatasetTask = "single_label" | "multi_label" | "pair" | "token";

/** Fields every dataset has. */
export interface DatasetInfo {
  /** The name it was loaded by, e.g. `"sst2"` or `"kit/sentiment"`. */
  name: string;
  /** `"train"`, `"validation"` or `"test"` (or a name given by the caller). */
  split: string;
  /** The class (or tag) names; labels are indices into this list. */
  labelNames: string[];
}

/** One text, one class. */
export interface SingleLabelDataset extends DatasetInfo {
  /** Discriminant. */
  task: "single_label";
  /** The inputs. */
  texts: string[];
  /** `labels[i]` indexes `labelNames`. */
  labels: number[];
}

/** One text, any number of classes. */
export interface MultiLabelDataset extends DatasetInfo {
  /** Discriminant. */
  task: "multi_label";
  /** The inputs. */
  texts: string[];
  /** `labels[i]` lists the classes of `texts[i]` (indices into `labelNames`, ascending). */
  labels: number[][];
}

/** Two texts, one class (NLI, paraphrase). */
export interface PairDataset extends DatasetInfo {
  /** Discriminant. */
  task: "pair";
  /** `[first, second]`: premise and hypothesis for NLI. */
  textPairs: [string, string][];
  /** `labels[i]` indexes `labelNames`. */
  labels: number[];
  /** A real score per pair where the data has one: SICK's relatedness, 1 to 5 (local copy). */
  relatedness?: number[];
}

/** Pre-split words, one tag per word (NER). */
export interface TokenDataset extends DatasetInfo {
  /** Discriminant. */
  task: "token";
  /** The words of each sentence. */
  tokens: string[][];
  /** `labels[i][j]` is the tag of `tokens[i][j]` (an index into `labelNames`). */
  labels: number[][];
}

/** Any of the four dataset shapes; narrow it with `task`. */
export type TaskDataset = SingleLabelDataset | MultiLabelDataset | PairDataset | TokenDataset;

/**
 * The number of examples.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { numRows } from "./dataset.ts";
 * const ds = { name: "toy", split: "train", task: "single_label" as const, texts: ["a", "b"], labels: [0, 1], labelNames: ["x", "y"] };
 * assert(numRows(ds) === 2);
 * ```
 */
export function numRows(dataset: TaskDataset): number {
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
 * const ds = { name: "toy", split: "train", task: "single_label" as const, texts: ["a", "b", "c"], labels: [0, 1, 0], labelNames: ["x", "y"] };
 * assert(selectRows(ds, [2, 0]).texts.join() === "c,a");
 * ```
 */
export function selectRows<D extends TaskDataset>(dataset: D, indices: readonly number[]): D {
  const n = numRows(dataset);
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new Error(`indices: ${i} is not a row of ${dataset.name} (${n} rows)`);
    }
  }
  const pick = <T>(xs: T[]): T[] => indices.map((i) => xs[i]);
  const out = { ...dataset, labels: pick(dataset.labels as unknown[]) } as D;
  const record = out as unknown as Record<string, unknown>;
  if ("texts" in dataset) record.texts = pick(dataset.texts);
  if ("textPairs" in dataset) record.textPairs = pick(dataset.textPairs);
  if ("relatedness" in dataset && dataset.relatedness) {
    record.relatedness = pick(dataset.relatedness);
  }
  if ("tokens" in dataset) record.tokens = pick(dataset.tokens);
  return out;
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
 * const ok = validateDataset({ name: "toy", split: "train", task: "single_label", texts: ["hi"], labels: [0], labelNames: ["greet"] });
 * assert(ok.texts.length === 1);
 * let failed = false;
 * try {
 *   validateDataset({ name: "toy", split: "train", task: "single_label", texts: [" "], labels: [0], labelNames: ["greet"] });
 * } catch { failed = true; }
 * assert(failed);
 * ```
 */
export function validateDataset<D extends TaskDataset>(dataset: D): D {
  const where = `${dataset.name} (${dataset.split})`;
  const k = dataset.labelNames.length;
  const checkLabel = (label: number, row: number) => {
    if (!Number.isInteger(label) || label < 0 || label >= k) {
      throw new Error(
        `${where}: row ${row}: label ${label} is not an index into the ${k} labelNames`,
      );
    }
  };
  const checkText = (text: unknown, row: number) => {
    if (typeof text !== "string" || text.trim() === "") {
      throw new Error(`${where}: row ${row}: empty text ${JSON.stringify(text)}`);
    }
  };
  const inputs = dataset.task === "pair"
    ? dataset.textPairs
    : dataset.task === "token"
    ? dataset.tokens
    : dataset.texts;
  if (inputs.length !== dataset.labels.length) {
    throw new Error(`${where}: ${inputs.length} inputs but ${dataset.labels.length} labels`);
  }
  switch (dataset.task) {
    case "single_label":
      dataset.texts.forEach(checkText);
      dataset.labels.forEach(checkLabel);
      break;
    case "pair":
      dataset.textPairs.forEach(([a, b], i) => (checkText(a, i), checkText(b, i)));
      dataset.labels.forEach(checkLabel);
      break;
    case "multi_label":
      dataset.texts.forEach(checkText);
      dataset.labels.forEach((ls, i) => ls.forEach((l) => checkLabel(l, i)));
      break;
    case "token":
      dataset.tokens.forEach((ws, i) => {
        if (ws.length === 0) throw new Error(`${where}: row ${i}: empty sentence`);
        ws.forEach((w) => checkText(w, i));
        if (dataset.labels[i].length !== ws.length) {
          throw new Error(
            `${where}: row ${i}: ${ws.length} tokens but ${dataset.labels[i].length} tags`,
          );
        }
        dataset.labels[i].forEach((l) => checkLabel(l, i));
      });
      break;
    default:
      throw new Error(
        `task must be single_label, multi_label, pair or token, got ${
          JSON.stringify((dataset as { task: unknown }).task)
        }`,
      );
  }
  return dataset;
}
