import * as tf from "@tensorflow/tfjs";
import { assert, assertAllClose, assertEquals, assertLess, assertThrows } from "@std/assert";
import { readUseLiteArtifacts } from "../lib/encoders/use_lite/model.ts";
import { partOf, TrainableUseLite } from "../lib/encoders/use_lite/trainable.ts";

const golden: { sentences: string[]; embeddings: number[][] } = JSON.parse(
  await Deno.readTextFile(new URL("./golden/use_lite/use_lite.json", import.meta.url)),
);
const artifacts = await readUseLiteArtifacts();
const load = (freeze: ("embeddings" | "layer0" | "layer1" | "pooler")[] = []) =>
  TrainableUseLite.load({ artifacts, freeze });

const TEXTS = [
  "I loved every minute of it.",
  "A wonderful, warm film.",
  "Great service and friendly staff.",
  "Best purchase this year!",
  "I hated every minute of it.",
  "A dull, cold film.",
  "Terrible service and rude staff.",
  "Worst purchase this year!",
];
const LABELS = tf.tensor1d([1, 1, 1, 1, 0, 0, 0, 0]);

Deno.test("trainable USE-lite: parameter counts per part add up to every float weight", async () => {
  const use = await load();
  const counts = use.parameterCounts();
  assertEquals(counts.embeddings, 8002 * 256);
  assertEquals(counts.pooler, 512 * 512 + 512);
  const expected = artifacts.artifacts.weightSpecs!
    .filter((w) => w.dtype === "float32" && partOf(w.name, w.shape))
    .reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  assertEquals(Object.values(counts).reduce((a, b) => a + b, 0), expected);
  assert(expected > 6_900_000 && expected < 7_000_000, `${expected} parameters`);
  assertEquals(use.trainableVariables().length, use.namedVariables().size);
  use.dispose();
});

Deno.test("trainable USE-lite at load embeds like the package (golden, 1e-5)", async () => {
  const use = await load();
  const out = use.forward(golden.sentences.slice(0, 6));
  assertAllClose(out.arraySync(), golden.embeddings.slice(0, 6), { atol: 1e-5, rtol: 0 });
  out.dispose();
  use.dispose();
});

Deno.test("trainable USE-lite: frozen parts get no gradient and do not move", async () => {
  const use = await load(["embeddings", "layer0"]);
  assertEquals(use.frozenParts, ["embeddings", "layer0"]);
  const counts = use.parameterCounts();
  assertEquals(use.numFrozenParameters(), counts.embeddings + counts.layer0);
  const frozen = [...use.namedVariables()].filter(([n]) => /Embeddings_en|Layer_0/.test(n));
  const before = frozen.map(([, v]) => v.dataSync().slice(0, 8));
  const loss = () => tf.sum(tf.square(use.forward(TEXTS.slice(0, 2)))) as tf.Scalar;
  // No varList: tfjs takes every trainable variable it knows, so frozen must mean trainable=false.
  const { grads, value } = tf.variableGrads(loss);
  const names = new Set(use.trainableVariables().map((v) => v.name));
  for (const name of Object.keys(grads)) assert(names.has(name), `${name} got a gradient`);
  assertEquals(Object.keys(grads).length, names.size);
  tf.train.sgd(0.1).applyGradients(grads);
  frozen.forEach(([n, v], i) => assertEquals([...v.dataSync().slice(0, 8)], [...before[i]], n));
  tf.dispose([grads, value] as tf.TensorContainer);
  use.unfreeze("layer0");
  assertEquals(use.frozenParts, ["embeddings"]);
  assertThrows(
    () => use.freeze("head" as "pooler"),
    Error,
    'part = "head": is not a USE-lite part',
  );
  use.dispose();
});

Deno.test("trainable USE-lite: 3 Adam steps on 8 sentences lower a logistic loss", async () => {
  const use = await load();
  const w = tf.variable(tf.randomNormal([512, 1], 0, 0.05, "float32", 1));
  const loss = () =>
    tf.tidy(() => {
      const logits = tf.matMul(use.forward(TEXTS), w).reshape([-1]);
      return tf.losses.sigmoidCrossEntropy(LABELS, logits) as tf.Scalar;
    });
  const opt = tf.train.adam(1e-3);
  const losses: number[] = [];
  for (let step = 0; step < 3; step++) {
    const l = opt.minimize(loss, true, [...use.trainableVariables(), w])!;
    losses.push(l.dataSync()[0]);
    l.dispose();
  }
  const final = loss();
  losses.push(final.dataSync()[0]);
  final.dispose();
  assertLess(losses[3], losses[0] - 0.01, `losses ${losses}`);
  opt.dispose();
  w.dispose();
  use.dispose();
});

/**
 * Directional derivative g·d against central finite differences (L(θ+εd) − L(θ−εd)) / 2ε, for
 * directions in the piece embeddings (gather + ScatterNd/GatherNd), layer 0's attention kernel
 * (1×1 convolution, BatchMatMul) and layer 1's FFN. float32 forward passes limit the finite
 * differences to about 1% here (ε = 1e-2 on unit directions), hence a 3% tolerance.
 */
Deno.test("trainable USE-lite gradients match finite differences along random directions", async () => {
  const use = await load();
  const texts = TEXTS.slice(0, 2);
  const r = tf.randomNormal([2, 512], 0, 1, "float32", 7);
  const lossOf = () => tf.tidy(() => tf.sum(tf.mul(use.forward(texts), r)) as tf.Scalar);
  const vars = use.namedVariables();
  const picks = [
    "module/Embeddings_en",
    "module/Encoder_en/KonaTransformer/Encode/Layer_0/TransformerLayer/MultiheadAttention/qkv_transform_single/kernel/part_0",
    "module_apply_default/Encoder_en/KonaTransformer/Encode/TransformerStack/Layer_1/TransformerLayer/FFN/conv1/Tensordot/Reshape_1",
  ];
  for (const [k, name] of picks.entries()) {
    const v = vars.get(name);
    assert(v, `no variable ${name}`);
    const { grads } = tf.variableGrads(lossOf, [v]);
    const d = tf.tidy(() => {
      let dir = tf.randomNormal(v.shape, 0, 1, "float32", 11 + k);
      // Embeddings: only the rows of the pieces in use matter; spread the direction there.
      if (name.endsWith("Embeddings_en")) {
        const ids = texts.flatMap((t) => use.tokenizer.tokenize(t).inputIds);
        const mask = tf.scatterND(
          tf.tensor2d([...new Set(ids)].map((i) => [i]), undefined, "int32"),
          tf.ones([new Set(ids).size]),
          [v.shape[0]],
        );
        dir = tf.mul(dir, mask.reshape([-1, 1]));
      }
      return tf.div(dir, tf.norm(dir));
    });
    const analytic = tf.sum(tf.mul(grads[v.name], d)).dataSync()[0];
    const eps = 1e-2;
    const original = v.clone();
    v.assign(tf.tidy(() => tf.add(original, tf.mul(d, eps))));
    const plus = lossOf().dataSync()[0];
    v.assign(tf.tidy(() => tf.sub(original, tf.mul(d, eps))));
    const minus = lossOf().dataSync()[0];
    v.assign(original);
    const numeric = (plus - minus) / (2 * eps);
    assert(Math.abs(analytic) > 1e-3, `${name}: directional derivative ${analytic} is ~0`);
    assertLess(
      Math.abs(analytic - numeric),
      0.03 * Math.abs(numeric) + 1e-3,
      `${name}: g·d ${analytic} vs finite differences ${numeric}`,
    );
    tf.dispose([original, d, grads[v.name]]);
  }
  r.dispose();
  use.dispose();
});
