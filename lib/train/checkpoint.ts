/**
 * Checkpoints: a model's weights as safetensors plus `config.json` (encoder name, labels, problem
 * type, head configuration). `config.json` is the commit point: the weights go to a new file
 * named by their digest, then the config is replaced atomically to point at it, then the old
 * weights are removed — a save interrupted at any moment leaves the previous checkpoint loadable,
 * and the next save removes what the interrupted one left behind.
 * @module
 */
import { ArgumentError, FileFormatError } from "../errors.ts";
import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import type { Body } from "../encoders/body.ts";
import { ClassifierModel, type ModelConfig } from "../heads/model.ts";
import { atomicWriteFile, atomicWriteTarget } from "../atomic_write.ts";
import { encodeSafetensors, readSafetensors, type TensorData } from "../safetensors.ts";

/** Bumped when the layout changes incompatibly. */
export const CHECKPOINT_FORMAT = "kit-classifier-1";

/** What `config.json` holds. */
export interface CheckpointConfig extends ModelConfig {
  /** {@linkcode CHECKPOINT_FORMAT}. */
  format: string;
  /** The weights file beside the config. */
  weights: string;
  /** Anything the caller adds (the trainer records the step and metrics). */
  extra?: Record<string, unknown>;
}

/** Whether a file name is a checkpoint's weights (`model-<hash>.safetensors`). */
function isWeights(name: string): boolean {
  return /^model-[0-9a-f]+\.safetensors$/.test(name);
}

/**
 * Saves `model` into directory `dir` (created if needed), replacing any checkpoint there
 * atomically.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { featureBody } from "../encoders/body.ts";
 * import { createClassifier } from "../heads/model.ts";
 * import { loadCheckpoint, saveCheckpoint } from "./checkpoint.ts";
 * const body = featureBody({ name: "toy", hiddenSize: 4 });
 * const model = createClassifier(body, { labels: ["no", "yes"] });
 * const dir = await Deno.makeTempDir();
 * await saveCheckpoint(model, dir);
 * const again = await loadCheckpoint(dir, body);
 * assert(again.id2label[1] === "yes");
 * model.dispose();
 * again.dispose();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function saveCheckpoint<I>(
  model: ClassifierModel<I>,
  dir: string,
  { extra }: { extra?: Record<string, unknown> } = {},
): Promise<void> {
  const tensors: Record<string, TensorData> = {};
  for (const [name, v] of model.namedVariables()) {
    if (v.isDisposed) {
      throw new ArgumentError(
        "model",
        name,
        "cannot save: this variable has been disposed",
        "save the model before disposing it",
      );
    }
    tensors[name] = { shape: v.shape, data: v.dataSync() as Float32Array };
  }
  const bytes = encodeSafetensors(tensors, { format: "pt", kit: CHECKPOINT_FORMAT });
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const weights = `model-${
    [...digest.slice(0, 6)].map((b) => b.toString(16).padStart(2, "0")).join("")
  }.safetensors`;
  const config: CheckpointConfig = { format: CHECKPOINT_FORMAT, weights, ...model.config(), extra };
  await Deno.mkdir(dir, { recursive: true });
  await atomicWriteFile(join(dir, weights), bytes);
  await atomicWriteFile(
    join(dir, "config.json"),
    new TextEncoder().encode(JSON.stringify(config, null, 2) + "\n"),
  );
  // Old weights, and the temporary files of earlier saves that were killed before their rename.
  for await (const entry of Deno.readDir(dir)) {
    const target = atomicWriteTarget(entry.name);
    const stale = isWeights(entry.name) && entry.name !== weights ||
      target !== undefined && (isWeights(target) || target === "config.json");
    if (entry.isFile && stale) {
      await Deno.remove(join(dir, entry.name));
    }
  }
}

/**
 * Reads `config.json` of a checkpoint directory.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { featureBody } from "../encoders/body.ts";
 * import { createClassifier } from "../heads/model.ts";
 * import { readCheckpointConfig, saveCheckpoint } from "./checkpoint.ts";
 * const model = createClassifier(featureBody({ name: "toy", hiddenSize: 2 }), { labels: ["a", "b"] });
 * const dir = await Deno.makeTempDir();
 * await saveCheckpoint(model, dir);
 * assert((await readCheckpointConfig(dir)).encoderName === "toy");
 * model.dispose();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function readCheckpointConfig(dir: string): Promise<CheckpointConfig> {
  const path = join(dir, "config.json");
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    throw new ArgumentError(
      "dir",
      dir,
      `holds no checkpoint: cannot read ${path} (${(e as Error).message})`,
      "pass a folder written by saveCheckpoint",
    );
  }
  let config: CheckpointConfig;
  try {
    config = JSON.parse(text);
  } catch (e) {
    throw new FileFormatError(path, `not valid JSON (${(e as Error).message})`);
  }
  if (config.format !== CHECKPOINT_FORMAT) {
    throw new FileFormatError(
      path,
      `format is ${JSON.stringify(config.format)}, expected "${CHECKPOINT_FORMAT}"`,
    );
  }
  return config;
}

/**
 * Rebuilds the model saved in `dir` on `body`, which must be the same encoder (same `name`,
 * `hiddenSize` and level); every saved tensor must match the model's variables by name and
 * shape. A fine-tuned body's weights (`body.*`) are assigned into `body`.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { featureBody } from "../encoders/body.ts";
 * import { createClassifier } from "../heads/model.ts";
 * import { loadCheckpoint, saveCheckpoint } from "./checkpoint.ts";
 * const model = createClassifier(featureBody({ name: "toy", hiddenSize: 2 }), { labels: ["a", "b"] });
 * const dir = await Deno.makeTempDir();
 * await saveCheckpoint(model, dir);
 * let message = "";
 * await loadCheckpoint(dir, featureBody({ name: "other", hiddenSize: 2 })).catch((e) => message = e.message);
 * assert(message.includes('encoder "toy"'), message);
 * model.dispose();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function loadCheckpoint<I>(dir: string, body: Body<I>): Promise<ClassifierModel<I>> {
  const config = await readCheckpointConfig(dir);
  const where = join(dir, "config.json");
  if (config.encoderName !== body.name) {
    throw new ArgumentError(
      "body.name",
      body.name,
      `${where} was trained on encoder "${config.encoderName}"`,
      `pass the body of encoder "${config.encoderName}"`,
    );
  }
  if (config.hiddenSize !== body.hiddenSize || config.level !== body.level) {
    throw new ArgumentError(
      "body",
      `a ${body.level}-level body of size ${body.hiddenSize}`,
      `${where} expects a ${config.level}-level body of size ${config.hiddenSize}`,
      "load it onto the body it was trained with",
    );
  }
  const model = new ClassifierModel(body, config.tasks);
  try {
    await loadWeights(model, join(dir, config.weights));
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

/**
 * Assigns the tensors of a safetensors file to `model`'s variables; names and shapes must match
 * exactly (missing and unexpected names are listed in the error).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { featureBody } from "../encoders/body.ts";
 * import { createClassifier } from "../heads/model.ts";
 * import { loadWeights } from "./checkpoint.ts";
 * import { writeSafetensors } from "../safetensors.ts";
 * const model = createClassifier(featureBody({ name: "toy", hiddenSize: 1 }), { labels: ["a", "b"] });
 * const path = await Deno.makeTempFile();
 * await writeSafetensors(path, {
 *   "classifier.weight": { shape: [2, 1], data: new Float32Array([1, 2]) },
 *   "classifier.bias": { shape: [2], data: new Float32Array([0, 0]) },
 * });
 * await loadWeights(model, path);
 * assert(model.namedVariables().get("classifier.weight")!.dataSync()[1] === 2);
 * model.dispose();
 * await Deno.remove(path);
 * ```
 */
export async function loadWeights<I>(model: ClassifierModel<I>, path: string): Promise<void> {
  const { tensors } = await readSafetensors(path);
  const variables = model.namedVariables();
  const missing = [...variables.keys()].filter((k) => !tensors.has(k));
  const unexpected = [...tensors.keys()].filter((k) => !variables.has(k));
  if (missing.length > 0 || unexpected.length > 0) {
    throw new FileFormatError(
      path,
      `does not fit this model: missing ${JSON.stringify(missing)}, ` +
        `unexpected ${JSON.stringify(unexpected)}`,
    );
  }
  for (const [name, v] of variables) {
    const t = tensors.get(name)!;
    if (t.shape.join() !== v.shape.join()) {
      throw new FileFormatError(
        path,
        `tensor "${name}" has shape [${t.shape}], the model expects [${v.shape}]`,
      );
    }
  }
  for (const [name, v] of variables) {
    const t = tensors.get(name)!;
    tf.tidy(() => v.assign(tf.tensor(t.data, t.shape, "float32")));
  }
}
