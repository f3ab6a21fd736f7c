/**
 * Encoder rows: USE-lite sentence embeddings (batch 32) on tfjs-wasm (the reference path),
 * onnxruntime-node, and PyTorch (the same weights, bench/torch_ref.py), with achieved GFLOP/s
 * beside each path's float32 matmul rate on this machine; a short sample on tfjs's cpu backend;
 * and each path's cold start (import, load, first call) in a fresh process.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { initBackend } from "../../lib/backend.ts";
import { loadDataset } from "../../lib/data/load.ts";
import { loadUseLite, type UseLiteEncoder } from "../../lib/encoders/use_lite/encoder.ts";
import { NODES, runGraph } from "../../lib/encoders/use_lite/model.ts";
import { OnnxGraph } from "../../lib/onnx/graph.ts";
import { loadOnnxRuntime } from "../../lib/onnx/runtime.ts";
import { Random } from "../../lib/random.ts";
import { writeSafetensors } from "../../lib/safetensors.ts";
import { coldStart, coldStartSpeed } from "./cold_start.ts";
import { benchSentences } from "./sentences.ts";
import { type BenchRow, median, ratio } from "./table.ts";
import { torchBest } from "./torch.ts";

const BATCH = 32;
/** tfjs's pure-JavaScript backend embeds a few sentences a second: it gets a short sample. */
const CPU_SENTENCES = 16;
const MATMUL = [1024, 512, 1536] as const;

/**
 * Useful FLOPs of one USE-lite forward pass over sentences of these piece counts: the per-piece
 * matrix products of both layers, attention over each sentence's own pieces, and the pooler.
 */
export function useLiteFlops(lengths: number[]): number {
  const perPiece = 2 * (256 * 768 + 256 * 512 + 256 * 512 + 2 * 512 * 1536) +
    2 * (512 * 1536 + 512 * 512 + 2 * 512 * 1536);
  return lengths.reduce((s, n) => s + n * perPiece + 4 * n * n * (256 + 512) + 2 * 512 * 512, 0);
}

function sortedBatches(ids: number[][]): number[][][] {
  const sorted = [...ids].sort((a, b) => a.length - b.length);
  const out: number[][][] = [];
  for (let i = 0; i < sorted.length; i += BATCH) out.push(sorted.slice(i, i + BATCH));
  return out;
}

function maxAbsDiff(a: Float32Array[], b: Float32Array[]): number {
  let m = 0;
  a.forEach((v, i) => v.forEach((x, j) => m = Math.max(m, Math.abs(x - b[i][j]))));
  return m;
}

async function timeMs(
  fn: () => Promise<unknown> | unknown,
  repeats: number,
  pick: (times: number[]) => number = median,
): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return pick(times);
}

/** Matmul rates are the machine's capability: the fastest run, as other jobs come and go. */
const fastest = (times: number[]) => Math.min(...times);

/** tfjs-wasm's and onnxruntime's best matmul rate at USE-lite's FFN size. */
async function matmulRates(repeats: number): Promise<{ tfjs: number; ort?: number }> {
  const [m, k, n] = MATMUL;
  const flops = 2 * m * k * n;
  const rng = new Random(1);
  const a = Float32Array.from({ length: m * k }, () => rng.random() - 0.5);
  const b = Float32Array.from({ length: k * n }, () => rng.random() - 0.5);
  const ta = tf.tensor2d(a, [m, k]);
  const tb = tf.tensor2d(b, [k, n]);
  // Not tf.tidy(() => ….dataSync()): tidy walks every element of a returned typed array
  // looking for tensors, which costs 20× the matmul.
  const tfjsMs = await timeMs(
    () => {
      const c = tf.matMul(ta, tb);
      c.dataSync();
      c.dispose();
    },
    repeats * 10,
    fastest,
  );
  tf.dispose([ta, tb]);
  const ort = await loadOnnxRuntime();
  if (!ort) return { tfjs: flops / tfjsMs / 1e6 };
  const g = new OnnxGraph("matmul");
  // Summed in the graph so that copying 6 MB out of the session is not timed as compute.
  const product = g.op("MatMul", [g.input("a", "float32", [m, k]), g.weight("b", b, [k, n])]);
  g.output(g.op("ReduceSum", [product], { keepdims: { int: 0 } }), "c", "float32", []);
  const session = await ort.InferenceSession.create(g.toBytes());
  const feed = { a: new ort.Tensor("float32", a, [m, k]) };
  const ortMs = await timeMs(() => session.run(feed), repeats * 10, fastest);
  await session.release();
  return { tfjs: flops / tfjsMs / 1e6, ort: flops / ortMs / 1e6 };
}

/** USE-lite weights (and the batches) for the PyTorch port. */
async function torchInputs(use: UseLiteEncoder, batches: number[][][], dir: string) {
  const tensors: Record<string, { shape: number[]; data: Float32Array }> = {};
  for (const [name, [t]] of Object.entries(use.model.weights)) {
    if (t.dtype === "float32") {
      tensors[name] = { shape: t.shape, data: t.dataSync() as Float32Array };
    }
  }
  await writeSafetensors(join(dir, "use_lite.safetensors"), tensors);
  await Deno.writeTextFile(join(dir, "batches.json"), JSON.stringify(batches));
}

interface SampleContext {
  ref: UseLiteEncoder;
  backend: string;
  repeats: number;
  threads: number[];
  /** PyTorch's matmul rate: the yardstick of the GFLOP/s column. */
  torchMm?: { gflops?: number };
  /** Also time the tfjs graph on batches in the given order (no sorting). */
  unsorted: boolean;
}

const pct = (gflops: number, peak?: number) =>
  peak
    ? `${gflops.toFixed(1)} (${((100 * gflops) / peak).toFixed(0)}% of PyTorch's matmul)`
    : gflops.toFixed(1);

/** USE-lite embedding rows for one set of sentences: tfjs, onnxruntime, PyTorch. */
async function sampleRows(texts: string[], source: string, c: SampleContext): Promise<BenchRow[]> {
  const { ref, backend, repeats, threads, torchMm } = c;
  const ids = texts.map((t) => ref.tokenize(t).inputIds);
  const batches = sortedBatches(ids);
  const flops = useLiteFlops(ids.map((s) => s.length));
  const meanPieces = ids.reduce((n, s) => n + s.length, 0) / ids.length;
  const work = `USE-lite embed, batch ${BATCH}, ${source}, ${
    meanPieces.toFixed(1)
  } pieces on average`;
  const rows: BenchRow[] = [];

  // Reference: the tfjs graph, sorted batches as embed() runs them.
  const opts = { cache: false, progress: false, batchSize: BATCH };
  let refVectors: Float32Array[] = [];
  const tfjsMs = await timeMs(async () => refVectors = await ref.embed(texts, opts), repeats);
  const unsortedMs = c.unsorted
    ? await timeMs(() => {
      for (let i = 0; i < ids.length; i += BATCH) {
        tf.dispose(runGraph(ref.model, ids.slice(i, i + BATCH), [NODES.pooled]));
      }
    }, 1)
    : undefined;
  const dir = await Deno.makeTempDir({ prefix: "kit-bench-" });
  let torchMs: number | undefined;
  let torchThreads = 0;
  let torchDiff = "—";
  try {
    await torchInputs(ref, batches, dir);
    const out = join(dir, "torch.f32");
    const r = await torchBest("use-lite", {
      repeats: Math.max(repeats, 3),
      weights: join(dir, "use_lite.safetensors"),
      batches: join(dir, "batches.json"),
      out,
    }, threads);
    if (r) {
      torchMs = r.ms;
      torchThreads = r.threads;
      const flat = new Float32Array((await Deno.readFile(out)).buffer);
      const sortedRef = batches.flat().map((s) => refVectors[ids.indexOf(s)]);
      const torchVectors = sortedRef.map((_, i) => flat.subarray(i * 512, (i + 1) * 512));
      torchDiff = `max abs ${maxAbsDiff(torchVectors, sortedRef).toExponential(1)}`;
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }

  const perS = (ms: number) => `${(texts.length / (ms / 1000)).toFixed(0)} sentences/s`;
  const gf = (ms: number) => flops / ms / 1e6;
  rows.push({
    work,
    path: `tfjs-${backend} (1 thread), sorted batches — reference`,
    speed: perS(tfjsMs),
    vsTorch: ratio(tfjsMs, torchMs),
    gflops: pct(gf(tfjsMs), torchMm?.gflops),
    diff: "reference",
  });
  if (unsortedMs !== undefined) {
    rows.push({
      work,
      path: `tfjs-${backend} (1 thread), unsorted batches`,
      speed: perS(unsortedMs),
      vsTorch: ratio(unsortedMs, torchMs),
      gflops: pct(gf(unsortedMs), torchMm?.gflops),
      diff: "same graph",
    });
  }

  const onnx = await loadUseLite({ runtime: "onnx" }).catch(() => undefined);
  if (onnx) {
    let vectors: Float32Array[] = [];
    const ortMs = await timeMs(async () => vectors = await onnx.embed(texts, opts), repeats + 2);
    rows.push({
      work,
      path: "onnxruntime-node (kit default), sorted batches",
      speed: perS(ortMs),
      vsTorch: ratio(ortMs, torchMs),
      gflops: pct(gf(ortMs), torchMm?.gflops),
      diff: `max abs ${maxAbsDiff(vectors, refVectors).toExponential(1)}`,
    });
    onnx.dispose();
  }
  if (torchMs !== undefined) {
    rows.push({
      work,
      path: `PyTorch port, same weights (${torchThreads} thread(s))`,
      speed: perS(torchMs),
      vsTorch: "1×",
      gflops: pct(gf(torchMs), torchMm?.gflops),
      diff: torchDiff,
    });
  }
  return rows;
}

/** USE-lite on tfjs's cpu backend (a process of its own), against the wasm reference. */
async function cpuRows(ref: UseLiteEncoder, torchMatmul?: number): Promise<BenchRow[]> {
  const { texts, source } = await benchSentences(CPU_SENTENCES);
  const options = { sentences: texts.length, batchSize: texts.length };
  const { embedMs, vectors } = await coldStart("use-lite tfjs-cpu", options);
  const refVectors = await ref.embed(texts, { cache: false, progress: false });
  const lengths = texts.map((t) => ref.tokenize(t).inputIds.length);
  const meanPieces = lengths.reduce((a, b) => a + b, 0) / lengths.length;
  return [{
    work: `USE-lite embed, batch ${texts.length}, ${source}, ${
      meanPieces.toFixed(1)
    } pieces on average`,
    path: "tfjs-cpu (pure JavaScript), sorted batches",
    speed: `${(texts.length / (embedMs! / 1000)).toFixed(1)} sentences/s`,
    vsTorch: "—",
    gflops: pct(useLiteFlops(lengths) / embedMs! / 1e6, torchMatmul),
    diff: `max abs ${
      maxAbsDiff(vectors!.map((v) => Float32Array.from(v)), refVectors)
        .toExponential(1)
    } from tfjs-wasm`,
  }];
}

/** USE-lite's cold start on each path, each in a fresh process. */
async function coldStartRows(): Promise<BenchRow[]> {
  const paths = [
    ["use-lite tfjs-wasm", "tfjs-wasm"],
    ["use-lite tfjs-cpu", "tfjs-cpu (pure JavaScript)"],
    ["use-lite onnx", "onnxruntime-node (kit default)"],
  ] as const;
  const rows: BenchRow[] = [];
  for (const [c, path] of paths) {
    rows.push({
      work: "USE-lite cold start, fresh process: import, load, embed 1 sentence",
      path,
      speed: coldStartSpeed(await coldStart(c)),
      vsTorch: "—",
      gflops: "—",
      diff: "—",
    });
  }
  return rows;
}

/** The encoder rows: a sample of SST-2 train, all of SST-2 dev (when present), matmul rates. */
export async function encoderRows(
  { sentences = 512, repeats = 3, threads }: {
    sentences?: number;
    repeats?: number;
    threads: number[];
  },
): Promise<BenchRow[]> {
  const backend = await initBackend({ quiet: true });
  const ref = await loadUseLite({ runtime: "tfjs" });
  const mm = await matmulRates(repeats);
  const torchMm = await torchBest("matmul", {}, threads);
  const context = { ref, backend, repeats, threads, torchMm, unsorted: true };
  const { texts, source } = await benchSentences(sentences);
  const rows = await sampleRows(texts, source, context);
  const dev = await loadDataset("sst2", { split: "validation", source: "local" }).catch(() => null);
  if (dev) {
    // Longer sentences; the tfjs reference is slow on them, so it runs once.
    const devTexts = dev.inputs.slice(0, sentences);
    rows.push(
      ...await sampleRows(devTexts, `${devTexts.length} SST-2 dev sentences`, {
        ...context,
        repeats: 1,
        unsorted: false,
      }),
    );
  }
  rows.push(...await cpuRows(ref, torchMm?.gflops));
  ref.dispose();
  rows.push(...await coldStartRows());
  const mmWork = `float32 matmul ${MATMUL.join("×")}`;
  rows.push({
    work: mmWork,
    path: `tfjs-${backend}`,
    speed: `${mm.tfjs.toFixed(1)} GFLOP/s`,
    vsTorch: ratio(torchMm?.gflops, mm.tfjs),
    gflops: mm.tfjs.toFixed(1),
    diff: "—",
  });
  if (mm.ort) {
    rows.push({
      work: mmWork,
      path: "onnxruntime-node",
      speed: `${mm.ort.toFixed(1)} GFLOP/s`,
      vsTorch: ratio(torchMm?.gflops, mm.ort),
      gflops: mm.ort.toFixed(1),
      diff: "—",
    });
  }
  if (torchMm?.gflops) {
    rows.push({
      work: mmWork,
      path: `PyTorch (${torchMm.threads} thread(s))`,
      speed: `${torchMm.gflops.toFixed(1)} GFLOP/s`,
      vsTorch: "1×",
      gflops: torchMm.gflops.toFixed(1),
      diff: "—",
    });
  }
  return rows;
}
