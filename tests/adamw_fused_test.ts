import * as tf from "@tensorflow/tfjs";
import { assertEquals, assertThrows } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import { Random } from "../lib/random.ts";
import { ArgumentError } from "../lib/errors.ts";
import { AdamW } from "../lib/train/optimizer.ts";

await initBackend({ quiet: true });

const rng = new Random(5);
const values = (n: number, scale: number) =>
  Float32Array.from({ length: n }, () => (rng.random() - 0.5) * scale);

Deno.test("AdamW: the fused update gives the tfjs ops' numbers bit for bit", () => {
  // Shapes on both sides of the default size switch, decay on and off, gradients from 1e-4 to 1e3.
  const shapes = [[3], [7, 5], [130, 130]];
  const init = shapes.map((s) => values(s.reduce((a, b) => a * b, 1), 2));
  const make = (fused: boolean) => {
    const vars = shapes.map((s, i) => tf.variable(tf.tensor(init[i], s), true, `f${fused}_${i}`));
    const opt = new AdamW([
      { params: [vars[0], vars[2]], weightDecay: 0.1 },
      { params: [vars[1]], weightDecay: 0, lr: 0.3 },
    ], { lr: 0.05, fused });
    return { vars, opt };
  };
  const fused = make(true);
  const ops = make(false);
  for (let step = 0; step < 6; step++) {
    const grads = shapes.map((s) => values(s.reduce((a, b) => a * b, 1), 10 ** (step - 3)));
    for (const run of [fused, ops]) {
      const named: tf.NamedTensorMap = {};
      run.vars.forEach((v, i) => {
        // variable 1 sits out step 2, as a task head does on another task's batch
        if (!(i === 1 && step === 2)) named[v.name] = tf.tensor(grads[i], shapes[i]);
      });
      run.opt.paramGroups.forEach((g) => g.lr *= 0.9);
      run.opt.step(named);
      tf.dispose(named);
    }
    fused.vars.forEach((v, i) => assertEquals(v.dataSync(), ops.vars[i].dataSync()));
  }
  for (const run of [fused, ops]) {
    run.opt.dispose();
    tf.dispose(run.vars);
  }
});

Deno.test("AdamW: fused update refuses a gradient of the wrong size, naming the variable", () => {
  const v = tf.variable(tf.zeros([4]), true, "fused_bad");
  const opt = new AdamW([v], { fused: true });
  const g = tf.zeros([3]);
  assertThrows(
    () => opt.step({ fused_bad: g }),
    ArgumentError,
    'grads["fused_bad"] = "float32 [3]": is not float32 of the variable\'s shape [4]',
  );
  tf.dispose([v, g]);
  opt.dispose();
});
