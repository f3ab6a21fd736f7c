/**
 * Where the kit caches what it downloads or computes (embeddings, hub datasets, hub models): one
 * root that every layer can name.
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The kit's cache root: `KIT_CACHE_DIR`, else `.cache/` at the repository root (or in the
 * working directory when the kit is not loaded from disk).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { cacheDir } from "./cache_dir.ts";
 * assert(cacheDir().length > 0);
 * ```
 */
export function cacheDir(): string {
  const fromEnv = Deno.env.get("KIT_CACHE_DIR");
  if (fromEnv) return fromEnv;
  const root = new URL("..", import.meta.url);
  return root.protocol === "file:"
    ? join(fileURLToPath(root), ".cache")
    : join(Deno.cwd(), ".cache");
}

/**
 * Where hub model downloads are kept: `<cache root>/huggingface` (the kit's `fromPretrained`
 * and transformers.js both default to it).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { hubCacheDir } from "./cache_dir.ts";
 * assert(hubCacheDir().endsWith("huggingface"));
 * ```
 */
export function hubCacheDir(): string {
  return join(cacheDir(), "huggingface");
}
