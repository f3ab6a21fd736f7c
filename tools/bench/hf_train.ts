/**
 * Training-step rows of Hugging Face BERTs fine-tuned by the kit (lib/models): a BERT shaped
 * like `prajjwal1/bert-tiny` and one shaped like `all-MiniLM-L6-v2` (random weights, the real
 * WordPiece vocabulary), batch 16 × 64 tokens, beside transformers + PyTorch on the same folder
 * (same config, weights and batch) in the same run (tools/bench/hf_step.py). Both sides are timed
 * the same way: the median of single steps (forward in train mode, cross-entropy, backward,
 * clip to norm 1, AdamW) after warm-up steps.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AutoModelForSequenceClassification } from "../../lib/models/auto.ts";
import { parseConfig } from "../../lib/models/config.ts";
import { encoderParams } from "../../lib/models/encoder.ts";
import { Random } from "../../lib/random.ts";
import { clipGradNorm } from "../../lib/train/clip.ts";
import { crossEntropyLoss } from "../../lib/losses.ts";
import { AdamW } from "../../lib/train/optimizer.ts";
import { isFile } from "../../lib/fs.ts";
import { type TensorData, writeSafetensors } from "../../lib/safetensors.ts";
import { benchSentences } from "./sentences.ts";
import { type BenchRow, ratio } from "./table.ts";
import { msPerStep } from "./train.ts";

const TOKENIZER = fileURLToPath(
  new URL("../../../shared/models/all-MiniLM-L6-v2-tokenizer", import.meta.url),
);
const SCRIPT = fileURLToPath(new URL("./hf_step.py", import.meta.url));
const BATCH = 16;
const TOKENS = 64;

/** The two shapes: bert-tiny's and MiniLM-L6's configs (vocabulary 30,522, 2 segments). */
const SHAPES = {
  "bert-tiny": {
    hidden_size: 128,
    num_hidden_layers: 2,
    num_attention_heads: 2,
    intermediate_size: 512,
  },
  "all-MiniLM-L6-v2": {
    hidden_size: 384,
    num_hidden_layers: 6,
    num_attention_heads: 12,
    intermediate_size: 1536,
  },
};

/** A folder in the Hugging Face layout with random weights (std 0.02) and MiniLM's tokenizer. */
async function randomCheckpoint(dir: string, shape: Record<string, number>): Promise<number> {
  const json = {
    architectures: ["BertForSequenceClassification"],
    model_type: "bert",
    vocab_size: 30522,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    hidden_act: "gelu",
    hidden_dropout_prob: 0.1,
    attention_probs_dropout_prob: 0.1,
    initializer_range: 0.02,
    layer_norm_eps: 1e-12,
    pad_token_id: 0,
    id2label: { 0: "negative", 1: "positive" },
    label2id: { negative: 0, positive: 1 },
    ...shape,
  };
  await Deno.writeTextFile(join(dir, "config.json"), JSON.stringify(json));
  const config = parseConfig(json);
  const rng = new Random(0);
  const tensors: Record<string, TensorData> = {};
  let params = 0;
  const specs = [
    ...encoderParams(config, { pooler: true }).map((s) => ({ ...s, name: `bert.${s.name}` })),
    { name: "classifier.weight", shape: [2, config.hiddenSize], init: "normal" as const },
    { name: "classifier.bias", shape: [2], init: "zeros" as const },
  ];
  for (const s of specs) {
    const size = s.shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    if (s.init === "ones") data.fill(1);
    if (s.init === "normal") {
      for (let i = 0; i < size; i++) data[i] = (rng.random() - 0.5) * 0.07;
    }
    tensors[s.name] = { shape: s.shape, data };
    params += size;
  }
  await writeSafetensors(join(dir, "model.safetensors"), tensors, { format: "pt" });
  await Deno.copyFile(join(TOKENIZER, "tokenizer.json"), join(dir, "tokenizer.json"));
  // 64 tokens per example: the tokenizer truncates there, on both sides.
  const tc = JSON.parse(await Deno.readTextFile(join(TOKENIZER, "tokenizer_config.json")));
  await Deno.writeTextFile(
    join(dir, "tokenizer_config.json"),
    JSON.stringify({ ...tc, model_max_length: TOKENS }),
  );
  return params;
}

/** A Python with transformers and torch, named by `KIT_HF_PYTHON` (Debian ships no transformers). */
function hfPython(): string | undefined {
  return Deno.env.get("KIT_HF_PYTHON") || undefined;
}

/** The rows; PyTorch's read "—" without a Python that has transformers (`KIT_HF_PYTHON`). */
export async function hfTrainRows(
  { quick, threads }: { quick: boolean; threads: number[] },
): Promise<BenchRow[]> {
  if (!isFile(join(TOKENIZER, "tokenizer.json"))) {
    throw new Error(
      `bench hf: no WordPiece tokenizer at ${TOKENIZER} (the bert-base-uncased vocabulary the ` +
        "rows tokenize with; it lies in shared/models beside the kit's folder)",
    );
  }
  const rows: BenchRow[] = [];
  const { texts } = await benchSentences(BATCH * 4);
  // Long enough for 64 tokens each: four sentences per example.
  const inputs = Array.from({ length: BATCH }, (_, i) => texts.slice(4 * i, 4 * i + 4).join(" "));
  const labels = inputs.map((_, i) => i % 2);
  const warmup = 2;
  const steps = quick ? 3 : 5;
  for (const [name, shape] of Object.entries(SHAPES)) {
    const dir = await Deno.makeTempDir({ prefix: "kit-bench-hf-" });
    try {
      const params = await randomCheckpoint(dir, shape);
      const model = await AutoModelForSequenceClassification.fromPretrained(dir, {
        verbose: false,
      });
      const batch = model.base.encode(inputs);
      if (batch.inputIds.some((r) => r.length !== TOKENS)) {
        throw new Error(`bench inputs must be ${TOKENS} tokens each`);
      }
      const vars = [...model.hfVariables().values()];
      const optimizer = new AdamW([
        { params: vars.filter((v) => v.rank >= 2), weightDecay: 0.01 },
        { params: vars.filter((v) => v.rank < 2), weightDecay: 0 },
      ], { lr: 1e-5 });
      let seed = 0;
      // What the Trainer's step runs: forward in training mode, loss, gradients, clip, AdamW.
      const step = () => {
        const { value, grads } = tf.variableGrads(
          () =>
            crossEntropyLoss(
              model.forward(inputs, { training: true, seed: seed++ }),
              labels,
            ) as tf.Scalar,
          vars,
        );
        value.dataSync();
        const clipped = clipGradNorm(grads, 1);
        optimizer.step(clipped.grads);
        tf.dispose([value, grads, clipped.grads]);
      };
      const kitMs = msPerStep(step, warmup, steps);
      optimizer.dispose();
      model.dispose();

      let torchMs: { ms: number; threads: number; torch: string } | undefined;
      const python = hfPython();
      if (python) {
        await Deno.writeTextFile(
          join(dir, "batch.json"),
          JSON.stringify({ ...batch, encodings: undefined, labels }),
        );
        for (const t of [...new Set(threads)]) {
          const out = await new Deno.Command(python, {
            args: [
              SCRIPT,
              "--folder",
              dir,
              "--batch",
              join(dir, "batch.json"),
              "--threads",
              `${t}`,
              "--warmup",
              `${warmup}`,
              "--steps",
              `${steps}`,
            ],
            stderr: "piped",
          }).output();
          if (!out.success) {
            throw new Error(`hf_step.py failed:\n${new TextDecoder().decode(out.stderr)}`);
          }
          const r = JSON.parse(new TextDecoder().decode(out.stdout));
          if (!torchMs || r.ms < torchMs.ms) torchMs = { ms: r.ms, threads: t, torch: r.torch };
        }
      }
      const work =
        `train step, BERT shaped like ${name} end to end (batch ${BATCH} × ${TOKENS} tokens, ${
          (params / 1e6).toFixed(1)
        }M params)`;
      const fmt = (x: number) => `${x.toFixed(0)} ms/step`;
      rows.push({
        work,
        path: `kit AutoModelForSequenceClassification, tfjs-${tf.getBackend()}`,
        speed: fmt(kitMs),
        vsTorch: ratio(kitMs, torchMs?.ms),
        gflops: "—",
        diff: "—",
      });
      if (torchMs) {
        rows.push({
          work,
          path:
            `transformers + PyTorch ${torchMs.torch}, same folder (${torchMs.threads} thread(s))`,
          speed: fmt(torchMs.ms),
          vsTorch: "1×",
          gflops: "—",
          diff: "—",
        });
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }
  return rows;
}
