/**
 * `exportOnnx(model, dir)`: a fine-tuned classifier as the folder transformers.js serves
 * offline — `config.json` (labels), the tokenizer files, and `onnx/model.onnx` computing the
 * same logits as the kit (inputs `input_ids`, `attention_mask`, and `token_type_ids` for BERT;
 * output `logits`), written with the kit's ONNX graph builder.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { join } from "node:path";
import { atomicWriteFile } from "../atomic_write.ts";
import { OnnxGraph } from "../onnx/graph.ts";
import type { PreTrainedClassifier } from "./auto.ts";
import type { TransformerConfig } from "./config.ts";
import { layerNames, MASKED } from "./encoder.ts";

/**
 * Writes `model` (a sequence or token classifier) for transformers.js:
 * `pipeline("text-classification", dir)` or `pipeline("token-classification", dir)` then runs it
 * offline with the model's labels.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { AutoModelForSequenceClassification } from "./auto.ts";
 * import { exportOnnx } from "./export_onnx.ts";
 * const model = await AutoModelForSequenceClassification.fromPretrained(
 *   new URL("../../tests/fixtures/hf/bert-seq", import.meta.url).pathname);
 * const dir = await Deno.makeTempDir();
 * await exportOnnx(model, dir);
 * assert((await Deno.stat(`${dir}/onnx/model.onnx`)).size > 10_000);
 * model.dispose();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function exportOnnx<I>(model: PreTrainedClassifier<I>, dir: string): Promise<void> {
  await model.savePretrained(dir);
  // The safetensors copy is for Python and the kit; transformers.js reads the ONNX file.
  await Deno.mkdir(join(dir, "onnx"), { recursive: true });
  await atomicWriteFile(join(dir, "onnx", "model.onnx"), buildGraph(model).toBytes());
}

/** The ONNX graph of the classifier, weights included. */
function buildGraph<I>(model: PreTrainedClassifier<I>): OnnxGraph {
  const config = model.base.config;
  const vars = model.hfVariables();
  const prefix = model.base.prefix;
  const g = new OnnxGraph(model.architecture);
  const value = (name: string) => {
    const v = vars.get(name);
    if (!v) {
      throw new ArgumentError(
        "model",
        name,
        "exportOnnx needs this parameter, which the model lacks",
        "export a model of a supported architecture",
      );
    }
    return v;
  };
  const weight = (name: string) => {
    const v = value(name);
    return g.weight(name, v.dataSync() as Float32Array, v.shape);
  };
  // nn.Linear: x Wᵀ + b, with Wᵀ stored once.
  const linear = (x: string, name: string) => {
    const w = value(`${name}.weight`);
    const [out, inn] = w.shape;
    const data = w.dataSync() as Float32Array;
    const t = new Float32Array(out * inn);
    for (let o = 0; o < out; o++) for (let i = 0; i < inn; i++) t[i * out + o] = data[o * inn + i];
    const wt = g.weight(`${name}.weight.T`, t, [inn, out]);
    return g.op("Add", [g.op("MatMul", [x, wt]), weight(`${name}.bias`)]);
  };
  const layerNorm = (x: string, name: string) =>
    g.op("LayerNormalization", [x, weight(`${name}.weight`), weight(`${name}.bias`)], {
      axis: { int: -1 },
      epsilon: { float: config.layerNormEps },
    });
  const base = (n: string) => `${prefix}.${n}`;
  const distil = config.modelType === "distilbert";
  const segments = config.modelType === "bert";

  const ids = g.input("input_ids", "int64", ["batch_size", "sequence_length"]);
  const mask = g.input("attention_mask", "int64", ["batch_size", "sequence_length"]);
  let x = g.op("Gather", [weight(base("embeddings.word_embeddings.weight")), ids]);
  x = g.op("Add", [
    x,
    g.op("Gather", [
      weight(base("embeddings.position_embeddings.weight")),
      positions(g, config, ids),
    ]),
  ]);
  if (segments) {
    const types = g.input("token_type_ids", "int64", ["batch_size", "sequence_length"]);
    x = g.op("Add", [
      x,
      g.op("Gather", [weight(base("embeddings.token_type_embeddings.weight")), types]),
    ]);
  } else if (!distil) {
    // RoBERTa has one segment: every token adds its row 0.
    x = g.op("Add", [
      x,
      g.op("Gather", [weight(base("embeddings.token_type_embeddings.weight")), g.ints([0])]),
    ]);
  }
  x = layerNorm(x, base("embeddings.LayerNorm"));
  // [batch, 1, 1, tokens]: 0 where attended, float32's minimum at padding.
  const padding = g.op("Sub", [g.scalar(1), g.op("Cast", [mask], { to: { int: 1 } })]);
  const bias = g.op("Unsqueeze", [g.op("Mul", [padding, g.scalar(MASKED)]), g.ints([1, 2])]);
  const heads = config.numAttentionHeads;
  const size = config.hiddenSize / heads;
  for (let i = 0; i < config.numHiddenLayers; i++) {
    const n = layerNames(config, i);
    const split = (h: string, perm: number[]) =>
      g.op("Transpose", [g.op("Reshape", [h, g.ints([0, 0, heads, size])])], {
        perm: { ints: perm },
      });
    const q = split(linear(x, base(n.q)), [0, 2, 1, 3]);
    const k = split(linear(x, base(n.k)), [0, 2, 3, 1]);
    const v = split(linear(x, base(n.v)), [0, 2, 1, 3]);
    const scores = g.op("Add", [
      g.op("Div", [g.op("MatMul", [q, k]), g.scalar(Math.sqrt(size))]),
      bias,
    ]);
    const context = g.op("Reshape", [
      g.op("Transpose", [g.op("MatMul", [g.op("Softmax", [scores], { axis: { int: -1 } }), v])], {
        perm: { ints: [0, 2, 1, 3] },
      }),
      g.ints([0, 0, config.hiddenSize]),
    ]);
    const h = layerNorm(g.op("Add", [linear(context, base(n.o)), x]), base(n.ln1));
    const ffn = linear(activation(g, linear(h, base(n.ff1)), config.hiddenAct), base(n.ff2));
    x = layerNorm(g.op("Add", [ffn, h]), base(n.ln2));
  }
  let logits: string;
  if (model.level === "token") {
    logits = linear(x, "classifier");
  } else {
    const first = g.op("Squeeze", [
      g.op("Gather", [x, g.ints([0])], { axis: { int: 1 } }),
      g.ints([1]),
    ]);
    if (config.modelType === "bert") {
      logits = linear(g.op("Tanh", [linear(first, base("pooler.dense"))]), "classifier");
    } else if (distil) {
      logits = linear(g.op("Relu", [linear(first, "pre_classifier")]), "classifier");
    } else {
      logits = linear(g.op("Tanh", [linear(first, "classifier.dense")]), "classifier.out_proj");
    }
  }
  const numLabels = Object.keys(model.id2label).length;
  g.output(
    logits,
    "logits",
    "float32",
    model.level === "token"
      ? ["batch_size", "sequence_length", numLabels]
      : ["batch_size", numLabels],
  );
  return g;
}

/** Position ids: `0 … T-1`, or RoBERTa's (count of real tokens after `pad_token_id`). */
function positions(g: OnnxGraph, config: TransformerConfig, ids: string): string {
  if (!config.modelType.includes("roberta")) {
    const length = g.op("Gather", [g.op("Shape", [ids]), g.ints([1])]);
    const range = g.op("Range", [
      g.op("Squeeze", [g.ints([0])]),
      g.op("Squeeze", [length]),
      g.op("Squeeze", [g.ints([1])]),
    ]);
    return g.op("Unsqueeze", [range, g.ints([0])]);
  }
  const pad = g.ints([config.padTokenId]);
  const real = g.op("Cast", [g.op("Not", [g.op("Equal", [ids, pad])])], { to: { int: 7 } });
  const axis = g.op("Squeeze", [g.ints([1])]);
  const counted = g.op("Mul", [g.op("CumSum", [real, axis]), real]);
  return g.op("Add", [counted, pad]);
}

function activation(g: OnnxGraph, x: string, act: TransformerConfig["hiddenAct"]): string {
  if (act === "relu") return g.op("Relu", [x]);
  const half = g.op("Mul", [x, g.scalar(0.5)]);
  if (act === "gelu") {
    const erf = g.op("Erf", [g.op("Mul", [x, g.scalar(Math.SQRT1_2)])]);
    return g.op("Mul", [half, g.op("Add", [g.scalar(1), erf])]);
  }
  const cube = g.op("Mul", [g.op("Mul", [x, x]), x]);
  const inner = g.op("Mul", [
    g.scalar(Math.sqrt(2 / Math.PI)),
    g.op("Add", [x, g.op("Mul", [g.scalar(0.044715), cube])]),
  ]);
  return g.op("Mul", [half, g.op("Add", [g.scalar(1), g.op("Tanh", [inner])])]);
}
