/**
 * Input checks the encoders share, so a bad item of a batch is named by its place
 * (`texts[3]: text is empty`) whichever encoder got it.
 * @module
 */
import { ArgumentError } from "../errors.ts";

/**
 * Returns `xs` if it is an array; otherwise throws an error naming the argument.
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { checkArray } from "./check_input.ts";
 * checkArray(["a"], "texts");
 * assertThrows(() => checkArray("a" as unknown as string[], "texts"), Error, 'texts = "a": is not an array');
 * ```
 */
export function checkArray<T>(xs: T[], name: string): T[] {
  if (!Array.isArray(xs)) throw new ArgumentError(name, xs, "is not an array", "pass an array");
  return xs;
}

/**
 * Returns `xs` if it is an array with at least one item; otherwise throws an error naming the
 * argument, what its items should be (`of`) and the `fix`.
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { checkNonEmptyArray } from "./check_input.ts";
 * checkNonEmptyArray(["a"], "texts", "pass one string per text", "strings");
 * assertThrows(
 *   () => checkNonEmptyArray([], "texts", "pass one string per text", "strings"),
 *   Error,
 *   "texts = []: is not a non-empty array of strings; pass one string per text",
 * );
 * ```
 */
export function checkNonEmptyArray<T extends readonly unknown[]>(
  xs: T,
  name: string,
  fix: string,
  of?: string,
): T {
  if (!Array.isArray(xs) || xs.length === 0) {
    const problem = of === undefined
      ? "is not a non-empty array"
      : `is not a non-empty array of ${of}`;
    throw new ArgumentError(name, xs, problem, fix);
  }
  return xs;
}

/**
 * Runs `f`, naming the item's place: an {@link ArgumentError} it throws is thrown again with
 * `name` as its argument, or for an option with `name` in the problem (other errors are not
 * about the item and pass unchanged).
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { withName } from "./check_input.ts";
 * import { ArgumentError } from "../errors.ts";
 * const empty = () => { throw new ArgumentError("text", "", "is empty", "drop it"); };
 * assertThrows(() => withName("texts[1]", empty), ArgumentError, 'texts[1] = "": is empty; drop it');
 * ```
 */
export function withName<T>(name: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof ArgumentError)) throw e;
    // An option keeps its own name (the caller passed it once for all items); the item itself is
    // named by its place.
    if (e.argument.startsWith("options.")) {
      throw new ArgumentError(e.argument, e.value, `${name}: ${e.problem}`, e.fix, { cause: e });
    }
    throw new ArgumentError(name, e.value, e.problem, e.fix, { cause: e });
  }
}
