/**
 * `savePretrained(dir)`: the Hugging Face layout that transformers' `from_pretrained(dir)` and
 * the kit's `fromPretrained` load — `config.json` (with `architectures`, `id2label`,
 * `label2id`), `model.safetensors` under transformers' parameter names, and the tokenizer files
 * of the checkpoint.
 * @module
 */
import type * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { atomicWriteFile } from "../atomic_write.ts";
import { isFile } from "../fs.ts";
import { type TensorData, writeSafetensors } from "../safetensors.ts";
import { toConfigJson, type TransformerConfig } from "./config.ts";
import { WEIGHTS_NAME } from "./weights.ts";

/** Tokenizer files a checkpoint folder may hold (each copied when present). */
export const TOKENIZER_FILES = [
  "tokenizer.json",
  "tokenizer_config.json",
  "special_tokens_map.json",
  "added_tokens.json",
  "vocab.txt",
  "vocab.json",
  "merges.txt",
] as const;

/** What {@linkcode writePretrained} writes. */
export interface PretrainedFiles {
  /** The model's config. */
  config: TransformerConfig;
  /** transformers' class name, e.g. `BertForSequenceClassification`. */
  architecture: string;
  /** Label names of a classifier. */
  id2label?: Record<number, string>;
  /** `problem_type` of a classifier. */
  problemType?: string;
  /** Every parameter under its Hugging Face name. */
  variables: Map<string, tf.Variable>;
  /** The folder the tokenizer files are copied from. */
  tokenizerFolder: string;
}

/**
 * Writes the Hugging Face layout into `dir` (created if needed; files written atomically).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { AutoModel } from "./auto.ts";
 * const model = await AutoModel.fromPretrained(
 *   new URL("../../tests/fixtures/hf/bert-base", import.meta.url).pathname);
 * const dir = await Deno.makeTempDir();
 * await model.savePretrained(dir);
 * const config = JSON.parse(await Deno.readTextFile(`${dir}/config.json`));
 * assertEquals(config.architectures, ["BertModel"]);
 * model.dispose();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writePretrained(dir: string, files: PretrainedFiles): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  const config = toConfigJson(files.config, {
    architecture: files.architecture,
    id2label: files.id2label,
    problemType: files.problemType,
  });
  const json = new TextEncoder().encode(JSON.stringify(config, null, 2) + "\n");
  await atomicWriteFile(join(dir, "config.json"), json);
  const tensors: Record<string, TensorData> = {};
  for (const [name, v] of files.variables) {
    tensors[name] = { shape: v.shape, data: v.dataSync() as Float32Array };
  }
  await writeSafetensors(join(dir, WEIGHTS_NAME), tensors, { format: "pt" });
  for (const f of TOKENIZER_FILES) {
    const from = join(files.tokenizerFolder, f);
    if (isFile(from)) await atomicWriteFile(join(dir, f), await Deno.readFile(from));
  }
}
