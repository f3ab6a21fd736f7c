/**
 * Few-shot benchmark (16.6.4b): SetFit against the frozen encoder with logistic regression and
 * against a head-only fine-tune, with 8 and 32 labelled examples per class, over several seeds.
 * Prints a markdown table (mean ± std accuracy, mean training time).
 *
 *   deno task bench:fewshot [--datasets sst2,banking77,tweet_eval/emotion] [--shots 8,32]
 *     [--seeds 5] [--test-size 500] [--num-iterations 20] [--max-steps 160] [--lr 1e-4]
 *     [--out file.md]
 *
 * The data come from the data directory (`KIT_DATA_DIR`, else ../shared/datasets). Accuracy is
 * measured on a fixed stratified subsample of each test split (`--test-size`), the same for
 * every method and seed; the three methods see the same few-shot sample for a given seed.
 * Frozen embeddings go through the on-disk cache, so reruns mostly time the training.
 * @module
 */
import { parseArgs } from "node:util";
import * as os from "node:os";
import { initBackend } from "../lib/backend.ts";
import { UseLiteEncoder } from "../lib/encoders/use_lite/mod.ts";
import { loadDataset } from "../lib/data/load.ts";
import { sampleDataset, subsample } from "../lib/data/split.ts";
import type { SingleLabelDataset } from "../lib/data/dataset.ts";
import { featureBody } from "../lib/heads/body.ts";
import { createClassifier } from "../lib/heads/model.ts";
import { Trainer } from "../lib/train/trainer.ts";
import { argmax } from "../lib/train/predict.ts";
import { accuracyScore } from "../lib/metrics/mod.ts";
import { LogisticHead, SetFitModel, SetFitTrainer } from "../lib/setfit/mod.ts";
import * as tf from "@tensorflow/tfjs";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    datasets: { type: "string", default: "sst2,banking77,tweet_eval/emotion" },
    shots: { type: "string", default: "8,32" },
    seeds: { type: "string", default: "5" },
    "test-size": { type: "string", default: "500" },
    "num-iterations": { type: "string", default: "20" },
    "max-steps": { type: "string", default: "160" },
    lr: { type: "string", default: "1e-4" },
    out: { type: "string" },
  },
});
const datasets = values.datasets.split(",");
const shots = values.shots.split(",").map(Number);
const numSeeds = Number(values.seeds);
const testSize = Number(values["test-size"]);
const numIterations = Number(values["num-iterations"]);
const maxSteps = Number(values["max-steps"]);
const learningRate = Number(values.lr);

const backend = await initBackend({ quiet: true });
const frozen = await UseLiteEncoder.load();
const setfit = await SetFitModel.fromPretrained("use-lite");
const body = setfit.trainableBody();
// Every SetFit run starts from the pretrained weights: keep a copy to restore.
const initial = new Map([...body.namedVariables!()].map(([k, v]) => [k, tf.clone(v)]));
const restore = () => {
  for (const [k, v] of body.namedVariables!()) v.assign(initial.get(k)!);
};

interface Run {
  accuracy: number;
  seconds: number;
}
const results: { dataset: string; k: number; method: string; runs: Run[] }[] = [];
const record = (dataset: string, k: number, method: string, run: Run) => {
  let row = results.find((r) => r.dataset === dataset && r.k === k && r.method === method);
  if (!row) results.push(row = { dataset, k, method, runs: [] });
  row.runs.push(run);
  console.error(
    `${dataset} k=${k} ${method}: ${(run.accuracy * 100).toFixed(1)} (${run.seconds.toFixed(1)} s)`,
  );
};

const testSplit = (name: string) => (name === "sst2" ? "validation" : "test");
for (const name of datasets) {
  const train = await loadDataset(name, { split: "train", source: "local" }) as SingleLabelDataset;
  const test = subsample(
    await loadDataset(name, { split: testSplit(name), source: "local" }) as SingleLabelDataset,
    testSize,
    { seed: 0 },
  );
  const testX = await frozen.embed(test.texts, { progress: false });
  for (const k of shots) {
    for (let seed = 0; seed < numSeeds; seed++) {
      const few = sampleDataset(train, { numSamples: k, seed });
      const X = await frozen.embed(few.texts, { progress: false });

      let t0 = performance.now();
      const head = LogisticHead.fit(X, few.labels);
      const lrAcc = accuracyScore(test.labels, head.predict(testX) as number[]);
      record(name, k, "frozen + logistic regression", {
        accuracy: lrAcc,
        seconds: (performance.now() - t0) / 1000,
      });

      t0 = performance.now();
      const model = createClassifier(featureBody({ name: "use-lite", hiddenSize: 512 }), {
        labels: train.labelNames,
      }, { seed });
      const trainer = new Trainer({
        model,
        args: {
          numTrainEpochs: 20,
          learningRate: 1e-2,
          perDeviceTrainBatchSize: 16,
          seed,
          disableTqdm: true,
          loggingSteps: 1000,
        },
        trainDataset: { inputs: X, labels: few.labels },
      });
      await trainer.train();
      const logits = trainer.predict({ inputs: testX, labels: test.labels }).predictions;
      record(name, k, "frozen + head-only fine-tune", {
        accuracy: accuracyScore(test.labels, argmax(logits as number[][])),
        seconds: (performance.now() - t0) / 1000,
      });
      model.dispose();

      t0 = performance.now();
      restore();
      const sf = new SetFitTrainer({
        model: setfit,
        trainDataset: { text: few.texts, label: few.labels },
        numIterations,
        maxSteps,
        learningRate,
        seed,
        progress: false,
      });
      await sf.train();
      const seconds = (performance.now() - t0) / 1000;
      const { accuracy } = await sf.evaluate({ text: test.texts, label: test.labels });
      record(name, k, "SetFit", { accuracy, seconds });
    }
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const std = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
};
const lines = [
  `Few-shot accuracy (%), mean ± std over ${numSeeds} seeds; USE-lite body; test: a fixed ` +
  `stratified subsample of ${testSize} examples of each test split (SST-2: validation).`,
  `SetFit: numIterations ${numIterations}, at most ${maxSteps} steps of 16 pairs, lr ${learningRate}, ` +
  `cosine-similarity loss, whole body trained. Head-only: dropout 0.1 + linear, AdamW lr 1e-2, 20 epochs.`,
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, tfjs ${backend}; ${
    new Date().toISOString().slice(0, 10)
  }.`,
  "",
  "| dataset | per class | method | accuracy | train time (s) |",
  "|---|---|---|---|---|",
  ...results.map((r) => {
    const acc = r.runs.map((x) => x.accuracy * 100);
    return `| ${r.dataset} | ${r.k} | ${r.method} | ${mean(acc).toFixed(1)} ± ${
      std(acc).toFixed(1)
    } | ${mean(r.runs.map((x) => x.seconds)).toFixed(2)} |`;
  }),
];
console.log(lines.join("\n"));
if (values.out) await Deno.writeTextFile(values.out, lines.join("\n") + "\n");
setfit.dispose();
frozen.dispose();
