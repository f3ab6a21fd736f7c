import * as tf from "@tensorflow/tfjs";
import {
  assert,
  assertEquals,
  assertGreater,
  assertLess,
  assertRejects,
  assertThrows,
} from "@std/assert";
import { ArgumentError } from "../lib/errors.ts";
import { CONLL_TAGS } from "../lib/data/registry.ts";
import { loadDataset } from "../lib/data/load.ts";
import type { TokenDataset } from "../lib/data/dataset.ts";
import { featureBody, tokenFeatureBody } from "../lib/encoders/body.ts";
import { createClassifier } from "../lib/heads/model.ts";
import { TrainableUseLite } from "../lib/encoders/use_lite/trainable.ts";
import { computeNerMetrics } from "../lib/ner/metrics.ts";
import { tokenizeAndAlignLabels, trainTokenClassifier } from "../lib/ner/fine_tune.ts";
import { dataCollatorForTokenClassification } from "../lib/train/collator.ts";
import { loadCheckpoint, saveCheckpoint } from "../lib/train/checkpoint.ts";
import { makeLoss } from "../lib/train/loss.ts";
import { predictEntities } from "../lib/ner/predict.ts";
import { predict } from "../lib/train/predict.ts";
import { resolveTrainingArguments } from "../lib/train/training_args.ts";
import * as seqeval from "../lib/seqeval/mod.ts";

const use = await TrainableUseLite.load();
const body = use.tokenBody();
const labelList = CONLL_TAGS;

Deno.test("collator: labels padded with -100 to the batch's longest row, and the loss skips them", () => {
  const rows = [[1, -100, 0], [5]];
  assertEquals(dataCollatorForTokenClassification(rows), [[1, -100, 0], [5, -100, -100]]);
  assertEquals(dataCollatorForTokenClassification(rows, { length: 4 })[1], [5, -100, -100, -100]);
  assertThrows(
    () => dataCollatorForTokenClassification(rows, { length: 2 }),
    Error,
    "shorter than the longest row (3 labels)",
  );
  // The Trainer's token loss: padding and -100 change nothing; a real label does.
  const loss = makeLoss(
    { numLabels: 9, problemType: "single_label_classification" },
    resolveTrainingArguments({}),
    { kind: "token", ids: [[0]] },
  );
  const logits = tf.randomNormal([2, 3, 9], 0, 1, "float32", 3);
  const value = (ids: number[][]) => loss(logits, { kind: "token", ids }).dataSync()[0];
  const a = value([[1, -100, 0], [5]]);
  const row = logits.arraySync() as number[][][];
  const ce = (z: number[], y: number) => Math.log(z.reduce((s, v) => s + Math.exp(v), 0)) - z[y];
  const expected = (ce(row[0][0], 1) + ce(row[0][2], 0) + ce(row[1][0], 5)) / 3;
  assertLess(Math.abs(a - expected), 1e-5);
  assertGreater(Math.abs(value([[1, 3, 0], [5]]) - a), 1e-4);
  logits.dispose();
});

Deno.test("computeNerMetrics: -100 positions are dropped before seqeval; strict IOB2 differs from default", () => {
  const metrics = computeNerMetrics(["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]);
  const onehot = (ids: number[]) => ids.map((k) => [0, 1, 2, 3, 4].map((c) => (c === k ? 5 : 0)));
  // Gold: [-100] Ada [-100 continuation] Lovelace in Paris ; predicted I-PER starts the name.
  const labelIds = [[-100, 1, -100, 2, 0, 3]];
  const predictions = [onehot([4, 2, 4, 2, 0, 3])];
  const m = metrics({ kind: "token", predictions, labelIds, task: "default" });
  // Kept tokens: gold B-PER I-PER O B-LOC, predicted I-PER I-PER O B-LOC.
  const truth = [["B-PER", "I-PER", "O", "B-LOC"]];
  const pred = [["I-PER", "I-PER", "O", "B-LOC"]];
  assertEquals(m.f1, seqeval.f1Score(truth, pred));
  assertEquals(m.f1, 1); // the lenient reader accepts a name starting with I-
  // Strict IOB2 does not: only LOC is predicted, so precision 1, recall 1/2.
  assertEquals(m.f1_strict, 2 / 3);
  assertEquals(m.accuracy, 0.75);
  assertEquals([m.PER_f1, m.LOC_f1], [1, 1]);
  assertEquals(m.token_f1, seqeval.tokenF1Score(truth, pred));
});

Deno.test("computeNerMetrics: its micro and per-type scores are seqeval's precisionRecallFscoreSupport", () => {
  const names = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"];
  const metrics = computeNerMetrics(names);
  const onehot = (ids: number[]) => ids.map((k) => names.map((_, c) => (c === k ? 5 : 0)));
  // PER found once of twice, LOC predicted twice but right once, one sentence with no entity.
  const labelIds = [[1, 2, 0, 3], [-100, 1, 0, 3, 4], [0, 0]];
  const predictions = [onehot([1, 2, 3, 0]), onehot([0, 0, 0, 3, 4]), onehot([0, 0])];
  const m = metrics({ kind: "token", predictions, labelIds, task: "default" });
  const truth = [["B-PER", "I-PER", "O", "B-LOC"], ["B-PER", "O", "B-LOC", "I-LOC"], ["O", "O"]];
  const pred = [["B-PER", "I-PER", "B-LOC", "O"], ["O", "O", "B-LOC", "I-LOC"], ["O", "O"]];
  const options = { zeroDivision: 0 as const };
  const micro = seqeval.precisionRecallFscoreSupport(truth, pred, { ...options, average: "micro" });
  const perType = seqeval.precisionRecallFscoreSupport(truth, pred, { ...options, average: null });
  assertEquals([m.precision, m.recall, m.f1], [micro.precision, micro.recall, micro.fscore]);
  assertEquals([m.LOC_f1, m.PER_f1], perType.fscore);
  assertEquals(perType.labels, ["LOC", "PER"]);
  assertEquals([m.precision, m.recall], [2 / 3, 2 / 4]);
});

Deno.test("tokenizeAndAlignLabels: bad input is an error naming the sentence", () => {
  const align = (inputs: string[][], labels: (string | number)[][]) =>
    tokenizeAndAlignLabels(body, { inputs, labels }, { labelList, name: "train" });
  assertThrows(
    () => align([["Ada", "left"], ["Hans", "spoke", "."]], [["B-PER", "O"], ["B-PER", "O"]]),
    ArgumentError,
    'train.labels[1] = ["B-PER", "O"]: has 2 tags for the 3 words "Hans spoke ."; give one tag ' +
      "per word",
  );
  assertThrows(
    () => align([["Ada", "left"]], [["B-PERSON", "O"]]),
    ArgumentError,
    'train.labels[0][0] = "B-PERSON": is not in the label list (O, B-PER, I-PER, B-ORG, I-ORG, ' +
      'B-LOC, I-LOC, B-MISC, I-MISC); it tags "Ada" in "Ada left"',
  );
  assertThrows(
    () => align([["Ada"]], [[9]]),
    ArgumentError,
    "train.labels[0][0] = 9: is not in the label list",
  );
  assertThrows(
    () => align([["Ada"], []], [["B-PER"], []]),
    ArgumentError,
    "train.inputs[1] = []: is not a non-empty array of words; drop empty sentences",
  );
  assertThrows(
    () => align([["Ada"]], []),
    ArgumentError,
    "train.labels = []: has 0 tag rows for 1 sentences; give one tag row per sentence",
  );
});

Deno.test("tokenizeAndAlignLabels: a sentence past 128 pieces is truncated with one warning counting lost words", () => {
  const long = Array.from({ length: 150 }, (_, i) => `word${i}`);
  const warnings: string[] = [];
  const aligned = tokenizeAndAlignLabels(
    body,
    { inputs: [["Ada", "left"], long], labels: [["B-PER", "O"], long.map(() => "O")] },
    { labelList, name: "train", warn: (m) => warnings.push(m) },
  );
  assertEquals(aligned.labels[1].length, 128);
  const kept = new Set(aligned.wordIds[1]).size;
  assertEquals(aligned.truncated, [{ sentence: 1, words: 150, lostWords: 150 - kept }]);
  assertEquals(warnings.length, 1);
  assert(
    warnings[0].includes(`train: 1 sentence(s) longer than the encoder's maximum`) &&
      warnings[0].includes(`sentence 1 (${150 - kept} of 150 words)`),
    warnings[0],
  );
});

Deno.test("trainTokenClassifier: end to end on kit/ner, the loss falls, eval metrics come from seqeval, predictEntities tags words", async () => {
  const train = await loadDataset("kit/ner", { split: "train" }) as TokenDataset;
  const test = await loadDataset("kit/ner", { split: "test" }) as TokenDataset;
  const small = { inputs: train.inputs.slice(0, 64), labels: train.labels.slice(0, 64) };
  const evalSet = { inputs: test.inputs.slice(0, 32), labels: test.labels.slice(0, 32) };
  const tuned = await TrainableUseLite.load({ freeze: ["embeddings"] });
  const { model, trainer, output } = await trainTokenClassifier({
    body: tuned.tokenBody(),
    train: small,
    eval: evalSet,
    labelList,
    args: {
      numTrainEpochs: 2,
      learningRate: 2e-3,
      bodyLearningRate: 2e-4,
      perDeviceTrainBatchSize: 16,
      loggingSteps: 1,
      disableTqdm: true,
    },
    seed: 0,
  });
  const losses = output.logHistory.filter((e) => "loss" in e).map((e) => e.loss);
  assertEquals(output.globalStep, 8);
  assertLess(losses.at(-1)!, losses[0] * 0.7, `losses ${losses}`);
  const metrics = trainer.evaluate();
  for (const k of ["eval_f1", "eval_f1_strict", "eval_token_f1", "eval_precision", "eval_PER_f1"]) {
    assert(k in metrics, `${k} missing: ${Object.keys(metrics)}`);
  }
  const predicted = await predictEntities(model, evalSet.inputs, { batchSize: 8 });
  const truth = evalSet.labels.map((r) => r.map((k) => labelList[k]));
  const tags = predicted.map((p) => p.labels);
  assertEquals(tags.map((r) => r.length), truth.map((r) => r.length));
  // With "first" alignment the Trainer's metrics are the word-level ones.
  assertLess(Math.abs(seqeval.f1Score(truth, tags) - metrics.eval_f1), 1e-12);
  assertGreater(metrics.eval_f1, 0.3);
  model.dispose();
  tuned.dispose();
});

Deno.test("predictEntities on a token body: words cut at 128 pieces are O, a checkpoint reloads, a features model without its encoder is refused", async () => {
  const tuned = await TrainableUseLite.load();
  const { model } = await trainTokenClassifier({
    body: tuned.tokenBody(),
    train: { inputs: [["Ada", "left"]], labels: [["B-PER", "O"]] },
    labelList,
    args: { numTrainEpochs: 1, disableTqdm: true },
  });
  const long = Array.from({ length: 150 }, (_, i) => `word${i}`);
  const [p] = await predictEntities(model, [long]);
  const covered = new Set(tuned.tokenBody().tokenizeWords(long).wordIds).size;
  assertEquals(p.labels.length, 150);
  assert(p.labels.slice(covered).every((t) => t === "O"));
  await assertRejects(
    () => predictEntities(model, [[]]),
    ArgumentError,
    "sentences[0] = []: has no words to label",
  );
  await assertRejects(
    () => predictEntities(model, [["Ada"]], { batchSize: 0 }),
    ArgumentError,
    "batchSize = 0: is not a positive integer",
  );
  // A checkpoint of the fine-tuned encoder and head reloads onto a fresh token body.
  const dir = await Deno.makeTempDir();
  await saveCheckpoint(model, dir);
  const fresh = await TrainableUseLite.load();
  const reloaded = await loadCheckpoint(dir, fresh.tokenBody());
  const sentence = [["Ada", "met", "Hans", "in", "Washington"]];
  const [before] = await predictEntities(model, sentence);
  const [after] = await predictEntities(reloaded, sentence);
  const untunedModel = createClassifier(fresh.tokenBody(), { labels: labelList });
  const [untuned] = await predictEntities(untunedModel, sentence);
  untunedModel.dispose();
  assertEquals(after.labels, before.labels);
  after.scores.forEach((p, w) => assertLess(Math.abs(p - before.scores[w]), 1e-6));
  assert(untuned.scores.some((p, w) => Math.abs(p - before.scores[w]) > 1e-3));
  assert(![...reloaded.namedVariables().keys()].some((k) => k.includes("tanh_layer")));
  reloaded.dispose();
  fresh.dispose();
  await Deno.remove(dir, { recursive: true });
  model.dispose();
  const frozen = createClassifier(tokenFeatureBody({ name: "use-lite", hiddenSize: 512 }), {
    labels: labelList,
  });
  await assertRejects(
    () => predictEntities(frozen, [["Ada"]]),
    ArgumentError,
    'encoder = undefined: is missing, but the model reads precomputed token features ("use-lite")' +
      "; pass the { encoder } that made them",
  );
  frozen.dispose();
  tuned.dispose();
});

globalThis.addEventListener("unload", () => use.dispose());

Deno.test("predict and predictEntities refuse a model of the other level, naming the right one", async () => {
  const tokens = createClassifier(tokenFeatureBody({ name: "toy", hiddenSize: 2 }), {
    labels: ["O", "B-PER"],
  });
  const sequences = createClassifier(featureBody({ name: "toy", hiddenSize: 2 }), {
    labels: ["neg", "pos"],
  });
  await assertRejects(
    () => predict(tokens as never, ["Ada left"]),
    ArgumentError,
    'model.level = "token": is not a sequence model\'s: predict() labels whole texts; ' +
      "use predictEntities() for a token model",
  );
  await assertRejects(
    () => predictEntities(sequences as never, ["Ada left"]),
    ArgumentError,
    'model.level = "sequence": is not a token model\'s: predictEntities() labels each word; ' +
      "use predict() for a sequence model",
  );
  tokens.dispose();
  sequences.dispose();
});
