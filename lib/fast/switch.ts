/**
 * The switch of the kit's fast path. The modules named for the chapter's ideas (`seqeval/`,
 * `losses.ts`, `train/optimizer.ts`) hold the plain reference code; `lib/fast/` holds faster
 * code that gives the same numbers (tests prove it) and is used while this switch is on. It is on
 * by default; `initBackend({ fastPath: false })`, {@linkcode setFastPath} or the environment
 * variable `KIT_FAST_PATH=0` (e.g. to run a test file on the reference path) turns it off.
 *
 * Layering (tests/layers_test.ts): lib/ imports only run downward, and `lib/fast/` is the one
 * documented exception. Each fast module speeds up one reference module, its twin (`clip.ts` →
 * `train/clip.ts`, `adamw.ts` → `train/optimizer.ts`, …), and sits in its twin's layer: the twin
 * imports it and switches to it here; nothing else but `lib/mod.ts` does; and the fast module
 * may import *types* from its twin, never values (that would be an import cycle). This switch
 * itself is a base module that every layer may import.
 * @module
 */
import { ArgumentError } from "../errors.ts";

let enabled = fromEnvironment();

/** On unless `KIT_FAST_PATH` is `0` (and on where the environment cannot be read). */
function fromEnvironment(): boolean {
  try {
    return Deno.env.get("KIT_FAST_PATH") !== "0";
  } catch {
    return true;
  }
}

/**
 * Turns the fast path on or off for the whole process.
 *
 * @example
 * ```ts
 * import { fastPathOn, setFastPath } from "./switch.ts";
 * setFastPath(false);
 * console.log(fastPathOn()); // false
 * setFastPath(true);
 * ```
 */
export function setFastPath(on: boolean): void {
  if (typeof on !== "boolean") {
    throw new ArgumentError("on", on, "setFastPath needs a boolean", "use true or false");
  }
  enabled = on;
}

/**
 * Whether the fast path is on (the default).
 *
 * @example
 * ```ts
 * import { fastPathOn } from "./switch.ts";
 * console.log(fastPathOn()); // true, unless KIT_FAST_PATH=0
 * ```
 */
export function fastPathOn(): boolean {
  return enabled;
}

/**
 * Runs `fn` with the fast path on or off, then restores the switch: to compare the two paths,
 * or to step through the reference code once.
 *
 * @example
 * ```ts
 * import { fastPathOn, withFastPath } from "./switch.ts";
 * console.log(withFastPath(false, () => fastPathOn())); // false
 * ```
 */
export function withFastPath<T>(on: boolean, fn: () => T): T {
  const before = enabled;
  setFastPath(on);
  try {
    return fn();
  } finally {
    enabled = before;
  }
}
