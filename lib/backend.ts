/**
 * Chooses the tfjs backend: tfjs-node-gpu, then tfjs-node when the user has them installed, else
 * wasm, else cpu. `KIT_BACKEND` (`tensorflow` | `wasm` | `cpu`, or a package name) overrides.
 * @module
 */
import * as tf from "@tensorflow/tfjs";

let chosen: Promise<string> | undefined;

async function tryImport(specifier: string): Promise<boolean> {
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
      if (!quiet) console.log(`tfjs backend: ${tf.getBackend()}`);
      return tf.getBackend();
    }
  }
  throw new Error(
    `no tfjs backend could be started (tried ${order.join(", ")}); ` +
      `unset KIT_BACKEND or set it to wasm or cpu`,
  );
}

/**
 * Initialises the best available backend once and returns its name.
 *
 * @example
 * ```ts
 * import { initBackend } from "./backend.ts";
 * const name = await initBackend({ quiet: true });
 * console.assert(["tensorflow", "wasm", "cpu"].includes(name));
 * ```
 */
export function initBackend({ quiet = false }: { quiet?: boolean } = {}): Promise<string> {
  chosen ??= choose(quiet);
  return chosen;
}
