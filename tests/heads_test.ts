import * as tf from "@tensorflow/tfjs";
import { assert, assertAllClose, assertEquals, assertThrows } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import { ArgumentError } from "../lib/errors.ts";
import { Random } from "../lib/random.ts";
import { Linear } from "../lib/heads/linear.ts";
import { ClassificationHead } from "../lib/heads/classification_head.ts";
import { featureBody, tokenFeatureBody } from "../lib/encoders/body.ts";
import { createClassifier, createMultiTaskModel } from "../lib/heads/model.ts";
import { labelMaps } from "../lib/heads/labels.ts";

await initBackend({ quiet: true });

function matrix(t: tf.Tensor): number[][] {
  return t.arraySync() as number[][];
}

Deno.test("Linear: PyTorch layout, U(±1/√fan_in) init, seeded, y = xWᵀ + b", () => {
  const a = new Linear(16, 5, new Random(1));
  const b = new Linear(16, 5, new Random(1));
  const c = new Linear(16, 5, new Random(2));
  assertEquals(a.weight.shape, [5, 16]);
  assertEquals(a.bias.shape, [5]);
  assertEquals(a.weight.dataSync(), b.weight.dataSync());
  assert(a.weight.dataSync().some((v, i) => v !== c.weight.dataSync()[i]));
  const w = [...a.weight.dataSync(), ...a.bias.dataSync()];
  assert(w.every((v) => Math.abs(v) <= 0.25), "bound 1/√16");
  // uniform, not clustered: spread close to the bound
  assert(Math.max(...w) > 0.2 && Math.min(...w) < -0.2);
  const x = tf.randomNormal([3, 16], 0, 1, "float32", 7);
  const y = a.apply(x);
  const W = matrix(a.weight), bias = a.bias.arraySync() as number[], X = matrix(x);
  const expected = X.map((row) =>
    W.map((wr, o) => wr.reduce((s, wv, i) => s + wv * row[i], bias[o]))
  );
  assertAllClose(matrix(y), expected, { atol: 1e-5 });
  tf.dispose([x, y, a.weight, a.bias, b.weight, b.bias, c.weight, c.bias]);
});

Deno.test("ClassificationHead: dropout only while training, same seed → same mask, inverted scaling", () => {
  const head = new ClassificationHead(
    { hiddenSize: 32, numLabels: 3, dropout: 0.5 },
    new Random(0),
  );
  const x = tf.ones([4, 32]);
  const evalA = head.apply(x), evalB = head.apply(x);
  assertEquals(evalA.dataSync(), evalB.dataSync());
  const t1 = head.apply(x, { training: true, seed: 3 });
  const t2 = head.apply(x, { training: true, seed: 3 });
  const t3 = head.apply(x, { training: true, seed: 4 });
  assertEquals(t1.dataSync(), t2.dataSync());
  assert(t1.dataSync().some((v, i) => v !== t3.dataSync()[i]));
  // E[dropout(x)] = x: the mean over many masks approaches the eval output
  const runs = Array.from({ length: 400 }, (_, s) => head.apply(x, { training: true, seed: s }));
  const mean = tf.mean(tf.stack(runs), 0);
  assertAllClose(matrix(mean), matrix(evalA), { atol: 0.1 });
  tf.dispose([x, evalA, evalB, t1, t2, t3, mean, ...runs]);
  head.dispose();
});

Deno.test("ClassificationHead: MLP names, counts and tokens through the same weights", () => {
  const head = new ClassificationHead(
    { hiddenSize: 6, numLabels: 2, hiddenSizes: [4], activation: "gelu" },
    new Random(0),
  );
  assertEquals([...head.namedVariables().keys()], [
    "classifier.dense.0.weight",
    "classifier.dense.0.bias",
    "classifier.out_proj.weight",
    "classifier.out_proj.bias",
  ]);
  assertEquals(head.numParameters(), 6 * 4 + 4 + 4 * 2 + 2);
  const tokens = tf.randomNormal([2, 5, 6], 0, 1, "float32", 1);
  const perToken = head.apply(tokens);
  const flat = head.apply(tokens.reshape([10, 6]));
  assertEquals(perToken.shape, [2, 5, 2]);
  assertAllClose(perToken.reshape([10, 2]).arraySync() as number[][], matrix(flat), { atol: 1e-6 });
  // exact GELU: gelu(1) = 0.8413447
  const g = new ClassificationHead(
    { hiddenSize: 1, numLabels: 1, hiddenSizes: [1], activation: "gelu", dropout: 0 },
    new Random(0),
  );
  const [w1, b1, w2, b2] = [...g.namedVariables().values()];
  w1.assign(tf.ones([1, 1]));
  b1.assign(tf.zeros([1]));
  w2.assign(tf.ones([1, 1]));
  b2.assign(tf.zeros([1]));
  const out = g.apply(tf.ones([1, 1]));
  assertAllClose(out.dataSync()[0], 0.8413447460685429, { atol: 1e-6 });
  assertThrows(() => head.apply(tf.ones([1, 5])), Error, "expects inputs of size 6");
  tf.dispose([tokens, perToken, flat, out]);
  head.dispose();
  g.dispose();
});

Deno.test("ClassifierModel: labels, problem type, parameter counts (frozen encoder vs head)", () => {
  const body = featureBody({ name: "use-lite", hiddenSize: 512, numFrozenParameters: 7_000_000 });
  const model = createClassifier(body, {
    labels: { 0: "negative", 1: "neutral", 2: "positive" },
    problemType: "single_label_classification",
  });
  assertEquals(model.id2label, { 0: "negative", 1: "neutral", 2: "positive" });
  assertEquals(model.label2id, { negative: 0, neutral: 1, positive: 2 });
  assertEquals(model.problemType, "single_label_classification");
  assertEquals(model.parameterCounts(), {
    trainable: 512 * 3 + 3,
    frozen: 7_000_000,
    total: 7_001_539,
  });
  assertEquals(model.config(), {
    encoderName: "use-lite",
    hiddenSize: 512,
    level: "sequence",
    tasks: {
      default: {
        labels: ["negative", "neutral", "positive"],
        problemType: "single_label_classification",
        dropout: 0.1,
        hiddenSizes: [],
        activation: "tanh",
      },
    },
  });
  // same seed → same head
  const again = createClassifier(body, { labels: ["negative", "neutral", "positive"] });
  assertEquals(
    model.namedVariables().get("classifier.weight")!.dataSync(),
    again.namedVariables().get("classifier.weight")!.dataSync(),
  );
  model.dispose();
  again.dispose();
});

Deno.test("multi-task model: shared body, one head per task, names and routing", () => {
  const model = createMultiTaskModel(featureBody({ name: "toy", hiddenSize: 4 }), {
    sentiment: { labels: ["neg", "neu", "pos"] },
    topic: { labels: ["a", "b", "c", "d", "e"], problemType: "multi_label_classification" },
  });
  assertEquals(model.tasks, ["sentiment", "topic"]);
  assertEquals([...model.namedVariables().keys()], [
    "heads.sentiment.classifier.weight",
    "heads.sentiment.classifier.bias",
    "heads.topic.classifier.weight",
    "heads.topic.classifier.bias",
  ]);
  const x = [new Float32Array([1, 0, 0, 1])];
  const s = model.forward(x, { task: "sentiment" });
  const t = model.forward(x, { task: "topic" });
  assertEquals([s.shape, t.shape], [[1, 3], [1, 5]]);
  assertEquals(model.heads.topic.problemType, "multi_label_classification");
  assertThrows(() => model.id2label, Error, "use model.heads[task]");
  assertThrows(() => model.forward(x, { task: "nope" }), Error, 'task = "nope": is not a task');
  tf.dispose([s, t]);
  model.dispose();
});

Deno.test("token model: per-token logits, padded batch", () => {
  const model = createClassifier(tokenFeatureBody({ name: "toy", hiddenSize: 3 }), {
    labels: ["O", "B-PER", "I-PER"],
  });
  const logits = model.forward([[new Float32Array(3)], [new Float32Array(3), new Float32Array(3)]]);
  assertEquals(logits.shape, [2, 2, 3]);
  logits.dispose();
  model.dispose();
});

Deno.test("bad input: clear errors naming the argument and value", () => {
  assertThrows(() => labelMaps([]), Error, "at least one label");
  assertThrows(() => labelMaps(["a", "a"]), Error, 'labels[1] = "a": appears twice');
  assertThrows(() => labelMaps({ 0: "a", 2: "b" }), Error, "found key 2");
  assertThrows(() => labelMaps(undefined as never), Error, "labels = undefined: is not a list");
  const body = featureBody({ name: "toy", hiddenSize: 2 });
  assertThrows(
    () => createMultiTaskModel(body, { topic: {} as never }),
    Error,
    "tasks.topic.labels = undefined: is not a list of label names or an id2label object",
  );
  assertThrows(
    () => createClassifier(body, { labels: ["a"], problemType: "multi_class" as never }),
    Error,
    'problemType = "multi_class"',
  );
  assertThrows(
    () => createClassifier(body, { labels: ["a"], dropout: 1 }),
    ArgumentError,
    "dropout = 1",
  );
  assertThrows(
    () => body.forward([new Float32Array(3)]),
    Error,
    "inputs[0] = Float32Array[0, 0, 0]: is not a Float32Array of length 2",
  );
  assertThrows(
    () =>
      createClassifier(tokenFeatureBody({ name: "toy", hiddenSize: 2 }), {
        labels: ["a"],
        problemType: "multi_label_classification",
      }),
    Error,
    "not supported",
  );
});
