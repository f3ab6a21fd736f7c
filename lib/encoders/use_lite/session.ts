/**
 * USE-lite on onnxruntime: the ONNX graph of {@linkcode useLiteOnnx}, built in memory from the
 * tfjs weights at load (no file, no Python), run on padded batches of piece ids.
 * @module
 */
import { ArgumentError, SetupError } from "../../errors.ts";
import type * as Ort from "onnxruntime-node";
import type { OnnxRuntime } from "../../onnx/runtime.ts";
import { HIDDEN_SIZE } from "./model.ts";
import { ONNX_IO, useLiteOnnx, type WeightLookup } from "./onnx.ts";
import { MAX_PIECES } from "./tokenizer.ts";

/** A batch's output: values row-major, and the padded length of token outputs. */
export interface SessionOutput {
  data: Float32Array;
  /** Pieces per row of `last_hidden_state` (the longest sequence in the batch). */
  maxLen: number;
}

/**
 * USE-lite running on onnxruntime-node.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { loadOnnxRuntime } from "../../onnx/runtime.ts";
 * import { loadUseLite } from "./encoder.ts";
 * import { weightLookup } from "./onnx.ts";
 * import { UseLiteSession } from "./session.ts";
 * const ort = await loadOnnxRuntime();
 * if (ort) {
 *   const use = await loadUseLite({ runtime: "tfjs" });
 *   const session = await UseLiteSession.create(ort, weightLookup(use.model.weights));
 *   const { data } = await session.run([[74, 337], [9]], "pooled");
 *   assertEquals(data.length, 2 * 512);
 *   await session.release();
 *   use.dispose();
 * }
 * ```
 */
export class UseLiteSession {
  readonly #ort: OnnxRuntime;
  readonly #session: Ort.InferenceSession;

  private constructor(ort: OnnxRuntime, session: Ort.InferenceSession) {
    this.#ort = ort;
    this.#session = session;
  }

  /**
   * Builds the ONNX graph from `weights` and starts a session on it: onnxruntime's default thread
   * count (`KIT_ORT_THREADS` overrides it), without spin-waiting between operators — on a
   * machine shared with other jobs spinning threads burned ~45% more CPU for the same
   * throughput.
   */
  static async create(ort: OnnxRuntime, weights: WeightLookup): Promise<UseLiteSession> {
    const threads = ortThreads();
    const session = await ort.InferenceSession.create(useLiteOnnx(weights), {
      graphOptimizationLevel: "all",
      ...(threads ? { intraOpNumThreads: threads } : {}),
      extra: { session: { intra_op: { allow_spinning: "0" } } },
    });
    return new UseLiteSession(ort, session);
  }

  /** Pooled embeddings [batch, 512] or last-layer states [batch, maxLen, 512] of piece ids. */
  async run(batch: number[][], output: "pooled" | "tokens"): Promise<SessionOutput> {
    const maxLen = batch.reduce((m, ids, s) => {
      if (ids.length === 0 || ids.length > MAX_PIECES) {
        throw new ArgumentError(
          `batch[${s}]`,
          ids,
          `has ${ids.length} pieces; USE-lite needs 1 to ${MAX_PIECES}`,
          "tokenize with truncation",
        );
      }
      return Math.max(m, ids.length);
    }, 0);
    const ids = new BigInt64Array(batch.length * maxLen);
    const mask = new BigInt64Array(batch.length * maxLen);
    batch.forEach((seq, s) =>
      seq.forEach((id, p) => {
        ids[s * maxLen + p] = BigInt(id);
        mask[s * maxLen + p] = 1n;
      })
    );
    const dims = [batch.length, maxLen];
    const name = output === "pooled" ? ONNX_IO.pooled : ONNX_IO.tokens;
    const result = await this.#session.run({
      [ONNX_IO.inputIds]: new this.#ort.Tensor("int64", ids, dims),
      [ONNX_IO.attentionMask]: new this.#ort.Tensor("int64", mask, dims),
    }, [name]);
    const tensor = result[name];
    const data = tensor.data as Float32Array;
    tensor.dispose();
    const expected = batch.length * (output === "pooled" ? 1 : maxLen) * HIDDEN_SIZE;
    if (data.length !== expected) {
      throw new Error(
        `onnxruntime returned ${data.length} values for ${name}, expected ${expected}`,
      );
    }
    return { data, maxLen };
  }

  /** Frees the native session. */
  release(): Promise<void> {
    return this.#session.release();
  }
}

function ortThreads(): number | undefined {
  const value = Deno.env.get("KIT_ORT_THREADS");
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new SetupError(
      `KIT_ORT_THREADS is ${JSON.stringify(value)}: set it to a positive integer, or unset it`,
    );
  }
  return n;
}
