import {
  assertAllClose,
  assertEquals,
  assertNotEquals,
  assertRejects,
  assertThrows,
} from "@std/assert";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../lib/backend.ts";
import { fromDict } from "../lib/data/dataset.ts";
import { featureBody } from "../lib/encoders/body.ts";
import { createClassifier } from "../lib/heads/model.ts";
import { Trainer } from "../lib/train/trainer.ts";
import { trainDifferentiableHead } from "../lib/setfit/differentiable_head.ts";
import { SetFitModel } from "../lib/setfit/model.ts";
import { SetFitTrainer } from "../lib/setfit/trainer.ts";
import type { Label } from "../lib/metrics/validation.ts";

await initBackend({ quiet: true });

const rows = (xs: number[][]) => xs.map((r) => new Float32Array(r));

Deno.test("differentiable head: predicts as the softmax of the Trainer's linear layer (2 and 3 classes)", async () => {
  const X = rows([[1, 0, 0.5], [0.8, 0.3, 0], [0, 1, 0.2], [0.2, 0.9, 1], [-1, -1, 0], [
    -0.7,
    -1,
    1,
  ]]);
  const probe = [[0.3, -0.2, 0.1], [1, 1, 0], [-1, 0.5, 2]];
  const labelSets: Label[][] = [["a", "a", "b", "b", "c", "c"], [1, 1, 0, 0, 0, 1]];
  for (const y of labelSets) {
    const opts = { numEpochs: 5, batchSize: 2, seed: 3, progress: false };
    const head = await trainDifferentiableHead(
      featureBody({ name: "toy", hiddenSize: 3 }),
      X,
      y,
      opts,
    );
    // The same training by hand: the head must hold exactly that layer's predictions.
    const classes = [...new Set(y)].sort();
    const model = createClassifier(featureBody({ name: "toy", hiddenSize: 3 }), {
      labels: classes.map(String),
      dropout: 0,
    }, { seed: 3 });
    await new Trainer({
      model,
      args: {
        numTrainEpochs: 5,
        perDeviceTrainBatchSize: 2,
        learningRate: 1e-2,
        weightDecay: 0.01,
        seed: 3,
        disableTqdm: true,
        loggingSteps: 1000,
      },
      trainDataset: { inputs: X, labels: y.map((l) => classes.indexOf(l)) },
    }).train();
    const expected = tf.tidy(() =>
      tf.softmax(model.forward(rows(probe))).arraySync()
    ) as number[][];
    model.dispose();
    assertEquals(head.classes, classes);
    assertEquals(head.state.coef.length, classes.length === 2 ? 1 : 3);
    assertAllClose(head.predictProba(probe), expected, { atol: 1e-6 });
  }
});

Deno.test("differentiable head: bad input", async () => {
  const body = featureBody({ name: "toy", hiddenSize: 2 });
  const X = rows([[0, 1], [1, 0]]);
  await assertRejects(() => trainDifferentiableHead(body, X, [1, 1]), Error, "only one class");
  await assertRejects(() => trainDifferentiableHead(body, X, [1]), Error, "2 inputs but 1 labels");
  await assertRejects(
    () => trainDifferentiableHead(body, X, [0, 1], { endToEnd: true }),
    Error,
    "toy has none",
  );
  await assertRejects(
    () =>
      SetFitModel.fromPretrained("use-lite", {
        useDifferentiableHead: true,
        multiTargetStrategy: "one-vs-rest",
      }),
    Error,
    "single-label only",
  );
});

Deno.test("SetFit with the differentiable head on USE-lite: frozen and end to end, save and load", async () => {
  const text = ["loved the support", "worst flight ever", "fast and friendly", "lost my luggage"];
  const label = [1, 0, 1, 0];
  const model = await SetFitModel.fromPretrained("use-lite", {
    useDifferentiableHead: true,
    freeze: ["embeddings", "layer0"],
  });
  const trainable = model.trainableBody().trainableVariables()[0];
  const snapshot = () => Array.from(trainable.dataSync());
  const w0 = snapshot();
  const train = (endToEnd: boolean) =>
    new SetFitTrainer({
      model,
      trainDataset: fromDict({ text, label }),
      numEpochs: 0, // stage 2 only: what moves the body here is the head's training
      differentiableHead: { endToEnd, numEpochs: 20, batchSize: 2, bodyLearningRate: 1e-4 },
      progress: false,
    }).train();
  await assertRejects(
    () => trainDifferentiableHead(model.trainableBody(), text, label),
    Error,
    "pass endToEnd: true",
  );
  await train(false);
  assertEquals(snapshot(), w0);
  assertEquals(await model.predict(text), label);
  await train(true);
  assertNotEquals(snapshot(), w0);
  assertEquals(await model.predict(text), label);

  const dir = await Deno.makeTempDir();
  try {
    await model.save(dir);
    const loaded = await SetFitModel.load(dir);
    assertEquals(loaded.useDifferentiableHead, true);
    assertAllClose(await loaded.predictProba(text), await model.predictProba(text), { atol: 1e-5 });
    loaded.dispose();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  model.dispose();

  const plain = await SetFitModel.fromPretrained("use-lite");
  assertThrows(
    () =>
      new SetFitTrainer({
        model: plain,
        trainDataset: fromDict({ text, label }),
        differentiableHead: {},
      }),
    Error,
    "useDifferentiableHead: true",
  );
  plain.dispose();
});
