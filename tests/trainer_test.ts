import * as tf from "@tensorflow/tfjs";
import { assertAllClose, assertEquals } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import { AdamW } from "../lib/train/optimizer.ts";
import { getLinearScheduleWithWarmup } from "../lib/train/schedule.ts";
import { clipGradNorm } from "../lib/train/clip.ts";

await initBackend({ quiet: true });

interface GoldenStep {
  loss: number;
  gradNorm: number;
  bodyLr: number;
  headLr: number;
  params: Record<string, number[] | number[][]>;
}
interface Golden {
  x: number[][];
  y: number[];
  init: Record<string, number[] | number[][]>;
  numTrainingSteps: number;
  warmupSteps: number;
  batchSize: number;
  maxGradNorm: number;
  weightDecay: number;
  bodyLr: number;
  headLr: number;
  steps: GoldenStep[];
}

const golden: Golden = JSON.parse(
  await Deno.readTextFile(new URL("./golden/train/train.json", import.meta.url)),
);

// Both of AdamW's update paths: the fused loop (the default for these small variables) and tfjs ops.
for (const fused of [true, false]) {
  Deno.test(`AdamW (fused: ${fused}) + linear warmup schedule + clip_grad_norm_ match torch step for step`, () => {
    const p: Record<string, tf.Variable> = {};
    for (const [k, v] of Object.entries(golden.init)) p[k] = tf.variable(tf.tensor(v));
    const opt = new AdamW([
      { params: [p["body.weight"]], lr: golden.bodyLr, weightDecay: golden.weightDecay },
      { params: [p["body.bias"]], lr: golden.bodyLr, weightDecay: 0 },
      { params: [p["head.weight"]], lr: golden.headLr, weightDecay: golden.weightDecay },
      { params: [p["head.bias"]], lr: golden.headLr, weightDecay: 0 },
    ], { fused });
    const sched = getLinearScheduleWithWarmup(opt, golden.warmupSteps, golden.numTrainingSteps);
    const n = golden.x.length;
    golden.steps.forEach((want, step) => {
      const start = (step * golden.batchSize) % n;
      const xb = tf.tensor2d(golden.x.slice(start, start + golden.batchSize));
      const yb = tf.oneHot(golden.y.slice(start, start + golden.batchSize), 3);
      const { value, grads } = tf.variableGrads(() => {
        const h = tf.tanh(tf.add(tf.matMul(xb, tf.transpose(p["body.weight"])), p["body.bias"]));
        const logits = tf.add(tf.matMul(h, tf.transpose(p["head.weight"])), p["head.bias"]);
        return tf.neg(tf.mean(tf.sum(tf.mul(yb, tf.logSoftmax(logits)), -1)));
      }, Object.values(p));
      const clipped = clipGradNorm(grads, golden.maxGradNorm);
      const lrs = sched.getLastLr();
      opt.step(clipped.grads);
      sched.step();
      assertAllClose(value.dataSync()[0], want.loss, { atol: 1e-5, rtol: 1e-5 });
      assertAllClose(clipped.totalNorm, want.gradNorm, { atol: 1e-5, rtol: 1e-5 });
      assertAllClose([lrs[0], lrs[2]], [want.bodyLr, want.headLr], { atol: 1e-12 });
      for (const [k, v] of Object.entries(want.params)) {
        assertAllClose(p[k].arraySync() as number[], v as number[], { atol: 1e-5, rtol: 1e-5 });
      }
      tf.dispose([xb, yb, value, grads, clipped.grads]);
    });
    assertEquals(opt.stepCount, golden.numTrainingSteps);
    opt.dispose();
    tf.dispose(Object.values(p));
  });
}

// ---------------------------------------------------------------------------------------------
// The Trainer on seeded Gaussian clusters (frozen-feature regime) and a small trainable body.

import { Random } from "../lib/random.ts";
import { type Body, featureBody, tokenFeatureBody } from "../lib/encoders/body.ts";
import { createClassifier, createMultiTaskModel } from "../lib/heads/model.ts";
import { Trainer } from "../lib/train/trainer.ts";
import type { ComputeMetrics, EvalPrediction } from "../lib/train/trainer.ts";
import { assert, assertRejects, assertThrows } from "@std/assert";
import { ArgumentError } from "../lib/errors.ts";

const DIM = 8;

function clusters(n: number, numLabels: number, seed: number, noise = 0.6) {
  // the centers depend on the number of labels only, so train and eval sets share them
  const centerRng = new Random(100 + numLabels);
  const rng = new Random(seed);
  const centers = Array.from(
    { length: numLabels },
    () => Array.from({ length: DIM }, () => centerRng.random() * 4 - 2),
  );
  const inputs: Float32Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = i % numLabels;
    inputs.push(Float32Array.from(centers[y], (c) => c + noise * (rng.random() * 2 - 1)));
    labels.push(y);
  }
  return { inputs, labels };
}

function argmax(row: number[]): number {
  return row.indexOf(Math.max(...row));
}

function accuracy({ predictions, labelIds }: EvalPrediction) {
  const preds = predictions.map(argmax);
  return { accuracy: preds.filter((p, i) => p === labelIds[i]).length / preds.length };
}

const body = featureBody({ name: "toy", hiddenSize: DIM });
const LABELS = ["a", "b", "c"];

function weightsOf(model: { namedVariables(): Map<string, tf.Variable> }) {
  return [...model.namedVariables().values()].map((v) => Array.from(v.dataSync()));
}

Deno.test("Trainer: learns, logs HF keys per epoch, same seed → identical run, other seed → different", async () => {
  const train = clusters(60, 3, 1);
  const evalSet = clusters(30, 3, 2);
  const run = async (seed: number) => {
    const model = createClassifier(body, { labels: LABELS, dropout: 0.2 });
    const trainer = new Trainer({
      model,
      args: {
        numTrainEpochs: 4,
        perDeviceTrainBatchSize: 8,
        learningRate: 0.05,
        weightDecay: 0.01,
        warmupRatio: 0.1,
        evalStrategy: "epoch",
        loggingSteps: 5,
        seed,
        sampler: "weighted",
        disableTqdm: true,
      },
      trainDataset: train,
      evalDataset: evalSet,
      computeMetrics: accuracy,
    });
    const out = await trainer.train();
    const w = weightsOf(model);
    model.dispose();
    return { out, w };
  };
  const a = await run(7);
  const b = await run(7);
  const c = await run(8);
  assertEquals(a.out.globalStep, 4 * Math.ceil(60 / 8));
  const strip = (h: typeof a.out.logHistory) => JSON.stringify(h);
  assertEquals(strip(a.out.logHistory), strip(b.out.logHistory));
  assertEquals(a.w, b.w);
  assert(strip(a.out.logHistory) !== strip(c.out.logHistory));
  const evals = a.out.logHistory.filter((e) => "eval_loss" in e);
  assertEquals(evals.map((e) => e.epoch), [1, 2, 3, 4]);
  assertEquals(evals.at(-1)!.eval_accuracy, 1);
  const trainLogs = a.out.logHistory.filter((e) => "loss" in e);
  assert(trainLogs.every((e) => "grad_norm" in e && "learning_rate" in e));
  assert(trainLogs[0].loss > trainLogs.at(-1)!.loss, "training loss falls");
});

Deno.test("Trainer: learning rate follows linear warmup + decay (warmupRatio rounds up, as HF)", async () => {
  const model = createClassifier(body, { labels: LABELS });
  const trainer = new Trainer({
    model,
    args: {
      maxSteps: 10,
      perDeviceTrainBatchSize: 4,
      learningRate: 1,
      warmupRatio: 0.25,
      loggingSteps: 1,
      disableTqdm: true,
    },
    trainDataset: clusters(12, 3, 3),
  });
  const out = await trainer.train();
  // warmup = ceil(10 · 0.25) = 3; the logged rate is the one for the next step
  const lrs = out.logHistory.filter((e) => "learning_rate" in e).map((e) => e.learning_rate);
  assertAllClose(lrs.slice(0, 10), [1 / 3, 2 / 3, 1, 6 / 7, 5 / 7, 4 / 7, 3 / 7, 2 / 7, 1 / 7, 0], {
    atol: 1e-12,
  });
  assertEquals(out.globalStep, 10);
  model.dispose();
});

Deno.test("Trainer: loadBestModelAtEnd restores the best evaluation; early stopping stops", async () => {
  const train = clusters(30, 3, 4);
  // evaluation labels permuted: the better the fit to train, the worse eval_loss gets
  const evalSet = { inputs: train.inputs, labels: train.labels.map((y) => (y + 1) % 3) };
  const model = createClassifier(body, { labels: LABELS, dropout: 0 });
  const trainer = new Trainer({
    model,
    args: {
      numTrainEpochs: 20,
      perDeviceTrainBatchSize: 10,
      learningRate: 0.1,
      evalStrategy: "epoch",
      loadBestModelAtEnd: true,
      earlyStoppingPatience: 2,
      disableTqdm: true,
    },
    trainDataset: train,
    evalDataset: evalSet,
  });
  const out = await trainer.train();
  const evals = out.logHistory.filter((e) => "eval_loss" in e);
  assertEquals(evals.length, 3, "best at epoch 1, then 2 evaluations without improvement");
  assertEquals(out.best, { metric: evals[0].eval_loss, step: 3 });
  assertEquals(trainer.evaluate().eval_loss, evals[0].eval_loss);
  model.dispose();
});

Deno.test("Trainer: end to end — body variables train at bodyLearningRate; 0 keeps them", async () => {
  const makeBody = (): Body<Float32Array> & { w: tf.Variable } => {
    const w = tf.variable(tf.eye(DIM));
    const inner = featureBody({ name: "trainable-toy", hiddenSize: DIM });
    return {
      w,
      name: "trainable-toy",
      hiddenSize: DIM,
      level: "sequence",
      forward: (inputs) => tf.tidy(() => tf.tanh(tf.matMul(inner.forward(inputs), w))),
      trainableVariables: () => [w],
      namedVariables: () => new Map([["dense.weight", w]]),
    };
  };
  const train = clusters(24, 3, 5);
  for (const [bodyLearningRate, moves] of [[0.01, true], [0, false]] as const) {
    const b = makeBody();
    const model = createClassifier(b, { labels: LABELS });
    assertEquals(model.parameterCounts(), {
      trainable: DIM * DIM + DIM * 3 + 3,
      frozen: 0,
      total: DIM * DIM + DIM * 3 + 3,
    });
    const before = Array.from(b.w.dataSync());
    const head0 = weightsOf(model).at(-2)!;
    await new Trainer({
      model,
      args: { numTrainEpochs: 2, learningRate: 0.05, bodyLearningRate, disableTqdm: true },
      trainDataset: train,
    }).train();
    assertEquals(Array.from(b.w.dataSync()).some((v, i) => v !== before[i]), moves);
    assert(weightsOf(model).at(-2)!.some((v, i) => v !== head0[i]), "head trains");
    model.dispose();
    b.w.dispose();
  }
});

Deno.test("Trainer: multi-task model — one dataset per task, per-task metrics", async () => {
  const model = createMultiTaskModel(body, {
    sentiment: { labels: ["neg", "neu", "pos"] },
    topic: { labels: ["w", "x", "y", "z"] },
  });
  const trainer = new Trainer({
    model,
    args: {
      numTrainEpochs: 6,
      learningRate: 0.05,
      evalStrategy: "epoch",
      metricForBestModel: "topic_accuracy",
      disableTqdm: true,
    },
    trainDataset: { sentiment: clusters(30, 3, 6), topic: clusters(40, 4, 7) },
    evalDataset: { sentiment: clusters(30, 3, 6), topic: clusters(40, 4, 7) },
    computeMetrics: accuracy,
  });
  const out = await trainer.train();
  assertEquals(out.globalStep, 6 * (Math.ceil(30 / 8) + Math.ceil(40 / 8)));
  const m = trainer.evaluate();
  assertEquals(Object.keys(m).sort(), [
    "eval_loss",
    "eval_sentiment_accuracy",
    "eval_sentiment_loss",
    "eval_topic_accuracy",
    "eval_topic_loss",
  ]);
  assertEquals([m.eval_sentiment_accuracy, m.eval_topic_accuracy], [1, 1]);
  assertAllClose(m.eval_loss, (m.eval_sentiment_loss + m.eval_topic_loss) / 2, { atol: 1e-12 });
  model.dispose();
});

Deno.test("Trainer: token classification with padding and -100, and multi-label with BCE / sigmoid focal", async () => {
  const rng = new Random(9);
  const proto = [0, 1, 2].map(() => Float32Array.from({ length: DIM }, () => rng.random() * 4 - 2));
  const sentences: Float32Array[][] = [];
  const tags: number[][] = [];
  for (let i = 0; i < 30; i++) {
    const len = 1 + (i % 5);
    const ys = Array.from({ length: len }, (_, t) => (i + t) % 3);
    sentences.push(ys.map((y) => proto[y].map((v) => v + 0.3 * (rng.random() - 0.5))));
    tags.push(ys.map((y, t) => (t === 2 ? -100 : y)));
  }
  const ner = createClassifier(tokenFeatureBody({ name: "toy", hiddenSize: DIM }), {
    labels: ["O", "B-PER", "I-PER"],
  });
  const tokenTrainer = new Trainer({
    model: ner,
    args: { numTrainEpochs: 5, learningRate: 0.05, disableTqdm: true },
    kind: "token",
    trainDataset: { inputs: sentences, labels: tags },
  });
  await tokenTrainer.train();
  const pred = tokenTrainer.predict({ inputs: sentences, labels: tags });
  assertEquals(pred.kind, "token");
  assertEquals(pred.predictions.map((r) => r.length), sentences.map((s) => s.length));
  const flatPred = pred.predictions.flatMap((r) => r.map(argmax));
  const flatGold = pred.labelIds.flat();
  assert(flatPred.every((p, i) => flatGold[i] === -100 || p === flatGold[i]));
  ner.dispose();

  const base = clusters(40, 4, 10);
  const multiLabels = base.labels.map((y) => [LABELS[y % 3], ...(y === 3 ? ["c"] : [])]);
  for (const loss of ["bce", "sigmoid_focal"] as const) {
    const model = createClassifier(body, {
      labels: LABELS,
      problemType: "multi_label_classification",
    });
    const t = new Trainer({
      model,
      args: { numTrainEpochs: 10, learningRate: 0.05, loss, disableTqdm: true },
      kind: "multi",
      trainDataset: { inputs: base.inputs, labels: multiLabels },
    });
    const out = await t.train();
    assert(out.logHistory[0].loss > out.logHistory.at(-1)!.loss, `${loss} loss falls`);
    const p = t.predict({ inputs: base.inputs, labels: multiLabels });
    const correct = p.predictions.every((row, i) =>
      row.every((z, k) => (z > 0 ? 1 : 0) === p.labelIds[i][k])
    );
    assert(correct, `${loss}: every tag right`);
    model.dispose();
  }
});

Deno.test("Trainer kind: EvalPrediction carries it, the data are checked against it (default single), a wrong one does not compile", () => {
  const model = createClassifier(body, { labels: LABELS });
  const data = clusters(6, 3, 11);
  const seen: string[] = [];
  const trainer = new Trainer({
    model,
    args: { disableTqdm: true },
    trainDataset: data,
    computeMetrics: (p) => {
      seen.push(p.kind);
      return accuracy(p);
    },
  });
  const out = trainer.predict(data);
  assertEquals([out.kind, seen], ["single", ["single"]]);
  assertEquals(out.id2label, { 0: "a", 1: "b", 2: "c" });
  assertThrows(
    () => new Trainer({ model, kind: "token", trainDataset: data }),
    ArgumentError,
    `trainDataset.labels = [0, 1, 2, 0, 1, … 1 more]: are single labels but ` +
      `the Trainer's kind is "token"; pass kind: "single" to the Trainer`,
  );
  assertThrows(
    () => new Trainer({ model, kind: "tokens" as "token", trainDataset: data }),
    ArgumentError,
    'kind = "tokens": is not a task kind or a list of them; use one of "single", "multi", ' +
      '"regression", "token"',
  );
  // Without kind the Trainer is single-label, at run time as in its types: regression data is
  // refused instead of reaching a computeMetrics typed for class ids.
  const regression = createClassifier(body, { labels: ["score"], problemType: "regression" });
  const scores = { inputs: data.inputs, labels: data.labels.map((y) => y / 2) };
  assertThrows(
    () => new Trainer({ model: regression, trainDataset: scores }),
    ArgumentError,
    `are regression labels but the Trainer's kind is "single"; pass kind: "regression"`,
  );
  assertEquals(
    new Trainer({ model: regression, kind: "regression", trainDataset: scores }).predict(scores)
      .kind,
    "regression",
  );
  regression.dispose();
  // A multi-task model may list its kinds.
  const mixed = createMultiTaskModel(body, {
    topic: { labels: LABELS },
    score: { labels: ["score"], problemType: "regression" },
  });
  const mixedTrainer = new Trainer({
    model: mixed,
    kind: ["single", "regression"],
    trainDataset: { topic: data, score: scores },
  });
  assertEquals(mixedTrainer.predict(scores, "score").kind, "regression");
  mixed.dispose();
  // A multi-task model of several kinds: one computeMetrics tells them apart by `kind`.
  const both: ComputeMetrics<"single" | "multi"> = (p) => ({
    first: p.kind === "multi" ? p.labelIds[0].length : p.labelIds[0],
  });
  const tokenMetrics: ComputeMetrics<"token"> = ({ predictions }) => ({ n: predictions[0].length });
  // Compile-time checks only: this function is never called.
  const _typeChecks = () => [
    // @ts-expect-error a token computeMetrics does not fit a single-label Trainer
    new Trainer({ model, kind: "single", trainDataset: data, computeMetrics: tokenMetrics }),
    // @ts-expect-error nor a single-label one a token Trainer
    new Trainer({ model, kind: "token", trainDataset: data, computeMetrics: accuracy }),
    // @ts-expect-error single-label predictions are rows of logits, not sentences of them
    trainer.predict(data).predictions satisfies number[][][],
    // K comes from kind alone, never from computeMetrics: without kind the Trainer is single.
    // @ts-expect-error a token computeMetrics without kind: "token"
    new Trainer({ model, trainDataset: data, computeMetrics: tokenMetrics }),
    new Trainer({ model, kind: ["single", "multi"], trainDataset: data, computeMetrics: both })
      .predict(data).kind satisfies "single" | "multi",
  ];
  model.dispose();
});

Deno.test("Trainer: bad input — labels outside id2label, empty data, NaN loss, inconsistent options", async () => {
  const model = createClassifier(body, { labels: LABELS });
  const data = clusters(6, 3, 11);
  const make = (over: Partial<ConstructorParameters<typeof Trainer<Float32Array>>[0]>) =>
    new Trainer({ model, trainDataset: data, args: { disableTqdm: true }, ...over });
  assertThrows(
    () => make({ trainDataset: { inputs: data.inputs, labels: [0, 1, "maybe", 0, 1, 2] } }),
    ArgumentError,
    'trainDataset.labels[2] = "maybe": is not in id2label (0="a", 1="b", 2="c"); use a label ' +
      "name or id of the model",
  );
  assertThrows(
    () => make({ trainDataset: { inputs: data.inputs, labels: [0, 1, 3, 0, 1, 2] } }),
    ArgumentError,
    "trainDataset.labels[2] = 3: is not in id2label",
  );
  assertThrows(
    () => make({ trainDataset: { inputs: [], labels: [] } }),
    ArgumentError,
    "trainDataset.inputs = []: is empty; give at least one example",
  );
  assertThrows(
    () => make({ args: { evalStrategy: "epoch" } }),
    ArgumentError,
    'evalDataset = undefined: args.evalStrategy "epoch" needs an evalDataset; pass an ' +
      'evalDataset or set evalStrategy: "no"',
  );
  assertThrows(
    () => make({ args: { loss: "bce" } }),
    Error,
    'loss = "bce": does not fit single_label_classification',
  );
  assertThrows(
    () => make({ args: { learningRate: -1 } }),
    RangeError,
    "learningRate = -1: is not a non-negative number",
  );
  assertThrows(() => make({ args: { saveStrategy: "epoch" } }), Error, "needs outputDir");
  const poisoned = data.inputs.map((v, i) => (i === 4 ? v.map(() => NaN) : v));
  await assertRejects(
    () =>
      make({
        trainDataset: { inputs: poisoned, labels: data.labels },
        args: { perDeviceTrainBatchSize: 6, disableTqdm: true },
      }).train(),
    Error,
    "at step 1 (epoch 1): logits (flat index",
  );
  model.dispose();
});

import { TrainableUseLite } from "../lib/encoders/use_lite/trainable.ts";
import { loadCheckpoint, saveCheckpoint } from "../lib/train/checkpoint.ts";
import { predict } from "../lib/train/predict.ts";

Deno.test("Trainer: a dataset's labelNames must be the model's id2label, in order; matching ones train", async () => {
  const data = clusters(6, 3, 11);
  const model = createClassifier(body, { labels: LABELS });
  const swapped = { ...data, labelNames: ["b", "a", "c"] };
  assertThrows(
    () => new Trainer({ model, trainDataset: swapped, args: { disableTqdm: true } }),
    ArgumentError,
    'trainDataset.labelNames = ["b", "a", "c"]: are not the model\'s id2label ["a","b","c"] (the ' +
      "same names in the same order); create the model with labels: dataset.labelNames",
  );
  assertThrows(
    () =>
      new Trainer({
        model,
        trainDataset: data,
        evalDataset: { ...data, labelNames: ["a", "b"] },
        args: { disableTqdm: true },
      }),
    ArgumentError,
    `evalDataset.labelNames = ["a", "b"]: are not the model's id2label ["a","b","c"]`,
  );
  const matching = { ...data, labelNames: [...LABELS], name: "clusters", split: "train" };
  const trainer = new Trainer({
    model,
    trainDataset: matching,
    evalDataset: matching,
    args: { numTrainEpochs: 30, learningRate: 0.1, perDeviceTrainBatchSize: 2, disableTqdm: true },
    computeMetrics: accuracy,
  });
  await trainer.train();
  assertEquals(trainer.evaluate().eval_accuracy, 1);
  // the check runs on datasets given later too
  assertThrows(
    () => trainer.predict(swapped),
    ArgumentError,
    'dataset.labelNames = ["b", "a", "c"]',
  );
  model.dispose();
  // a multi-task model checks each task's dataset against that task's head
  const multi = createMultiTaskModel(body, { x: { labels: LABELS }, y: { labels: ["p", "q"] } });
  const two = clusters(6, 2, 12);
  assertThrows(
    () =>
      new Trainer({
        model: multi,
        trainDataset: { x: matching, y: { ...two, labelNames: ["q", "p"] } },
        args: { disableTqdm: true },
      }),
    ArgumentError,
    `trainDataset.y.labelNames = ["q", "p"]: are not the model's id2label ["p","q"]`,
  );
  multi.dispose();
});

Deno.test("Trainer: a loaded multi-label dataset's labels are class ids (as loadDataset gives them), not multi-hot rows", () => {
  const base = clusters(40, 4, 10);
  const ids = base.labels.map((y) => (y === 3 ? [0, 2] : [y % 3]));
  const multiHot = ids.map((row) => LABELS.map((_, k) => (row.includes(k) ? 1 : 0)));
  const dataset = {
    name: "toy",
    split: "train",
    task: "multi_label" as const,
    labelNames: LABELS,
    inputs: base.inputs,
    labels: ids,
  };
  const model = createClassifier(body, {
    labels: LABELS,
    problemType: "multi_label_classification",
  });
  const t = new Trainer({
    model,
    kind: "multi",
    trainDataset: dataset,
    args: { disableTqdm: true },
  });
  assertEquals(t.predict(dataset).labelIds, multiHot);
  // a multi-hot row put into a task "multi_label" dataset is not read as ids {0, 1}
  assertThrows(
    () => t.predict({ ...dataset, labels: multiHot }),
    ArgumentError,
    "dataset.labels[0] = [1, 0, 0]: lists class 0 twice",
  );
  // without task, a row of numbers is a multi-hot vector: [0, 2] is not one
  assertThrows(
    () => t.predict({ inputs: base.inputs, labels: ids }),
    Error,
    "is not a multi-hot vector of 3 zeros and ones",
  );
  model.dispose();
});

Deno.test("end to end on real USE-lite: frozen parts stay, others train at bodyLearningRate; checkpoint reloads exactly", async () => {
  const use = await TrainableUseLite.load({ freeze: ["embeddings", "layer0"] });
  const texts = [
    "a wonderful, moving film",
    "dull and far too long",
    "great acting",
    "a boring mess",
  ];
  const model = createClassifier(use, { labels: ["negative", "positive"] });
  const counts = model.parameterCounts();
  assertEquals(counts.trainable + counts.frozen, 6_975_744 + 512 * 2 + 2);
  const snapshot = () =>
    new Map([...use.namedVariables()].map(([k, v]) => [k, Array.from(v.dataSync())]));
  const before = snapshot();
  const trainer = new Trainer({
    model,
    args: {
      maxSteps: 2,
      perDeviceTrainBatchSize: 4,
      learningRate: 1e-2,
      bodyLearningRate: 1e-4,
      disableTqdm: true,
    },
    trainDataset: { inputs: texts, labels: ["positive", "negative", "positive", "negative"] },
  });
  const out = await trainer.train();
  assertEquals(out.globalStep, 2);
  const after = snapshot();
  const trainable = new Set(use.trainableVariables());
  for (const [name, v] of use.namedVariables()) {
    const changed = after.get(name)!.some((x, i) => x !== before.get(name)![i]);
    assertEquals(changed, trainable.has(v), `${name} (trainable: ${trainable.has(v)})`);
  }
  const dir = await Deno.makeTempDir();
  await saveCheckpoint(model, dir);
  const fresh = await TrainableUseLite.load();
  const again = await loadCheckpoint(dir, fresh);
  assertEquals(await predict(again, texts), await predict(model, texts));
  model.dispose();
  again.dispose();
  use.dispose();
  fresh.dispose();
  await Deno.remove(dir, { recursive: true });
});
