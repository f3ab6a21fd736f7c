import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertRejects, assertThrows } from "@std/assert";
import { join } from "node:path";
import { initBackend } from "../lib/backend.ts";
import { Random } from "../lib/random.ts";
import { type Body, featureBody } from "../lib/encoders/body.ts";
import {
  type ClassifierModel,
  createClassifier,
  createMultiTaskModel,
} from "../lib/heads/model.ts";
import { loadCheckpoint, readCheckpointConfig, saveCheckpoint } from "../lib/train/checkpoint.ts";
import { encodeSafetensors, readSafetensors, writeSafetensors } from "../lib/safetensors.ts";
import { ArgumentError, FileFormatError } from "../lib/errors.ts";
import { Trainer } from "../lib/train/trainer.ts";
import { argmax, predict } from "../lib/train/predict.ts";
import { classificationReport } from "../lib/metrics/report.ts";

await initBackend({ quiet: true });

const DIM = 6;
const rng = new Random(3);
const inputs = Array.from(
  { length: 20 },
  () => Float32Array.from({ length: DIM }, () => rng.random() - 0.5),
);
const labels = inputs.map((v) => (v[0] > 0 ? "pos" : "neg"));
const body = featureBody({ name: "toy", hiddenSize: DIM });

async function trained(seed: number, hiddenSizes: number[] = []) {
  const model = createClassifier(body, { labels: ["neg", "pos"], hiddenSizes }, { seed });
  await new Trainer({
    model,
    args: { numTrainEpochs: 2, learningRate: 0.05, seed, disableTqdm: true },
    trainDataset: { inputs, labels },
  }).train();
  return model;
}

function logits<I>(model: ClassifierModel<I>, x: I[], task?: string): Float32Array {
  const t = model.forward(x, { task });
  const out = t.dataSync() as Float32Array;
  t.dispose();
  return out;
}

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) out.push(e.name);
  return out.sort();
}

Deno.test("checkpoint: a reloaded model predicts exactly what the saved one did", async () => {
  const dir = await Deno.makeTempDir();
  const model = await trained(1, [4]);
  await saveCheckpoint(model, dir);
  const again = await loadCheckpoint(dir, body);
  assertEquals(logits(again, inputs), logits(model, inputs));
  assertEquals(again.config(), model.config());
  assertEquals(again.parameterCounts(), model.parameterCounts());
  const config = await readCheckpointConfig(dir);
  assertEquals(config.encoderName, "toy");
  assertEquals(config.tasks.default.labels, ["neg", "pos"]);
  assertEquals(config.tasks.default.problemType, "single_label_classification");
  assertEquals(await files(dir), ["config.json", config.weights]);
  // the weights file is plain safetensors with the model's names and shapes
  const { tensors, metadata } = await readSafetensors(join(dir, config.weights));
  assertEquals([...tensors.keys()], [
    "classifier.dense.0.bias",
    "classifier.dense.0.weight",
    "classifier.out_proj.bias",
    "classifier.out_proj.weight",
  ]);
  assertEquals(tensors.get("classifier.dense.0.weight")!.shape, [4, DIM]);
  assertEquals(metadata.format, "pt");
  model.dispose();
  again.dispose();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("checkpoint: multi-task heads and a fine-tuned body's weights round-trip", async () => {
  const makeBody = (): Body<Float32Array> & { w: tf.Variable } => {
    const w = tf.variable(tf.randomNormal([DIM, DIM], 0, 1, "float32", 5));
    const inner = featureBody({ name: "tuned", hiddenSize: DIM });
    return {
      w,
      name: "tuned",
      hiddenSize: DIM,
      level: "sequence",
      forward: (x) => tf.tidy(() => tf.matMul(inner.forward(x), w)),
      trainableVariables: () => [w],
      namedVariables: () => new Map([["dense.weight", w]]),
    };
  };
  const b1 = makeBody();
  const model = createMultiTaskModel(b1, {
    s: { labels: ["x", "y"] },
    t: { labels: ["p", "q", "r"] },
  });
  b1.w.assign(tf.add(b1.w, 1));
  const dir = await Deno.makeTempDir();
  await saveCheckpoint(model, dir);
  const b2 = makeBody();
  const again = await loadCheckpoint(dir, b2);
  assertEquals(b2.w.dataSync(), b1.w.dataSync());
  for (const task of ["s", "t"]) {
    assertEquals(logits(again, inputs, task), logits(model, inputs, task));
  }
  model.dispose();
  again.dispose();
  tf.dispose([b1.w, b2.w]);
  await Deno.remove(dir, { recursive: true });
});

// A text body: features of a text are its character statistics (deterministic, no model files).
const textBody: Body<string> = {
  name: "chars",
  hiddenSize: 2,
  level: "sequence",
  trainableVariables: () => [],
  forward: (texts) => tf.tensor2d(texts.map((t) => [t.length / 10, (t.match(/!/g) ?? []).length])),
};

Deno.test("checkpoint: predict() gives the same labels and scores after reload", async () => {
  const texts = ["great!!", "meh", "wow!", "fine", "ok", "yes!!!"];
  const model = createClassifier(textBody, { labels: ["calm", "excited"] });
  await new Trainer({
    model,
    args: { numTrainEpochs: 20, learningRate: 0.1, disableTqdm: true },
    trainDataset: {
      inputs: texts,
      labels: texts.map((t) => (t.includes("!") ? "excited" : "calm")),
    },
  }).train();
  const dir = await Deno.makeTempDir();
  await saveCheckpoint(model, dir);
  const again = await loadCheckpoint(dir, textBody);
  const before = await predict(model, texts);
  assertEquals(await predict(again, texts), before);
  assertEquals(before.map((p) => "label" in p && p.label), [
    "excited",
    "calm",
    "excited",
    "calm",
    "calm",
    "excited",
  ]);
  model.dispose();
  again.dispose();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("checkpoint: a dataset's labelNames reach predict() and the report with no hand mapping", async () => {
  // As a loaded dataset: label ids indexing labelNames; the names live only in the model.
  const data = {
    labelNames: ["calm", "excited", "angry"],
    inputs: ["great!!", "meh", "wow!", "fine", "ok", "yes!!!", "so-so"],
    labels: [1, 0, 1, 0, 0, 1, 0],
  };
  const model = createClassifier(textBody, { labels: data.labelNames });
  const args = { numTrainEpochs: 20, learningRate: 0.1, disableTqdm: true };
  await new Trainer({ model, args, trainDataset: data }).train();
  const dir = await Deno.makeTempDir();
  await saveCheckpoint(model, dir);
  const again = await loadCheckpoint(dir, textBody);
  assertEquals(again.id2label, { 0: "calm", 1: "excited", 2: "angry" });
  const named = await predict(again, data.inputs);
  assertEquals(
    named.map((p) => "label" in p && p.label).join(),
    "excited,calm,excited,calm,calm,excited,calm",
  );
  const out = new Trainer({ model: again, args, trainDataset: data }).predict(data);
  assertEquals(out.id2label, again.id2label);
  const preds = argmax(out.predictions);
  const byHand = { labels: [0, 1, 2], targetNames: data.labelNames, zeroDivision: 0 as const };
  const report = classificationReport(data.labels, preds, {
    id2label: out.id2label,
    zeroDivision: 0,
  });
  assertEquals(report, classificationReport(data.labels, preds, byHand));
  assertEquals(
    classificationReport(data.labels, preds, { id2label: again.id2label, zeroDivision: 0 }),
    report,
  );
  // "angry" never occurs, yet it has its row: every id of the model is reported.
  assertEquals(report.split("\n").slice(2, 5).map((l) => l.trim().split(/ +/)[0]), [
    "calm",
    "excited",
    "angry",
  ]);
  model.dispose();
  again.dispose();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("checkpoint from another model: encoder, size, labels and names are checked", async () => {
  const dir = await Deno.makeTempDir();
  const model = await trained(2);
  await saveCheckpoint(model, dir);
  await assertRejects(
    () => loadCheckpoint(dir, featureBody({ name: "use-lite", hiddenSize: DIM })),
    Error,
    'body.name = "use-lite": ',
  );
  await assertRejects(
    () => loadCheckpoint(dir, featureBody({ name: "toy", hiddenSize: DIM + 1 })),
    Error,
    `expects a sequence-level body of size ${DIM}`,
  );
  // weights of a 3-label head under a config that says 2 labels
  const config = await readCheckpointConfig(dir);
  await writeSafetensors(join(dir, config.weights), {
    "classifier.weight": { shape: [3, DIM], data: new Float32Array(3 * DIM) },
    "classifier.bias": { shape: [3], data: new Float32Array(3) },
  });
  await assertRejects(
    () => loadCheckpoint(dir, body),
    Error,
    'tensor "classifier.weight" has shape [3,6], the model expects [2,6]',
  );
  await writeSafetensors(join(dir, config.weights), {
    "classifier.kernel": { shape: [2, DIM], data: new Float32Array(2 * DIM) },
  });
  await assertRejects(
    () => loadCheckpoint(dir, body),
    Error,
    'missing ["classifier.weight","classifier.bias"], unexpected ["classifier.kernel"]',
  );
  await Deno.writeFile(join(dir, config.weights), new Uint8Array([1, 2, 3]));
  await assertRejects(
    () => loadCheckpoint(dir, body),
    FileFormatError,
    "not a valid safetensors file",
  );
  await assertRejects(() => loadCheckpoint(join(dir, "nope"), body), Error, "holds no checkpoint");
  model.dispose();
  await Deno.remove(dir, { recursive: true });
});

Deno.test("safetensors: bad tensors or metadata to write are ArgumentErrors naming them", () => {
  const w = { shape: [2], data: new Float32Array(2) };
  assertThrows(
    () => encodeSafetensors({ w }, { step: 3 as unknown as string }),
    ArgumentError,
    "metadata.step = 3: is not a string",
  );
  assertThrows(
    () => encodeSafetensors({ __metadata__: w }),
    ArgumentError,
    'tensors["__metadata__"] = ',
  );
  assertThrows(
    () => encodeSafetensors({ "a.b": { shape: [2, -1], data: new Float32Array(2) } }),
    ArgumentError,
    'tensors["a.b"].shape = [2, -1]: is not a list of integers >= 0',
  );
  assertThrows(
    () => encodeSafetensors({ w: { shape: [3], data: new Float32Array(2) } }),
    ArgumentError,
    'tensors["w"].data = Float32Array[0, 0]: is not the 3 float32 values that shape [3] needs',
  );
});

Deno.test("interrupted saves leave the old checkpoint intact", async () => {
  const dir = await Deno.makeTempDir();
  const old = await trained(3);
  await saveCheckpoint(old, dir);
  const oldLogits = logits(old, inputs);
  const oldFiles = await files(dir);

  // 1. A save that fails part-way (a variable freed while its model is being saved).
  const broken = await trained(4);
  broken.namedVariables().get("classifier.bias")!.dispose();
  await assertRejects(
    () => saveCheckpoint(broken, dir),
    Error,
    '"classifier.bias": cannot save: this variable has been disposed',
  );
  assertEquals(await files(dir), oldFiles);

  // 2. A process killed at each point of a save: after writing part of the new weights'
  //    temporary file; after renaming the new weights into place; while writing the config.
  const newer = await trained(5);
  const other = await Deno.makeTempDir();
  await saveCheckpoint(newer, other);
  const newWeights = (await readCheckpointConfig(other)).weights;
  const bytes = await Deno.readFile(join(other, newWeights));
  await Deno.writeFile(
    join(dir, `${newWeights}.tmp-dead0001`),
    bytes.subarray(0, bytes.length >> 1),
  );
  let reloaded = await loadCheckpoint(dir, body);
  assertEquals(logits(reloaded, inputs), oldLogits);
  reloaded.dispose();
  await Deno.writeFile(join(dir, newWeights), bytes);
  await Deno.writeFile(
    join(dir, "config.json.tmp-dead0002"),
    new TextEncoder().encode('{"format": "kit-cl'),
  );
  reloaded = await loadCheckpoint(dir, body);
  assertEquals(logits(reloaded, inputs), oldLogits);
  reloaded.dispose();

  // 3. The next successful save replaces it and removes the old weights and the temporary
  //    files the killed saves left.
  await saveCheckpoint(newer, dir);
  reloaded = await loadCheckpoint(dir, body);
  assertEquals(logits(reloaded, inputs), logits(newer, inputs));
  assertEquals(await files(dir), ["config.json", newWeights]);
  reloaded.dispose();
  for (const m of [old, newer]) m.dispose();
  await Deno.remove(dir, { recursive: true });
  await Deno.remove(other, { recursive: true });
});

Deno.test("Trainer saveStrategy writes checkpoint-<step> directories that load", async () => {
  const out = await Deno.makeTempDir();
  const model = createClassifier(body, { labels: ["neg", "pos"] });
  await new Trainer({
    model,
    args: {
      numTrainEpochs: 2,
      perDeviceTrainBatchSize: 10,
      saveStrategy: "epoch",
      outputDir: out,
      disableTqdm: true,
    },
    trainDataset: { inputs, labels },
  }).train();
  assertEquals(await files(out), ["checkpoint-2", "checkpoint-4"]);
  const last = await loadCheckpoint(join(out, "checkpoint-4"), body);
  assertEquals(logits(last, inputs), logits(model, inputs));
  assertEquals((await readCheckpointConfig(join(out, "checkpoint-2"))).extra?.step, 2);
  model.dispose();
  last.dispose();
  await Deno.remove(out, { recursive: true });
});
