/**
 * A Hugging Face model with ONNX weights, run by transformers.js (onnxruntime-node on the CPU),
 * as a frozen {@linkcode Encoder}: any hub id when online (`Xenova/all-MiniLM-L6-v2`,
 * `Xenova/bert-base-uncased`), or a local folder offline (the kit's `data/models/tiny-bert`).
 * @module
 */
import { ArgumentError } from "../../errors.ts";
import { AutoModel, type DataType, type PreTrainedModel, Tensor } from "@huggingface/transformers";
import { runSortedBatches } from "../batching.ts";
import { cachedEmbed } from "../cache.ts";
import { checkArray, withName } from "../check_input.ts";
import { cachedTokenFeatures } from "../token_features.ts";
import type { EmbedOptions, Encoder, Encoding, TokenFeatures, TokenizeOptions } from "../types.ts";
import { pool, type Pooling } from "./pooling.ts";
import {
  checkLocalFiles,
  loadWithHint,
  pretrainedOptions,
  type PretrainedSourceOptions,
  resolveSource,
} from "./source.ts";
import { type DecodeOptions, TransformersTokenizer } from "./tokenizer.ts";

/** Options of {@linkcode TransformersEncoder.fromPretrained}. */
export interface TransformersEncoderOptions extends PretrainedSourceOptions {
  /** Sentence vector: masked mean of the token vectors (default) or the `[CLS]` token's. */
  pooling?: Pooling;
  /** Scale sentence vectors to unit length (default `false`; sentence-transformers' MiniLM does). */
  normalize?: boolean;
  /** Longest input in tokens (default: the tokenizer's `model_max_length`, at most the model's positions). */
  maxLength?: number;
  /** Which ONNX weights: `"fp32"` (`onnx/model.onnx`, default), `"q8"`, `"fp16"`… (transformers.js `dtype`). */
  dtype?: DataType;
  /** Root of the on-disk embedding cache (default: the kit's `.cache/`, or `KIT_CACHE_DIR`). */
  embeddingCacheDir?: string;
}

const ONNX_FILE: Partial<Record<string, string>> = {
  fp32: "onnx/model.onnx",
  fp16: "onnx/model_fp16.onnx",
  q8: "onnx/model_quantized.onnx",
  int8: "onnx/model_int8.onnx",
  uint8: "onnx/model_uint8.onnx",
  q4: "onnx/model_q4.onnx",
  bnb4: "onnx/model_bnb4.onnx",
  q4f16: "onnx/model_q4f16.onnx",
};

/**
 * A frozen transformers.js encoder. Sentence vectors are pooled (`mean` or `cls`), token
 * features are the last hidden state, pairs carry `token_type_ids`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { TransformersEncoder } from "./encoder.ts";
 * const bert = await TransformersEncoder.fromPretrained(
 *   new URL("../../../data/models/tiny-bert", import.meta.url).pathname,
 * );
 * const [a, b] = await bert.embed(["The film was great.", "Terrible service."], { cache: false });
 * assertEquals([a.length, b.length], [bert.hiddenSize, 32]);
 * const [ner] = await bert.tokenFeatures([["Peter", "visited", "Paris"]], { cache: false });
 * assertEquals(ner.wordIds[0], null); // [CLS]
 * bert.dispose();
 * ```
 */
export class TransformersEncoder implements Encoder {
  /** The embedding cache key: model, pooling, normalisation and (when set) maxLength, dtype. */
  readonly name: string;
  /** The hub id or folder it was loaded from. */
  readonly modelId: string;
  readonly hiddenSize: number;
  readonly tokenHiddenSize: number;
  readonly pooling: Pooling;
  readonly normalize: boolean;
  /** The tokenizer, with `decode` for showing an encoding the way the chapter prints it. */
  readonly tokenizer: TransformersTokenizer;
  /** The transformers.js model (ONNX session), for anything the kit does not wrap. */
  readonly model: PreTrainedModel;
  readonly #cacheDir: string | undefined;
  readonly #tokensCacheKey: string;

  private constructor(
    modelId: string,
    model: PreTrainedModel,
    tokenizer: TransformersTokenizer,
    hiddenSize: number,
    options: TransformersEncoderOptions,
  ) {
    this.modelId = modelId;
    this.model = model;
    this.tokenizer = tokenizer;
    this.hiddenSize = hiddenSize;
    this.tokenHiddenSize = hiddenSize;
    this.pooling = options.pooling ?? "mean";
    this.normalize = options.normalize ?? false;
    this.#cacheDir = options.embeddingCacheDir;
    const dtype = options.dtype ?? "fp32";
    // What changes the vectors besides the text is in the cache key.
    const variant = [
      ...(options.maxLength !== undefined ? [`max${options.maxLength}`] : []),
      ...(dtype !== "fp32" ? [dtype] : []),
    ];
    this.name = [`${modelId}#${this.pooling}${this.normalize ? "-normalized" : ""}`, ...variant]
      .join("#");
    this.#tokensCacheKey = [modelId, "tokens", ...variant].join("#");
  }

  /**
   * Loads the tokenizer and the ONNX model: a hub id is downloaded (and cached) when online; a
   * path (absolute, `./`, `../`) or `{ localModelPath }` loads a local folder laid out as
   * `config.json`, `tokenizer.json`, `tokenizer_config.json`, `onnx/model.onnx`.
   *
   * @example
   * ```ts
   * import { assertRejects } from "@std/assert";
   * import { TransformersEncoder } from "./encoder.ts";
   * await assertRejects(
   *   () => TransformersEncoder.fromPretrained("tiny-bert", { localModelPath: "/nonexistent" }),
   *   Error,
   *   "onnx/model.onnx",
   * );
   * ```
   */
  static async fromPretrained(
    modelId: string,
    options: TransformersEncoderOptions = {},
  ): Promise<TransformersEncoder> {
    const { pooling = "mean", dtype = "fp32" } = options;
    if (pooling !== "mean" && pooling !== "cls") {
      throw new ArgumentError(
        "options.pooling",
        pooling,
        "is not a pooling",
        'use "mean" or "cls"',
      );
    }
    const source = resolveSource(modelId, options);
    if (source.local) {
      const weights = ONNX_FILE[dtype] ?? `onnx/model_${dtype}.onnx`;
      checkLocalFiles(source.path, [
        "config.json",
        "tokenizer.json",
        "tokenizer_config.json",
        weights,
      ]);
    }
    const loadOptions = pretrainedOptions(source, options);
    const model = await loadWithHint(
      source,
      () => AutoModel.from_pretrained(source.path, { ...loadOptions, dtype, device: "cpu" }),
    );
    const config = model.config as unknown as Record<string, unknown>;
    const positions = typeof config.max_position_embeddings === "number"
      ? config.max_position_embeddings
      : Infinity;
    const loaded = await TransformersTokenizer.fromPretrained(modelId, options);
    const limit = Math.min(positions, loaded.modelMaxLength);
    const { maxLength = limit } = options;
    const whole = Number.isInteger(maxLength) || maxLength === Infinity;
    if (!whole || maxLength < 1 || maxLength > limit) {
      throw new ArgumentError(
        "options.maxLength",
        maxLength,
        `is not an integer from 1 to ${limit} (what ${modelId} takes)`,
        `use at most ${limit}`,
      );
    }
    const tokenizer = new TransformersTokenizer(loaded.tokenizer, modelId, maxLength);
    // The hidden size from a forward pass: configs name it differently (hidden_size, dim, d_model).
    const probe = await runModel(model, [tokenizer.tokenize("a")]);
    return new TransformersEncoder(modelId, model, tokenizer, probe.hiddenSize, options);
  }

  /** Tokenizes one text (see {@linkcode TransformersTokenizer.tokenize}). */
  tokenize(text: string, options?: TokenizeOptions): Encoding {
    return this.tokenizer.tokenize(text, options);
  }

  /** Tokenizes a pair: `[CLS] a [SEP] b [SEP]`, `tokenTypeIds` 0 then 1 (for BERT). */
  tokenizePair(textA: string, textB: string, options?: TokenizeOptions): Encoding {
    return this.tokenizer.tokenizePair(textA, textB, options);
  }

  /** Tokenizes pre-split words, with the word of each token in `wordIds`. */
  tokenizeWords(words: string[], options?: TokenizeOptions): Encoding {
    return this.tokenizer.tokenizeWords(words, options);
  }

  /** Token ids back to text, as HF `tokenizer.decode` prints them. */
  decode(ids: number[], options?: DecodeOptions): string {
    return this.tokenizer.decode(ids, options);
  }

  /**
   * Sentence vectors (pooled last hidden state), batched by length and cached on disk under
   * {@linkcode TransformersEncoder.name}.
   */
  embed(texts: string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    const encodings = checkArray(texts, "texts").map((t, i) =>
      withName(`texts[${i}]`, () => this.tokenizer.tokenize(t))
    );
    const byText = new Map(texts.map((t, i) => [t, encodings[i]]));
    return cachedEmbed(
      this.name,
      texts,
      (todo) => this.embedEncodings(todo.map((t) => byText.get(t)!), options),
      { enabled: options.cache ?? true, dir: this.#cacheDir },
    );
  }

  /**
   * Vectors of text pairs, each read as one sequence `[CLS] a [SEP] b [SEP]` with
   * `token_type_ids` 0 then 1: frozen features for sentence-pair tasks (NLI). Cached under
   * `<name>#pair`.
   *
   * @example
   * ```ts
   * import { assertEquals } from "@std/assert";
   * import { TransformersEncoder } from "./encoder.ts";
   * const bert = await TransformersEncoder.fromPretrained(
   *   new URL("../../../data/models/tiny-bert", import.meta.url).pathname,
   *   { pooling: "cls" },
   * );
   * const [v] = await bert.embedPairs([["A man plays.", "Someone plays."]], { cache: false });
   * assertEquals(v.length, 32);
   * bert.dispose();
   * ```
   */
  embedPairs(pairs: [string, string][], options: EmbedOptions = {}): Promise<Float32Array[]> {
    const encodings = checkArray(pairs, "pairs").map((p, i) =>
      withName(`pairs[${i}]`, () => {
        if (!Array.isArray(p) || p.length !== 2) {
          throw new ArgumentError(
            "pair",
            p,
            "is not [textA, textB]",
            "give each pair as two strings",
          );
        }
        return this.tokenizer.tokenizePair(p[0], p[1]);
      })
    );
    const keys = pairs.map((p) => JSON.stringify(p));
    const byKey = new Map(keys.map((k, i) => [k, encodings[i]]));
    return cachedEmbed(
      `${this.name}#pair`,
      keys,
      (todo) => this.embedEncodings(todo.map((k) => byKey.get(k)!), options),
      { enabled: options.cache ?? true, dir: this.#cacheDir },
    );
  }

  /**
   * Pools encodings made by this encoder's tokenizer (not cached).
   *
   * @example
   * ```ts
   * import { assertEquals } from "@std/assert";
   * import { TransformersEncoder } from "./encoder.ts";
   * const bert = await TransformersEncoder.fromPretrained(
   *   new URL("../../../data/models/tiny-bert", import.meta.url).pathname,
   * );
   * const [v] = await bert.embedEncodings([bert.tokenize("Hello there.")]);
   * assertEquals(v.length, 32);
   * bert.dispose();
   * ```
   */
  embedEncodings(encodings: Encoding[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    return this.#runSorted(
      encodings,
      options,
      "embed",
      (out, batch) =>
        batch.map((e, row) =>
          pool(
            out.data,
            row,
            e.attentionMask,
            out.seqLen,
            out.hiddenSize,
            this.pooling,
            this.normalize,
          )
        ),
    );
  }

  /**
   * The last hidden state of each encoding made by this encoder's tokenizer: one vector per
   * token, special tokens included (not cached).
   *
   * @example
   * ```ts
   * import { assertEquals } from "@std/assert";
   * import { TransformersEncoder } from "./encoder.ts";
   * const bert = await TransformersEncoder.fromPretrained(
   *   new URL("../../../data/models/tiny-bert", import.meta.url).pathname,
   * );
   * const pair = bert.tokenizePair("A man plays.", "Someone plays.");
   * const [states] = await bert.lastHiddenState([pair]);
   * assertEquals([states.length, states[0].length], [pair.inputIds.length, 32]);
   * bert.dispose();
   * ```
   */
  lastHiddenState(encodings: Encoding[], options: EmbedOptions = {}): Promise<Float32Array[][]> {
    const h = this.tokenHiddenSize;
    return this.#runSorted(
      checkArray(encodings, "encodings"),
      options,
      "encode",
      (out, batch) =>
        batch.map((e, row) =>
          Array.from({ length: e.inputIds.length }, (_, t) => {
            const start = (row * out.seqLen + t) * h;
            return out.data.slice(start, start + h);
          })
        ),
    );
  }

  /**
   * The last hidden state of every token of pre-split sentences, with each token's word in
   * `wordIds` (`null` for `[CLS]`/`[SEP]`): the input of a token-classification head. Cached
   * under `<modelId>#tokens`.
   */
  tokenFeatures(sentences: string[][], options: EmbedOptions = {}): Promise<TokenFeatures[]> {
    const h = this.tokenHiddenSize;
    return cachedTokenFeatures(
      sentences,
      (words) => this.tokenizer.tokenizeWords(words),
      async (encodings) => {
        const states = await this.lastHiddenState(encodings, options);
        return states.map((rows) => {
          const out = new Float32Array(rows.length * h);
          rows.forEach((r, t) => out.set(r, t * h));
          return out;
        });
      },
      {
        cacheKey: this.#tokensCacheKey,
        hiddenSize: h,
        enabled: options.cache ?? true,
        dir: this.#cacheDir,
      },
    );
  }

  /** Releases the ONNX session. */
  dispose(): void {
    void this.model.dispose();
  }

  /** Runs batches of encodings sorted by length (less padding) and returns results in input order. */
  #runSorted<T>(
    encodings: Encoding[],
    options: EmbedOptions,
    label: string,
    read: (out: ModelOutput, batch: Encoding[]) => T[],
  ): Promise<T[]> {
    return runSortedBatches(
      encodings,
      (e) => e.inputIds.length,
      async (batch) => read(await runModel(this.model, batch), batch),
      { ...options, label: `${label} ${this.modelId}` },
    );
  }
}

/** The last hidden state of a padded batch, row-major `[batch, seqLen, hiddenSize]`. */
interface ModelOutput {
  data: Float32Array;
  seqLen: number;
  hiddenSize: number;
}

/** One forward pass over a right-padded batch (pad id 0, mask 0, type 0). */
async function runModel(model: PreTrainedModel, batch: Encoding[]): Promise<ModelOutput> {
  const seqLen = Math.max(...batch.map((e) => e.inputIds.length));
  const size = batch.length * seqLen;
  const ids = new BigInt64Array(size);
  const mask = new BigInt64Array(size);
  const types = new BigInt64Array(size);
  batch.forEach((e, row) => {
    e.inputIds.forEach((id, t) => {
      ids[row * seqLen + t] = BigInt(id);
      mask[row * seqLen + t] = BigInt(e.attentionMask[t]);
      types[row * seqLen + t] = BigInt(e.tokenTypeIds[t]);
    });
  });
  const dims = [batch.length, seqLen];
  const inputs = {
    input_ids: new Tensor("int64", ids, dims),
    attention_mask: new Tensor("int64", mask, dims),
    token_type_ids: new Tensor("int64", types, dims),
  };
  const outputs = await model(inputs) as Record<string, Tensor>;
  const hidden = outputs.last_hidden_state;
  if (!(hidden instanceof Tensor) || hidden.dims.length !== 3) {
    throw new ArgumentError(
      "model",
      Object.keys(outputs),
      "returned no last_hidden_state [batch, seq, hidden] (these are its outputs)",
      "load a feature-extraction (base) model",
    );
  }
  const data = Float32Array.from(hidden.data as Float32Array);
  for (const t of [...Object.values(outputs), ...Object.values(inputs)]) {
    if (t instanceof Tensor) t.dispose();
  }
  return { data, seqLen, hiddenSize: hidden.dims[2] };
}
