import { assert, assertAllClose, assertEquals, assertThrows } from "@std/assert";
import { ArgumentError } from "../lib/errors.ts";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../lib/backend.ts";
import { featureBody } from "../lib/encoders/body.ts";
import { createClassifier } from "../lib/heads/model.ts";
import { mseLoss } from "../lib/losses.ts";
import { pearsonCorrelation } from "../lib/metrics/correlation.ts";
import { encodeLabels } from "../lib/train/data.ts";
import { makeLoss } from "../lib/train/loss.ts";
import { logitsToPredictions } from "../lib/train/predict.ts";
import { Trainer } from "../lib/train/trainer.ts";
import { resolveTrainingArguments } from "../lib/train/training_args.ts";
import { Random } from "../lib/random.ts";

await initBackend({ quiet: true });

interface Golden {
  torch: string;
  cases: {
    name: string;
    features: number[][];
    weight: number[][];
    bias: number[];
    labels: number[];
    logits: number[][];
    loss: number;
    grad_logits: number[][];
    grad_weight: number[][];
    grad_bias: number[];
  }[];
}

const golden: Golden = JSON.parse(
  await Deno.readTextFile(new URL("./golden/losses/regression.json", import.meta.url)),
);
const TOL = { atol: 1e-5, rtol: 1e-5 };

function regressionModel(hiddenSize: number) {
  return createClassifier(featureBody({ name: "toy", hiddenSize }), {
    labels: ["score"],
    problemType: "regression",
    dropout: 0,
  });
}

Deno.test("regression head: MSE loss and gradients equal PyTorch's (HF problem_type regression)", () => {
  assert(golden.cases.length >= 3);
  for (const c of golden.cases) {
    const model = regressionModel(c.features[0].length);
    const task = model.task();
    assertEquals(task.numLabels, 1);
    const vars = task.head.namedVariables();
    const weight = vars.get("classifier.weight")!;
    const bias = vars.get("classifier.bias")!;
    weight.assign(tf.tensor2d(c.weight));
    bias.assign(tf.tensor1d(c.bias));
    const inputs = c.features.map((r) => Float32Array.from(r));
    const labels = encodeLabels({ inputs, labels: c.labels }, task, "sequence", "train");
    const loss = makeLoss(task, resolveTrainingArguments({}), labels);
    const { value, grads } = tf.variableGrads(() => loss(model.forward(inputs), labels), [
      weight,
      bias,
    ]);
    assertAllClose(value.dataSync()[0], c.loss, TOL, `${c.name}: loss`);
    assertAllClose(grads[weight.name].arraySync(), c.grad_weight, TOL, `${c.name}: weight grad`);
    assertAllClose(grads[bias.name].arraySync(), c.grad_bias, TOL, `${c.name}: bias grad`);
    // and with respect to the logits, through mseLoss itself
    const logits = tf.tensor2d(c.logits);
    const g = tf.grad((z: tf.Tensor) => mseLoss(z, c.labels.map((v) => [v])))(logits);
    assertAllClose(g.arraySync(), c.grad_logits, TOL, `${c.name}: logits grad`);
    tf.dispose([value, logits, g, ...Object.values(grads)]);
    model.dispose();
  }
});

Deno.test("regression head: the Trainer fits a noisy linear score (Pearson > 0.95)", async () => {
  const rng = new Random(0);
  const x = Array.from({ length: 200 }, () => Float32Array.from([rng.random(), rng.random()]));
  const y = x.map(([a, b]) => 1 + 3 * a - 2 * b + 0.05 * (rng.random() - 0.5));
  const model = regressionModel(2);
  const trainer = new Trainer({
    model,
    args: {
      numTrainEpochs: 40,
      learningRate: 0.05,
      perDeviceTrainBatchSize: 16,
      disableTqdm: true,
    },
    kind: "regression",
    trainDataset: { inputs: x, labels: y },
  });
  await trainer.train();
  const out = trainer.predict({ inputs: x, labels: y });
  const pred = out.predictions.map((r) => r[0]);
  assert(pearsonCorrelation(pred, y) > 0.95, `r = ${pearsonCorrelation(pred, y)}`);
  model.dispose();
});

Deno.test("regression predictions are the raw output, named by the label", () => {
  const [p] = logitsToPredictions([[3.25]], {
    id2label: { 0: "score" },
    problemType: "regression",
  });
  assertEquals(p, { label: "score", score: 3.25, scores: { score: 3.25 } });
});

Deno.test("regression refuses more than one label, classification losses, and non-numbers", () => {
  const body = featureBody({ name: "toy", hiddenSize: 2 });
  assertThrows(
    () => createClassifier(body, { labels: ["a", "b"], problemType: "regression" }),
    Error,
    "regression takes one label",
  );
  const model = regressionModel(2);
  const task = model.task();
  const train = encodeLabels({ inputs: [0, 1], labels: [0.5, 1] }, task, "sequence", "train");
  assertThrows(
    () => makeLoss(task, resolveTrainingArguments({ loss: "cross_entropy" }), train),
    Error,
    'use "mse"',
  );
  assertThrows(
    () => encodeLabels({ inputs: [0], labels: ["high"] }, task, "sequence", "train"),
    ArgumentError,
    'train.labels[0] = "high": is not a finite number; give each example a numeric score',
  );
  const single = { numLabels: 2, problemType: "single_label_classification" as const };
  assertThrows(
    () => makeLoss(single, resolveTrainingArguments({ loss: "mse" }), { kind: "single", ids: [0] }),
    Error,
    '"mse" is the loss of problemType "regression"',
  );
  model.dispose();
});
