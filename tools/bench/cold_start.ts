/**
 * Cold starts: an encoder path measured in a fresh Deno process, so the module import, the model
 * load and the first `embed` (one sentence) are all cold, as a notebook's first cell meets them.
 * A process of its own is also the only way to pick tfjs's pure-JavaScript `cpu` backend
 * (`KIT_BACKEND`) beside the bench's wasm. The parent calls {@linkcode coldStart}; the child is
 * this file run with the case as its argument, printing one JSON line.
 * @module
 */
import { fileURLToPath } from "node:url";

/** What runs in the fresh process. */
export type ColdCase = "use-lite tfjs-wasm" | "use-lite tfjs-cpu" | "use-lite onnx" | "tiny-bert";

/** What the fresh process measured. */
export interface ColdStart {
  importMs: number;
  loadMs: number;
  firstCallMs: number;
  /** With `sentences`: the time to embed them after the first call, and their vectors. */
  embedMs?: number;
  vectors?: number[][];
}

/** Extra work after the first call: embed `sentences` benchmark sentences in batches of `batchSize`. */
export interface ColdOptions {
  sentences?: number;
  batchSize?: number;
}

const CASES: Record<ColdCase, { env: Record<string, string> }> = {
  "use-lite tfjs-wasm": { env: { KIT_BACKEND: "wasm" } },
  "use-lite tfjs-cpu": { env: { KIT_BACKEND: "cpu" } },
  "use-lite onnx": { env: {} },
  "tiny-bert": { env: {} },
};

const TINY = fileURLToPath(new URL("../../data/models/tiny-bert", import.meta.url));

/** Runs `c` in a fresh Deno process and returns what it measured. */
export async function coldStart(c: ColdCase, options: ColdOptions = {}): Promise<ColdStart> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", fileURLToPath(import.meta.url), c, JSON.stringify(options)],
    env: CASES[c].env,
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error(`cold start of ${c} failed (exit code ${out.code})`);
  const lines = new TextDecoder().decode(out.stdout).trim().split("\n");
  return JSON.parse(lines[lines.length - 1]);
}

/** The three cold times as the table's speed column shows them. */
export function coldStartSpeed(r: ColdStart): string {
  return `import ${r.importMs.toFixed(0)} ms, load ${r.loadMs.toFixed(0)} ms, ` +
    `first call ${r.firstCallMs.toFixed(0)} ms`;
}

interface Embedder {
  embed(texts: string[], options: object): Promise<Float32Array[]>;
  dispose(): void;
}

async function measure(c: ColdCase, { sentences, batchSize }: ColdOptions): Promise<ColdStart> {
  let t = performance.now();
  const mod = c === "tiny-bert"
    ? await import("../../lib/encoders/transformers/encoder.ts")
    : await import("../../lib/encoders/use_lite/encoder.ts");
  const importMs = performance.now() - t;
  t = performance.now();
  const enc: Embedder = "TransformersEncoder" in mod
    ? await mod.TransformersEncoder.fromPretrained(TINY)
    : await mod.loadUseLite({ runtime: c === "use-lite onnx" ? "onnx" : "tfjs" });
  const loadMs = performance.now() - t;
  const backend = CASES[c].env.KIT_BACKEND;
  const tf = await import("@tensorflow/tfjs");
  if (backend && tf.getBackend() !== backend) {
    throw new Error(`${c}: asked for tfjs backend ${backend}, got ${tf.getBackend()}`);
  }
  // Imported after the timed import: it loads the data readers.
  const { benchSentences } = await import("./sentences.ts");
  const { texts } = await benchSentences(sentences ?? 1);
  const opts = { cache: false, progress: false, batchSize };
  t = performance.now();
  await enc.embed([texts[0]], opts);
  const firstCallMs = performance.now() - t;
  const result: ColdStart = { importMs, loadMs, firstCallMs };
  if (sentences) {
    t = performance.now();
    const vectors = await enc.embed(texts, opts);
    result.embedMs = performance.now() - t;
    result.vectors = vectors.map((v) => [...v]);
  }
  enc.dispose();
  return result;
}

if (import.meta.main) {
  const c = Deno.args[0] as ColdCase;
  if (!(c in CASES)) throw new Error(`unknown cold-start case ${JSON.stringify(c)}`);
  console.log(JSON.stringify(await measure(c, JSON.parse(Deno.args[1] ?? "{}"))));
}
