/**
 * `loadDataset(name, { split })`: one split of a known dataset, from the data directory
 * (`KIT_DATA_DIR`, laid out like `../shared/datasets`), else from the Hugging Face hub (parquet,
 * cached), or, for the kit's own `kit/…` datasets, from the repository's `data/`.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dataDir } from "./datadir.ts";
import {
  type MultiLabelDataset,
  type PairDataset,
  type SingleLabelDataset,
  type TaskDataset,
  type TokenDataset,
  validateDataset,
} from "./dataset.ts";
import { datasetCacheDir, type HubOptions, HubUnreachableError, loadHubRows } from "./hub.ts";
import { type DatasetBody, DATASETS, type DatasetSpec } from "./registry.ts";

/** The dataset type each known name loads as. */
export interface KnownDatasets {
  /** GLUE SST-2 sentiment. */
  sst2: SingleLabelDataset;
  /** CoNLL-2003 NER. */
  conll2003: TokenDataset;
  /** GLUE RTE entailment pairs. */
  rte: PairDataset;
  /** SICK 3-way entailment pairs. */
  sick: PairDataset;
  /** BANKING77 intents. */
  banking77: SingleLabelDataset;
  /** CLINC150 intents with out-of-scope. */
  clinc150: SingleLabelDataset;
  /** TweetEval emotion. */
  "tweet_eval/emotion": SingleLabelDataset;
  /** GoEmotions, multi-label. */
  goemotions: MultiLabelDataset;
  /** SMS spam. */
  sms_spam: SingleLabelDataset;
  /** The kit's customer-support sentiment. */
  "kit/sentiment": SingleLabelDataset;
  /** The kit's intents. */
  "kit/intents": SingleLabelDataset;
  /** The kit's NER sentences. */
  "kit/ner": TokenDataset;
  /** The kit's NLI pairs. */
  "kit/nli": PairDataset;
  /** The kit's multi-label compliance tagging. */
  "kit/compliance": MultiLabelDataset;
  /** The kit's imbalanced fraud set. */
  "kit/fraud": SingleLabelDataset;
}

/** Options for {@linkcode loadDataset}. */
export interface LoadDatasetOptions extends HubOptions {
  /** `"train"` (default), `"validation"` or `"test"`, as the dataset has them. */
  split?: string;
  /** The data directory (default {@linkcode dataDir}(): env `KIT_DATA_DIR`, else `../shared/datasets`). */
  dataDir?: string;
  /**
   * `"auto"` (default): the data directory if it holds the dataset, else the hub;
   * `"local"`: the data directory only; `"hub"`: the hub (or its cache) only.
   * The kit's `kit/…` datasets always come from the repository's `data/`.
   */
  source?: "auto" | "local" | "hub";
}

/**
 * The names {@linkcode loadDataset} accepts, with their task and splits.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { listDatasets } from "./load.ts";
 * const sst2 = listDatasets().find((d) => d.name === "sst2");
 * assert(sst2?.task === "single_label" && sst2.splits.includes("validation"));
 * ```
 */
export function listDatasets(): {
  name: string;
  task: string;
  splits: string[];
  description: string;
}[] {
  return Object.entries(DATASETS).map(([name, spec]) => ({
    name,
    task: spec.task,
    splits: [...spec.splits],
    description: spec.description,
  }));
}

/**
 * The folder of the kit's own datasets: `data/` at the repository root.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { kitDataDir } from "./load.ts";
 * assert(kitDataDir().endsWith("data"));
 * ```
 */
export function kitDataDir(): string {
  return fileURLToPath(new URL("../../data", import.meta.url));
}

function finish(name: string, split: string, spec: DatasetSpec, body: DatasetBody): TaskDataset {
  return validateDataset({ name, split, task: spec.task, ...body } as TaskDataset);
}

async function fromHub(
  name: string,
  spec: DatasetSpec,
  split: string,
  options: HubOptions,
): Promise<DatasetBody> {
  const hub = spec.hub!;
  const hubSplit = spec.derive ? spec.derive.from : hub.splits[split];
  if (hubSplit === undefined) {
    throw new ArgumentError(
      "options.split",
      split,
      `the hub copy of ${name} (${hub.repo}) has no such split`,
      'use the local copy (source: "local") or another split',
    );
  }
  const { rows, features } = await loadHubRows(hub.repo, hub.config, hubSplit, options);
  const body = hub.build(rows, features);
  const unlabelled = (body.labels as (number | number[])[]).findIndex((l) => l === -1);
  if (unlabelled >= 0) {
    throw new ArgumentError(
      "options.split",
      split,
      `the hub's ${hubSplit} split of ${hub.repo} is unlabelled (label -1 at row ${unlabelled})`,
      'use a labelled split, or the local copy (source: "local")',
    );
  }
  return spec.derive ? spec.derive.split(body, split) : body;
}

/**
 * Loads one split of a dataset by name (see {@linkcode listDatasets}; {@linkcode KnownDatasets}
 * gives each name's type). Labels are indices into `labelNames`; the result is validated (no
 * empty text, labels in range). An unknown name or split is an error listing the valid ones;
 * a dataset that is neither in the data directory nor reachable on the hub is an error saying
 * how to get it either way.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { loadDataset } from "./load.ts";
 * const ds = await loadDataset("kit/sentiment", { split: "test" });
 * assert(ds.task === "single_label" && ds.labelNames.join() === "complaint,praise,neutral");
 * assert(ds.inputs.length === ds.labels.length);
 * ```
 */
export async function loadDataset<N extends keyof KnownDatasets>(
  name: N,
  options?: LoadDatasetOptions,
): Promise<KnownDatasets[N]>;
export async function loadDataset(name: string, options?: LoadDatasetOptions): Promise<TaskDataset>;
export async function loadDataset(
  name: string,
  options: LoadDatasetOptions = {},
): Promise<TaskDataset> {
  const spec = Object.hasOwn(DATASETS, name) ? DATASETS[name] : undefined;
  if (!spec) {
    throw new ArgumentError(
      "name",
      name,
      "is not a known dataset",
      `use one of ${Object.keys(DATASETS).join(", ")}`,
    );
  }
  const { split = "train", source = "auto" } = options;
  if (!spec.splits.includes(split)) {
    throw new ArgumentError(
      "options.split",
      split,
      `${name} has no such split`,
      `use one of ${spec.splits.join(", ")}`,
    );
  }
  if (!["auto", "local", "hub"].includes(source)) {
    throw new ArgumentError(
      "options.source",
      source,
      "is not a source",
      'use "auto", "local" or "hub"',
    );
  }
  if (spec.root === "kit") return finish(name, split, spec, await spec.local(kitDataDir(), split));

  const dir = options.dataDir ?? dataDir();
  const haveLocal = dir !== undefined && existsSync(join(dir, spec.marker));
  if (source !== "hub" && haveLocal) {
    return finish(name, split, spec, await spec.local(dir!, split));
  }
  const howLocal =
    `set KIT_DATA_DIR to a folder laid out like ../shared/datasets (with ${spec.marker})`;
  if (source === "local") {
    throw new ArgumentError(
      "options.source",
      source,
      `${name} is not in the data directory ${dir ?? "(none found)"}`,
      howLocal,
    );
  }
  try {
    return finish(name, split, spec, await fromHub(name, spec, split, options));
  } catch (e) {
    if (!(e instanceof HubUnreachableError)) throw e;
    const cache = options.cacheDir ?? datasetCacheDir();
    throw new HubUnreachableError(
      `${name}: no local copy and the Hugging Face hub is unreachable (${e.message}). Either ${howLocal}, ` +
        `or go online so that ${spec.hub!.repo} is downloaded once into ${cache}.`,
      { cause: e },
    );
  }
}
