/**
 * Assertions with the names and semantics of `jsr:@std/assert`, for the subset the kit uses,
 * plus tolerance helpers for floats and arrays. The import map points `@std/assert` here because
 * JSR is not reachable everywhere the kit runs; to use the real module, map `@std/assert` to
 * `jsr:@std/assert@1` in `deno.json`.
 *
 * @example
 * ```ts
 * import { assertAlmostEquals, assertEquals } from "@std/assert";
 * assertEquals({ a: [1, 2] }, { a: [1, 2] });
 * assertAlmostEquals(0.1 + 0.2, 0.3);
 * ```
 * @module
 */

/** Error thrown by every assertion, as in `@std/assert`. */
export class AssertionError extends Error {
  /** Creates an assertion error with a message. */
  constructor(message: string) {
    super(message);
    this.name = "AssertionError";
  }
}

function fmt(v: unknown): string {
  return Deno.inspect(v, { depth: 10, sorted: true, trailingComma: false, compact: true });
}

function suffix(msg?: string): string {
  return msg ? `: ${msg}` : "";
}

/** Deep structural equality with the rules of `@std/assert`'s `equal`. */
export function equal(a: unknown, b: unknown): boolean {
  const seen = new Map<unknown, unknown>();
  function eq(x: unknown, y: unknown): boolean {
    if (Object.is(x, y)) return true;
    if (typeof x !== "object" || typeof y !== "object" || x === null || y === null) {
      return false;
    }
    if (x instanceof Date && y instanceof Date) return Object.is(x.getTime(), y.getTime());
    if (x instanceof RegExp && y instanceof RegExp) return String(x) === String(y);
    if (Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) return false;
    if (seen.get(x) === y) return true;
    seen.set(x, y);
    if (ArrayBuffer.isView(x) && ArrayBuffer.isView(y)) {
      const xa = x as unknown as ArrayLike<unknown>;
      const ya = y as unknown as ArrayLike<unknown>;
      if (xa.length !== ya.length) return false;
      for (let i = 0; i < xa.length; i++) if (!Object.is(xa[i], ya[i])) return false;
      return true;
    }
    if (x instanceof Map && y instanceof Map) {
      if (x.size !== y.size) return false;
      for (const [k, v] of x) if (!y.has(k) || !eq(v, y.get(k))) return false;
      return true;
    }
    if (x instanceof Set && y instanceof Set) {
      if (x.size !== y.size) return false;
      for (const v of x) if (!y.has(v)) return false;
      return true;
    }
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    if (kx.length !== ky.length) return false;
    for (const k of kx) {
      if (!Object.hasOwn(y, k)) return false;
      if (!eq((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k])) return false;
    }
    return true;
  }
  return eq(a, b);
}

/** Asserts that `expr` is truthy. */
export function assert(expr: unknown, msg = ""): asserts expr {
  if (!expr) throw new AssertionError(msg);
}

/** Asserts that `actual` and `expected` are deeply equal. */
export function assertEquals<T>(actual: T, expected: T, msg?: string): void {
  if (!equal(actual, expected)) {
    throw new AssertionError(
      `Values are not equal${suffix(msg)}\n    actual: ${fmt(actual)}\n  expected: ${
        fmt(expected)
      }`,
    );
  }
}

/** Asserts that `actual` and `expected` are not deeply equal. */
export function assertNotEquals<T>(actual: T, expected: T, msg?: string): void {
  if (equal(actual, expected)) {
    throw new AssertionError(
      `Expected actual: ${fmt(actual)} not to be: ${fmt(expected)}${suffix(msg)}`,
    );
  }
}

/** Asserts that `actual` and `expected` are the same value (`Object.is`). */
export function assertStrictEquals<T>(
  actual: unknown,
  expected: T,
  msg?: string,
): asserts actual is T {
  if (!Object.is(actual, expected)) {
    throw new AssertionError(
      `Values are not strictly equal${suffix(msg)}\n    actual: ${fmt(actual)}\n  expected: ${
        fmt(expected)
      }`,
    );
  }
}

/**
 * Asserts that two numbers differ by at most `tolerance` (default: 1e-7 of `expected`, as
 * `@std/assert` does).
 */
export function assertAlmostEquals(
  actual: number,
  expected: number,
  tolerance?: number,
  msg?: string,
): void {
  if (Object.is(actual, expected)) return;
  const tol = tolerance ?? Math.abs(expected * 1e-7);
  const delta = Math.abs(expected - actual);
  if (!(delta <= tol)) {
    throw new AssertionError(
      `Expected actual: "${actual}" to be close to "${expected}": delta "${delta}" is greater than "${tol}"${
        suffix(msg)
      }`,
    );
  }
}

/**
 * Asserts that two numeric arrays (nested to any depth) have the same shape and that every pair
 * of elements satisfies `|a - e| <= atol + rtol * |e|`, like `numpy.testing.assert_allclose`.
 * NaN equals NaN.
 */
export function assertAllClose(
  actual: unknown,
  expected: unknown,
  { atol = 1e-8, rtol = 1e-6 }: { atol?: number; rtol?: number } = {},
  msg?: string,
): void {
  const walk = (a: unknown, e: unknown, path: string): void => {
    if (typeof e === "number") {
      if (typeof a !== "number") {
        throw new AssertionError(
          `At ${path || "root"}: expected a number, got ${fmt(a)}${suffix(msg)}`,
        );
      }
      if (Number.isNaN(e) && Number.isNaN(a)) return;
      if (Object.is(a, e)) return;
      if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
        throw new AssertionError(
          `At ${path || "root"}: ${a} is not close to ${e} (atol ${atol}, rtol ${rtol})${
            suffix(msg)
          }`,
        );
      }
      return;
    }
    const ea = e as ArrayLike<unknown>;
    const aa = a as ArrayLike<unknown>;
    if (aa === null || typeof aa !== "object" || typeof aa.length !== "number") {
      throw new AssertionError(
        `At ${path || "root"}: expected an array, got ${fmt(a)}${suffix(msg)}`,
      );
    }
    if (aa.length !== ea.length) {
      throw new AssertionError(
        `At ${path || "root"}: length ${aa.length} differs from expected ${ea.length}${
          suffix(msg)
        }`,
      );
    }
    for (let i = 0; i < ea.length; i++) walk(aa[i], ea[i], `${path}[${i}]`);
  };
  walk(actual, expected, "");
}

/** Asserts that `actual` is neither `null` nor `undefined`. */
export function assertExists<T>(actual: T, msg?: string): asserts actual is NonNullable<T> {
  if (actual === undefined || actual === null) {
    throw new AssertionError(msg ?? `actual: "${actual}" expected to not be null or undefined`);
  }
}

/** Asserts that `actual` is greater than `expected`. */
export function assertGreater<T>(actual: T, expected: T, msg?: string): void {
  if (!(actual > expected)) {
    throw new AssertionError(msg ?? `Expect ${fmt(actual)} > ${fmt(expected)}`);
  }
}

/** Asserts that `actual` is greater than or equal to `expected`. */
export function assertGreaterOrEqual<T>(actual: T, expected: T, msg?: string): void {
  if (!(actual >= expected)) {
    throw new AssertionError(msg ?? `Expect ${fmt(actual)} >= ${fmt(expected)}`);
  }
}

/** Asserts that `actual` is less than `expected`. */
export function assertLess<T>(actual: T, expected: T, msg?: string): void {
  if (!(actual < expected)) {
    throw new AssertionError(msg ?? `Expect ${fmt(actual)} < ${fmt(expected)}`);
  }
}

/** Asserts that `actual` is less than or equal to `expected`. */
export function assertLessOrEqual<T>(actual: T, expected: T, msg?: string): void {
  if (!(actual <= expected)) {
    throw new AssertionError(msg ?? `Expect ${fmt(actual)} <= ${fmt(expected)}`);
  }
}

/** Asserts that `actual` matches the regular expression `expected`. */
export function assertMatch(actual: string, expected: RegExp, msg?: string): void {
  if (!expected.test(actual)) {
    throw new AssertionError(`Expected actual: "${actual}" to match: "${expected}"${suffix(msg)}`);
  }
}

/** Asserts that `actual` contains `expected`. */
export function assertStringIncludes(actual: string, expected: string, msg?: string): void {
  if (!actual.includes(expected)) {
    throw new AssertionError(
      `Expected actual: "${actual}" to contain: "${expected}"${suffix(msg)}`,
    );
  }
}

/** Asserts that `actual` includes every value of `expected` (deep equality). */
export function assertArrayIncludes<T>(
  actual: ArrayLike<T>,
  expected: ArrayLike<T>,
  msg?: string,
): void {
  const missing = Array.from(expected).filter((e) => !Array.from(actual).some((a) => equal(a, e)));
  if (missing.length) {
    throw new AssertionError(
      `Expected actual: "${fmt(actual)}" to include: "${fmt(missing)}"${suffix(msg)}`,
    );
  }
}

/** Asserts that `actual` is an instance of `expectedType`. */
export function assertInstanceOf<T extends abstract new (...args: never[]) => unknown>(
  actual: unknown,
  expectedType: T,
  msg?: string,
): asserts actual is InstanceType<T> {
  if (!(actual instanceof expectedType)) {
    throw new AssertionError(msg ?? `Expected object to be an instance of "${expectedType.name}"`);
  }
}

function checkError(
  e: unknown,
  ErrorClass?: abstract new (...args: never[]) => Error,
  msgIncludes?: string,
): void {
  if (ErrorClass && !(e instanceof ErrorClass)) {
    throw new AssertionError(
      `Expected error to be instance of "${ErrorClass.name}", but was "${fmt(e)}"`,
    );
  }
  if (msgIncludes !== undefined) {
    const m = e instanceof Error ? e.message : String(e);
    if (!m.includes(msgIncludes)) {
      throw new AssertionError(
        `Expected error message to include "${msgIncludes}", but got "${m}"`,
      );
    }
  }
}

/** Asserts that `fn` throws; optionally of `ErrorClass` with a message containing `msgIncludes`. Returns the error. */
export function assertThrows<E extends Error = Error>(
  fn: () => unknown,
  ErrorClass?: abstract new (...args: never[]) => E,
  msgIncludes?: string,
  msg?: string,
): E {
  try {
    fn();
  } catch (e) {
    checkError(e, ErrorClass, msgIncludes);
    return e as E;
  }
  throw new AssertionError(`Expected function to throw${suffix(msg)}`);
}

/** Asserts that the promise returned by `fn` rejects; optionally checks class and message. */
export async function assertRejects<E extends Error = Error>(
  fn: () => PromiseLike<unknown>,
  ErrorClass?: abstract new (...args: never[]) => E,
  msgIncludes?: string,
  msg?: string,
): Promise<E> {
  try {
    await fn();
  } catch (e) {
    checkError(e, ErrorClass, msgIncludes);
    return e as E;
  }
  throw new AssertionError(`Expected function to reject${suffix(msg)}`);
}

/** Always throws. */
export function fail(msg?: string): never {
  throw new AssertionError(`Failed assertion${suffix(msg)}`);
}
