import * as tf from "@tensorflow/tfjs";
import { assert, assertAllClose, assertEquals, assertThrows } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import { ArgumentError } from "../lib/errors.ts";
import {
  bceWithLogitsLoss,
  crossEntropyLoss,
  focalLoss,
  type Reduction,
  sigmoidFocalLoss,
} from "../lib/losses.ts";
import { Random } from "../lib/random.ts";

interface GoldenCase {
  name: string;
  fn: "crossEntropyLoss" | "focalLoss" | "bceWithLogitsLoss" | "sigmoidFocalLoss";
  logits: number[][] | number[];
  target: number[] | number[][];
  options: Record<string, unknown>;
  value: number | number[] | number[][];
  cotangent: number | number[] | number[][];
  grad: number[][] | number[];
}

const golden: { cases: GoldenCase[] } = JSON.parse(
  await Deno.readTextFile(new URL("./golden/losses/losses.json", import.meta.url)),
);

// deno-lint-ignore no-explicit-any
type AnyLoss = (x: tf.Tensor, t: any, o: any) => tf.Tensor;
const LOSSES: Record<GoldenCase["fn"], AnyLoss> = {
  crossEntropyLoss,
  focalLoss,
  bceWithLogitsLoss,
  sigmoidFocalLoss,
};

const TOL = { atol: 1e-5, rtol: 1e-5 };

function checkGolden(backend: string) {
  assertEquals(tf.getBackend(), backend);
  assertEquals(golden.cases.length, 70);
  const before = tf.memory().numTensors;
  for (const c of golden.cases) {
    const loss = LOSSES[c.fn];
    const x = tf.tensor(c.logits);
    const value = loss(x, c.target, c.options);
    assertAllClose(value.arraySync(), c.value, TOL, `${c.name}: value on ${backend}`);
    const cot = tf.tensor(c.cotangent);
    let grad: tf.Tensor;
    try {
      grad = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(loss(z, c.target, c.options), cot)))(x);
    } catch (e) {
      throw new Error(`${c.name}: ${e}`);
    }
    assertAllClose(grad.arraySync(), c.grad, TOL, `${c.name}: gradient on ${backend}`);
    tf.dispose([x, value, cot, grad]);
  }
  // tf.tidy inside every loss: nothing leaks.
  assertEquals(tf.memory().numTensors, before);
}

Deno.test("losses: PyTorch golden values and gradients on the kit backend (initBackend)", async () => {
  checkGolden(await initBackend({ quiet: true }));
});

Deno.test("losses: PyTorch golden values and gradients on the cpu backend", async () => {
  const kit = await initBackend({ quiet: true });
  await tf.setBackend("cpu");
  try {
    checkGolden("cpu");
  } finally {
    await tf.setBackend(kit);
  }
});

function randomBatch(rng: Random, n: number, c: number, ignoreShare = 0.2) {
  const logits = Array.from(
    { length: n },
    () => Array.from({ length: c }, () => (rng.random() - 0.5) * 12),
  );
  const labels: number[] = Array.from(
    { length: n },
    () => rng.random() < ignoreShare ? -100 : rng.randInt(c),
  );
  return { logits, labels };
}

Deno.test("losses: property: focal loss with gamma 0 equals cross-entropy", async () => {
  await initBackend({ quiet: true });
  const rng = new Random(11);
  for (let trial = 0; trial < 20; trial++) {
    const n = 1 + rng.randInt(12);
    const c = 2 + rng.randInt(6);
    const { logits, labels } = randomBatch(rng, n, c);
    if (!labels.some((y) => y !== -100)) labels[0] = 0;
    const x = tf.tensor2d(logits);
    for (const reduction of ["mean", "sum", "none"] as Reduction[]) {
      const f = focalLoss(x, labels, { gamma: 0, reduction });
      const ce = crossEntropyLoss(x, labels, { reduction });
      assertAllClose(f.arraySync(), ce.arraySync(), TOL, `trial ${trial} ${reduction}`);
      tf.dispose([f, ce]);
    }
    // alpha per class with "sum" is class-weighted cross-entropy (the means differ by design:
    // focal divides by the row count, weighted CE by the summed weights).
    const w = Array.from({ length: c }, () => 0.1 + rng.random());
    const f = focalLoss(x, labels, { gamma: 0, alpha: w, reduction: "sum" });
    const ce = crossEntropyLoss(x, labels, { weight: w, reduction: "sum" });
    assertAllClose(f.arraySync(), ce.arraySync(), TOL);
    tf.dispose([x, f, ce]);
  }
});

Deno.test("losses: property: focal loss is below cross-entropy and falls as gamma grows", async () => {
  await initBackend({ quiet: true });
  const { logits, labels } = randomBatch(new Random(3), 16, 4, 0);
  const x = tf.tensor2d(logits);
  const per = (g: number) => focalLoss(x, labels, { gamma: g, reduction: "none" });
  const [g0, g1, g2] = [per(0), per(1), per(2)].map((t) => {
    const v = t.arraySync() as number[];
    t.dispose();
    return v;
  });
  for (let i = 0; i < 16; i++) assert(g0[i] >= g1[i] && g1[i] >= g2[i], `row ${i}`);
  x.dispose();
});

Deno.test("losses: NER layout: [batch, tokens, classes] equals the flattened rows", async () => {
  await initBackend({ quiet: true });
  const { logits, labels } = randomBatch(new Random(5), 6, 5);
  const x3 = tf.tensor3d([logits.slice(0, 3), logits.slice(3)]);
  const y2 = [labels.slice(0, 3), labels.slice(3)];
  const x2 = tf.tensor2d(logits);
  const a = crossEntropyLoss(x3, y2, { labelSmoothing: 0.1 });
  const b = crossEntropyLoss(x2, labels, { labelSmoothing: 0.1 });
  assertAllClose(a.arraySync(), b.arraySync(), TOL);
  const none = crossEntropyLoss(x3, tf.tensor2d(y2, [2, 3], "int32"), { reduction: "none" });
  assertEquals(none.shape, [2, 3]);
  tf.dispose([x3, x2, a, b, none]);
});

Deno.test("losses: every target ignored: mean is NaN (0/0, as PyTorch), sum is 0", async () => {
  await initBackend({ quiet: true });
  const x = tf.tensor2d([[1, 2], [3, -1]]);
  const ignored = [-100, -100];
  const mean = crossEntropyLoss(x, ignored, { weight: [1, 2], labelSmoothing: 0.1 });
  assert(Number.isNaN(mean.dataSync()[0]));
  const sum = crossEntropyLoss(x, ignored, { reduction: "sum" });
  assertEquals(sum.dataSync()[0], 0);
  const focal = focalLoss(x, ignored);
  assert(Number.isNaN(focal.dataSync()[0]));
  tf.dispose([x, mean, sum, focal]);
});

Deno.test("losses: bad input gets an error naming the argument and the value", async () => {
  await initBackend({ quiet: true });
  const x = tf.tensor2d([[1, 2, 3], [0, 0, 0]]);
  const cases: [() => unknown, string][] = [
    [() => crossEntropyLoss(x, [0, 3]), "labels[1] = 3: is not a class index in [0, 3)"],
    [() => crossEntropyLoss(x, [0, -1]), "labels[1] = -1"],
    [() => crossEntropyLoss(x, [0.5, 1]), "labels[0] = 0.5"],
    [() => crossEntropyLoss(x, [0, NaN]), "labels[1] = NaN"],
    [() => crossEntropyLoss(x, [0, 1, 2]), "labels.shape = [3]: crossEntropyLoss needs shape [2]"],
    [
      () => crossEntropyLoss(x, [0, 1], { weight: [1, 2] }),
      "weight.shape = [2]: crossEntropyLoss needs one entry per class (3)",
    ],
    [
      () => crossEntropyLoss(x, [0, 1], { weight: [1, NaN, 2] }),
      "weight (flat index 1) = NaN: is not finite",
    ],
    [
      () => crossEntropyLoss(x, [0, 1], { labelSmoothing: 1.5 }),
      "labelSmoothing = 1.5: must be a number in [0, 1]",
    ],
    [() => crossEntropyLoss(x, [0, 1], { reduction: "avg" as Reduction }), 'reduction = "avg"'],
    [() => crossEntropyLoss(tf.tensor2d([[NaN, 1]]), [0]), "logits (flat index 0) = NaN"],
    [() => crossEntropyLoss(tf.zeros([0, 3]), []), "logits.shape = [0, 3]: is empty"],
    [() => crossEntropyLoss(tf.tensor1d([1, 2]), [0]), "crossEntropyLoss needs rank >= 2"],
    [() => focalLoss(x, [0, 1], { gamma: -1 }), "gamma = -1: must be a finite number >= 0"],
    [() => focalLoss(x, [0, 1], { alpha: [1] }), "alpha.shape = [1]: focalLoss needs one entry"],
    [() => focalLoss(x, [0, 9]), "labels[1] = 9"],
    [() => bceWithLogitsLoss(x, [[1, 0, 1]]), "bceWithLogitsLoss needs the logits' shape [2, 3]"],
    [() => bceWithLogitsLoss(x, [[1, 0, 2], [0, 0, 0]]), "targets[2] = 2: is not a probability"],
    [() => bceWithLogitsLoss(x, [[1, 0, NaN], [0, 0, 0]]), "targets[2] = NaN"],
    [
      () => bceWithLogitsLoss(x, [[1, 0, 1], [0, 0, 0]], { posWeight: [1, 2] }),
      "posWeight.shape = [2]: does not broadcast",
    ],
    [
      () => bceWithLogitsLoss(x, [[1, 0, 1], [0, 0, 0]], { weight: [[1], [2], [3]] }),
      "weight.shape = [3, 1]",
    ],
    [
      () => sigmoidFocalLoss(x, [[1, 0, 1], [0, 0, 0]], { alpha: 2 }),
      "alpha = 2: must be a finite number <= 1",
    ],
  ];
  for (const [f, msg] of cases) assertThrows(f, ArgumentError, msg);
  x.dispose();
});
