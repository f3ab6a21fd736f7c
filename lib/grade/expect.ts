/**
 * Checks for graded cases: each returns a {@link Case} `check` that throws an assertion error
 * naming what was wrong.
 * @module
 */
import { assertAllClose, assertEquals, AssertionError, assertMatch } from "../testing/assert.ts";
import type { Outcome } from "./spec.ts";

/** The value of a successful call; a thrown error fails the case with the error's message. */
export function valueOf(outcome: Outcome): unknown {
  if (!outcome.ok) {
    throw new AssertionError(`it threw ${outcome.error.name}: ${outcome.error.message}`);
  }
  return outcome.value;
}

/**
 * The answer equals `expected` within `atol + rtol·|expected|` (numbers, nested arrays, objects).
 *
 * @example
 * ```ts
 * import { expectClose } from "./expect.ts";
 * expectClose([0.5, 1], { atol: 1e-6 })({ ok: true, value: [0.5000001, 1] });
 * ```
 */
export function expectClose(
  expected: unknown,
  { atol = 1e-6, rtol = 1e-5 }: { atol?: number; rtol?: number } = {},
): (outcome: Outcome) => void {
  return (outcome) => closeDeep(valueOf(outcome), expected, { atol, rtol }, "");
}

/** assertAllClose, extended to plain objects (same keys, values close). */
function closeDeep(
  actual: unknown,
  expected: unknown,
  tol: { atol: number; rtol: number },
  path: string,
): void {
  const isObject = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);
  if (!isObject(expected)) {
    assertAllClose(actual, expected, tol, path ? `at ${path}` : undefined);
    return;
  }
  if (!isObject(actual)) {
    throw new AssertionError(
      `At ${path || "root"}: expected an object, got ${JSON.stringify(actual)}`,
    );
  }
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const keys = (o: Record<string, unknown>) => Object.keys(o).sort().join(", ");
  if (keys(a) !== keys(e)) {
    throw new AssertionError(`At ${path || "root"}: keys are {${keys(a)}}, expected {${keys(e)}}`);
  }
  for (const k of Object.keys(e)) closeDeep(a[k], e[k], tol, path ? `${path}.${k}` : k);
}

/**
 * The answer deep-equals `expected`.
 *
 * @example
 * ```ts
 * import { expectEqual } from "./expect.ts";
 * expectEqual([["PER", 0, 1]])({ ok: true, value: [["PER", 0, 1]] });
 * ```
 */
export function expectEqual(expected: unknown): (outcome: Outcome) => void {
  return (outcome) => assertEquals(valueOf(outcome), expected);
}

/**
 * The call threw an error whose message matches `pattern` — and not the stub's "not implemented
 * yet", so an untouched stub never passes a bad-input case.
 *
 * @example
 * ```ts
 * import { expectThrows } from "./expect.ts";
 * expectThrows(/gamma/)({ ok: false, error: { name: "Error", message: "gamma must be >= 0" } });
 * ```
 */
export function expectThrows(pattern: RegExp): (outcome: Outcome) => void {
  return (outcome) => {
    if (outcome.ok) {
      throw new AssertionError(`expected an error matching ${pattern}, but it returned a value`);
    }
    if (outcome.error.name === "NotImplementedError") {
      throw new AssertionError(`still the stub: ${outcome.error.message}`);
    }
    assertMatch(outcome.error.message, pattern, "the error message should say what is wrong");
  };
}

/**
 * Runs `test` on the answer of a successful call (for property checks).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { expectValue } from "./expect.ts";
 * expectValue((v) => assert((v as number[]).length === 2))({ ok: true, value: [1, 2] });
 * ```
 */
export function expectValue(test: (value: unknown) => void): (outcome: Outcome) => void {
  return (outcome) => test(valueOf(outcome));
}
