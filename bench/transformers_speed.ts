/**
 * transformers.js encoder speed (onnxruntime-node, CPU): import, model load, first-call latency (one
 * sentence right after loading), and sentences per second for `embed` (batches sorted by length)
 * and for the tokenizer alone. Each model runs in its own process, so every load is cold.
 * Prints a markdown table.
 *
 *   deno run -A bench/transformers_speed.ts                          # tiny-bert (+ MiniLM when online)
 *   deno run -A bench/transformers_speed.ts Xenova/bert-base-uncased # any models
 *
 * Sentences: the first 256 SST-2 dev sentences when the data directory is there, else a fixed
 * mix of short and long sentences.
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dataDir } from "../lib/data/datadir.ts";
import { column } from "../lib/data/table.ts";
import { readTsv } from "../lib/data/tsv.ts";

const N = 256;
const BATCH = 32;
const TINY = fileURLToPath(new URL("../data/models/tiny-bert", import.meta.url));

interface Row {
  model: string;
  hiddenSize: number;
  /** Importing transformers.js and onnxruntime-node's native binding. */
  importMs: number;
  sentences: number;
  loadMs: number;
  firstCallMs: number;
  embedPerS: number;
  tokenizePerS: number;
}

async function sentences(n: number): Promise<string[]> {
  const dir = dataDir();
  if (dir) {
    const table = await readTsv(join(dir, "sst2", "SST-2", "dev.tsv"));
    return column(table, "content").slice(0, n);
  }
  const base = [
    "A man is playing guitar on stage.",
    "The service was terrible and I want a refund, the staff ignored us for an hour.",
    "Great!",
    "It is a long, slow, beautifully shot film about memory, loss and the small rituals that " +
    "keep a family together when everything else is falling apart.",
  ];
  return Array.from({ length: n }, (_, i) => `${base[i % base.length]} (${i})`);
}

async function measure(model: string): Promise<Row> {
  const texts = await sentences(N);
  let t = performance.now();
  const { TransformersEncoder } = await import("../lib/encoders/transformers/encoder.ts");
  const importMs = performance.now() - t;
  t = performance.now();
  const enc = await TransformersEncoder.fromPretrained(model);
  const loadMs = performance.now() - t;

  t = performance.now();
  await enc.embed([texts[0]], { cache: false, progress: false });
  const firstCallMs = performance.now() - t;

  t = performance.now();
  await enc.embed(texts, { cache: false, progress: false, batchSize: BATCH });
  const embedPerS = texts.length / ((performance.now() - t) / 1000);

  t = performance.now();
  for (const s of texts) enc.tokenize(s);
  const tokenizePerS = texts.length / ((performance.now() - t) / 1000);
  enc.dispose();
  return {
    model: model === TINY ? "tiny-bert (data/models)" : model,
    hiddenSize: enc.hiddenSize,
    importMs,
    sentences: texts.length,
    loadMs,
    firstCallMs,
    embedPerS,
    tokenizePerS,
  };
}

async function online(): Promise<boolean> {
  try {
    const res = await fetch("https://huggingface.co/api/models/Xenova/all-MiniLM-L6-v2", {
      signal: AbortSignal.timeout(3000),
    });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

const child = Deno.env.get("TRANSFORMERS_BENCH_MODEL");
if (child) {
  console.log(JSON.stringify(await measure(child)));
} else {
  const models = Deno.args.length
    ? Deno.args
    : [TINY, ...(await online() ? ["Xenova/all-MiniLM-L6-v2"] : [])];
  const rows: Row[] = [];
  for (const model of models) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", fileURLToPath(import.meta.url)],
      env: { TRANSFORMERS_BENCH_MODEL: model },
      stderr: "inherit",
    }).output();
    if (!out.success) throw new Error(`measuring ${model} failed`);
    const lines = new TextDecoder().decode(out.stdout).trim().split("\n");
    rows.push(JSON.parse(lines[lines.length - 1]));
  }
  console.log(
    `| model | hidden | sentences | import ms | load ms | first call ms | embed sent/s (batch ${BATCH}) | ` +
      "tokenize sent/s |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    console.log(
      `| ${r.model} | ${r.hiddenSize} | ${r.sentences} | ${r.importMs.toFixed(0)} | ${
        r.loadMs.toFixed(0)
      } | ${r.firstCallMs.toFixed(1)} | ${r.embedPerS.toFixed(0)} | ${r.tokenizePerS.toFixed(0)} |`,
    );
  }
}
