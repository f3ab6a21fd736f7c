/**
 * Few-shot benchmark (16.6.4b): SetFit against the frozen encoder with logistic regression and
 * against a head-only fine-tune, with 8 and 32 labelled examples per class, over several seeds.
 * Prints a markdown table (mean ± std accuracy, mean training time, paired SetFit − frozen).
 *
 *   deno task bench:fewshot [--datasets sst2,banking77,tweet_eval/emotion] [--shots 8,32]
 *     [--seeds 5] [--test-size 500] [--num-iterations 20] [--max-steps 120] [--lr 1e-4]
 *     [--out-jsonl .cache/fewshot/results.jsonl] [--out file.md] [--table-only]
 *
 * Resumable: every finished (dataset, k, seed, method) run is appended as one JSON line to
 * `--out-jsonl`, and a re-run with the same settings skips the runs already there (the table is
 * built from that file, so it also holds runs of earlier invocations). `--table-only` just prints
 * the table. The data come from the data directory (`KIT_DATA_DIR`, else ../shared/datasets).
 * Accuracy is measured on a fixed stratified subsample of each test split (`--test-size`, seed
 * 0; SST-2: its validation split), the same for every method and seed; the three methods see the
 * same few-shot sample for a given seed. Frozen embeddings go through the on-disk cache, so the
 * baselines' times are the head fits alone; SetFit's time is stage 1, embedding the examples with
 * the fine-tuned body and fitting the head.
 * @module
 */
import { parseArgs } from "node:util";
import { dirname } from "node:path";
import * as os from "node:os";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../lib/backend.ts";
import { UseLiteEncoder } from "../lib/encoders/use_lite/mod.ts";
import { loadDataset } from "../lib/data/load.ts";
import { sampleDataset, subsample } from "../lib/data/split.ts";
import { type SingleLabelDataset, withInputs } from "../lib/data/dataset.ts";
import { featureBody } from "../lib/encoders/body.ts";
import { createClassifier } from "../lib/heads/model.ts";
import { Trainer } from "../lib/train/trainer.ts";
import { argmax } from "../lib/train/predict.ts";
import { accuracyScore } from "../lib/metrics/mod.ts";
import { LogisticHead, SetFitModel, SetFitTrainer } from "../lib/setfit/mod.ts";
import {
  appendResult,
  type FewshotResult,
  fewshotTable,
  METHODS,
  readResults,
  resultKey,
} from "./fewshot_table.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    datasets: { type: "string", default: "sst2,banking77,tweet_eval/emotion" },
    shots: { type: "string", default: "8,32" },
    seeds: { type: "string", default: "5" },
    "test-size": { type: "string", default: "500" },
    "num-iterations": { type: "string", default: "20" },
    "max-steps": { type: "string", default: "120" },
    lr: { type: "string", default: "1e-4" },
    "out-jsonl": { type: "string", default: ".cache/fewshot/results.jsonl" },
    out: { type: "string" },
    "table-only": { type: "boolean", default: false },
  },
});
const positiveInt = (name: string, v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} is ${v}: use a positive integer`);
  return n;
};
const datasets = values.datasets.split(",");
const shots = values.shots.split(",").map((s) => positiveInt("shots", s));
const numSeeds = positiveInt("seeds", values.seeds);
const testSize = positiveInt("test-size", values["test-size"]);
const numIterations = positiveInt("num-iterations", values["num-iterations"]);
const maxSteps = positiveInt("max-steps", values["max-steps"]);
const learningRate = Number(values.lr);
if (!(learningRate > 0)) throw new Error(`--lr is ${values.lr}: use a positive number`);
const jsonl = values["out-jsonl"];

// A result counts for this table only if it was made with these settings.
const baseConfig = `test ${testSize}`;
const configs: Record<string, string> = {
  [METHODS.frozen]: baseConfig,
  [METHODS.headOnly]: `${baseConfig}; dropout 0.1 + linear, AdamW lr 1e-2, 20 epochs, batch 16`,
  [METHODS.setfit]:
    `${baseConfig}; numIterations ${numIterations}, maxSteps ${maxSteps}, batch 16, lr ${learningRate}`,
};

const printTable = async (backend: string) => {
  const lines = [
    `Few-shot accuracy (%), mean ± std over seeds; USE-lite body; test: a fixed stratified ` +
    `subsample of ${testSize} examples of each test split (SST-2: validation), seed 0.`,
    `SetFit: numIterations ${numIterations} (2 · ${numIterations} · examples pairs), at most ` +
    `${maxSteps} steps of 16 pairs, lr ${learningRate}, cosine-similarity loss, whole body ` +
    `trained. Head-only: dropout 0.1 + linear, AdamW lr 1e-2, 20 epochs.`,
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"} (shared), tfjs ${backend}; ${
      new Date().toISOString().slice(0, 10)
    }. Results: ${jsonl}.`,
    "",
    ...fewshotTable(await readResults(jsonl), configs, datasets),
  ];
  console.log(lines.join("\n"));
  if (values.out) await Deno.writeTextFile(values.out, lines.join("\n") + "\n");
};

const backend = await initBackend({ quiet: true });
if (values["table-only"]) {
  await printTable(backend);
  Deno.exit(0);
}

await Deno.mkdir(dirname(jsonl), { recursive: true });
const done = new Set((await readResults(jsonl)).map(resultKey));
const total = datasets.length * shots.length * numSeeds * 3;
let finished = 0;
const start = performance.now();
const elapsed = () => `${((performance.now() - start) / 60000).toFixed(1)} min`;

const frozen = await UseLiteEncoder.load();
const setfit = await SetFitModel.fromPretrained("use-lite");
const body = setfit.trainableBody();
// Every SetFit run starts from the pretrained weights: keep a copy to restore.
const initial = new Map([...body.namedVariables!()].map(([k, v]) => [k, tf.clone(v)]));
const restore = () => {
  for (const [k, v] of body.namedVariables!()) v.assign(initial.get(k)!);
};

/** Runs `fn` unless its result is in the file; appends it and prints progress. */
const run = async (
  dataset: string,
  k: number,
  seed: number,
  method: string,
  fn: () => Promise<
    Omit<FewshotResult, "dataset" | "k" | "seed" | "method" | "config" | "finished">
  >,
) => {
  finished++;
  const id = { dataset, k, seed, method, config: configs[method] };
  if (done.has(resultKey(id))) return;
  const r: FewshotResult = { ...id, ...await fn(), finished: new Date().toISOString() };
  await appendResult(jsonl, r);
  console.log(
    `[${finished}/${total}, ${elapsed()}] ${dataset} k=${k} seed=${seed} ${method}: ` +
      `${(r.accuracy * 100).toFixed(1)} % (${r.seconds.toFixed(1)} s${
        r.steps !== undefined ? `, ${r.steps} steps` : ""
      })`,
  );
};

const testSplit = (name: string) => (name === "sst2" ? "validation" : "test");
const data = new Map<
  string,
  { train: SingleLabelDataset; test: SingleLabelDataset; testX: Float32Array[] }
>();
const load = async (name: string) => {
  if (!data.has(name)) {
    const train = await loadDataset(name, {
      split: "train",
      source: "local",
    }) as SingleLabelDataset;
    const full = await loadDataset(name, {
      split: testSplit(name),
      source: "local",
    }) as SingleLabelDataset;
    const test = subsample(full, Math.min(testSize, full.inputs.length), { seed: 0 });
    data.set(name, { train, test, testX: await frozen.embed(test.inputs, { progress: false }) });
  }
  return data.get(name)!;
};

// Shots outermost: the cheap 8-shot grid finishes first if a long run is cut short.
for (const k of shots) {
  for (const name of datasets) {
    const { train, test, testX } = await load(name);
    for (let seed = 0; seed < numSeeds; seed++) {
      const few = sampleDataset(train, { numSamples: k, seed });
      let X: Float32Array[] | undefined;
      const features = async () => (X ??= await frozen.embed(few.inputs, { progress: false }));

      await run(name, k, seed, METHODS.frozen, async () => {
        const X = await features();
        const t0 = performance.now();
        const head = LogisticHead.fit(X, few.labels);
        const seconds = (performance.now() - t0) / 1000;
        return { accuracy: accuracyScore(test.labels, head.predict(testX) as number[]), seconds };
      });

      await run(name, k, seed, METHODS.headOnly, async () => {
        const X = await features();
        const t0 = performance.now();
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
          trainDataset: withInputs(few, X),
        });
        await trainer.train();
        const seconds = (performance.now() - t0) / 1000;
        const logits = trainer.predict(withInputs(test, testX)).predictions;
        model.dispose();
        return { accuracy: accuracyScore(test.labels, argmax(logits)), seconds };
      });

      await run(name, k, seed, METHODS.setfit, async () => {
        restore();
        const sf = new SetFitTrainer({
          model: setfit,
          trainDataset: few,
          numIterations,
          maxSteps,
          learningRate,
          seed,
          progress: false,
        });
        const out = await sf.train();
        const { accuracy } = await sf.evaluate(test);
        return { accuracy, seconds: out.trainRuntimeS, steps: out.contrastive?.steps };
      });
    }
  }
}
console.log(`done in ${elapsed()}\n`);
await printTable(backend);
setfit.dispose();
frozen.dispose();
for (const v of initial.values()) v.dispose();
