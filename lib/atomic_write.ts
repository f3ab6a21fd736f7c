/**
 * Writing a file so that a reader never sees part of it: checkpoints, hub downloads and the
 * embedding cache all rely on "the file is there, so it is whole".
 * @module
 */

/** Joins a final name and a random part into the name of its temporary file. */
const TEMP_INFIX = ".tmp-";

/** Options of {@linkcode atomicWriteFile}. */
export interface AtomicWriteOptions {
  /**
   * Flush the data to disk before the rename (default `true`): without it a crash soon after
   * can leave an empty file under the final name. The embedding cache turns it off: it writes
   * one small file per vector and reads an empty one as missing.
   */
  sync?: boolean;
}

/**
 * Writes `bytes` to a temporary file beside `path`, flushes it, then renames it over `path`: a
 * reader sees the old file or the new one, never a part. On failure the temporary file is
 * removed and the error rethrown.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { atomicWriteFile } from "./atomic_write.ts";
 * const path = await Deno.makeTempFile();
 * await atomicWriteFile(path, new TextEncoder().encode("ok"));
 * assertEquals(await Deno.readTextFile(path), "ok");
 * await Deno.remove(path);
 * ```
 */
export async function atomicWriteFile(
  path: string,
  bytes: Uint8Array,
  { sync = true }: AtomicWriteOptions = {},
): Promise<void> {
  const tmp = `${path}${TEMP_INFIX}${crypto.randomUUID()}`;
  try {
    const file = await Deno.open(tmp, { write: true, createNew: true });
    try {
      let written = 0;
      while (written < bytes.length) written += await file.write(bytes.subarray(written));
      if (sync) await file.syncData();
    } finally {
      file.close();
    }
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}

/**
 * The file a temporary file of {@linkcode atomicWriteFile} was to become, or `undefined` when
 * `name` is not one: a write killed before its rename leaves such a file behind, and the folder's
 * owner (a checkpoint save) removes those of its own files.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { atomicWriteTarget } from "./atomic_write.ts";
 * assertEquals(atomicWriteTarget("config.json.tmp-0b6e4c2a"), "config.json");
 * assertEquals(atomicWriteTarget("config.json"), undefined);
 * ```
 */
export function atomicWriteTarget(name: string): string | undefined {
  // The random part never holds the infix, so the last one ends the target's name.
  const at = name.lastIndexOf(TEMP_INFIX);
  return at > 0 ? name.slice(0, at) : undefined;
}
