/**
 * Input checks the encoders share, so a bad item of a batch is named by its place
 * (`texts[3]: text is empty`) whichever encoder got it.
 * @module
 */

/**
 * Returns `xs` if it is an array; otherwise throws an error naming the argument.
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { checkArray } from "./check_input.ts";
 * checkArray(["a"], "texts");
 * assertThrows(() => checkArray("a" as unknown as string[], "texts"), Error, "texts must be an array");
 * ```
 */
export function checkArray<T>(xs: T[], name: string): T[] {
  if (!Array.isArray(xs)) throw new Error(`${name} must be an array, got ${typeof xs}`);
  return xs;
}

/**
 * Runs `f`, prefixing the message of anything it throws with `name` (the item's place).
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { withName } from "./check_input.ts";
 * assertThrows(() => withName("texts[1]", () => { throw new Error("text is empty"); }), Error, "texts[1]: text is empty");
 * ```
 */
export function withName<T>(name: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new Error(`${name}: ${(e as Error).message}`, { cause: e });
  }
}
