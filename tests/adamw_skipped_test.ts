import * as tf from "@tensorflow/tfjs";
import { assertAllClose } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import { AdamW } from "../lib/train/optimizer.ts";

await initBackend({ quiet: true });

interface Golden {
  init: Record<"a" | "b", number[] | number[][]>;
  targets: Record<"a" | "b", number[] | number[][]>;
  bSteps: number[];
  lr: number;
  weightDecay: number;
  steps: Record<"a" | "b", number[] | number[][]>[];
}

const golden: Golden = JSON.parse(
  await Deno.readTextFile(new URL("./golden/train/adamw_skipped.json", import.meta.url)),
);

for (const fused of [true, false]) {
  Deno.test(`AdamW (fused: ${fused}): a variable without a gradient on some steps is corrected for its own updates, as torch`, () => {
    const a = tf.variable(tf.tensor(golden.init.a));
    const b = tf.variable(tf.tensor(golden.init.b));
    const [ta, tb] = [tf.tensor(golden.targets.a), tf.tensor(golden.targets.b)];
    const opt = new AdamW([a, b], { lr: golden.lr, weightDecay: golden.weightDecay, fused });
    golden.steps.forEach((want, step) => {
      const withB = golden.bSteps.includes(step);
      const { value, grads } = tf.variableGrads(() => {
        const la = tf.mul(tf.sum(tf.square(tf.sub(a, ta))), 1 + step);
        return (withB ? tf.add(la, tf.sum(tf.pow(tf.sub(b, tb), 3))) : la) as tf.Scalar;
      }, withB ? [a, b] : [a]);
      opt.step(grads);
      assertAllClose(a.arraySync() as number[][], want.a as number[][], { atol: 1e-5, rtol: 1e-5 });
      assertAllClose(b.arraySync() as number[], want.b as number[], { atol: 1e-5, rtol: 1e-5 });
      tf.dispose([value, grads]);
    });
    opt.dispose();
    tf.dispose([a, b, ta, tb]);
  });
}
