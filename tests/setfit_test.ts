import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import {
  assert,
  assertAllClose,
  assertEquals,
  assertGreater,
  assertLess,
  assertNotEquals,
  assertRejects,
  assertThrows,
} from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import { ArgumentError } from "../lib/errors.ts";
import { type Dataset, fromDict } from "../lib/data/dataset.ts";
import { LogisticRegression } from "../lib/setfit/logistic_regression.ts";
import {
  contrastiveLoss,
  type ContrastivePair,
  cosineSimilarityLoss,
  generatePairs,
  LogisticHead,
  SetFitModel,
  SetFitTrainer,
  trainContrastive,
  uniquePairs,
} from "../lib/setfit/mod.ts";
import type { Body } from "../lib/encoders/body.ts";
import { registerKitGradients } from "../lib/tf/gradients.ts";
import { pca } from "../lib/setfit/pca.ts";

await initBackend({ quiet: true });

/** SetFit's documented example: 8 "happy", 4 "content", 8 "sad". */
const DOC_LABELS = [
  ...Array(8).fill("happy"),
  ...Array(4).fill("content"),
  ...Array(8).fill("sad"),
] as string[];
/** The chapter's worked example: K = 8 per class, 3 classes. */
const CHAPTER_LABELS = Array.from({ length: 24 }, (_, i) => Math.floor(i / 8));

Deno.test("unique pairs: SetFit's documented 62 / 128 and the chapter's 84 / 192", () => {
  const doc = uniquePairs(DOC_LABELS);
  assertEquals([doc.positive.length, doc.negative.length], [62, 128]);
  const ch = uniquePairs(CHAPTER_LABELS);
  assertEquals([ch.positive.length, ch.negative.length], [84, 192]);
  // every unordered pair of distinct examples exactly once, classified by its labels
  const seen = new Set<string>();
  for (const [kind, list] of [[1, ch.positive], [0, ch.negative]] as const) {
    for (const [i, j] of list) {
      assertLess(i, j);
      assertEquals(CHAPTER_LABELS[i] === CHAPTER_LABELS[j] ? 1 : 0, kind);
      seen.add(`${i},${j}`);
    }
  }
  assertEquals(seen.size, 24 * 23 / 2);
});

Deno.test("generatePairs: epoch sizes of the three strategies and of numIterations", () => {
  assertEquals(generatePairs(DOC_LABELS, { strategy: "oversampling" }).length, 256);
  assertEquals(generatePairs(DOC_LABELS, { strategy: "undersampling" }).length, 124);
  assertEquals(generatePairs(DOC_LABELS, { strategy: "unique" }).length, 190);
  assertEquals(generatePairs(DOC_LABELS, { numIterations: 20 }).length, 800);
  // the chapter's num_iterations = 20 on 24 examples: 960 pairs, not "about 5,500"
  const chapter = generatePairs(CHAPTER_LABELS, { numIterations: 20 });
  assertEquals(chapter.length, 2 * 20 * 24);
  assertEquals(chapter.filter((p) => p.label === 1).length, 480);
});

Deno.test("generatePairs: what each strategy keeps, repeats and drops", () => {
  const key = (p: { i: number; j: number }) => `${p.i},${p.j}`;
  const over = generatePairs(DOC_LABELS, { strategy: "oversampling" });
  const pos = over.filter((p) => p.label === 1);
  const neg = over.filter((p) => p.label === 0);
  assertEquals([pos.length, neg.length], [128, 128]);
  assertEquals(new Set(pos.map(key)).size, 62); // all positives, cycled
  assertEquals(new Set(neg.map(key)).size, 128); // every negative once
  const under = generatePairs(DOC_LABELS, { strategy: "undersampling" });
  assertEquals(new Set(under.map(key)).size, 124); // no duplicates
  assertEquals(under.filter((p) => p.label === 0).length, 62);
  const unique = generatePairs(DOC_LABELS, { strategy: "unique" });
  assertEquals(new Set(unique.map(key)).size, 190);
  for (const p of [...over, ...under, ...unique]) {
    assertNotEquals(p.i, p.j);
    assertEquals(p.label, DOC_LABELS[p.i] === DOC_LABELS[p.j] ? 1 : 0);
  }
  // positives and negatives alternate while both last
  assertEquals(over.slice(0, 4).map((p) => p.label), [1, 0, 1, 0]);
});

Deno.test("generatePairs: seeded order", () => {
  const a = generatePairs(CHAPTER_LABELS, { seed: 1 });
  assertEquals(a, generatePairs(CHAPTER_LABELS, { seed: 1 }));
  assertNotEquals(a, generatePairs(CHAPTER_LABELS, { seed: 2 }));
});

Deno.test("generatePairs: multi-label pairs are positive when they share a label", () => {
  const labels = [["a"], ["a", "b"], ["b"], ["c"]];
  const { positive, negative } = uniquePairs(labels);
  assertEquals(positive.map((p) => p.join()).sort(), ["0,1", "1,2"]);
  assertEquals(negative.length, 4);
});

Deno.test("generatePairs: bad input is an error naming the problem", () => {
  assertThrows(() => generatePairs(["a", "a", "a"]), Error, "only one class");
  assertThrows(() => generatePairs(["a", "a", "b"]), Error, 'class "b" has a single example');
  assertThrows(() => generatePairs(["a"]), Error, "at least 2 examples");
  assertThrows(
    // deno-lint-ignore no-explicit-any
    () => generatePairs(DOC_LABELS, { strategy: "random" as any }),
    Error,
    'strategy = "random": is not a sampling strategy; use one of "oversampling"',
  );
  assertThrows(() => generatePairs(DOC_LABELS, { numIterations: 0 }), Error, "numIterations");
  assertThrows(() => generatePairs([["a"], ["b"]]), Error, "no positive pair");
  assertThrows(() => generatePairs([1, 1, null as unknown as number]), Error, "labels[2]");
});

interface LossCase {
  name: string;
  loss: "cosine_similarity" | "contrastive";
  options: { margin?: number; distanceMetric?: "euclidean" | "cosine" };
  u: number[][];
  v: number[][];
  labels: number[];
  value: number;
  grad_u: number[][];
  grad_v: number[][];
}

const golden = JSON.parse(
  await Deno.readTextFile(new URL("./golden/setfit/losses.json", import.meta.url)),
) as { cases: LossCase[] };

for (const c of golden.cases) {
  Deno.test(`losses: ${c.name} matches torch (value and gradients)`, () => {
    const u = tf.tensor2d(c.u);
    const v = tf.tensor2d(c.v);
    const f = (a: tf.Tensor, b: tf.Tensor) =>
      c.loss === "cosine_similarity"
        ? cosineSimilarityLoss(a as tf.Tensor2D, b as tf.Tensor2D, c.labels)
        : contrastiveLoss(a as tf.Tensor2D, b as tf.Tensor2D, c.labels, c.options);
    const value = f(u, v);
    assertAllClose(value.dataSync()[0], c.value, { atol: 1e-6, rtol: 1e-5 });
    const [gu, gv] = tf.grads(f)([u, v]);
    assertAllClose(gu.arraySync(), c.grad_u, { atol: 1e-6, rtol: 1e-4 });
    assertAllClose(gv.arraySync(), c.grad_v, { atol: 1e-6, rtol: 1e-4 });
    tf.dispose([u, v, value, gu, gv]);
  });
}

Deno.test("losses: bad input", () => {
  const u = tf.tensor2d([[1, 0]]);
  const v = tf.tensor2d([[0, 1], [1, 0]]);
  assertThrows(() => cosineSimilarityLoss(u, u, [2]), Error, "labels[0] = 2");
  assertThrows(() => cosineSimilarityLoss(u, v, [1]), Error, "same shape");
  assertThrows(
    () => cosineSimilarityLoss(u, u, [1, 0]),
    Error,
    "a batch of 1 pairs needs 1 labels",
  );
  assertThrows(() => contrastiveLoss(u, u, [1], { margin: -1 }), Error, "margin");
  tf.dispose([u, v]);
});

Deno.test("trainContrastive: a NaN loss stops stage 1 as it stops the Trainer, before any update", async () => {
  registerKitGradients(); // gather's gradient on wasm, as the trainable encoders register it
  // A toy body: a trainable scale on fixed two-number features; "bad" reads NaN.
  const w = tf.variable(tf.tensor1d([1, 1]));
  const features: Record<string, number[]> = { good: [1, 2], fine: [2, 1], bad: [NaN, 1] };
  const body: Body<string> = {
    name: "toy",
    hiddenSize: 2,
    level: "sequence",
    trainableVariables: () => [w],
    forward: (texts) => tf.mul(tf.tensor2d(texts.map((t) => features[t])), w),
  };
  const pairs: ContrastivePair[] = [{ i: 0, j: 1, label: 1 }, { i: 1, j: 2, label: 0 }];
  const texts = ["good", "fine", "bad"];
  // the clean pair alone trains (finite loss, w moves)
  const ok = await trainContrastive(body, texts, pairs.slice(0, 1), { progress: false });
  assertEquals(ok.steps, 1);
  assert(Number.isFinite(ok.losses[0]));
  // bad arguments are refused before any step, naming the argument
  const quiet = { progress: false };
  await assertRejects(() => trainContrastive(body, texts, [], quiet), ArgumentError, "pairs = []");
  await assertRejects(
    () => trainContrastive(body, texts, [{ i: 0, j: 5, label: 1 }], quiet),
    ArgumentError,
    'pairs[0] = {"i":0,"j":5,"label":1}: points outside the 3 texts',
  );
  await assertRejects(
    () => trainContrastive(body, texts, pairs, { ...quiet, batchSize: 0 }),
    ArgumentError,
    "batchSize = 0: is not a positive integer; use e.g. 16",
  );
  for (const maxGradNorm of [-1, NaN]) {
    await assertRejects(
      () => trainContrastive(body, texts, pairs, { ...quiet, maxGradNorm }),
      ArgumentError,
      `maxGradNorm = ${maxGradNorm}: is not a number >= 0`,
    );
  }
  await assertRejects(
    () => trainContrastive({ ...body, trainableVariables: () => [] }, texts, pairs, quiet),
    ArgumentError,
    "body.trainableVariables() = []: is empty: the body toy has nothing to train",
  );
  const before = w.dataSync().slice();
  await assertRejects(
    () =>
      trainContrastive(body, texts, pairs, { batchSize: 2, learningRate: 1e-3, progress: false }),
    Error,
    "training loss is NaN at step 1 (epoch 1); lower learningRate (0.001) or check the inputs for NaN",
  );
  assertEquals(w.dataSync(), before);
  w.dispose();
});

Deno.test("LogisticHead: same probabilities as LogisticRegression; JSON round trip; dimension check", () => {
  const X = [[0, 1, 0], [0.2, 0.9, 0.1], [1, 0, 0], [0.9, 0.1, 0.2], [0, 0, 1], [0.1, 0.2, 0.9]];
  const y = ["a", "a", "b", "b", "c", "c"];
  const head = LogisticHead.fit(X, y);
  const clf = new LogisticRegression().fit(X, y);
  const probe = [[0.3, 0.3, 0.4], [1, 1, 0]];
  assertAllClose(head.predictProba(probe), clf.predictProba(probe), { atol: 1e-12 });
  assertEquals(head.predict(probe), clf.predict(probe));
  const again = LogisticHead.fromJSON(JSON.parse(JSON.stringify(head)));
  assertEquals(again.predictProba(probe), head.predictProba(probe));
  assertThrows(() => head.predict([[1, 2]]), Error, "fitted on 3-dimensional embeddings");
  assertThrows(
    () => LogisticHead.fromJSON({ ...head.state, intercept: [0] }),
    Error,
    "not a logistic head",
  );
  const binary = LogisticHead.fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
  assertAllClose(
    binary.predictProba([[1.5]]),
    new LogisticRegression().fit([[0], [1], [2], [3]], [0, 0, 1, 1]).predictProba([[1.5]]),
    { atol: 1e-12 },
  );
});

Deno.test("LogisticHead: one-vs-rest multi-label", () => {
  const X = [[0, 0], [0, 1], [3, 3], [3, 4], [6, 0], [6, 1]];
  const y = [["x"], ["x"], ["x", "y"], ["y"], ["z"], ["z"]];
  const head = LogisticHead.fit(X, y, { multiLabel: true });
  assertEquals(head.classes, ["x", "y", "z"]);
  const p = head.predictProba([[6, 0.5]])[0];
  assertGreater(p[2], 0.5);
  for (const [k, c] of ["x", "y", "z"].entries()) {
    const col = y.map((l) => (l.includes(c) ? 1 : 0));
    assertAllClose(p[k], new LogisticRegression().fit(X, col).predictProba([[6, 0.5]])[0][1], {
      atol: 1e-12,
    });
  }
  const again = LogisticHead.fromJSON(JSON.parse(JSON.stringify(head)));
  assertEquals(again.predictProba(X), head.predictProba(X));
  assertEquals(again.predict(X), head.predict(X));
  assertEquals(again.decisionFunction(X), head.decisionFunction(X));
  assertThrows(
    () => LogisticHead.fit(X, y.map(() => ["x"]), { multiLabel: true }),
    Error,
    "in every example",
  );
  assertThrows(() => LogisticHead.fit(X, y), Error, "multiLabel: true");
});

Deno.test("SetFit on USE-lite: the chapter's minimal example, save and load, bad input", async () => {
  const model = await SetFitModel.fromPretrained("use-lite", { freeze: ["embeddings"] });
  const before = await model.encode(["loved the support", "fast and friendly"]);
  const trainer = new SetFitTrainer({
    model,
    trainDataset: fromDict({
      text: ["loved the support", "worst flight ever", "fast and friendly", "lost my luggage"],
      label: [1, 0, 1, 0],
    }),
    evalDataset: fromDict({ text: ["Worst experience ever", "Five stars"], label: [0, 1] }),
    numIterations: 20,
    learningRate: 1e-4,
    progress: false,
  });
  const out = await trainer.train();
  assertEquals(out.numPairs, 160);
  assertEquals(out.contrastive!.steps, 10);
  // stage 1 moved the body: the two positive texts are now closer
  const after = await model.encode(["loved the support", "fast and friendly"]);
  const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);
  assertGreater(cos(after[0], after[1]), cos(before[0], before[1]));
  assertEquals(await model.predict(["the staff were wonderful"]), [1]);
  assertEquals(await trainer.evaluate(), { accuracy: 1 });
  await assertRejects(
    () => trainer.evaluate(fromDict({ text: ["meh"], label: [2] })),
    ArgumentError,
    "dataset.labels[0] = 2: holds 2, which was not among the training labels (0, 1)",
  );

  const dir = await Deno.makeTempDir();
  try {
    await model.save(dir);
    const loaded = await SetFitModel.load(dir);
    const probe = ["the staff were wonderful", "my bag never arrived"];
    assertAllClose(await loaded.predictProba(probe), await model.predictProba(probe), {
      atol: 1e-5,
    });
    loaded.dispose();
    // a head fitted on another dimension is refused at load
    const config = JSON.parse(await Deno.readTextFile(join(dir, "config.json")));
    config.head.coef = config.head.coef.map((r: number[]) => r.slice(0, 384));
    await Deno.writeTextFile(join(dir, "config.json"), JSON.stringify(config));
    await assertRejects(() => SetFitModel.load(dir), Error, "fitted on 384-dimensional embeddings");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }

  await assertRejects(
    () =>
      new SetFitTrainer({ model, trainDataset: fromDict({ text: ["a", "b"], label: [1, 1] }) })
        .train(),
    Error,
    "only one class",
  );
  await assertRejects(
    () =>
      new SetFitTrainer({
        model,
        trainDataset: fromDict({ text: ["a", "b", "c"], label: [1, 1, 0] }),
      })
        .train(),
    Error,
    "class 0 has a single example",
  );
  assertThrows(
    () =>
      new SetFitTrainer({
        model,
        trainDataset: fromDict({ text: ["a", "b"], label: [["x"], ["y"]] }),
      }),
    Error,
    "one-vs-rest",
  );
  assertThrows(
    () =>
      new SetFitTrainer({
        model,
        trainDataset: { inputs: [["a", "b"]], labels: [0] } as unknown as Dataset<string, number>,
      }),
    ArgumentError,
    'trainDataset.inputs[0] = ["a", "b"]: is not a string',
  );
  // a dataset with labelNames (a loaded one) trains on, and predicts, the names
  const named = new SetFitTrainer({
    model,
    numEpochs: 0,
    trainDataset: {
      inputs: ["loved the support", "worst flight ever", "fast and friendly", "lost my luggage"],
      labels: [1, 0, 1, 0],
      labelNames: ["negative", "positive"],
    },
  });
  assertEquals((await named.train()).contrastive, undefined);
  assertEquals(model.head!.classes, ["negative", "positive"]);
  assertEquals(await model.predict(["the staff were wonderful"]), ["positive"]);
  model.dispose();
});

Deno.test("pca: scikit-learn's PCA(2).fit_transform scores, signs included", async () => {
  const { cases } = JSON.parse(
    await Deno.readTextFile(new URL("./golden/setfit/pca.json", import.meta.url)),
  ) as { cases: { X: number[][]; scores: number[][] }[] };
  for (const c of cases) assertAllClose(pca(c.X, 2), c.scores, { atol: 1e-9 });
  assertThrows(() => pca([[1, 2]], 1), Error, "at least 2");
  assertThrows(() => pca([[1, 2], [3, 4]], 3), Error, "nComponents");
});
