/**
 * The classification results table of docs/results_classification.md: frozen USE-lite +
 * the linear head of 16.6.1, trained with the kit's Trainer as in notebooks 16_6_2 and 16_6_4
 * (the chapter's TrainingArguments with lr 3e-3 and 10 epochs — 20 for sentence pairs, as in
 * notebook 16_6_4 — best epoch by validation macro F1), reported on each test split as mean ± sample standard deviation over seeds. A seed draws
 * the training sample (where the training split is subsampled) and seeds the head's training.
 *
 * Run: deno run -A bench/results_classification.ts [--seeds 3] [--train-size 2000] [--markdown out.md]
 * Datasets not in the data directory (KIT_DATA_DIR, else ../shared/datasets) are skipped, with a line.
 * @module
 */
import { parseArgs } from "node:util";
import { initBackend } from "../lib/backend.ts";
import { embedPairFeatures, pairFeatureSize } from "../lib/encoders/pair_features.ts";
import { loadUseLite } from "../lib/encoders/use_lite/mod.ts";
import { type PairDataset, type SingleLabelDataset, withInputs } from "../lib/data/dataset.ts";
import { loadDataset } from "../lib/data/load.ts";
import { subsample } from "../lib/data/split.ts";
import { featureBody } from "../lib/encoders/body.ts";
import { createClassifier } from "../lib/heads/model.ts";
import { Trainer } from "../lib/train/trainer.ts";
import { CHAPTER_TRAINING_ARGS, chapterComputeMetrics } from "../tools/demo/single_label.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    seeds: { type: "string", default: "3" },
    "train-size": { type: "string", default: "2000" },
    markdown: { type: "string" },
  },
});
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i);
const trainSize = Number(values["train-size"]);

type Labelled = SingleLabelDataset | PairDataset;

interface Task {
  task: string;
  name: "sst2" | "kit/sentiment" | "kit/intents" | "sick" | "kit/nli";
  /** How the inputs become vectors. */
  features: "sentence" | "pair";
}

const TASKS: Task[] = [
  { task: "sentiment (16.6.2)", name: "sst2", features: "sentence" },
  { task: "sentiment (16.6.2)", name: "kit/sentiment", features: "sentence" },
  { task: "intents (Ex. 14.6.5)", name: "kit/intents", features: "sentence" },
  { task: "NLI (16.6.4)", name: "sick", features: "pair" },
  { task: "NLI (16.6.4)", name: "kit/nli", features: "pair" },
];

await initBackend({ quiet: true });
const use = await loadUseLite();
const PAIR = { concatenationSentMultiplication: true };

async function vectors(ds: Labelled): Promise<Float32Array[]> {
  return ds.task === "pair"
    ? await embedPairFeatures(use, ds.inputs, { ...PAIR, progress: false })
    : await use.embed(ds.inputs, { progress: false });
}

async function splits(name: Task["name"]): Promise<Labelled[] | undefined> {
  try {
    return await Promise.all(
      ["train", "validation", "test"].map((split) =>
        loadDataset(name, { split, source: "local" }) as Promise<Labelled>
      ),
    );
  } catch (e) {
    console.error(`skipped ${name}: ${(e as Error).message}`);
    return undefined;
  }
}

function meanStd(xs: number[]): string {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = xs.length > 1
    ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1))
    : 0;
  return `${(100 * mean).toFixed(1)} ± ${(100 * std).toFixed(1)}`;
}

const lines = [
  "| task | data: train / validation / test | encoder → features → head | test accuracy | test macro F1 |",
  "|---|---|---|---:|---:|",
];
for (const t of TASKS) {
  const data = await splits(t.name);
  if (!data) continue;
  const [trainFull, validation, test] = data;
  const start = performance.now();
  const [validationX, testX] = [await vectors(validation), await vectors(test)];
  const accuracy: number[] = [];
  const f1Macro: number[] = [];
  let trainCount = 0;
  for (const seed of seeds) {
    const train = trainFull.labels.length > trainSize
      ? subsample(trainFull, trainSize, { seed })
      : trainFull;
    trainCount = train.labels.length;
    const trainX = await vectors(train);
    const size = t.features === "pair" ? pairFeatureSize(use.hiddenSize, PAIR) : use.hiddenSize;
    const model = createClassifier(featureBody({ name: use.name, hiddenSize: size }), {
      labels: train.labelNames,
    }, { seed });
    const trainer = new Trainer({
      model,
      args: {
        ...CHAPTER_TRAINING_ARGS,
        outputDir: undefined,
        saveStrategy: "no",
        numTrainEpochs: t.features === "pair" ? 20 : 10,
        learningRate: 3e-3,
        seed,
        disableTqdm: true,
      },
      trainDataset: withInputs(train, trainX),
      evalDataset: withInputs(validation, validationX),
      computeMetrics: chapterComputeMetrics,
    });
    await trainer.train();
    const m = trainer.predict(withInputs(test, testX)).metrics;
    accuracy.push(m.test_accuracy);
    f1Macro.push(m.test_f1Macro);
    model.dispose();
  }
  const sampled = trainCount < trainFull.labels.length
    ? `${trainCount} of ${trainFull.labels.length}`
    : `${trainCount}`;
  const features = t.features === "pair" ? "[u, v, \\|u−v\\|, u·v] (2,048)" : "sentence (512)";
  lines.push(
    `| ${t.task} | ${t.name}: ${sampled} / ${validation.labels.length} / ${test.labels.length} ` +
      `| USE-lite (frozen) → ${features} → linear | ${meanStd(accuracy)} | ${meanStd(f1Macro)} |`,
  );
  console.error(
    `${t.name}: ${((performance.now() - start) / 1000).toFixed(1)} s; per seed: accuracy ` +
      `${accuracy.map((x) => x.toFixed(4)).join(", ")}; macro F1 ` +
      `${f1Macro.map((x) => x.toFixed(4)).join(", ")}`,
  );
}
use.dispose();
const table = lines.join("\n") + "\n";
console.log(table);
console.log(`mean ± sample std (n − 1) over seeds ${seeds.join(", ")}, in %`);
if (values.markdown) await Deno.writeTextFile(values.markdown, table);
