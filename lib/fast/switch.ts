/**
 * The switch of the kit's fast path. The modules named for the chapter's ideas (`seqeval/`,
 * `losses.ts`, `train/optimizer.ts`) hold the plain reference code; `lib/fast/` holds faster
 * code that gives the same numbers (tests prove it) and is used while this switch is on. It is on
 * by default; `initBackend({ fastPath: false })` or {@linkcode setFastPath} turns it off, e.g.
 * to step through the reference code.
 * @module
 */

let enabled = true;

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
    throw new TypeError(`setFastPath(on): on is ${JSON.stringify(on)}; use true or false`);
  }
  enabled = on;
}

/**
 * Whether the fast path is on (the default).
 *
 * @example
 * ```ts
 * import { fastPathOn } from "./switch.ts";
 * console.log(fastPathOn()); // true
 * ```
 */
export function fastPathOn(): boolean {
  return enabled;
}
