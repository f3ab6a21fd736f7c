/**
 * The datasets `loadDataset` knows: where each lives in the data directory (laid out like
 * `../shared/datasets`), where it lives on the Hugging Face hub, and how its files become a
 * {@linkcode TaskDataset}. The kit's own datasets (`kit/…`) live in the repository's `data/`.
 *
 * Splits that a source does not have are derived with a documented seed (42), stratified by
 * class: SICK.txt (no split column) gets SemEval-2014's sizes, 4,500 / 500 / 4,927; the SMS Spam
 * Collection (one file, one hub split) gets 70 % / 10 % / 20 %.
 * @module
 */
import { FileFormatError } from "../errors.ts";
import { join } from "node:path";
import { readConll } from "./conll.ts";
import { readCsv } from "./csv.ts";
import type { DatasetTask } from "./dataset.ts";
import { readJsonl } from "./jsonl.ts";
import { readMultiLabelTsv } from "./multilabel_tsv.ts";
import { trainTestSplitIndices } from "./split.ts";
import { column, DataFileError, splitLines, type Table } from "./table.ts";
import { readTsv } from "./tsv.ts";

/** The inputs and labels of one split, before `name` / `split` / `task` are attached. */
export type DatasetBody =
  | { inputs: string[]; labels: number[]; labelNames: string[] }
  | { inputs: string[]; labels: number[][]; labelNames: string[] }
  | { inputs: [string, string][]; labels: number[]; labelNames: string[] }
  | { inputs: string[][]; labels: number[][]; labelNames: string[] };

/** Where a dataset lives on the Hugging Face hub, and how its rows become a dataset. */
export interface HubSource {
  /** Repository id, e.g. `stanfordnlp/sst2`. */
  repo: string;
  /** Config (subset) name. */
  config: string;
  /** Kit split name → hub split name. A kit split missing here is derived from `deriveFrom`. */
  splits: Record<string, string>;
  /** Builds the split from the hub rows and the `features` of the parquet metadata. */
  build(
    rows: Record<string, unknown>[],
    features: Record<string, unknown> | undefined,
  ): DatasetBody;
}

/** One entry of the registry. */
export interface DatasetSpec {
  /** The shape of the dataset. */
  task: DatasetTask;
  /** One line: what it is. */
  description: string;
  /** The splits it has. */
  splits: readonly string[];
  /** `"kit"`: files in the repository's `data/`; `"data"`: files in the data directory. */
  root: "kit" | "data";
  /** The file whose presence means the dataset is in the folder (relative to it). */
  marker: string;
  /** Reads one split from the folder (the data directory, or the kit's `data/`). */
  local(dir: string, split: string): Promise<DatasetBody>;
  /** Its home on the hub, if any. */
  hub?: HubSource;
  /**
   * For a dataset whose hub copy has one split (`hub.splits` empty): the hub split holding every
   * row, and how the kit's split is cut from it (the same seeded cut as the local copy).
   */
  derive?: { from: string; split(all: DatasetBody, split: string): DatasetBody };
}

/**
 * The nine BIO tags of CoNLL-2003, in the Hugging Face `ner_tags` order.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { CONLL_TAGS } from "./registry.ts";
 * assert(CONLL_TAGS.length === 2 * 4 + 1 && CONLL_TAGS[1] === "B-PER");
 * ```
 */
export const CONLL_TAGS: readonly string[] = [
  "O",
  "B-PER",
  "I-PER",
  "B-ORG",
  "I-ORG",
  "B-LOC",
  "I-LOC",
  "B-MISC",
  "I-MISC",
];

/**
 * The 21 regulatory frameworks of the kit's compliance-tagging set (the chapter's scenario).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { COMPLIANCE_TAGS } from "./registry.ts";
 * assert(COMPLIANCE_TAGS.length === 21 && COMPLIANCE_TAGS.includes("Basel III"));
 * ```
 */
export const COMPLIANCE_TAGS: readonly string[] = [
  "GDPR",
  "SOX",
  "PCI-DSS",
  "AML",
  "KYC",
  "CCPA",
  "MiFID II",
  "HIPAA",
  "Dodd-Frank",
  "PSD2",
  "FCRA",
  "GLBA",
  "SEC Rule 17a-4",
  "FATCA",
  "EMIR",
  "DORA",
  "OFAC",
  "Volcker Rule",
  "Solvency II",
  "FINRA 4511",
  "Basel III",
];

/**
 * Label names of the kit's single-label and pair datasets.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { KIT_LABELS } from "./registry.ts";
 * assert(KIT_LABELS.sentiment.join() === "complaint,praise,neutral");
 * ```
 */
export const KIT_LABELS = {
  sentiment: ["complaint", "praise", "neutral"],
  intents: [
    "booking",
    "cancellation",
    "inquiry",
    "complaint",
    "refund",
    "change_booking",
    "account",
    "feedback",
  ],
  nli: ["entailment", "neutral", "contradiction"],
  fraud: ["legitimate", "fraud"],
} as const;

function indexOf(names: readonly string[], value: string, file: string, line: number): number {
  const k = names.indexOf(value);
  if (k < 0) {
    throw new DataFileError(
      file,
      line,
      `unknown label ${JSON.stringify(value)}; expected one of ${JSON.stringify(names)}`,
    );
  }
  return k;
}

function intLabel(value: string, count: number, file: string, line: number): number {
  const k = Number(value);
  if (!/^\d+$/.test(value) || k >= count) {
    throw new DataFileError(
      file,
      line,
      `label must be an integer in [0, ${count - 1}], got ${JSON.stringify(value)}`,
    );
  }
  return k;
}

/** A text column, every value non-empty (the error names the file and line). */
function textColumn(table: Table, name: string): string[] {
  return column(table, name).map((v, i) => nonEmpty(v, table.file, table.lines[i]));
}

/** Two columns of texts as (first, second) pairs, row by row. */
function zipPairs(first: string[], second: string[]): [string, string][] {
  return first.map((x, i) => [x, second[i]]);
}

function nonEmpty(text: string, file: string, line: number): string {
  if (text.trim() === "") throw new DataFileError(file, line, "empty text");
  return text;
}

async function readLines(path: string): Promise<string[]> {
  return splitLines(await Deno.readTextFile(path));
}

/** Class names from the parquet `features` of a hub split: a ClassLabel or a list of them. */
function classNames(
  features: Record<string, unknown> | undefined,
  field: string,
  fallback?: readonly string[],
): string[] {
  const f = features?.[field] as
    | { names?: string[]; feature?: { names?: string[] } }
    | undefined;
  const names = f?.names ?? f?.feature?.names ?? fallback;
  if (!names) {
    throw new FileFormatError(
      "the hub's parquet features",
      `no class names for ${JSON.stringify(field)}`,
    );
  }
  return [...names];
}

function hubColumn<T>(
  rows: Record<string, unknown>[],
  field: string,
  check: (v: unknown) => v is T,
): T[] {
  return rows.map((row, i) => {
    const v = row[field];
    if (!check(v)) {
      throw new FileFormatError(
        "the hub's parquet rows",
        `row ${i}: field ${JSON.stringify(field)} is ${JSON.stringify(v)}`,
      );
    }
    return v;
  });
}
const isString = (v: unknown): v is string => typeof v === "string";
const isNumber = (v: unknown): v is number => typeof v === "number";
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every(isNumber);

function hubSingle(textField: string, labelField: string, fallback?: readonly string[]) {
  return (rows: Record<string, unknown>[], features: Record<string, unknown> | undefined) => ({
    inputs: hubColumn(rows, textField, isString),
    labels: hubColumn(rows, labelField, isNumber),
    labelNames: classNames(features, labelField, fallback),
  });
}

function hubPair(a: string, b: string, labelField: string, fallback: readonly string[]) {
  return (rows: Record<string, unknown>[], features: Record<string, unknown> | undefined) => ({
    inputs: zipPairs(hubColumn(rows, a, isString), hubColumn(rows, b, isString)),
    labels: hubColumn(rows, labelField, isNumber),
    labelNames: classNames(features, labelField, fallback),
  });
}

/** Tables whose label column holds names. */
async function singleFromTable(
  path: string,
  read: typeof readCsv | typeof readTsv,
  textCol: string,
  labelColumn: string,
  labelNames: readonly string[],
): Promise<DatasetBody> {
  const table = await read(path);
  const labels = column(table, labelColumn).map((v, i) =>
    indexOf(labelNames, v, path, table.lines[i])
  );
  return { inputs: textColumn(table, textCol), labels, labelNames: [...labelNames] };
}

/** Derived splits: indices of `split` among all rows, stratified, seed 42. */
function deriveSplit(
  labels: readonly number[],
  sizes: { validation: number; test: number },
  split: string,
): number[] {
  const outer = trainTestSplitIndices(labels, { testSize: sizes.test, seed: 42 });
  if (split === "test") return outer.test;
  const rest = outer.train.map((i) => labels[i]);
  const inner = trainTestSplitIndices(rest, { testSize: sizes.validation, seed: 42 });
  return (split === "validation" ? inner.test : inner.train).map((k) => outer.train[k]);
}

function pick(body: DatasetBody, indices: number[]): DatasetBody {
  const out: Record<string, unknown> = { labelNames: body.labelNames };
  for (const [key, value] of Object.entries(body)) {
    if (key !== "labelNames") out[key] = indices.map((i) => (value as unknown[])[i]);
  }
  return out as DatasetBody;
}

const SICK_SIZES = { validation: 500, test: 4927 };
const smsSizes = (n: number) => ({ validation: Math.round(0.1 * n), test: Math.round(0.2 * n) });

/** Applies a derived split to the full set of rows. */
function derived(body: DatasetBody, split: string, name: string): DatasetBody {
  const labels = body.labels as number[];
  const n = labels.length;
  const sizes = name === "sick" ? SICK_SIZES : smsSizes(n);
  return pick(body, deriveSplit(labels, sizes, split));
}

const GLUE_SPLIT: Record<string, string> = { train: "train", validation: "dev", test: "test" };

/** Every dataset `loadDataset` can load, by name. */
export const DATASETS: Record<string, DatasetSpec> = {
  sst2: {
    task: "single_label",
    description: "GLUE SST-2 movie-review sentiment, 2 classes (local test split is labelled)",
    splits: ["train", "validation", "test"],
    root: "data",
    marker: "sst2/SST-2/dev.tsv",
    async local(dir, split) {
      const path = join(dir, "sst2/SST-2", `${GLUE_SPLIT[split]}.tsv`);
      const table = await readTsv(path);
      const text = table.columns?.includes("sentence") ? "sentence" : "content";
      return {
        inputs: textColumn(table, text),
        labels: column(table, "label").map((v, i) => intLabel(v, 2, path, table.lines[i])),
        labelNames: ["negative", "positive"],
      };
    },
    hub: {
      repo: "stanfordnlp/sst2",
      config: "default",
      splits: { train: "train", validation: "validation", test: "test" },
      build: hubSingle("sentence", "label", ["negative", "positive"]),
    },
  },
  conll2003: {
    task: "token",
    description: "CoNLL-2003 English NER: PER / ORG / LOC / MISC in IOB2 (9 tags)",
    splits: ["train", "validation", "test"],
    root: "data",
    marker: "conll2003/data/valid.txt",
    local: (dir, split) =>
      tokenFile(join(dir, "conll2003/data", `${split === "validation" ? "valid" : split}.txt`)),
    hub: {
      repo: "eriktks/conll2003",
      config: "conll2003",
      splits: { train: "train", validation: "validation", test: "test" },
      build: (rows, features) => ({
        inputs: hubColumn(rows, "tokens", isStrings),
        labels: hubColumn(rows, "ner_tags", isNumbers),
        labelNames: classNames(features, "ner_tags", CONLL_TAGS),
      }),
    },
  },
  rte: {
    task: "pair",
    description: "GLUE RTE sentence pairs, 2-way entailment (the test split is unlabelled)",
    splits: ["train", "validation"],
    root: "data",
    marker: "rte/RTE/dev.tsv",
    async local(dir, split) {
      const path = join(dir, "rte/RTE", `${GLUE_SPLIT[split]}.tsv`);
      const table = await readTsv(path);
      const names = ["entailment", "not_entailment"];
      return {
        inputs: zipPairs(textColumn(table, "sentence1"), textColumn(table, "sentence2")),
        labels: column(table, "label").map((v, i) => intLabel(v, 2, path, table.lines[i])),
        labelNames: names,
      };
    },
    hub: {
      repo: "nyu-mll/glue",
      config: "rte",
      splits: { train: "train", validation: "validation" },
      build: hubPair("sentence1", "sentence2", "label", ["entailment", "not_entailment"]),
    },
  },
  sick: {
    task: "pair",
    description:
      "SICK sentence pairs, 3-way entailment (local: seeded stratified 4,500 / 500 / 4,927)",
    splits: ["train", "validation", "test"],
    root: "data",
    marker: "sick/SICK.txt",
    async local(dir, split) {
      const path = join(dir, "sick/SICK.txt");
      const table = await readTsv(path);
      const names = ["entailment", "neutral", "contradiction"];
      const all = {
        inputs: zipPairs(textColumn(table, "sentence_A"), textColumn(table, "sentence_B")),
        labels: column(table, "entailment_judgment").map((v, i) =>
          indexOf(names, v.toLowerCase(), path, table.lines[i])
        ),
        labelNames: names,
        relatedness: column(table, "relatedness_score").map((v, i) => {
          const score = Number(v);
          if (!(score >= 1 && score <= 5)) {
            throw new DataFileError(path, table.lines[i], `relatedness_score ${v} is not 1…5`);
          }
          return score;
        }),
      };
      return derived(all, split, "sick");
    },
    hub: {
      repo: "RobZamp/sick",
      config: "default",
      splits: { train: "train", validation: "validation", test: "test" },
      build: hubPair("sentence_A", "sentence_B", "label", [
        "entailment",
        "neutral",
        "contradiction",
      ]),
    },
  },
  banking77: {
    task: "single_label",
    description: "BANKING77 customer-service intents, 77 classes",
    splits: ["train", "test"],
    root: "data",
    marker: "banking77/banking_data/test.csv",
    async local(dir, split) {
      const folder = join(dir, "banking77/banking_data");
      const names =
        (JSON.parse(await Deno.readTextFile(join(folder, "categories.json"))) as string[])
          .slice().sort();
      return singleFromTable(join(folder, `${split}.csv`), readCsv, "text", "category", names);
    },
    hub: {
      repo: "PolyAI/banking77",
      config: "default",
      splits: { train: "train", test: "test" },
      build: hubSingle("text", "label"),
    },
  },
  clinc150: {
    task: "single_label",
    description: "CLINC150 intents: 150 in-scope intents plus oos (out of scope)",
    splits: ["train", "validation", "test"],
    root: "data",
    marker: "clinc150/data/data_full.json",
    async local(dir, split) {
      const path = join(dir, "clinc150/data/data_full.json");
      const data = JSON.parse(await Deno.readTextFile(path)) as Record<string, [string, string][]>;
      const key = split === "validation" ? "val" : split;
      const rows = [...data[key], ...data[`oos_${key}`]];
      const names = [...new Set(data.train.map((r) => r[1]))].concat("oos").sort();
      return {
        inputs: rows.map((r) => r[0]),
        labels: rows.map((r, i) => {
          const k = names.indexOf(r[1]);
          if (k < 0) {
            throw new FileFormatError(path, `${key}[${i}]: unknown intent ${JSON.stringify(r[1])}`);
          }
          return k;
        }),
        labelNames: names,
      };
    },
    hub: {
      repo: "clinc/clinc_oos",
      config: "plus",
      splits: { train: "train", validation: "validation", test: "test" },
      build: hubSingle("text", "intent"),
    },
  },
  "tweet_eval/emotion": {
    task: "single_label",
    description: "TweetEval emotion: anger / joy / optimism / sadness tweets",
    splits: ["train", "validation", "test"],
    root: "data",
    marker: "tweeteval/datasets/emotion/mapping.txt",
    async local(dir, split) {
      const folder = join(dir, "tweeteval/datasets/emotion");
      const s = split === "validation" ? "val" : split;
      const names = (await readLines(join(folder, "mapping.txt"))).map((l) => l.split("\t")[1]);
      const texts = await readLines(join(folder, `${s}_text.txt`));
      const labelFile = join(folder, `${s}_labels.txt`);
      const raw = await readLines(labelFile);
      if (raw.length !== texts.length) {
        throw new DataFileError(
          labelFile,
          raw.length,
          `${raw.length} labels for ${texts.length} texts`,
        );
      }
      return {
        inputs: texts.map((t, i) => nonEmpty(t.trimEnd(), join(folder, `${s}_text.txt`), i + 1)),
        labels: raw.map((v, i) => intLabel(v.trim(), names.length, labelFile, i + 1)),
        labelNames: names,
      };
    },
    hub: {
      repo: "cardiffnlp/tweet_eval",
      config: "emotion",
      splits: { train: "train", validation: "validation", test: "test" },
      build: hubSingle("text", "label", ["anger", "joy", "optimism", "sadness"]),
    },
  },
  goemotions: {
    task: "multi_label",
    description: "GoEmotions Reddit comments, 27 emotions + neutral, multi-label",
    splits: ["train", "validation", "test"],
    root: "data",
    marker: "goemotions/data/original/labels.txt",
    async local(dir, split) {
      const folder = join(dir, "goemotions/data/original");
      return multiLabelFile(
        join(folder, `${split === "validation" ? "dev" : split}.tsv`),
        await readLines(join(folder, "labels.txt")),
      );
    },
    hub: {
      repo: "google-research-datasets/go_emotions",
      config: "simplified",
      splits: { train: "train", validation: "validation", test: "test" },
      build: (rows, features) => ({
        inputs: hubColumn(rows, "text", isString),
        labels: hubColumn(rows, "labels", isNumbers).map((ls) =>
          [...new Set(ls)].sort((a, b) => a - b)
        ),
        labelNames: classNames(features, "labels"),
      }),
    },
  },
  sms_spam: {
    task: "single_label",
    description:
      "SMS Spam Collection, ham / spam (13 % spam); seeded stratified 70 / 10 / 20 split",
    splits: ["train", "validation", "test"],
    root: "data",
    marker: "smsspam/SMSSpamCollection",
    async local(dir, split) {
      const all = await singleFromTable(
        join(dir, "smsspam/SMSSpamCollection"),
        readTsv,
        "SMS",
        "Label",
        [
          "ham",
          "spam",
        ],
      );
      return derived(all, split, "sms_spam");
    },
    hub: {
      repo: "ucirvine/sms_spam",
      config: "plain_text",
      splits: {},
      build: hubSingle("sms", "label", ["ham", "spam"]),
    },
    derive: { from: "train", split: (all, split) => derived(all, split, "sms_spam") },
  },
  "kit/sentiment": kitSingle(
    "Customer-support messages: complaint / praise / neutral (synthetic, the kit's own)",
    "sentiment",
    "csv",
    KIT_LABELS.sentiment,
  ),
  "kit/intents": {
    task: "single_label",
    description: "Travel-desk customer intents, 8 classes (synthetic, the kit's own)",
    splits: ["train", "validation", "test"],
    root: "kit",
    marker: "intents/train.jsonl",
    async local(dir, split) {
      const path = join(dir, "intents", `${split}.jsonl`);
      const { rows, lines } = await readJsonl(path);
      const names = [...KIT_LABELS.intents];
      return {
        inputs: rows.map((r, i) => {
          if (typeof r.text !== "string") {
            throw new DataFileError(path, lines[i], "text must be a string");
          }
          return nonEmpty(r.text, path, lines[i]);
        }),
        labels: rows.map((r, i) => indexOf(names, String(r.intent), path, lines[i])),
        labelNames: names,
      };
    },
  },
  "kit/ner": {
    task: "token",
    description:
      "News-style sentences tagged PER / ORG / LOC / MISC in IOB2 (synthetic, the kit's own)",
    splits: ["train", "validation", "test"],
    root: "kit",
    marker: "ner/train.txt",
    local: (dir, split) => tokenFile(join(dir, "ner", `${split}.txt`)),
  },
  "kit/nli": {
    task: "pair",
    description:
      "Premise / hypothesis pairs: entailment / neutral / contradiction (synthetic, the kit's own)",
    splits: ["train", "validation", "test"],
    root: "kit",
    marker: "nli/train.tsv",
    async local(dir, split) {
      const path = join(dir, "nli", `${split}.tsv`);
      const table = await readTsv(path);
      const names = [...KIT_LABELS.nli];
      return {
        inputs: zipPairs(textColumn(table, "premise"), textColumn(table, "hypothesis")),
        labels: column(table, "label").map((v, i) => indexOf(names, v, path, table.lines[i])),
        labelNames: names,
      };
    },
  },
  "kit/compliance": {
    task: "multi_label",
    description:
      "Internal documents tagged with 21 regulatory frameworks, multi-label (synthetic, the kit's own)",
    splits: ["train", "validation", "test"],
    root: "kit",
    marker: "compliance/labels.txt",
    async local(dir, split) {
      const folder = join(dir, "compliance");
      return multiLabelFile(
        join(folder, `${split}.tsv`),
        await readLines(join(folder, "labels.txt")),
      );
    },
  },
  "kit/fraud": kitSingle(
    "Card transaction descriptions, ~1 % fraud (synthetic, the kit's own)",
    "fraud",
    "csv",
    KIT_LABELS.fraud,
  ),
};

function kitSingle(
  description: string,
  folder: string,
  ext: "csv",
  names: readonly string[],
): DatasetSpec {
  return {
    task: "single_label",
    description,
    splits: ["train", "validation", "test"],
    root: "kit",
    marker: `${folder}/train.${ext}`,
    local: (dir, split) =>
      singleFromTable(join(dir, folder, `${split}.${ext}`), readCsv, "text", "label", names),
  };
}

async function tokenFile(path: string): Promise<DatasetBody> {
  const sentences = await readConll(path);
  const names = [...CONLL_TAGS];
  return {
    inputs: sentences.map((s) => s.tokens),
    labels: sentences.map((s) => s.tags.map((t, j) => indexOf(names, t, path, s.line + j))),
    labelNames: names,
  };
}

async function multiLabelFile(path: string, names: string[]): Promise<DatasetBody> {
  const rows = await readMultiLabelTsv(path);
  return {
    inputs: rows.map((r) => nonEmpty(r.text, path, r.line)),
    labels: rows.map((r) =>
      r.labels.map((l) => intLabel(String(l), names.length, path, r.line)).sort((a, b) => a - b)
    ),
    labelNames: names,
  };
}
