import * as tf from "@tensorflow/tfjs";
import { assertAllClose, assertEquals } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import { registerKitKernels } from "../lib/fast/wasm_kernels.ts";

/** Batched product on plain arrays: a [batch, m, k] (or [batch, k, m] transposed) etc. */
function reference(
  a: Float32Array,
  b: Float32Array,
  [batch, m, k, n]: number[],
  ta: boolean,
  tb: boolean,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < batch; i++) {
    for (let r = 0; r < m; r++) {
      for (let c = 0; c < n; c++) {
        let s = 0;
        for (let j = 0; j < k; j++) {
          const x = ta ? a[i * m * k + j * m + r] : a[i * m * k + r * k + j];
          const y = tb ? b[i * k * n + c * k + j] : b[i * k * n + j * n + c];
          s += x * y;
        }
        out.push(s);
      }
    }
  }
  return out;
}

const backend = await initBackend({ quiet: true });
registerKitKernels();

Deno.test(`batched matMul (kit kernel on wasm; backend here: ${backend}) equals the plain product`, () => {
  const value = (i: number) => Math.sin(i * 1.3) * 2;
  for (const [ta, tb] of [[false, false], [false, true], [true, false], [true, true]]) {
    const [batch, m, k, n] = [6, 5, 7, 3];
    const a = Float32Array.from({ length: batch * m * k }, (_, i) => value(i));
    const b = Float32Array.from({ length: batch * k * n }, (_, i) => value(i + 1000));
    const ta4 = tf.tensor4d(a, [2, 3, ta ? k : m, ta ? m : k]);
    const tb4 = tf.tensor4d(b, [2, 3, tb ? n : k, tb ? k : n]);
    const before = tf.memory().numTensors;
    const c = tf.matMul(ta4, tb4, ta, tb);
    assertEquals(c.shape, [2, 3, m, n]);
    assertAllClose([...c.dataSync()], reference(a, b, [batch, m, k, n], ta, tb), {
      atol: 1e-4,
      rtol: 1e-5,
    });
    assertEquals(tf.memory().numTensors, before + 1, "no tensor leaks");
    tf.dispose([ta4, tb4, c]);
  }
});

Deno.test("batched matMul: a changing right operand is not served from a stale cache", () => {
  // XNNPACK caches packed right operands by tensor id: every batch must use its own.
  const a = tf.ones([3, 2, 2]);
  const b = tf.tensor3d([1, 0, 0, 1, 2, 0, 0, 2, 3, 0, 0, 3], [3, 2, 2]);
  assertEquals(tf.matMul(a, b).arraySync(), [
    [[1, 1], [1, 1]],
    [[2, 2], [2, 2]],
    [[3, 3], [3, 3]],
  ]);
  tf.dispose([a, b]);
});

/** Transpose on plain arrays: output element at multi-index o reads input at o permuted back. */
function transposeReference(flat: ArrayLike<number>, shape: number[], perm: number[]): number[] {
  const outShape = perm.map((p) => shape[p]);
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  return Array.from({ length: flat.length }, (_, o) => {
    let rest = o;
    let src = 0;
    outShape.forEach((_, d) => {
      const block = outShape.slice(d + 1).reduce((a, b) => a * b, 1);
      src += Math.floor(rest / block) * strides[perm[d]];
      rest %= block;
    });
    return flat[src];
  });
}

Deno.test("transpose (kit kernel for last-two swaps and last-axis-kept) equals the reference", () => {
  const cases: [number[], number[]][] = [
    [[37, 70], [1, 0]],
    [[2, 3, 33, 5], [0, 1, 3, 2]],
    [[4, 9, 3, 8], [0, 2, 1, 3]],
    [[3, 4, 5, 6], [2, 0, 1, 3]],
    [[3, 4, 5], [2, 0, 1]], // neither layout: wasm's own kernel
  ];
  for (const [shape, perm] of cases) {
    const size = shape.reduce((a, b) => a * b, 1);
    for (const dtype of ["float32", "int32"] as const) {
      const values = Array.from({ length: size }, (_, i) => dtype === "int32" ? i - 7 : i * 0.5);
      const x = tf.tensor(values, shape, dtype);
      const y = tf.transpose(x, perm);
      assertEquals(y.shape, perm.map((p) => shape[p]));
      assertEquals([...y.dataSync()], transposeReference(values, shape, perm), `${shape} ${perm}`);
      tf.dispose([x, y]);
    }
  }
});
