/**
 * Calling a submission's export with JSON arguments and turning its answer into plain JSON —
 * the same code for the sandboxed grader and for the student's local `deno test`.
 * @module
 */
import type { Json, Outcome } from "./spec.ts";

/** Largest number of scalars an answer may hold (a runaway answer is an error, not a crash). */
const MAX_SCALARS = 1_000_000;
// Taken before any submission runs, so a patched JSON cannot bend the result lines.
const stringify = JSON.stringify;
const parse = JSON.parse;
const isFinite = Number.isFinite;

/**
 * Plain data from an answer: tfjs tensors (anything with `arraySync`) become nested arrays,
 * typed arrays arrays, `undefined` null; numbers stay numbers (NaN too).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { toPlain } from "./invoke.ts";
 * assertEquals(toPlain({ a: new Float32Array([1, 2]) }), { a: [1, 2] });
 * ```
 */
export function toPlain(value: unknown): unknown {
  let scalars = 0;
  const walk = (v: unknown, depth: number): unknown => {
    if (depth > 32) throw new Error("the answer is nested more than 32 levels deep");
    if (++scalars > MAX_SCALARS) {
      throw new Error(`the answer holds more than ${MAX_SCALARS} values`);
    }
    if (v === undefined || v === null) return null;
    if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "bigint") return Number(v);
    if (ArrayBuffer.isView(v)) {
      return walk(Array.from(v as unknown as ArrayLike<number>), depth + 1);
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    if (typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (typeof o.arraySync === "function") {
        const arr = (o.arraySync as () => unknown)();
        return walk(arr, depth + 1);
      }
      if (v instanceof Map) return walk(Object.fromEntries(v), depth + 1);
      if (v instanceof Set) return walk([...v], depth + 1);
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(o)) out[k] = walk(x, depth + 1);
      return out;
    }
    return String(v);
  };
  return walk(value, 0);
}

/**
 * Calls `module[name](...args)` (awaiting a promise) and returns the plain answer or the error.
 * The arguments are deep-copied first, so a submission that mutates them cannot spoil the case.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { invoke } from "./invoke.ts";
 * const out = await invoke({ add: (a: number, b: number) => a + b }, "add", [1, 2]);
 * assert(out.ok && out.value === 3);
 * ```
 */
export async function invoke(
  module: Record<string, unknown>,
  name: string,
  args: readonly Json[],
): Promise<Outcome> {
  try {
    const fn = module[name];
    if (typeof fn !== "function") {
      throw new TypeError(`the submission does not export a function named ${name}`);
    }
    const value = await fn(...structuredClone(args));
    return { ok: true, value: toPlain(value) };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return { ok: false, error: { name: String(err.name), message: String(err.message) } };
  }
}

/**
 * JSON text for results that keeps NaN and ±Infinity (JSON itself turns them into null).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { decodeJson, encodeJson } from "./invoke.ts";
 * assert(Number.isNaN(decodeJson(encodeJson([NaN]))[0]));
 * ```
 */
export function encodeJson(value: unknown): string {
  return stringify(
    value,
    (_k, v) => typeof v === "number" && !isFinite(v) ? { $num: String(v) } : v,
  );
}

/** Parses {@link encodeJson}'s text. */
// deno-lint-ignore no-explicit-any
export function decodeJson(text: string): any {
  return parse(
    text,
    (_k, v) =>
      v !== null && typeof v === "object" && typeof v.$num === "string" &&
        Object.keys(v).length === 1
        ? Number(v.$num)
        : v,
  );
}
