/**
 * Training rows, each beside the same step in PyTorch (bench/torch_ref.py) in the same run:
 * - head only: the kit's Trainer on dropout + linear 512 → 2, batch 32 precomputed features;
 * - the 2-layer encoder step (batch 32 × 128 tokens × width 128), tfjs vs PyTorch;
 * - USE-lite end to end through the kit's Trainer (batch 32 SST-2 sentences) vs the PyTorch port
 *   of USE-lite with the same weights and batch.
 * Time per step is the median over repeated runs of run time / steps, after an untimed warm-up
 * run, so first-call compilation is left out.
 * @module
 */
import { join } from "node:path";
import { initBackend } from "../../lib/backend.ts";
import { type Body, featureBody } from "../../lib/encoders/body.ts";
import { createClassifier } from "../../lib/heads/model.ts";
import { Random } from "../../lib/random.ts";
import { registerKitGradients } from "../../lib/tf/gradients.ts";
import { writeSafetensors } from "../../lib/safetensors.ts";
import { Trainer } from "../../lib/train/trainer.ts";
import { benchSentences } from "./sentences.ts";
import { encoderStep } from "./encoder_step.ts";
import { type BenchRow, median, ratio } from "./table.ts";
import { torchBest } from "./torch.ts";

const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms/step`;

/** The kit's row for one step and, when PyTorch ran, its row beside it (the 1× reference). */
function stepRows(
  work: string,
  kit: { path: string; ms: number },
  torch: { path: string; ms: number } | undefined,
  gflops: (ms: number) => string = () => "—",
): BenchRow[] {
  const row = (path: string, t: number, vsTorch: string): BenchRow => ({
    work,
    path,
    speed: ms(t),
    vsTorch,
    gflops: gflops(t),
    diff: "—",
  });
  return [
    row(kit.path, kit.ms, ratio(kit.ms, torch?.ms)),
    ...(torch ? [row(torch.path, torch.ms, "1×")] : []),
  ];
}

/**
 * Milliseconds per Trainer step: an untimed run of `warmup` steps (setup, first calls, and V8
 * compiling the hot JavaScript, which takes a few hundred calls), then the median over `repeats`
 * runs of run time / `steps`.
 */
async function trainerMsPerStep<I>(
  body: Body<I>,
  inputs: I[],
  { warmup, steps, repeats }: { warmup: number; steps: number; repeats: number },
): Promise<number> {
  const model = createClassifier(body, { labels: ["neg", "pos"] });
  const labels = inputs.map((_, i) => i % 2);
  const run = async (maxSteps: number) => {
    const trainer = new Trainer({
      model,
      args: {
        maxSteps,
        perDeviceTrainBatchSize: inputs.length,
        learningRate: 1e-4,
        weightDecay: 0.01,
        disableTqdm: true,
        loggingSteps: 1_000_000,
      },
      trainDataset: { inputs, labels },
    });
    const t = performance.now();
    await trainer.train();
    return performance.now() - t;
  };
  await run(warmup);
  const per: number[] = [];
  for (let r = 0; r < repeats; r++) per.push(await run(steps) / steps);
  model.dispose();
  return median(per);
}

/** The median of `steps` single calls of `step`, after `warmup` untimed calls. */
export function msPerStep(step: () => unknown, warmup: number, steps: number): number {
  for (let i = 0; i < warmup; i++) step();
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t = performance.now();
    step();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** The training rows (`headOnly`: the head step's rows alone). */
export async function trainRows(
  { quick, threads, headOnly = false }: { quick: boolean; threads: number[]; headOnly?: boolean },
): Promise<BenchRow[]> {
  const backend = await initBackend({ quiet: true });
  registerKitGradients();
  const rows: BenchRow[] = [];
  const tfjs = `tfjs-${backend} (1 thread), kit gradients`;

  const rng = new Random(0);
  const features = Array.from(
    { length: 32 },
    () => Float32Array.from({ length: 512 }, () => rng.random() - 0.5),
  );
  const headMs = await trainerMsPerStep(
    featureBody({ name: "features", hiddenSize: 512 }),
    features,
    { warmup: 300, steps: quick ? 200 : 500, repeats: quick ? 3 : 5 },
  );
  const headTorch = await torchBest("head-step", { repeats: 50 }, threads);
  const headWork = "train step, head only (dropout + linear 512→2, batch 32, AdamW, clip)";
  rows.push(
    ...stepRows(
      headWork,
      { path: `kit Trainer, ${tfjs}`, ms: headMs },
      headTorch && { path: `PyTorch (${headTorch.threads} thread(s))`, ms: headTorch.ms },
    ),
  );
  if (headOnly) return rows;

  const enc = encoderStep();
  const encMs = msPerStep(() => enc.step(), 1, quick ? 2 : 3);
  enc.dispose();
  const encTorch = await torchBest("encoder-step", { repeats: 5 }, threads);
  // Forward: per token the qkv, output and FFN products of both layers; per layer the two
  // attention products; a training step is ~3× the forward pass.
  const encFlops = 3 * (4096 * 2 * 2 * (128 * 384 + 128 * 128 + 2 * 128 * 512) +
    2 * 2 * (2 * 128 * 128 * 32) * 4 * 32);
  const gflops = (ms: number) => (encFlops / ms / 1e6).toFixed(1);
  const encWork = `train step, 2-layer encoder (batch 32 × 128 tokens × width 128, ${
    (enc.params / 1e6).toFixed(2)
  }M params)`;
  rows.push(
    ...stepRows(
      encWork,
      { path: tfjs, ms: encMs },
      encTorch && { path: `PyTorch (${encTorch.threads} thread(s))`, ms: encTorch.ms },
      gflops,
    ),
  );

  const { TrainableUseLite } = await import("../../lib/encoders/use_lite/trainable.ts");
  const use = await TrainableUseLite.load();
  const { texts, source } = await benchSentences(32);
  const useParams = Object.values(use.parameterCounts()).reduce((a, b) => a + b, 0);
  const useMs = await trainerMsPerStep(use, texts, {
    warmup: 1,
    steps: quick ? 2 : 3,
    repeats: 1,
  });
  const dir = await Deno.makeTempDir({ prefix: "kit-bench-" });
  let useTorch;
  try {
    const tensors: Record<string, { shape: number[]; data: Float32Array }> = {};
    for (const [name, v] of use.namedVariables()) {
      tensors[name] = { shape: v.shape, data: v.dataSync() as Float32Array };
    }
    for (const [name, [t]] of Object.entries(use.model.weights)) {
      if (!tensors[name] && t.dtype === "float32") {
        tensors[name] = { shape: t.shape, data: t.dataSync() as Float32Array };
      }
    }
    await writeSafetensors(join(dir, "w.safetensors"), tensors);
    const ids = texts.map((t) => use.tokenizer.tokenize(t).inputIds);
    await Deno.writeTextFile(join(dir, "batch.json"), JSON.stringify([ids]));
    useTorch = await torchBest("use-lite-step", {
      repeats: 5,
      weights: join(dir, "w.safetensors"),
      batches: join(dir, "batch.json"),
    }, threads);
  } finally {
    await Deno.remove(dir, { recursive: true });
    use.dispose();
  }
  const useWork = `train step, USE-lite end to end + head (batch 32: ${
    source.replace(/^\d+ /, "")
  }, ${(useParams / 1e6).toFixed(1)}M params)`;
  rows.push(
    ...stepRows(
      useWork,
      { path: `kit Trainer, ${tfjs}`, ms: useMs },
      useTorch && {
        path: `PyTorch port, same weights (${useTorch.threads} thread(s))`,
        ms: useTorch.ms,
      },
    ),
  );
  return rows;
}
