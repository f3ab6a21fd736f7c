/**
 * Time per training step of the kit's Trainer beside PyTorch (bench/train_ref.py, Debian
 * python3-torch, same thread count) in the same run, as a ratio. Prints a markdown table.
 *
 * - head: dropout + linear 512 → 2 on precomputed features, batch 32, AdamW + linear schedule +
 *   clipping — measured without, then with, the kit's gradients (`registerKitGradients`).
 * - e2e: USE-lite (trainable) + the same head, batch 16 short sentences (skipped with `--head-only`).
 *
 * Run: deno run -A bench/train.ts [--steps 20] [--e2e-steps 5] [--head-only]   (KIT_BACKEND picks the backend)
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { parseArgs } from "node:util";
import { initBackend } from "../lib/backend.ts";
import { Random } from "../lib/random.ts";
import { type Body, featureBody } from "../lib/heads/body.ts";
import { createClassifier } from "../lib/heads/model.ts";
import { Trainer } from "../lib/train/trainer.ts";
import { registerKitGradients } from "../lib/tf/gradients.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    steps: { type: "string", default: "20" },
    "e2e-steps": { type: "string", default: "5" },
    "head-only": { type: "boolean", default: false },
  },
});
const steps = Number(values.steps);
const e2eSteps = Number(values["e2e-steps"]);
const backend = await initBackend({ quiet: true });

/** Median milliseconds per step: the Trainer runs warmup + n steps, `onStep` times each. */
async function msPerStep<I>(body: Body<I>, inputs: I[], batch: number, n: number): Promise<number> {
  const model = createClassifier(body, { labels: ["neg", "pos"] });
  const labels = inputs.map((_, i) => i % 2);
  const times: number[] = [];
  // one Trainer per measured step keeps the timing to the step itself (plus batching)
  for (let i = 0; i < n + 2; i++) {
    const trainer = new Trainer({
      model,
      args: {
        maxSteps: 1,
        perDeviceTrainBatchSize: batch,
        learningRate: 1e-3,
        weightDecay: 0.01,
        seed: i,
        disableTqdm: true,
      },
      trainDataset: { inputs: inputs.slice(0, batch), labels: labels.slice(0, batch) },
    });
    const t = performance.now();
    await trainer.train();
    if (i >= 2) times.push(performance.now() - t);
  }
  model.dispose();
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

const rng = new Random(0);
const features = Array.from(
  { length: 32 },
  () => Float32Array.from({ length: 512 }, () => rng.random() - 0.5),
);
const headBody = featureBody({ name: "features", hiddenSize: 512 });
const headPlain = await msPerStep(headBody, features, 32, steps);
registerKitGradients();
const headKit = await msPerStep(headBody, features, 32, steps);

let e2eKit: number | undefined;
let e2eParams: number | undefined;
if (!values["head-only"]) {
  const { TrainableUseLite } = await import("../lib/encoders/use_lite/trainable.ts");
  const use = await TrainableUseLite.load();
  const sentences = Array.from(
    { length: 16 },
    (_, i) =>
      `the film was ${
        ["great", "dull", "fine", "awful"][i % 4]
      } and the cast did a good job overall ${i}`,
  );
  e2eParams = use.trainableVariables().reduce((s, v) => s + v.size, 0);
  e2eKit = await msPerStep(use, sentences, 16, e2eSteps);
  use.dispose();
}

const threads = 1;
const ref = new Deno.Command("/usr/bin/python3", {
  args: [
    new URL("./train_ref.py", import.meta.url).pathname,
    "--threads",
    `${threads}`,
    "--steps",
    `${steps}`,
    "--e2e-steps",
    `${e2eSteps}`,
  ],
  stdout: "piped",
  stderr: "inherit",
});
const out = await ref.output();
if (!out.success) throw new Error("bench/train_ref.py failed (is python3-torch installed?)");
const torch = JSON.parse(new TextDecoder().decode(out.stdout));

const fmt = (x?: number) => (x === undefined ? "–" : x.toFixed(2));
const ratio = (
  a?: number,
  b?: number,
) => (a === undefined || b === undefined ? "–" : `${(a / b).toFixed(1)}×`);
console.log(
  `tfjs ${tf.version.tfjs} backend ${backend}; torch ${torch.torch}, ${torch.threads} thread(s); median of ${steps} (head) / ${e2eSteps} (e2e) steps`,
);
console.log("| step | kit ms | torch ms | kit / torch |");
console.log("|---|---:|---:|---:|");
console.log(
  `| head, batch 32, tfjs gradients | ${fmt(headPlain)} | ${fmt(torch.head_ms)} | ${
    ratio(headPlain, torch.head_ms)
  } |`,
);
console.log(
  `| head, batch 32, kit gradients | ${fmt(headKit)} | ${fmt(torch.head_ms)} | ${
    ratio(headKit, torch.head_ms)
  } |`,
);
console.log(
  `| end to end, batch 16 (kit: USE-lite ${
    e2eParams ?? "–"
  } params; torch: same-size transformer ${torch.e2e_params} params) | ${fmt(e2eKit)} | ${
    fmt(torch.e2e_ms)
  } | ${ratio(e2eKit, torch.e2e_ms)} |`,
);
