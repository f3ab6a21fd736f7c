/**
 * The transformers.js path: tiny-bert (data/models, onnxruntime-node through transformers.js)
 * embedding the benchmark sentences (batch 32), its tokenizer alone, and its cold start in a
 * fresh process. There is no PyTorch reference for it here (transformers is not a Debian package).
 * @module
 */
import { fileURLToPath } from "node:url";
import { coldStart, coldStartSpeed } from "./cold_start.ts";
import { benchSentences } from "./sentences.ts";
import { type BenchRow, median } from "./table.ts";

const TINY = fileURLToPath(new URL("../../data/models/tiny-bert", import.meta.url));

/** The transformers.js rows. */
export async function transformersRows(): Promise<BenchRow[]> {
  const { TransformersEncoder } = await import("../../lib/encoders/transformers/encoder.ts");
  const { texts, source } = await benchSentences(256);
  const enc = await TransformersEncoder.fromPretrained(TINY);
  const opts = { cache: false, progress: false, batchSize: 32 };
  await enc.embed(texts.slice(0, 32), opts);
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    await enc.embed(texts, opts);
    times.push(performance.now() - t);
  }
  const tokenizeTimes: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    for (const s of texts) enc.tokenize(s);
    tokenizeTimes.push(performance.now() - t);
  }
  enc.dispose();
  const perS = (ms: number) => `${(texts.length / (ms / 1000)).toFixed(0)} sentences/s`;
  const row = { vsTorch: "—", gflops: "—", diff: "—" };
  return [{
    ...row,
    work: `tiny-bert embed (hidden ${enc.hiddenSize}), batch 32, ${source}`,
    path: "transformers.js → onnxruntime-node",
    speed: perS(median(times)),
  }, {
    ...row,
    work: `tiny-bert tokenize, ${source}`,
    path: "transformers.js tokenizer + kit word ids",
    speed: perS(median(tokenizeTimes)),
  }, {
    ...row,
    work: "tiny-bert cold start, fresh process: import, load, embed 1 sentence",
    path: "transformers.js → onnxruntime-node",
    speed: coldStartSpeed(await coldStart("tiny-bert")),
  }];
}
