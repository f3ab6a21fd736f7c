/**
 * `deno task bench [groups...] [--markdown file] [--quick]`: the kit's benchmarks in one table —
 * work | path | throughput or time per step | ratio to PyTorch in the same run | GFLOP/s |
 * difference from the reference path.
 *
 * Groups: `encoder` (USE-lite embeddings on tfjs-wasm, tfjs-cpu, onnxruntime, PyTorch; cold
 * starts; matmul rates), `train` (head step, 2-layer encoder step, USE-lite end-to-end step, each
 * beside PyTorch), `head` (the head step's rows alone, a few seconds), `hf` (a training step of
 * BERTs shaped like bert-tiny and all-MiniLM-L6-v2 fine-tuned end to end by lib/models, beside
 * transformers + PyTorch on the same folder; PyTorch from `KIT_HF_PYTHON`), `seqeval` (CoNLL-2003
 * test), `transformers` (transformers.js tiny-bert: embed, tokenize, cold start). Default: all, a
 * few minutes on 2 cores. PyTorch is Debian's python3-torch (/usr/bin/python3, or `KIT_PYTHON`);
 * without it the PyTorch columns read "—". Times are medians of repeated runs.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { parseArgs } from "node:util";
import { initBackend } from "../lib/backend.ts";
import { encoderRows } from "./bench/encoder.ts";
import { seqevalRows } from "./bench/seqeval.ts";
import { type BenchRow, markdownTable, textTable } from "./bench/table.ts";
import { torchMissing, torchVersion } from "./bench/torch.ts";
import { trainRows } from "./bench/train.ts";
import { hfTrainRows } from "./bench/hf_train.ts";
import { transformersRows } from "./bench/transformers.ts";

const GROUPS = ["encoder", "train", "head", "hf", "seqeval", "transformers"] as const;
type Group = (typeof GROUPS)[number];

const { values, positionals } = parseArgs({
  args: Deno.args,
  allowPositionals: true,
  options: {
    markdown: { type: "string" },
    quick: { type: "boolean", default: false },
    "torch-threads": { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(
    "deno task bench [encoder] [train] [head] [hf] [seqeval] [transformers] [--markdown FILE] " +
      "[--quick] [--torch-threads 1,2]",
  );
  Deno.exit(0);
}
const bad = positionals.filter((p) => !GROUPS.includes(p as Group));
if (bad.length) {
  console.error(`unknown benchmark group(s) ${bad.join(", ")}; groups: ${GROUPS.join(", ")}`);
  Deno.exit(2);
}
// `head` is part of `train`: the default runs every group once.
const groups = (positionals.length ? positionals : GROUPS.filter((g) => g !== "head")) as Group[];
const cores = navigator.hardwareConcurrency;
const threads = values["torch-threads"] === undefined
  ? [1, cores]
  : values["torch-threads"].split(",").map(Number);
if (!threads.every((t) => Number.isInteger(t) && t >= 1)) {
  console.error(`--torch-threads must list positive integers, got ${values["torch-threads"]}`);
  Deno.exit(2);
}
const quick = values.quick;

const backend = await initBackend({ quiet: true });
// Other jobs on a small machine move every number: the header records the load around the run.
const loadBefore = Deno.loadavg()[0];
const rows: BenchRow[] = [];
const started = performance.now();
for (const group of groups) {
  const t = performance.now();
  console.error(`bench: ${group}…`);
  if (group === "encoder") {
    rows.push(
      ...await encoderRows({ sentences: quick ? 256 : 512, repeats: quick ? 2 : 3, threads }),
    );
  } else if (group === "train" || group === "head") {
    rows.push(...await trainRows({ quick, threads, headOnly: group === "head" }));
  } else if (group === "hf") rows.push(...await hfTrainRows({ quick, threads }));
  else if (group === "seqeval") rows.push(...await seqevalRows());
  else rows.push(...await transformersRows());
  console.error(`bench: ${group} took ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

const date = new Date().toISOString().slice(0, 10);
const load = `load average ${loadBefore.toFixed(1)} before, ${Deno.loadavg()[0].toFixed(1)} after`;
const header = `${date}, ${Deno.build.os}/${Deno.build.arch}, ${cores} cores (${load}); ` +
  `Deno ${Deno.version.deno}, ` +
  `tfjs ${tf.version.tfjs} (${backend}); PyTorch: ${
    torchMissing()
      ? `not run (${torchMissing()})`
      : `${torchVersion() ?? "?"}, fastest of ${threads.join(" and ")} thread(s)`
  }; medians; "vs PyTorch" = kit time / PyTorch time for the same work (1× = as fast)`;
console.log(header);
console.log(textTable(rows));
console.error(`bench: total ${((performance.now() - started) / 1000).toFixed(0)} s`);
if (values.markdown) {
  await Deno.writeTextFile(values.markdown, `${header}\n\n${markdownTable(rows)}\n`);
  console.error(`bench: wrote ${values.markdown}`);
}
