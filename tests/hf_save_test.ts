// savePretrained writes the Hugging Face layout: the kit loads it back to the same logits, and
// readers outside the kit see transformers' names, shapes and values.
import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals } from "@std/assert";
import { join } from "node:path";
import { AutoModelForSequenceClassification } from "../lib/models/auto.ts";
import { isFile } from "../lib/fs.ts";
import { python as pythonPath } from "../tools/notebook_files.ts";
import { loadCheckpoint, saveCheckpoint } from "../lib/train/checkpoint.ts";
import { Trainer } from "../lib/train/trainer.ts";

const FIXTURES = new URL("./fixtures/hf/", import.meta.url).pathname;
const TEXTS = ["the film was great fun", "a dull and slow story", "it is a film"];
const SCRIPT = new URL("../tools/check_hf_saved.py", import.meta.url).pathname;

async function trained(source: string) {
  const model = await AutoModelForSequenceClassification.fromPretrained(FIXTURES + source, {
    id2label: ["bad", "meh", "good"],
    verbose: false,
    ignoreMismatchedSizes: true,
  });
  await new Trainer({
    model,
    args: { maxSteps: 2, learningRate: 1e-2, perDeviceTrainBatchSize: 3, disableTqdm: true },
    trainDataset: { inputs: TEXTS, labels: ["good", "bad", "meh"] },
  }).train();
  return model;
}

for (const source of ["bert-base", "distilbert-seq", "roberta-seq"]) {
  Deno.test(`hf save ${source}: fromPretrained → train → savePretrained → fromPretrained gives identical logits`, async () => {
    const model = await trained(source);
    const dir = await Deno.makeTempDir();
    try {
      await model.savePretrained(dir);
      for (
        const f of ["config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"]
      ) {
        assert(isFile(join(dir, f)), `${f} missing`);
      }
      const config = JSON.parse(await Deno.readTextFile(join(dir, "config.json")));
      assertEquals(config.architectures, [model.architecture]);
      assertEquals(config.id2label, { 0: "bad", 1: "meh", 2: "good" });
      assertEquals(config.label2id, { bad: 0, meh: 1, good: 2 });
      const again = await AutoModelForSequenceClassification.fromPretrained(dir);
      assertEquals(again.loadingInfo, { missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] });
      assertEquals(again.id2label, model.id2label);
      const a = model.forward(TEXTS);
      const b = again.forward(TEXTS);
      assertEquals(b.dataSync(), a.dataSync());
      tf.dispose([a, b]);
      again.dispose();
    } finally {
      model.dispose();
      await Deno.remove(dir, { recursive: true });
    }
  });
}

const python = pythonPath();
const hasNumpy = await new Deno.Command(python, { args: ["-c", "import numpy"], stderr: "null" })
  .output().then((o) => o.success, () => false);

Deno.test({
  name: `hf save: an independent numpy reader sees transformers' names, shapes and values${
    hasNumpy ? "" : ` (skipped: no numpy for ${python}; set KIT_PYTHON)`
  }`,
  ignore: !hasNumpy,
  async fn() {
    const model = await trained("bert-base");
    const dir = await Deno.makeTempDir();
    try {
      await model.savePretrained(dir);
      const out = await new Deno.Command(python, { args: [SCRIPT, dir, "--logits", ...TEXTS] })
        .output();
      assert(out.success, new TextDecoder().decode(out.stderr));
      const report = JSON.parse(new TextDecoder().decode(out.stdout));
      assertEquals(report.architectures, ["BertForSequenceClassification"]);
      assertEquals(report.metadata, { format: "pt" });
      const vars = model.hfVariables();
      assertEquals(Object.keys(report.tensors).sort(), [...vars.keys()].sort());
      assert(report.tensors["bert.encoder.layer.1.output.LayerNorm.weight"]);
      for (const [name, v] of vars) {
        const t = report.tensors[name];
        assertEquals(t.shape, v.shape, name);
        const data = v.dataSync() as Float32Array;
        assertEquals(t.first, [...data.slice(0, 3)], name);
        const sum = data.reduce((s: number, x: number) => s + x, 0);
        assert(Math.abs(t.sum - sum) <= 1e-4 * Math.max(1, Math.abs(sum)), `${name}: sum`);
      }
      if (Array.isArray(report.logits)) {
        // transformers itself loaded the folder: same labels, same logits.
        assertEquals(report.labels, ["bad", "meh", "good"]);
        const kit = model.forward(TEXTS).arraySync() as number[][];
        const scale = Math.max(...kit.flat().map(Math.abs));
        kit.flat().forEach((x, i) =>
          assert(Math.abs(x - report.logits.flat()[i]) <= 1e-4 * scale, `logit ${i}`)
        );
      } else {
        console.warn(`hf save: transformers' own load not checked (${report.logits})`);
      }
    } finally {
      model.dispose();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("hf save: the kit's own checkpoints (Trainer saveStrategy) hold the body and head", async () => {
  const model = await trained("bert-base");
  const dir = await Deno.makeTempDir();
  try {
    await saveCheckpoint(model, dir);
    const before = model.forward(TEXTS);
    const want = before.dataSync().slice();
    // Scramble every weight, then restore it from the checkpoint onto the same body.
    for (const v of model.hfVariables().values()) v.assign(tf.zerosLike(v));
    const restored = await loadCheckpoint(dir, model.body);
    const after = restored.forward(TEXTS);
    assertEquals(after.dataSync(), want);
    tf.dispose([before, after]);
    restored.dispose();
  } finally {
    model.dispose();
    await Deno.remove(dir, { recursive: true });
  }
});
