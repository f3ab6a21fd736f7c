/**
 * USE-lite speed: model load, first-call latency, sentences per second (batches sorted by
 * length, as `embed` does, and in random order), and one training step, per tfjs backend. Each
 * backend runs in its own process (`KIT_BACKEND`). Prints a markdown table.
 *
 *   deno run -A bench/use_lite_speed.ts            # wasm and cpu
 *   deno run -A bench/use_lite_speed.ts wasm       # one backend
 *
 * Sentences: the first SST-2 dev sentences when the data directory is there, else a fixed mix
 * of short and long sentences. cpu runs ~1.7 sentences/s, so it gets a handful of sentences.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { dataDir } from "../lib/data/datadir.ts";
import { column } from "../lib/data/table.ts";
import { readTsv } from "../lib/data/tsv.ts";
import { loadUseLite } from "../lib/encoders/use_lite/encoder.ts";
import { NODES, runGraph } from "../lib/encoders/use_lite/model.ts";
import { TrainableUseLite } from "../lib/encoders/use_lite/trainable.ts";

interface Row {
  backend: string;
  sentences: number;
  loadMs: number;
  firstCallMs: number;
  sortedPerS: number;
  randomPerS: number;
  /** NaN (null in JSON) where not measured. */
  trainStepMs: number;
}

const SIZES: Record<string, { n: number; batch: number }> = {
  wasm: { n: 256, batch: 32 },
  cpu: { n: 4, batch: 4 },
};

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

async function measure(backend: string): Promise<Row> {
  const { n, batch } = SIZES[backend];
  const texts = await sentences(n);
  let t = performance.now();
  const use = await loadUseLite({ runtime: "tfjs" }); // this script measures tfjs backends
  const loadMs = performance.now() - t;
  if (tf.getBackend() !== backend) throw new Error(`asked ${backend}, got ${tf.getBackend()}`);

  t = performance.now();
  await use.embed([texts[0]], { cache: false, progress: false });
  const firstCallMs = performance.now() - t;

  t = performance.now();
  await use.embed(texts, { cache: false, progress: false, batchSize: batch });
  const sortedPerS = n / ((performance.now() - t) / 1000);

  const ids = texts.map((s) => use.tokenize(s).inputIds);
  t = performance.now();
  for (let i = 0; i < ids.length; i += batch) {
    tf.dispose(runGraph(use.model, ids.slice(i, i + batch), [NODES.pooled]));
  }
  const randomPerS = n / ((performance.now() - t) / 1000);
  use.dispose();

  let trainStepMs = NaN;
  if (backend === "wasm") {
    const trainable = await TrainableUseLite.load();
    const opt = tf.train.adam(1e-4);
    const step = () =>
      opt.minimize(
        () => tf.sum(tf.square(trainable.forward(texts.slice(0, 16)))) as tf.Scalar,
        false,
        trainable.trainableVariables(),
      );
    step(); // the first step also creates Adam's slots
    t = performance.now();
    step();
    trainStepMs = performance.now() - t;
    opt.dispose();
    trainable.dispose();
  }
  return { backend, sentences: n, loadMs, firstCallMs, sortedPerS, randomPerS, trainStepMs };
}

if (Deno.env.get("USE_LITE_BENCH_CHILD")) {
  console.log(JSON.stringify(await measure(Deno.env.get("KIT_BACKEND")!)));
} else {
  const backends = Deno.args.length ? Deno.args : ["wasm", "cpu"];
  const rows: Row[] = [];
  for (const backend of backends) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL(import.meta.url).pathname],
      env: { KIT_BACKEND: backend, USE_LITE_BENCH_CHILD: "1" },
      stderr: "inherit",
    }).output();
    const lines = new TextDecoder().decode(out.stdout).trim().split("\n");
    rows.push(JSON.parse(lines[lines.length - 1]));
  }
  const f = (x: number | null, d = 0) => x === null || Number.isNaN(x) ? "—" : x.toFixed(d);
  console.log(
    "| backend | sentences | load ms | first call ms | sorted batches sent/s | " +
      "unsorted batches sent/s | train step ms (16 sentences) |",
  );
  console.log("|---|---|---|---|---|---|---|");
  for (const r of rows) {
    console.log(
      `| ${r.backend} | ${r.sentences} | ${f(r.loadMs)} | ${f(r.firstCallMs)} | ${
        f(r.sortedPerS, 1)
      } | ${f(r.randomPerS, 1)} | ${f(r.trainStepMs)} |`,
    );
  }
}
