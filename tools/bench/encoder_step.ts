/**
 * The end-to-end training step in tfjs: a 2-layer pre-norm encoder (width 128, 4 heads,
 * FFN 512, ReLU, learned positions, mean pooling, 2-way head) on batch 32 × 128 tokens, one
 * AdamW step with gradient clipping — the same model and step as `encoder-step` in
 * bench/torch_ref.py.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { Random } from "../../lib/random.ts";
import { clipGradNorm } from "../../lib/train/clip.ts";
import { AdamW } from "../../lib/train/optimizer.ts";

const VOCAB = 8000;
const WIDTH = 128;
const HEADS = 4;
const FFN = 512;
const BATCH = 32;
const LENGTH = 128;

interface Layer {
  ln1: [tf.Variable, tf.Variable];
  ln2: [tf.Variable, tf.Variable];
  qkv: [tf.Variable, tf.Variable];
  out: [tf.Variable, tf.Variable];
  ff1: [tf.Variable, tf.Variable];
  ff2: [tf.Variable, tf.Variable];
}

/** A training step closure and its variables (dispose them with `dispose`). */
export interface EncoderStep {
  step(): number;
  params: number;
  dispose(): void;
}

/** Builds the model, a fixed batch and the step. */
export function encoderStep(): EncoderStep {
  const rng = new Random(0);
  const vars: tf.Variable[] = [];
  const v = (shape: number[], scale: number, init?: number) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const data = Float32Array.from(
      { length: size },
      () => init ?? (rng.random() * 2 - 1) * scale,
    );
    const variable = tf.variable(tf.tensor(data, shape));
    vars.push(variable);
    return variable;
  };
  const linear = (i: number, o: number): [tf.Variable, tf.Variable] => [
    v([i, o], 1 / Math.sqrt(i)),
    v([o], 0, 0),
  ];
  const norm = (): [tf.Variable, tf.Variable] => [v([WIDTH], 0, 1), v([WIDTH], 0, 0)];
  const embedding = v([VOCAB, WIDTH], 1);
  const positions = v([LENGTH, WIDTH], 0.02);
  const layers: Layer[] = [0, 1].map(() => ({
    ln1: norm(),
    ln2: norm(),
    qkv: linear(WIDTH, 3 * WIDTH),
    out: linear(WIDTH, WIDTH),
    ff1: linear(WIDTH, FFN),
    ff2: linear(FFN, WIDTH),
  }));
  const lnOut = norm();
  const head = linear(WIDTH, 2);

  const ids = tf.tensor2d(
    Int32Array.from({ length: BATCH * LENGTH }, () => rng.randInt(VOCAB)),
    [BATCH, LENGTH],
    "int32",
  );
  const labels = tf.oneHot(
    tf.tensor1d(Int32Array.from({ length: BATCH }, () => rng.randInt(2)), "int32"),
    2,
  );

  const layerNorm = (x: tf.Tensor, [g, b]: [tf.Variable, tf.Variable]) => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
  };
  const dense = (x: tf.Tensor, [w, b]: [tf.Variable, tf.Variable]) => {
    const [n, i] = [x.size / x.shape[x.rank - 1], x.shape[x.rank - 1]];
    const y = tf.add(tf.matMul(tf.reshape(x, [n, i]), w), b);
    return tf.reshape(y, [...x.shape.slice(0, -1), w.shape[1]] as number[]);
  };
  const depth = WIDTH / HEADS;
  const split = (t: tf.Tensor, perm: number[]) =>
    tf.transpose(tf.reshape(t, [BATCH, LENGTH, HEADS, depth]), perm);

  const loss = () => {
    let x: tf.Tensor = tf.add(tf.gather(embedding, ids), positions);
    for (const m of layers) {
      const [q, k, val] = tf.split(dense(layerNorm(x, m.ln1), m.qkv), 3, -1);
      const scores = tf.mul(
        tf.matMul(split(q, [0, 2, 1, 3]), split(k, [0, 2, 3, 1])),
        1 / Math.sqrt(depth),
      );
      const context = tf.matMul(tf.softmax(scores), split(val, [0, 2, 1, 3]));
      const merged = tf.reshape(tf.transpose(context, [0, 2, 1, 3]), [BATCH, LENGTH, WIDTH]);
      x = tf.add(x, dense(merged, m.out));
      x = tf.add(x, dense(tf.relu(dense(layerNorm(x, m.ln2), m.ff1)), m.ff2));
    }
    const logits = dense(tf.mean(layerNorm(x, lnOut), 1), head);
    return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
  };

  const optimizer = new AdamW(vars, { lr: 1e-4, weightDecay: 0.01 });
  return {
    params: vars.reduce((s, x) => s + x.size, 0),
    step() {
      const { value, grads } = tf.variableGrads(loss, vars);
      const clipped = clipGradNorm(grads, 1);
      tf.dispose(grads);
      optimizer.step(clipped.grads);
      tf.dispose(clipped.grads);
      const l = value.dataSync()[0];
      value.dispose();
      return l;
    },
    dispose() {
      optimizer.dispose();
      tf.dispose([...vars, ids, labels]);
    },
  };
}
