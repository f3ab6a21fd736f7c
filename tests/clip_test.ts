import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import { withFastPath } from "../lib/fast/switch.ts";
import { Random } from "../lib/random.ts";
import { clipGradNorm } from "../lib/train/clip.ts";

const backend = await initBackend({ quiet: true });
const rng = new Random(11);
const tensor = (shape: number[], scale: number) =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () =>
      (rng.random() - 0.5) * scale),
    shape,
  );

/** The bits of every value: equal bits, equal floats (NaN included). */
const bits = (t: tf.Tensor) => new Uint32Array(Float32Array.from(t.dataSync()).buffer);

// tfjs-wasm sums one value after another in float32, as lib/fast/clip.ts does; other backends
// sum in another order (the cpu backend in float64), so there the last bit may differ.
Deno.test({
  name: `clipGradNorm: the fast path gives the reference ops' numbers bit for bit${
    backend === "wasm" ? "" : ` (skipped: backend ${backend} is not wasm)`
  }`,
  ignore: backend !== "wasm",
  fn: () => {
    // The fast path sums and scales in JS below 16,384 values: [120, 130] is just under,
    // [128, 128] on it, [200, 100] above; a NaN spreads to all, a large maxNorm keeps coef 1.
    const cases: [string, () => tf.NamedTensorMap, number][] = [
      [
        "mixed, clipped",
        () => ({ a: tensor([120, 130], 1), b: tensor([200, 100], 1), c: tensor([3], 1) }),
        1,
      ],
      ["tiny values", () => ({ a: tensor([120, 130], 0.001), b: tensor([200, 100], 0.001) }), 1],
      [
        "large values",
        () => ({ a: tensor([128, 128], 30), b: tensor([7, 5], 30), c: tensor([1], 30) }),
        0.5,
      ],
      ["one large tensor", () => ({ w: tensor([300, 300], 3) }), 2],
      ["one small tensor", () => ({ w: tensor([16_383], 3) }), 2],
      ["coef 1", () => ({ a: tensor([120, 130], 0.01), b: tensor([200, 100], 0.01) }), 1e6],
      ["NaN small", () => ({ a: tf.tensor1d([1, NaN, 3]), b: tensor([200, 100], 1) }), 1],
      ["NaN large", () => ({ a: tensor([5], 1), b: tf.fill([200, 100], NaN) }), 1],
    ];
    for (const [name, make, maxNorm] of cases) {
      const grads = make();
      const fast = withFastPath(true, () => clipGradNorm(grads, maxNorm));
      const plain = withFastPath(false, () => clipGradNorm(grads, maxNorm));
      assert(
        Object.is(fast.totalNorm, plain.totalNorm),
        `${name}: ${fast.totalNorm} vs ${plain.totalNorm}`,
      );
      for (const k of Object.keys(grads)) {
        assertEquals(bits(fast.grads[k]), bits(plain.grads[k]), `${name}: ${k}`);
      }
      tf.dispose([grads, fast.grads, plain.grads]);
    }
  },
});

Deno.test("clipGradNorm: a NaN gradient makes every gradient NaN, as torch (no silent clip)", () => {
  const grads = { a: tf.tensor1d([1, NaN]), b: tf.tensor1d([3]) };
  const { grads: out, totalNorm } = clipGradNorm(grads, 1);
  assert(Number.isNaN(totalNorm));
  assert([...out.a.dataSync(), ...out.b.dataSync()].every(Number.isNaN));
  tf.dispose([grads, out]);
});

Deno.test("clipGradNorm: under maxNorm the gradients come back unchanged, as new tensors", () => {
  const grads = { a: tf.tensor1d([0.3, -0.4]) };
  const { grads: out, totalNorm } = clipGradNorm(grads, 1);
  assertEquals(totalNorm, Math.fround(0.5));
  assertEquals(out.a.dataSync(), grads.a.dataSync());
  grads.a.dispose();
  assertEquals(out.a.dataSync(), new Float32Array([0.3, -0.4]));
  out.a.dispose();
});
