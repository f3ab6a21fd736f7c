import * as tf from "@tensorflow/tfjs";
import { assertAllClose, assertEquals } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import { AdamW } from "../lib/train/optimizer.ts";
import { getLinearScheduleWithWarmup } from "../lib/train/schedule.ts";
import { clipGradNorm } from "../lib/train/clip.ts";

await initBackend({ quiet: true });

interface GoldenStep {
  loss: number;
  gradNorm: number;
  bodyLr: number;
  headLr: number;
  params: Record<string, number[] | number[][]>;
}
interface Golden {
  x: number[][];
  y: number[];
  init: Record<string, number[] | number[][]>;
  numTrainingSteps: number;
  warmupSteps: number;
  batchSize: number;
  maxGradNorm: number;
  weightDecay: number;
  bodyLr: number;
  headLr: number;
  steps: GoldenStep[];
}

const golden: Golden = JSON.parse(
  await Deno.readTextFile(new URL("./golden/train/train.json", import.meta.url)),
);

Deno.test("AdamW + linear warmup schedule + clip_grad_norm_ match torch step for step", () => {
  const p: Record<string, tf.Variable> = {};
  for (const [k, v] of Object.entries(golden.init)) p[k] = tf.variable(tf.tensor(v));
  const opt = new AdamW([
    { params: [p["body.weight"]], lr: golden.bodyLr, weightDecay: golden.weightDecay },
    { params: [p["body.bias"]], lr: golden.bodyLr, weightDecay: 0 },
    { params: [p["head.weight"]], lr: golden.headLr, weightDecay: golden.weightDecay },
    { params: [p["head.bias"]], lr: golden.headLr, weightDecay: 0 },
  ]);
  const sched = getLinearScheduleWithWarmup(opt, golden.warmupSteps, golden.numTrainingSteps);
  const n = golden.x.length;
  golden.steps.forEach((want, step) => {
    const start = (step * golden.batchSize) % n;
    const xb = tf.tensor2d(golden.x.slice(start, start + golden.batchSize));
    const yb = tf.oneHot(golden.y.slice(start, start + golden.batchSize), 3);
    const { value, grads } = tf.variableGrads(() => {
      const h = tf.tanh(tf.add(tf.matMul(xb, tf.transpose(p["body.weight"])), p["body.bias"]));
      const logits = tf.add(tf.matMul(h, tf.transpose(p["head.weight"])), p["head.bias"]);
      return tf.neg(tf.mean(tf.sum(tf.mul(yb, tf.logSoftmax(logits)), -1)));
    }, Object.values(p));
    const clipped = clipGradNorm(grads, golden.maxGradNorm);
    const lrs = sched.getLastLr();
    opt.step(clipped.grads);
    sched.step();
    assertAllClose(value.dataSync()[0], want.loss, { atol: 1e-5, rtol: 1e-5 });
    assertAllClose(clipped.totalNorm, want.gradNorm, { atol: 1e-5, rtol: 1e-5 });
    assertAllClose([lrs[0], lrs[2]], [want.bodyLr, want.headLr], { atol: 1e-12 });
    for (const [k, v] of Object.entries(want.params)) {
      assertAllClose(p[k].arraySync() as number[], v as number[], { atol: 1e-5, rtol: 1e-5 });
    }
    tf.dispose([xb, yb, value, grads, clipped.grads]);
  });
  assertEquals(opt.stepCount, golden.numTrainingSteps);
  opt.dispose();
  tf.dispose(Object.values(p));
});
