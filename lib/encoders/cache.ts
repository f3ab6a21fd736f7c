/**
 * On-disk embedding cache, so re-running a notebook does not re-embed. One file per (model,
 * text): the raw float32 bytes of the vector, named by the SHA-256 of the text, under
 * `<cache dir>/embeddings/<model>/<first two hex digits>/`. Files are written to a temporary
 * name and renamed, so a crash or a second process never leaves a half-written vector.
 * @module
 */
import { dirname, join } from "node:path";
import { atomicWriteFile } from "../atomic_write.ts";
import { cacheDir } from "../cache_dir.ts";
import { ArgumentError } from "../errors.ts";

/** Options for {@linkcode cachedEmbed}. */
export interface CacheOptions {
  /** Root of the cache (default {@linkcode cacheDir}()). */
  dir?: string;
  /** `false` skips the cache: every text is embedded (default `true`). */
  enabled?: boolean;
}

/**
 * The folder holding one model's cached vectors; the model name is made filesystem-safe
 * (`Xenova/all-MiniLM-L6-v2` → `Xenova--all-MiniLM-L6-v2`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { embeddingCacheDir } from "./cache.ts";
 * assertEquals(
 *   embeddingCacheDir("Xenova/all-MiniLM-L6-v2", "/tmp/c"),
 *   "/tmp/c/embeddings/Xenova--all-MiniLM-L6-v2",
 * );
 * ```
 */
export function embeddingCacheDir(modelName: string, dir: string = cacheDir()): string {
  if (typeof modelName !== "string" || modelName.trim() === "") {
    throw new ArgumentError(
      "modelName",
      modelName,
      "is not a non-empty string",
      'name the model whose vectors are cached, e.g. "Xenova/all-MiniLM-L6-v2"',
    );
  }
  return join(dir, "embeddings", modelName.replace(/[^A-Za-z0-9._-]+/g, "--"));
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function readVector(path: string): Promise<Float32Array | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
  // A file of the wrong size is not a vector: embed again and overwrite it.
  if (bytes.byteLength === 0 || bytes.byteLength % 4 !== 0) return undefined;
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

async function writeVector(path: string, vector: Float32Array): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  const bytes = new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
  await atomicWriteFile(path, bytes, { sync: false });
}

/**
 * Embeds `texts` with a cache: vectors already on disk for `modelName` are read back, and
 * only the missing (distinct) texts are passed to `embedMissing`, whose vectors are then
 * written. Returns one vector per text, in order.
 *
 * @param modelName the model's identifier, the cache key with the text
 * @param texts the texts to embed
 * @param embedMissing embeds the texts not in the cache, returning one vector per text
 * @param options `dir` (cache root) and `enabled`
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { cachedEmbed } from "./cache.ts";
 * const dir = await Deno.makeTempDir();
 * const lengths = (ts: string[]) => Promise.resolve(ts.map((t) => new Float32Array([t.length])));
 * await cachedEmbed("toy", ["ab", "abc"], lengths, { dir });
 * let calls = 0;
 * const counting = (ts: string[]) => { calls += ts.length; return lengths(ts); };
 * const vs = await cachedEmbed("toy", ["abc", "d"], counting, { dir });
 * assertEquals(calls, 1); // only "d" was embedded
 * assertEquals([vs[0][0], vs[1][0]], [3, 1]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function cachedEmbed(
  modelName: string,
  texts: string[],
  embedMissing: (texts: string[]) => Promise<Float32Array[]>,
  options: CacheOptions = {},
): Promise<Float32Array[]> {
  if (!Array.isArray(texts)) {
    throw new ArgumentError("texts", texts, "is not an array", "pass the texts as a string[]");
  }
  texts.forEach((t, i) => {
    if (typeof t !== "string") {
      throw new ArgumentError(`texts[${i}]`, t, "is not a string", "give each text as a string");
    }
  });
  const { dir = cacheDir(), enabled = true } = options;
  if (!enabled) return checked(texts, await embedMissing(texts));

  const folder = embeddingCacheDir(modelName, dir);
  const hashes = await Promise.all(texts.map(sha256Hex));
  const paths = hashes.map((h) => join(folder, h.slice(0, 2), `${h}.f32`));
  const out: (Float32Array | undefined)[] = await Promise.all(paths.map(readVector));

  const missing = new Map<string, number[]>();
  out.forEach((v, i) => {
    if (v === undefined) missing.set(texts[i], [...(missing.get(texts[i]) ?? []), i]);
  });
  if (missing.size > 0) {
    const todo = [...missing.keys()];
    const vectors = checked(todo, await embedMissing(todo));
    await Promise.all(todo.map(async (text, k) => {
      const where = missing.get(text)!;
      // Duplicates get their own copy, so changing one vector in place cannot change another.
      where.forEach((i, n) => out[i] = n === 0 ? vectors[k] : vectors[k].slice());
      await writeVector(paths[where[0]], vectors[k]);
    }));
  }
  return out as Float32Array[];
}

function checked(texts: string[], vectors: Float32Array[]): Float32Array[] {
  // embedMissing is the caller's function: what it returns is checked as the caller's argument.
  const fix = "make embedMissing return one non-empty Float32Array per text, in order";
  if (!Array.isArray(vectors) || vectors.length !== texts.length) {
    throw new ArgumentError(
      "embedMissing(texts)",
      vectors,
      Array.isArray(vectors)
        ? `has ${vectors.length} vectors for ${texts.length} texts`
        : "is not an array of vectors",
      fix,
    );
  }
  vectors.forEach((v, i) => {
    if (!(v instanceof Float32Array) || v.length === 0) {
      throw new ArgumentError(
        `embedMissing(texts)[${i}]`,
        v,
        "is not a non-empty Float32Array",
        fix,
      );
    }
  });
  return vectors;
}

/**
 * Deletes the cached vectors of one model (or of every model when `modelName` is omitted).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { cachedEmbed, clearEmbeddingCache } from "./cache.ts";
 * const dir = await Deno.makeTempDir();
 * let calls = 0;
 * const one = (ts: string[]) => {
 *   calls += ts.length;
 *   return Promise.resolve(ts.map(() => new Float32Array([1])));
 * };
 * await cachedEmbed("toy", ["a"], one, { dir });
 * await clearEmbeddingCache("toy", dir);
 * await cachedEmbed("toy", ["a"], one, { dir });
 * assertEquals(calls, 2); // embedded again after clearing
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function clearEmbeddingCache(
  modelName?: string,
  dir: string = cacheDir(),
): Promise<void> {
  const target = modelName === undefined
    ? join(dir, "embeddings")
    : embeddingCacheDir(modelName, dir);
  try {
    await Deno.remove(target, { recursive: true });
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
}
