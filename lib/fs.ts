/**
 * What a path is. `isFile` and `isDirectory` probe for optional things (a data folder, a model
 * folder, a native binding) and answer `false` whenever the path cannot be read; `exists`
 * answers only "missing" with `false` and throws any other failure, for questions where an
 * unreadable path must not pass for a missing one (the grader's).
 * @module
 */
import { isAbsolute } from "node:path";

/**
 * Whether `path` is a file (`false` when it is missing or cannot be read).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { isFile } from "./fs.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/a.txt`, "");
 * assertEquals([isFile(`${dir}/a.txt`), isFile(dir), isFile(`${dir}/b.txt`)], [true, false, false]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/**
 * Whether `path` is a directory (`false` when it is missing or cannot be read).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { isDirectory } from "./fs.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/a.txt`, "");
 * assertEquals([isDirectory(dir), isDirectory(`${dir}/a.txt`), isDirectory(`${dir}/b`)], [
 *   true,
 *   false,
 *   false,
 * ]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function isDirectory(path: string): boolean {
  try {
    return Deno.statSync(path).isDirectory;
  } catch {
    return false;
  }
}

/**
 * Whether `path` exists (file or folder). A missing path, or one under a file, is `false`;
 * any other failure (no read permission, for one) is thrown, so that it is never mistaken for
 * a missing file.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { exists } from "./fs.ts";
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

/**
 * Whether `id` is written as a path (absolute, `./`, `../`, `~`, or a Windows drive) rather than
 * a name such as a hub id: such a string names a folder even when none is there.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { looksLikePath } from "./fs.ts";
 * assertEquals(["./m", "/m", "~/m", "C:\\m", "owner/name"].map(looksLikePath), [
 *   true,
 *   true,
 *   true,
 *   true,
 *   false,
 * ]);
 * ```
 */
export function looksLikePath(id: string): boolean {
  return isAbsolute(id) || id.startsWith("./") || id.startsWith("../") || id.startsWith("~") ||
    /^[A-Za-z]:[\\/]/.test(id);
}
