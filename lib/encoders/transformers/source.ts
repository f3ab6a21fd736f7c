/**
 * Where a transformers.js model comes from: a Hugging Face hub id (downloaded when online) or a
 * local folder. Checks a local folder's layout up front so a missing model fails with an error
 * that says how to get it, instead of transformers.js's file-not-found.
 * @module
 */
import { ArgumentError, SetupError } from "../../errors.ts";
import { join, resolve } from "node:path";
import { isDirectory, isFile, looksLikePath } from "../../fs.ts";
import { hubCacheDir } from "../../cache_dir.ts";

/** Where to load a model or tokenizer from (Hugging Face `from_pretrained` options, camelCase). */
export interface PretrainedSourceOptions {
  /** Folder holding local models as `<localModelPath>/<modelId>/…` (transformers.js's `env.localModelPath`); local only. */
  localModelPath?: string;
  /** Never download; only local files (HF `local_files_only`). */
  localFilesOnly?: boolean;
  /** Where downloads from the hub are kept (HF `cache_dir`; default `<kit cache>/huggingface`, i.e. `.cache/huggingface`). */
  cacheDir?: string;
  /** Hub revision: branch, tag or commit (default `"main"`). */
  revision?: string;
}

/** A resolved source: the string to hand to transformers.js and whether it is a local folder. */
export interface PretrainedSource {
  /** The hub id, or the absolute folder path. */
  path: string;
  /** `true` for a local folder. */
  local: boolean;
}

/** The layout of a local model folder, for error messages. */
export const LOCAL_LAYOUT =
  "a local model is a folder with config.json, tokenizer.json, tokenizer_config.json and " +
  "onnx/model.onnx (e.g. data/models/tiny-bert, made by tools/make_tiny_bert.py)";

const HUB_HINT = "or, when online, a Hugging Face model id with ONNX weights " +
  '(e.g. "Xenova/all-MiniLM-L6-v2", "Xenova/bert-base-uncased")';

/**
 * Decides whether `modelId` names a local folder (an absolute or `./`/`../` path, an existing
 * folder, or any id when `localModelPath` is given) or a hub model.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { resolveSource } from "./source.ts";
 * assertEquals(resolveSource("Xenova/all-MiniLM-L6-v2"), {
 *   path: "Xenova/all-MiniLM-L6-v2",
 *   local: false,
 * });
 * assertEquals(resolveSource("tiny-bert", { localModelPath: "/models" }), {
 *   path: "/models/tiny-bert",
 *   local: true,
 * });
 * ```
 */
export function resolveSource(
  modelId: string,
  options: PretrainedSourceOptions = {},
): PretrainedSource {
  if (typeof modelId !== "string" || modelId.trim() === "") {
    throw new ArgumentError(
      "modelId",
      modelId,
      "is not a non-empty string",
      'use e.g. "Xenova/all-MiniLM-L6-v2"',
    );
  }
  if (options.localModelPath !== undefined) {
    return { path: resolve(options.localModelPath, modelId), local: true };
  }
  if (looksLikePath(modelId) || isDirectory(modelId)) {
    return { path: resolve(modelId), local: true };
  }
  return { path: modelId, local: false };
}

/**
 * Throws a clear error when a local folder lacks any of `files` (relative paths).
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { checkLocalFiles } from "./source.ts";
 * assertThrows(() => checkLocalFiles("/nonexistent/model", ["config.json"]), Error, "not found");
 * ```
 */
export function checkLocalFiles(folder: string, files: string[]): void {
  if (!isDirectory(folder)) {
    throw new SetupError(`model folder ${folder} not found: ${LOCAL_LAYOUT}; ${HUB_HINT}`);
  }
  const missing = files.filter((f) => !isFile(join(folder, f)));
  if (missing.length > 0) {
    throw new SetupError(
      `model folder ${folder} lacks ${missing.join(", ")}: ${LOCAL_LAYOUT}; ${HUB_HINT}`,
    );
  }
}

/**
 * Runs a transformers.js load, turning a hub failure into an error that says both ways to get
 * the model.
 *
 * @example
 * ```ts
 * import { assertRejects } from "@std/assert";
 * import { loadWithHint } from "./source.ts";
 * await assertRejects(
 *   () => loadWithHint({ path: "nobody/none", local: false }, () => Promise.reject(new Error("404"))),
 *   Error,
 *   "local model is a folder",
 * );
 * ```
 */
export async function loadWithHint<T>(
  source: PretrainedSource,
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const cause = e instanceof Error ? e.message : String(e);
    const where = source.local ? `the folder ${source.path}` : `the Hugging Face hub`;
    throw new SetupError(
      `could not load "${source.path}" from ${where} (${cause}). Offline, ${LOCAL_LAYOUT}, ` +
        `passed as its path or as { localModelPath }; ${HUB_HINT}`,
      { cause: e },
    );
  }
}

/**
 * The `from_pretrained` options transformers.js takes, from the kit's: a local folder never
 * goes to the hub; hub downloads go to the kit's cache (not into node_modules).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { pretrainedOptions } from "./source.ts";
 * assertEquals(pretrainedOptions({ path: "/m", local: true }, { cacheDir: "/c", revision: "v1" }), {
 *   local_files_only: true,
 *   cache_dir: "/c",
 *   revision: "v1",
 * });
 * ```
 */
export function pretrainedOptions(
  source: PretrainedSource,
  options: PretrainedSourceOptions,
): { local_files_only: boolean; cache_dir: string; revision?: string } {
  return {
    local_files_only: source.local || options.localFilesOnly === true,
    cache_dir: options.cacheDir ?? hubCacheDir(),
    ...(options.revision !== undefined ? { revision: options.revision } : {}),
  };
}
