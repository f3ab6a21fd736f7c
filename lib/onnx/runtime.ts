/**
 * onnxruntime-node, loaded on demand: the native runtime that comes with transformers.js. The
 * kit falls back to tfjs where its native binding cannot load (another platform, a missing
 * install), so nothing else imports it statically.
 * @module
 */
import type * as Ort from "onnxruntime-node";

/** The onnxruntime-node module. */
export type OnnxRuntime = typeof Ort;

let loaded: Promise<OnnxRuntime | undefined> | undefined;
let failure: string | undefined;

/**
 * onnxruntime-node, or `undefined` when it cannot load ({@linkcode onnxRuntimeError} says why).
 *
 * @example
 * ```ts
 * import { loadOnnxRuntime } from "./runtime.ts";
 * const ort = await loadOnnxRuntime();
 * console.log(ort ? `onnxruntime ${ort.env.versions.node}` : "no onnxruntime: tfjs only");
 * ```
 */
export function loadOnnxRuntime(): Promise<OnnxRuntime | undefined> {
  loaded ??= import("onnxruntime-node").then(
    (m) => m as OnnxRuntime,
    (e: Error) => {
      failure = e.message;
      return undefined;
    },
  );
  return loaded;
}

/**
 * Why onnxruntime-node did not load (after {@linkcode loadOnnxRuntime}), else `undefined`.
 *
 * @example
 * ```ts
 * import { loadOnnxRuntime, onnxRuntimeError } from "./runtime.ts";
 * if (!(await loadOnnxRuntime())) console.log(onnxRuntimeError());
 * ```
 */
export function onnxRuntimeError(): string | undefined {
  return failure;
}
