/**
 * Whether a path exists, for the grader's "is this file there?" questions.
 * @module
 */

/**
 * Whether `path` exists (file or folder). A missing path, or one under a file, is `false`;
 * any other failure (no read permission, for one) is thrown, so that it is never mistaken for
 * a missing file.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { exists } from "./exists.ts";
 * const dir = await Deno.makeTempDir();
 * assertEquals(await exists(dir), true);
 * assertEquals(await exists(`${dir}/nothing.ts`), false);
 * await Deno.writeTextFile(`${dir}/mod.ts`, "");
 * assertEquals(await exists(`${dir}/mod.ts/mod.ts`), false); // under a file
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound || e instanceof Deno.errors.NotADirectory) return false;
    throw e;
  }
}
