/**
 * Chooses the tfjs backend: tfjs-node-gpu, then tfjs-node when the user has them installed, else
 * wasm, else cpu. `KIT_BACKEND` (`tensorflow` | `wasm` | `cpu`, or a package name) overrides.
 * It is also where the kit's fast path (`fast/switch.ts`) is switched: on by default; with it, on
 * wasm, the kit's faster batched matrix product replaces tfjs' ({@linkcode registerKitKernels}).
 * @module
 */
import { SetupError } from "./errors.ts";
import * as tf from "@tensorflow/tfjs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isFile } from "./fs.ts";
import { fastPathOn, setFastPath } from "./fast/switch.ts";
import { registerKitKernels } from "./fast/wasm_kernels.ts";

let chosen: Promise<string> | undefined;

/**
 * Whether the package's native TensorFlow binding was built (deno skips npm build scripts until
 * they are approved). Importing a package without it registers its kernels before failing, which
 * floods stderr with "kernel already registered" when the next candidate is tried.
 */
function nativeBindingBuilt(specifier: string): boolean {
  try {
    const url = import.meta.resolve(`${specifier}/package.json`);
    if (!url.startsWith("file:")) return false;
    const lib = join(dirname(fileURLToPath(url)), "lib");
    return [...Deno.readDirSync(lib)].some((e) =>
      e.name.startsWith("napi-v") && isFile(join(lib, e.name, "tfjs_binding.node"))
    );
  } catch {
    return false;
  }
}

async function tryImport(specifier: string): Promise<boolean> {
  if (!nativeBindingBuilt(specifier)) return false;
  try {
    await import(specifier);
    return true;
  } catch {
    return false;
  }
}

async function choose(quiet: boolean): Promise<string> {
  const wanted = Deno.env.get("KIT_BACKEND");
  const order = wanted ? [wanted] : ["tensorflow", "wasm", "cpu"];
  for (const name of order) {
    if (name === "tensorflow") {
      const ok = await tryImport("npm:@tensorflow/tfjs-node-gpu@4.22.0") ||
        await tryImport("npm:@tensorflow/tfjs-node@4.22.0");
      if (!ok) continue;
    }
    if (name === "wasm") await import("@tensorflow/tfjs-backend-wasm");
    if (await tf.setBackend(name)) {
      await tf.ready();
      if (fastPathOn()) registerKitKernels();
      if (!quiet) console.log(`tfjs backend: ${tf.getBackend()}`);
      return tf.getBackend();
    }
  }
  throw new SetupError(
    `no tfjs backend could be started (tried ${order.join(", ")}); ` +
      `unset KIT_BACKEND or set it to wasm or cpu` +
      (order.includes("tensorflow")
        ? "; tensorflow needs tfjs-node's native binding: " +
          "deno install --allow-scripts=npm:@tensorflow/tfjs-node@4.22.0"
        : ""),
  );
}

/** Options of {@linkcode initBackend}. */
export interface InitBackendOptions {
  /** No "tfjs backend: …" line. */
  quiet?: boolean;
  /**
   * The kit's fast path (`fast/`: packed seqeval chunker, closed-form cross-entropy gradient,
   * fused AdamW, one-op dropout, wasm kernels, faster gradients), on by default; `false` runs
   * the plain reference code of the modules named for each idea, with the same numbers. Set it
   * in the first call: kernels and gradients are registered for the whole process and stay.
   */
  fastPath?: boolean;
}

/**
 * Initialises the best available backend once and returns its name; `fastPath`, when given,
 * switches the kit's fast path.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { initBackend } from "./backend.ts";
 * const name = await initBackend({ quiet: true });
 * assert(["tensorflow", "wasm", "cpu"].includes(name));
 * ```
 */
export function initBackend(
  { quiet = false, fastPath }: InitBackendOptions = {},
): Promise<string> {
  if (fastPath !== undefined) setFastPath(fastPath);
  chosen ??= choose(quiet);
  return chosen;
}
