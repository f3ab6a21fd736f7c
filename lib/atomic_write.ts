/**
 * Writing a file so that a reader never sees part of it: checkpoints, hub downloads and the
 * embedding cache all rely on "the file is there, so it is whole".
 * @module
 */

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
  const tmp = `${path}.tmp-${crypto.randomUUID()}`;
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
