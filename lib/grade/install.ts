/**
 * Whether the kit's npm packages are installed where the grading sandbox reads them: the
 * children run offline from the kit's lockfile and `node_modules/`, so a kit that was never
 * installed (`deno install`) must stop the grader before the first child, with the fix.
 * @module
 */
import { exists } from "../fs.ts";
import { GraderError } from "./sandbox.ts";

/**
 * The kit's npm packages (`npm:` imports of deno.json) missing from `node_modules/` or installed
 * at another version than the one pinned, as `name@version`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { missingPackages } from "./install.ts";
 * assertEquals(await missingPackages(new URL("../../", import.meta.url).pathname), []);
 * ```
 */
export async function missingPackages(kitRoot: string): Promise<string[]> {
  const config = JSON.parse(await Deno.readTextFile(`${kitRoot}/deno.json`));
  const missing: string[] = [];
  for (const value of Object.values(config.imports ?? {}) as string[]) {
    const m = /^npm:((?:@[^/]+\/)?[^@/]+)@([^/]+)$/.exec(value);
    if (!m) continue;
    let version: string | undefined;
    try {
      version = JSON.parse(
        await Deno.readTextFile(`${kitRoot}/node_modules/${m[1]}/package.json`),
      ).version;
    } catch { /* not installed */ }
    if (version !== m[2]) missing.push(`${m[1]}@${m[2]}`);
  }
  return missing;
}

/**
 * Throws a {@link GraderError} naming the command that installs the kit when its lockfile or
 * any of its npm packages is missing.
 *
 * @example
 * ```ts
 * import { checkInstalled } from "./install.ts";
 * await checkInstalled(new URL("../../", import.meta.url).pathname);
 * ```
 */
export async function checkInstalled(kitRoot: string): Promise<void> {
  const root = kitRoot.replace(/\/$/, "");
  if (!(await exists(`${root}/deno.lock`))) {
    throw new GraderError(`the kit has no deno.lock in ${root}: the grader runs from its lockfile`);
  }
  const missing = await missingPackages(root);
  if (missing.length) {
    throw new GraderError(
      `the kit's npm packages are not installed (${missing.join(", ")}): the grading sandbox ` +
        `runs offline from ${root}/node_modules. Run \`deno install\` in ${root} once (online), ` +
        `then grade again.`,
    );
  }
}
