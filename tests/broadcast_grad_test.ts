import * as tf from "@tensorflow/tfjs";
import { assertAllClose } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import { registerKitGradients } from "../lib/tf/gradients.ts";

const backend = await initBackend({ quiet: true });
registerKitGradients();

// [2, 3, 4] stays under the size where the kit switches from sum to ones·dy; [16, 128, 16] is over.
for (const [d0, d1, cols] of [[2, 3, 4], [16, 128, 16]]) {
  Deno.test(`broadcast gradients of add, sub, mul on [${d0}, ${d1}, ${cols}] (${backend}) are the column sums`, () => {
    const value = (i: number) => Math.cos(i * 0.9) * 3;
    const rows = d0 * d1;
    const xs = Array.from({ length: rows * cols }, (_, i) => value(i));
    const ws = Array.from({ length: rows * cols }, (_, i) => value(i + 50));
    const bs = Array.from({ length: cols }, (_, i) => value(i + 90));
    const x = tf.tensor3d(xs, [d0, d1, cols]);
    const w = tf.tensor3d(ws, [d0, d1, cols]);
    const b = tf.tensor1d(bs);
    const colSum = (f: (r: number, c: number) => number) =>
      Array.from({ length: cols }, (_, c) => {
        let s = 0;
        for (let r = 0; r < rows; r++) s += f(r, c);
        return s;
      });
    // loss = Σ w ⊙ op(x, b): d/db is a column sum of w (times x for mul, negated for sub).
    const cases: [string, (p: tf.Tensor, q: tf.Tensor) => tf.Tensor, number[], number[]][] = [
      ["add", tf.add, ws, colSum((r, c) => ws[r * cols + c])],
      ["sub", tf.sub, ws, colSum((r, c) => -ws[r * cols + c])],
      [
        "mul",
        tf.mul,
        ws.map((wv, i) => wv * bs[i % cols]),
        colSum((r, c) => ws[r * cols + c] * xs[r * cols + c]),
      ],
    ];
    for (const [, op, dx, db] of cases) {
      const [gx, gb] = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(op(p, q), w)))([
        x,
        b,
      ]);
      assertAllClose([...gx.dataSync()], dx, { atol: 1e-5 });
      assertAllClose([...gb.dataSync()], db, { atol: 1e-3, rtol: 1e-5 });
      tf.dispose([gx, gb]);
    }
    // A reduction that is not over leading axes ([d0, d1, 1]) keeps tfjs' sum.
    const s = tf.tensor3d(Array.from({ length: rows }, (_, i) => i), [d0, d1, 1]);
    const [gs] = tf.grads((q: tf.Tensor) => tf.sum(tf.mul(tf.add(x, q), w)))([s]);
    assertAllClose(
      [...gs.dataSync()],
      Array.from({ length: rows }, (_, r) => {
        let t = 0;
        for (let c = 0; c < cols; c++) t += ws[r * cols + c];
        return t;
      }),
      { atol: 1e-4 },
    );
    tf.dispose([x, w, b, s, gs]);
  });
}
