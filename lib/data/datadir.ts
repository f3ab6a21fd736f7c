/**
 * Where the real datasets live: `KIT_DATA_DIR`, else `../shared/datasets` beside the repository.
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDirectory } from "../fs.ts";

/**
 * The data directory laid out like `../shared/datasets`, or `undefined` when there is none.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { dataDir } from "./datadir.ts";
 * const dir = dataDir();
 * assert(dir === undefined || typeof dir === "string");
 * ```
 */
export function dataDir(): string | undefined {
  const candidates = [
    Deno.env.get("KIT_DATA_DIR"),
    join(fileURLToPath(new URL("../../..", import.meta.url)), "shared", "datasets"),
  ];
  for (const c of candidates) {
    if (c && isDirectory(c)) return c;
  }
  return undefined;
}
