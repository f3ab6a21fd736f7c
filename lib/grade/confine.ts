/**
 * The small kit a sandboxed child sees: `lib/` linked from the kit (the modules holding an
 * exercise's off-limits functions rewritten so that those functions throw), the submission under
 * `exercises/<name>/`, and an import map that sends every other `file:` URL to a folder that does
 * not exist. Deno's module loader ignores `--allow-read`, so the map is what keeps a submission
 * from importing `solutions/`, the hidden cases or the real off-limits code under another URL
 * (a query string, a `#fragment`, `//`, `%2e%2e`): none of those files is inside the small kit.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import type { ExerciseSpec } from "./spec.ts";

/** The error name of the stand-ins for off-limits kit functions. */
export const FORBIDDEN = "ForbiddenKitFunction";

/** Where imports outside the small kit are sent; the folder never exists. */
export const OUTSIDE = ".outside";

/**
 * `source` (a kit module) with each exported function or class in `names` renamed out of the
 * way and replaced by a function of the same name that throws `message(name)`; every use inside
 * the module goes to the thrower too. Throws when a name is not declared as
 * `export [async] function` or `export class` in the module (a kit fault: the exercise would
 * forbid nothing).
 *
 * @example
 * ```ts
 * import { assertMatch } from "@std/assert";
 * import { offLimitsSource } from "./confine.ts";
 * const src = offLimitsSource("export function f(x: number) { return x; }\n", ["f"], () => "no");
 * assertMatch(src, /export function f\(\.\.\._: unknown\[\]\): never/);
 * ```
 */
export function offLimitsSource(
  source: string,
  names: readonly string[],
  message: (name: string) => string,
): string {
  let out = source;
  const lines: string[] = [];
  for (const name of names) {
    const declared = new RegExp(`^export (async |default )?(function\\*?|class) ${name}\\b`, "gm");
    if (!declared.test(out)) {
      throw new Error(`the kit forbids ${name}, but its module has no exported function ${name}`);
    }
    out = out.replace(declared, (_m, mod, kind) => `${mod ?? ""}${kind} __offLimits_${name}`);
    lines.push(
      `export function ${name}(..._: unknown[]): never { ` +
        `const e = new Error(${JSON.stringify(message(name))}); ` +
        `e.name = ${JSON.stringify(FORBIDDEN)}; throw e; }`,
    );
  }
  return `${out}\n// Off limits in this exercise (written by the grader):\n${lines.join("\n")}\n`;
}

/** Links (or copies, across file systems) the tree `from` into `to`. */
async function linkTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    const [a, b] = [`${from}/${e.name}`, `${to}/${e.name}`];
    if (e.isDirectory) await linkTree(a, b);
    else if (e.isFile) await Deno.link(a, b).catch(() => Deno.copyFile(a, b));
  }
}

/**
 * Builds the small kit for `spec` in the empty folder `dir` and returns the path of its import
 * map. The submission's files go to `${dir}/exercises/<name>/` (the caller copies them), so its
 * `../../lib/…` imports resolve to the small kit's lib/.
 *
 * @example
 * ```ts ignore
 * const map = await buildSandboxKit("/kit", spec, "/kit/.grade-1/focal_loss");
 * ```
 */
export async function buildSandboxKit(
  kitRoot: string,
  spec: ExerciseSpec,
  dir: string,
): Promise<string> {
  await linkTree(`${kitRoot}/lib`, `${dir}/lib`);
  for (const [path, names] of Object.entries(spec.forbid ?? {})) {
    if (!/^lib\/[\w/.-]+\.ts$/.test(path) || path.includes("..")) {
      throw new ArgumentError(
        `spec.forbid`,
        path,
        `exercise ${spec.name} forbids a path that is not a module under lib/`,
        'name modules like "lib/losses.ts"',
      );
    }
    const source = await Deno.readTextFile(`${kitRoot}/${path}`);
    const target = `${dir}/${path}`;
    await Deno.remove(target); // a link: never write through it into the kit
    await Deno.writeTextFile(
      target,
      offLimitsSource(
        source,
        names,
        (name) =>
          `exercise ${spec.name}: write ${name} yourself — the kit's own ${name} ` +
          `(${path}) is off limits in this exercise`,
      ),
    );
  }
  // node:worker_threads: its Worker is the guarded one (child.ts), not the module's own.
  await Deno.writeTextFile(
    `${dir}/worker_threads.ts`,
    `import wt from "node:worker_threads";\nexport * from "node:worker_threads";\n` +
      `export const Worker = function (...a: unknown[]) { return Reflect.construct(wt.Worker, a); };\n` +
      `export default wt;\n`,
  );
  const config = JSON.parse(await Deno.readTextFile(`${kitRoot}/deno.json`));
  const base = new URL(`file://${dir}/`);
  const imports: Record<string, string> = {
    "file:///": new URL(`${OUTSIDE}/`, base).href,
    [base.href]: base.href,
    "node:worker_threads": new URL("worker_threads.ts", base).href,
  };
  for (const [k, v] of Object.entries(config.imports ?? {}) as [string, string][]) {
    imports[k] = v.startsWith(".") ? new URL(v, base).href : v;
  }
  const scopes = {
    [new URL("worker_threads.ts", base).href]: { "node:worker_threads": "node:worker_threads" },
  };
  const mapPath = `${dir}/import_map.json`;
  await Deno.writeTextFile(mapPath, JSON.stringify({ imports, scopes }, null, 2));
  return mapPath;
}
