/**
 * Checkpoint weights onto a model's parameters, as transformers' `from_pretrained` matches them:
 * legacy `LayerNorm.gamma`/`beta` names, the base-model prefix present or not (`bert.encoder…`
 * vs `encoder…`), unused weights (pretraining heads), newly initialised ones (a new classifier,
 * a missing pooler) and shape mismatches — reported as transformers reports them.
 * @module
 */
import { ArgumentError, FileFormatError } from "../errors.ts";
import { join } from "node:path";
import { isFile } from "../fs.ts";
import type { Random } from "../random.ts";
import { readSafetensors, type TensorData } from "../safetensors.ts";

/** How a parameter starts when the checkpoint lacks it (transformers' `_init_weights`). */
export type InitKind = "normal" | "zeros" | "ones";

/** One parameter a model expects. */
export interface ParamSpec {
  /** Hugging Face name in the task model, e.g. `bert.encoder.layer.0.output.dense.weight`. */
  name: string;
  /** PyTorch shape. */
  shape: number[];
  /** Initialisation when newly created. */
  init: InitKind;
}

/** What `fromPretrained` did with the checkpoint's weights (transformers' `output_loading_info`). */
export interface LoadingInfo {
  /** Model parameters the checkpoint lacks: newly initialised. */
  missingKeys: string[];
  /** Checkpoint weights the model does not use (e.g. `cls.predictions.*`). */
  unexpectedKeys: string[];
  /** `[name, checkpoint shape, model shape]` of weights re-initialised for their shape. */
  mismatchedKeys: [string, number[], number[]][];
}

/** The weights file of a local checkpoint folder. */
export const WEIGHTS_NAME = "model.safetensors";

/**
 * Reads `model.safetensors` of a checkpoint folder; refuses a folder holding only PyTorch's
 * pickled weights (the kit never unpickles: pickle files can run code).
 *
 * @example
 * ```ts
 * import { assertRejects } from "@std/assert";
 * import { readCheckpointWeights } from "./weights.ts";
 * await assertRejects(() => readCheckpointWeights("/nonexistent"), Error, "model.safetensors");
 * ```
 */
export async function readCheckpointWeights(dir: string): Promise<Map<string, TensorData>> {
  const path = join(dir, WEIGHTS_NAME);
  if (!isFile(path)) {
    const pickled = ["pytorch_model.bin", "tf_model.h5", "model.safetensors.index.json"]
      .filter((f) => isFile(join(dir, f)));
    if (pickled.includes("model.safetensors.index.json")) {
      throw new FileFormatError(
        dir,
        `holds a sharded checkpoint (model.safetensors.index.json); ` +
          `the kit reads one ${WEIGHTS_NAME}: merge the shards in Python with ` +
          `model.save_pretrained(dir, max_shard_size="100GB")`,
      );
    }
    throw new FileFormatError(
      dir,
      `has no ${WEIGHTS_NAME}` +
        (pickled.length ? ` (only ${pickled.join(", ")})` : "") +
        `: the kit loads safetensors weights only and never unpickles pytorch_model.bin. ` +
        `Convert it in Python: AutoModel.from_pretrained(dir).save_pretrained(dir, ` +
        `safe_serialization=True), or pick a hub revision that has ${WEIGHTS_NAME}`,
    );
  }
  const { tensors } = await readSafetensors(path, { skipNonFloat: true });
  return tensors;
}

/** Old TensorFlow-ported checkpoints name LayerNorm's scale and shift `gamma` and `beta`. */
function modernName(key: string): string {
  if (key.endsWith(".gamma")) return key.slice(0, -".gamma".length) + ".weight";
  if (key.endsWith(".beta")) return key.slice(0, -".beta".length) + ".bias";
  return key;
}

/** Options of {@linkcode matchWeights}. */
export interface MatchOptions {
  /** The base model's prefix (`bert`, `distilbert`, `roberta`). */
  prefix: string;
  /** Re-initialise weights whose shape differs instead of failing (HF `ignore_mismatched_sizes`). */
  ignoreMismatchedSizes?: boolean;
  /** Draws newly initialised weights. */
  rng: Random;
  /** Standard deviation of newly initialised weights (`initializer_range`). */
  initializerRange: number;
  /** The checkpoint, for messages. */
  source: string;
}

/**
 * Matches checkpoint tensors to the expected parameters: the values of every parameter (from the
 * checkpoint, or newly initialised) and the loading report.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Random } from "../random.ts";
 * import { matchWeights } from "./weights.ts";
 * const ckpt = new Map([
 *   ["encoder.LayerNorm.gamma", { shape: [2], data: new Float32Array([1, 2]) }],
 *   ["cls.predictions.bias", { shape: [3], data: new Float32Array(3) }],
 * ]);
 * const specs = [
 *   { name: "bert.encoder.LayerNorm.weight", shape: [2], init: "ones" as const },
 *   { name: "classifier.bias", shape: [2], init: "zeros" as const },
 * ];
 * const { values, info } = matchWeights(specs, ckpt, {
 *   prefix: "bert", rng: new Random(0), initializerRange: 0.02, source: "toy" });
 * assertEquals([...values.get("bert.encoder.LayerNorm.weight")!], [1, 2]);
 * assertEquals(info.missingKeys, ["classifier.bias"]);
 * assertEquals(info.unexpectedKeys, ["cls.predictions.bias"]);
 * ```
 */
export function matchWeights(
  specs: ParamSpec[],
  checkpoint: Map<string, TensorData>,
  options: MatchOptions,
): { values: Map<string, Float32Array>; info: LoadingInfo } {
  const { prefix, rng, initializerRange } = options;
  const p = `${prefix}.`;
  const expected = new Set(specs.map((s) => s.name));
  const modelHasPrefix = specs.some((s) => s.name.startsWith(p));
  const ckptHasPrefix = [...checkpoint.keys()].some((k) => k.startsWith(p));
  // As transformers: a base checkpoint loads into a task model under the prefix, and a task
  // checkpoint into a base model without it.
  const rename = (key: string): string => {
    const k = modernName(key);
    if (modelHasPrefix && !ckptHasPrefix && expected.has(p + k)) return p + k;
    if (!modelHasPrefix && ckptHasPrefix && k.startsWith(p)) return k.slice(p.length);
    return k;
  };
  const found = new Map<string, TensorData>();
  const unexpectedKeys: string[] = [];
  for (const [key, tensor] of checkpoint) {
    const name = rename(key);
    if (expected.has(name)) found.set(name, tensor);
    // position_ids is a buffer, not a weight: transformers drops it silently.
    else if (!name.endsWith("position_ids")) unexpectedKeys.push(name);
  }
  const values = new Map<string, Float32Array>();
  const missingKeys: string[] = [];
  const mismatchedKeys: [string, number[], number[]][] = [];
  for (const spec of specs) {
    const t = found.get(spec.name);
    if (t && t.shape.join() === spec.shape.join()) {
      values.set(spec.name, t.data);
      continue;
    }
    if (t) mismatchedKeys.push([spec.name, t.shape, spec.shape]);
    else missingKeys.push(spec.name);
    values.set(spec.name, initialValues(spec, rng, initializerRange));
  }
  if (mismatchedKeys.length && !options.ignoreMismatchedSizes) {
    throw new ArgumentError(
      "options.ignoreMismatchedSizes",
      options.ignoreMismatchedSizes,
      `${options.source}: ` +
        mismatchedKeys.map(([k, a, b]) =>
          `${k} has shape [${a}] in the checkpoint but [${b}] in the model`
        ).join("; ") + " (e.g. a different numLabels)",
      "pass { ignoreMismatchedSizes: true } to re-initialise them",
    );
  }
  return {
    values,
    info: {
      missingKeys: missingKeys.sort(),
      unexpectedKeys: unexpectedKeys.sort(),
      mismatchedKeys: mismatchedKeys.sort((a, b) => a[0].localeCompare(b[0])),
    },
  };
}

/** transformers' `_init_weights`: normal(0, initializer_range) weights, zero biases, unit scales. */
function initialValues(spec: ParamSpec, rng: Random, std: number): Float32Array {
  const size = spec.shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(size);
  if (spec.init === "ones") out.fill(1);
  if (spec.init === "normal") { for (let i = 0; i < size; i++) out[i] = normal(rng) * std; }
  return out;
}

/** A standard normal draw (Box–Muller). */
function normal(rng: Random): number {
  return Math.sqrt(-2 * Math.log(1 - rng.random())) * Math.cos(2 * Math.PI * rng.random());
}

/**
 * The warnings transformers prints after loading, as it words them (empty when all matched).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { loadingMessages } from "./weights.ts";
 * const [m] = loadingMessages(
 *   { missingKeys: ["classifier.bias"], unexpectedKeys: [], mismatchedKeys: [] },
 *   "BertForSequenceClassification", "bert-base-uncased");
 * assert(m.includes("newly initialized: ['classifier.bias']"));
 * ```
 */
export function loadingMessages(info: LoadingInfo, architecture: string, source: string): string[] {
  const list = (keys: string[]) => `[${keys.map((k) => `'${k}'`).join(", ")}]`;
  const out: string[] = [];
  if (info.unexpectedKeys.length) {
    out.push(
      `Some weights of the model checkpoint at ${source} were not used when initializing ` +
        `${architecture}: ${list(info.unexpectedKeys)}\n- This IS expected if you are ` +
        `initializing ${architecture} from the checkpoint of a model trained on another task ` +
        `or with another architecture (e.g. initializing a BertForSequenceClassification model ` +
        `from a BertForPreTraining model).`,
    );
  }
  if (info.missingKeys.length) {
    out.push(
      `Some weights of ${architecture} were not initialized from the model checkpoint at ` +
        `${source} and are newly initialized: ${list(info.missingKeys)}\nYou should probably ` +
        `TRAIN this model on a down-stream task to be able to use it for predictions and inference.`,
    );
  }
  if (info.mismatchedKeys.length) {
    out.push(
      `Some weights of ${architecture} were not initialized from the model checkpoint at ` +
        `${source} and are newly initialized because the shapes did not match:\n` +
        info.mismatchedKeys.map(([k, a, b]) =>
          `- ${k}: found shape [${a}] in the checkpoint and [${b}] in the model instantiated`
        ).join("\n"),
    );
  }
  return out;
}
