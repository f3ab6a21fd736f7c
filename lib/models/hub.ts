/**
 * Where a checkpoint's files are: a local folder in the Hugging Face layout, or a hub id.
 * @module
 */
import { resolve } from "node:path";
import { isDirectory } from "../fs.ts";

/** Hub options of `fromPretrained` (transformers' names, camelCase). */
export interface HubModelOptions {
  /** Hub revision: branch, tag or commit (default `"main"`). */
  revision?: string;
  /** Where hub downloads are kept (default `<kit cache>/huggingface`). */
  cacheDir?: string;
  /** Never download (HF `local_files_only`). */
  localFilesOnly?: boolean;
}

/**
 * The local folder of `source`.
 *
 * @example
 * ```ts
 * import { assertRejects } from "@std/assert";
 * import { resolveModelFolder } from "./hub.ts";
 * await assertRejects(() => resolveModelFolder("./no/such/model"), Error, "not found");
 * ```
 */
export function resolveModelFolder(
  source: string,
  _options: HubModelOptions = {},
): Promise<string> {
  if (typeof source !== "string" || source.trim() === "") {
    return Promise.reject(
      new Error(`source must be a folder or a hub id, got ${JSON.stringify(source)}`),
    );
  }
  if (isDirectory(source)) return Promise.resolve(resolve(source));
  return Promise.reject(new Error(`model folder ${source} not found`));
}
