/**
 * The results table of docs/results_sequence_imbalance.md for class imbalance (notebook
 * 16_6_5) and the multi-label compliance scenario: the notebooks' experiments with 5 seeds,
 * printed as Markdown rows (task, data, encoder, setting, metric, mean ± std over seeds).
 *
 * Usage: `deno run -A bench/results_imbalance.ts [--seeds 5]`. Needs the SMS Spam Collection in
 * the data directory (else it uses kit/fraud, as the notebook does).
 * @module
 */
import {
  applyThresholds,
  argmax,
  f1Score,
  featureBody,
  fitPredict,
  formatMeanStd,
  IMBALANCE_STRATEGIES,
  initBackend,
  loadDataset,
  loadUseLite,
  type MultiLabelDataset,
  oversampleRareLabels,
  type SingleLabelDataset,
  subsampleMinority,
  tuneThresholds,
  withInputs,
} from "../lib/mod.ts";

const seedsArg = Deno.args.indexOf("--seeds");
const SEEDS = Array.from(
  { length: seedsArg >= 0 ? Number(Deno.args[seedsArg + 1]) : 5 },
  (_, i) => i,
);
await initBackend();
const use = await loadUseLite();
const body = featureBody({ name: use.name, hiddenSize: use.hiddenSize });
const rows: string[] = [];
const row = (cells: string[]) => rows.push(`| ${cells.join(" | ")} |`);

// Class imbalance: the notebook's settings (300 steps of 32, lr 0.01), arg-max decisions.
let dataName = "sms_spam";
let shares = [0.05, 0.01, 0.001];
let splits: SingleLabelDataset[];
try {
  splits = await Promise.all(
    ["train", "test"].map((split) => loadDataset("sms_spam", { split, source: "local" })),
  );
} catch {
  dataName = "kit/fraud";
  shares = [0.01, 0.003, 0.001];
  splits = await Promise.all(["train", "test"].map((split) => loadDataset("kit/fraud", { split })));
}
const [train, test] = splits;
const trainX = await use.embed(train.inputs);
const testX = await use.embed(test.inputs);
for (const share of shares) {
  for (const strategy of IMBALANCE_STRATEGIES) {
    const minority: number[] = [];
    const macro: number[] = [];
    for (const seed of SEEDS) {
      const idx = subsampleMinority(train.labels, share, { seed });
      const { logits } = await fitPredict({
        body,
        task: { labels: train.labelNames },
        train: { inputs: idx.map((i) => trainX[i]), labels: idx.map((i) => train.labels[i]) },
        predict: [withInputs(test, testX)],
        args: {
          maxSteps: 300,
          perDeviceTrainBatchSize: 32,
          perDeviceEvalBatchSize: 256,
          learningRate: 1e-2,
          disableTqdm: true,
          ...strategy.args,
        },
        seed,
      });
      const preds = argmax(logits[0]);
      minority.push(f1Score(test.labels, preds, { posLabel: 1, zeroDivision: 0 }));
      macro.push(f1Score(test.labels, preds, { average: "macro", zeroDivision: 0 }));
    }
    const task = `imbalance, ${(share * 100).toFixed(1)} % ${train.labelNames[1]}`;
    const cells = [task, dataName, "USE-lite (frozen) + linear", strategy.name];
    row([...cells, `${train.labelNames[1]} F1`, formatMeanStd(minority)]);
    row([...cells, "macro F1", formatMeanStd(macro)]);
  }
}

// Multi-label compliance: the notebook's settings (30 epochs of 32, lr 0.01).
const [mlTrain, mlValidation, mlTest] = await Promise.all(
  ["train", "validation", "test"].map((split) => loadDataset("kit/compliance", { split })),
) as MultiLabelDataset[];
const tags = mlTrain.labelNames;
const hot = (d: MultiLabelDataset): number[][] =>
  d.labels.map((ids) => tags.map((_, k) => (ids.includes(k) ? 1 : 0)));
const [yTrain, yValidation, yTest] = [mlTrain, mlValidation, mlTest].map(hot);
const [xTrain, xValidation, xTest] = [
  await use.embed(mlTrain.inputs),
  await use.embed(mlValidation.inputs),
  await use.embed(mlTest.inputs),
];
const counts = tags.map((_, k) => yTrain.reduce((s, r) => s + r[k], 0));
const rare = tags.map((_, k) => k).sort((a, b) => counts[a] - counts[b]).slice(0, 5);
const focal = { loss: "sigmoid_focal" as const, focalGamma: 2, focalAlpha: -1 };
const sigmoid = (m: number[][]) => m.map((r) => r.map((z) => 1 / (1 + Math.exp(-z))));
for (
  const [name, args, over] of [
    ["BCE", { loss: "bce" as const }, false],
    ["focal", focal, false],
    ["focal + oversampling", focal, true],
  ] as const
) {
  const scores: Record<string, number[]> = { micro: [], macro: [], microT: [], macroT: [] };
  for (const seed of SEEDS) {
    const idx = over
      ? oversampleRareLabels(yTrain, { factor: 3, rare, seed })
      : yTrain.map((_, i) => i);
    const { logits } = await fitPredict({
      body,
      task: { labels: tags, problemType: "multi_label_classification" },
      kind: "multi",
      train: { inputs: idx.map((i) => xTrain[i]), labels: idx.map((i) => yTrain[i]) },
      predict: [{ inputs: xValidation, labels: yValidation }, { inputs: xTest, labels: yTest }],
      args: {
        numTrainEpochs: 30,
        perDeviceTrainBatchSize: 32,
        perDeviceEvalBatchSize: 256,
        learningRate: 1e-2,
        disableTqdm: true,
        ...args,
      },
      seed,
    });
    const [pv, pt] = logits.map(sigmoid);
    const half = applyThresholds(pt, 0.5);
    const tuned = applyThresholds(pt, tuneThresholds(pv, yValidation));
    scores.micro.push(f1Score(yTest, half, { average: "micro", zeroDivision: 0 }));
    scores.macro.push(f1Score(yTest, half, { average: "macro", zeroDivision: 0 }));
    scores.microT.push(f1Score(yTest, tuned, { average: "micro", zeroDivision: 0 }));
    scores.macroT.push(f1Score(yTest, tuned, { average: "macro", zeroDivision: 0 }));
  }
  const cells = ["multi-label, 21 tags", "kit/compliance", "USE-lite (frozen) + linear", name];
  row([...cells, "micro-F1 (threshold 0.5)", formatMeanStd(scores.micro)]);
  row([...cells, "macro-F1 (threshold 0.5)", formatMeanStd(scores.macro)]);
  row([...cells, "micro-F1 (tuned thresholds)", formatMeanStd(scores.microT)]);
  row([...cells, "macro-F1 (tuned thresholds)", formatMeanStd(scores.macroT)]);
}

console.log(`\n${SEEDS.length} seeds; backend ${Deno.env.get("KIT_BACKEND") ?? "default"}\n`);
console.log("| task | data | encoder | setting | metric | mean ± std |");
console.log("|---|---|---|---|---|---|");
for (const r of rows) console.log(r);
use.dispose();
