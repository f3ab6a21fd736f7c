// The kit's Trainer fine-tunes the Hugging Face models end to end: every weight moves (or only
// the unfrozen parts), the training loss falls, token classification takes aligned labels.
import type * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertThrows } from "@std/assert";
import {
  AutoModelForSequenceClassification,
  AutoModelForTokenClassification,
} from "../lib/models/auto.ts";
import { alignLabels } from "../lib/ner/align.ts";
import { Trainer } from "../lib/train/trainer.ts";

const FIXTURES = new URL("./fixtures/hf/", import.meta.url).pathname;
const TEXTS = [
  "the film was great fun",
  "we loved the music",
  "a good story and a great cast",
  "a dull and slow story",
  "the film was bad",
  "a slow and bad film",
];
const LABELS = ["positive", "positive", "positive", "negative", "negative", "negative"];

const snapshot = (vars: Map<string, tf.Variable>) =>
  new Map([...vars].map(([k, v]) => [k, v.dataSync().slice()]));

Deno.test("hf train: the Trainer fine-tunes every weight of a BERT classifier; the loss falls", async () => {
  const model = await AutoModelForSequenceClassification.fromPretrained(FIXTURES + "bert-base", {
    id2label: ["negative", "positive"],
    verbose: false,
    // A 16-wide model is drowned by dropout's noise in a few steps: off, the loss falls steadily.
    hiddenDropoutProb: 0,
    attentionProbsDropoutProb: 0,
    classifierDropout: 0,
  });
  const before = snapshot(model.hfVariables());
  const trainer = new Trainer({
    model,
    args: {
      numTrainEpochs: 8,
      learningRate: 3e-3,
      perDeviceTrainBatchSize: 3,
      disableTqdm: true,
      loggingSteps: 2,
      warmupRatio: 0,
    },
    trainDataset: { inputs: TEXTS, labels: LABELS },
  });
  const out = await trainer.train();
  assertEquals(out.globalStep, 16);
  const losses = out.logHistory.map((e) => e.loss).filter((l) => l !== undefined);
  assert(losses.at(-1)! < 0.75 * losses[0], `loss ${losses[0]} → ${losses.at(-1)}`);
  for (const [name, v] of model.hfVariables()) {
    const moved = v.dataSync().some((x, i) => x !== before.get(name)![i]);
    assert(moved, `${name} did not train`);
  }
  model.dispose();
});

Deno.test("hf train: frozen parts keep their weights; parameter counts split", async () => {
  const model = await AutoModelForSequenceClassification.fromPretrained(FIXTURES + "roberta-seq");
  assertEquals(model.parts, [
    "embeddings",
    "encoder.layer.0",
    "encoder.layer.1",
    "classifier",
  ]);
  model.freeze("embeddings", "encoder.layer.0");
  assertEquals(model.frozenParts, ["embeddings", "encoder.layer.0"]);
  const counts = model.parameterCounts();
  const parts = model.base.parameterCounts();
  assertEquals(counts.frozen, parts.embeddings + parts["encoder.layer.0"]);
  assertThrows(() => model.freeze("encoder.layer.7"), Error, "is not a part of this model");
  const before = snapshot(model.hfVariables());
  await new Trainer({
    model,
    args: { maxSteps: 2, learningRate: 1e-2, perDeviceTrainBatchSize: 3, disableTqdm: true },
    trainDataset: { inputs: TEXTS, labels: [2, 2, 2, 0, 0, 0] },
  }).train();
  for (const [name, v] of model.hfVariables()) {
    const moved = v.dataSync().some((x, i) => x !== before.get(name)![i]);
    const frozen = name.includes("embeddings") || name.includes("layer.0.");
    assertEquals(moved, !frozen, name);
  }
  model.freeze("classifier");
  assertEquals(model.headVariables().length, 0);
  model.unfreeze("embeddings", "encoder.layer.0", "classifier");
  assertEquals(model.parameterCounts().frozen, 0);
  model.dispose();
});

Deno.test("hf train: token classification with word labels aligned by the tokenizer's word ids", async () => {
  const model = await AutoModelForTokenClassification.fromPretrained(FIXTURES + "distilbert-tok");
  const sentences = [["john", "lives", "in", "paris"], ["mary", "went", "to", "london"]];
  const tags = [["B-PER", "O", "O", "B-LOC"], ["B-PER", "O", "O", "B-LOC"]];
  const labelList = Object.values(model.id2label);
  const batch = model.base.encodeWords(sentences);
  const labels = batch.encodings.map((e, i) => alignLabels(tags[i], e.wordIds, { labelList }));
  assertEquals(labels[0][0], -100);
  const trainer = new Trainer({
    model,
    kind: "token",
    args: { numTrainEpochs: 10, learningRate: 1e-2, perDeviceTrainBatchSize: 2, disableTqdm: true },
    trainDataset: { inputs: sentences, labels },
  });
  const out = await trainer.train();
  assert(out.trainingLoss > 0);
  const logits = model.forward(sentences).arraySync() as number[][][];
  const predicted = logits[0].map((row) => row.indexOf(Math.max(...row)));
  labels[0].forEach((y, t) => {
    if (y !== -100) assertEquals(predicted[t], y, `token ${t}`);
  });
  model.dispose();
});

Deno.test("hf train: a multi-label head (problemType) trains on multi-hot labels with BCE", async () => {
  const model = await AutoModelForSequenceClassification.fromPretrained(FIXTURES + "roberta-seq", {
    id2label: ["plot", "music", "cast"],
    problemType: "multi_label_classification",
    verbose: false,
  });
  assertEquals(model.problemType, "multi_label_classification");
  const out = await new Trainer({
    model,
    kind: "multi",
    args: { maxSteps: 2, learningRate: 1e-3, perDeviceTrainBatchSize: 3, disableTqdm: true },
    trainDataset: { inputs: TEXTS, labels: TEXTS.map((_, i) => [i % 2, 1, 0]) },
  }).train();
  assertEquals(out.globalStep, 2);
  model.dispose();
});

Deno.test("hf train: dropout acts only in training, varies with the seed, and is off at rate 0", async () => {
  const model = await AutoModelForSequenceClassification.fromPretrained(FIXTURES + "bert-seq");
  const evalLogits = model.forward(TEXTS).dataSync();
  const a = model.forward(TEXTS, { training: true, seed: 1 }).dataSync();
  const b = model.forward(TEXTS, { training: true, seed: 2 }).dataSync();
  const a2 = model.forward(TEXTS, { training: true, seed: 1 }).dataSync();
  assert(a.some((x, i) => x !== evalLogits[i]), "training mode must drop");
  assert(a.some((x, i) => x !== b[i]), "another seed must draw other masks");
  assertEquals(a2, a);
  model.dispose();
  const off = await AutoModelForSequenceClassification.fromPretrained(FIXTURES + "bert-seq", {
    hiddenDropoutProb: 0,
    attentionProbsDropoutProb: 0,
    classifierDropout: 0,
  });
  assertEquals(off.forward(TEXTS, { training: true, seed: 1 }).dataSync(), evalLogits);
  off.dispose();
});
