/**
 * Seeded ways to cut a dataset: a (stratified) train/test split, SetFit-style few-shot sampling
 * (K examples per class) and subsampling. All use the kit's seeded {@linkcode Random}, so the
 * same seed gives the same rows on every run.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { Random } from "../random.ts";
import { numRows, selectRows, type TaskDataset } from "./dataset.ts";

/** Options for {@linkcode trainTestSplit} and {@linkcode trainTestSplitIndices}. */
export interface TrainTestSplitOptions {
  /** A fraction in (0, 1) (rounded up, like scikit-learn) or a row count for the test part. */
  testSize: number;
  /** Seed of the shuffle (default 42). */
  seed?: number;
  /**
   * Keep each class's share in both parts (default `true` for single-label and pair datasets;
   * multi-label and token datasets cannot be stratified by one label, so `true` is an error).
   */
  stratify?: boolean;
}

/** Row indices of the two parts of a split, each in shuffled order. */
export interface SplitIndices {
  /** Rows of the training part. */
  train: number[];
  /** Rows of the held-out part. */
  test: number[];
}

function testCount(testSize: number, n: number): number {
  const count = testSize > 0 && testSize < 1 ? Math.ceil(testSize * n) : testSize;
  if (!Number.isInteger(count) || count < 1 || count >= n) {
    throw new ArgumentError(
      "testSize",
      testSize,
      `is not a fraction in (0, 1) or an integer in [1, ${n - 1}] leaving both parts non-empty`,
      "use e.g. 0.2",
    );
  }
  return count;
}

/**
 * The row indices of a seeded train/test split of `n` rows, or of `labels.length` rows
 * stratified by `labels`. Stratified, each class gives `testSize × its count` rows to the test
 * part, rounded by largest remainder so that the parts have exactly the requested sizes.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { trainTestSplitIndices } from "./split.ts";
 * const labels = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1];
 * const { train, test } = trainTestSplitIndices(labels, { testSize: 0.5, seed: 1 });
 * assert(test.length === 5 && test.filter((i) => labels[i] === 1).length === 1);
 * assert(trainTestSplitIndices(10, { testSize: 3 }).train.length === 7);
 * ```
 */
export function trainTestSplitIndices(
  labelsOrN: readonly number[] | number,
  options: TrainTestSplitOptions,
): SplitIndices {
  const { testSize, seed = 42 } = options;
  const rng = new Random(seed);
  if (typeof labelsOrN === "number") {
    const nTest = testCount(testSize, labelsOrN);
    const perm = rng.permutation(labelsOrN);
    return { test: perm.slice(0, nTest), train: perm.slice(nTest) };
  }
  const labels = labelsOrN;
  const n = labels.length;
  const nTest = testCount(testSize, n);
  const groups = new Map<number, number[]>();
  labels.forEach((label, i) => {
    if (!Number.isInteger(label)) {
      throw new ArgumentError(
        `labels[${i}]`,
        label,
        "is not an integer",
        "map labels to class ids first",
      );
    }
    const g = groups.get(label);
    if (g) g.push(i);
    else groups.set(label, [i]);
  });
  const classes = [...groups.keys()].sort((a, b) => a - b);
  const quotas = classes.map((c) => (nTest * groups.get(c)!.length) / n);
  const take = quotas.map(Math.floor);
  let left = nTest - take.reduce((a, b) => a + b, 0);
  // Largest remainder; ties go to the smaller class index, so the result is deterministic.
  const order = classes.map((_, k) => k).sort((a, b) =>
    (quotas[b] - take[b]) - (quotas[a] - take[a]) || a - b
  );
  for (const k of order) {
    if (left === 0) break;
    take[k]++;
    left--;
  }
  const train: number[] = [];
  const test: number[] = [];
  classes.forEach((c, k) => {
    const g = rng.shuffle(groups.get(c)!.slice());
    test.push(...g.slice(0, take[k]));
    train.push(...g.slice(take[k]));
  });
  return { train: rng.shuffle(train), test: rng.shuffle(test) };
}

function singleLabels(dataset: TaskDataset, what: string): number[] {
  if (dataset.task === "single_label" || dataset.task === "pair") return dataset.labels;
  throw new ArgumentError(
    "dataset.task",
    dataset.task,
    `${what} needs one class per example (${dataset.name})`,
    "pass a single_label or pair dataset",
  );
}

/**
 * Splits a dataset into seeded train and test parts (like Hugging Face
 * `Dataset.train_test_split(test_size, stratify_by_column, seed)`); the parts are named
 * `"train"` and `"test"`. Use it to carve a validation set out of a training split.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { trainTestSplit } from "./split.ts";
 * const ds = { name: "toy", split: "train", task: "single_label" as const, labelNames: ["no", "yes"],
 *   inputs: ["a", "b", "c", "d", "e", "f"], labels: [0, 0, 0, 0, 1, 1] };
 * const { train, test: validation } = trainTestSplit(ds, { testSize: 0.5, seed: 0 });
 * assert(train.inputs.length === 3 && validation.labels.filter((l) => l === 1).length === 1);
 * ```
 */
export function trainTestSplit<D extends TaskDataset>(
  dataset: D,
  options: TrainTestSplitOptions,
): { train: D; test: D } {
  const canStratify = dataset.task === "single_label" || dataset.task === "pair";
  const stratify = options.stratify ?? canStratify;
  const idx = trainTestSplitIndices(
    stratify ? singleLabels(dataset, "stratify") : numRows(dataset),
    options,
  );
  return {
    train: { ...selectRows(dataset, idx.train), split: "train" },
    test: { ...selectRows(dataset, idx.test), split: "test" },
  };
}

/** Options for {@linkcode sampleDataset}. */
export interface SampleDatasetOptions {
  /** Examples per class (default 8, SetFit's default). */
  numSamples?: number;
  /** Seed (default 42). */
  seed?: number;
}

/**
 * Few-shot sampling as SetFit's `sample_dataset`: `numSamples` random examples of every class
 * (all of a class that has fewer), returned in shuffled order.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { sampleDataset } from "./split.ts";
 * const ds = { name: "toy", split: "train", task: "single_label" as const, labelNames: ["neg", "pos"],
 *   inputs: ["a", "b", "c", "d", "e"], labels: [0, 0, 0, 1, 1] };
 * const few = sampleDataset(ds, { numSamples: 2, seed: 3 });
 * assert(few.labels.filter((l) => l === 0).length === 2 && few.labels.length === 4);
 * ```
 */
export function sampleDataset<D extends TaskDataset>(
  dataset: D,
  options: SampleDatasetOptions = {},
): D {
  const { numSamples = 8, seed = 42 } = options;
  if (!Number.isInteger(numSamples) || numSamples < 1) {
    throw new ArgumentError("numSamples", numSamples, "is not a positive integer", "use e.g. 8");
  }
  const labels = singleLabels(dataset, "sampleDataset");
  const rng = new Random(seed);
  const seen = new Map<number, number>();
  const chosen: number[] = [];
  for (const i of rng.permutation(labels.length)) {
    const count = seen.get(labels[i]) ?? 0;
    if (count < numSamples) {
      chosen.push(i);
      seen.set(labels[i], count + 1);
    }
  }
  return selectRows(dataset, rng.shuffle(chosen));
}

/** Options for {@linkcode subsample}. */
export interface SubsampleOptions {
  /** Seed (default 42). */
  seed?: number;
  /** Keep class shares (default `true` for single-label and pair datasets). */
  stratify?: boolean;
}

/**
 * `n` random rows (or a fraction in (0, 1) of them), stratified by class where possible: a
 * smaller dataset for a quick run.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { subsample } from "./split.ts";
 * const ds = { name: "toy", split: "train", task: "single_label" as const, labelNames: ["a", "b"],
 *   inputs: ["1", "2", "3", "4", "5", "6", "7", "8"], labels: [0, 0, 0, 0, 0, 0, 1, 1] };
 * const small = subsample(ds, 4, { seed: 1 });
 * assert(small.inputs.length === 4 && small.labels.filter((l) => l === 1).length === 1);
 * ```
 */
export function subsample<D extends TaskDataset>(
  dataset: D,
  n: number,
  options: SubsampleOptions = {},
): D {
  const { seed = 42 } = options;
  const total = numRows(dataset);
  if (n === total) return selectRows(dataset, new Random(seed).permutation(total));
  const { test } = trainTestSplit(dataset, { testSize: n, seed, stratify: options.stratify });
  return { ...test, split: dataset.split };
}
