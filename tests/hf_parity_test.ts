// Parity of the kit's BERT / DistilBERT / RoBERTa with transformers 5.18 on tiny checkpoints
// (tests/fixtures/hf, made by tools/make_hf_fixtures.py): tokenization, logits, loss, the
// gradient of every parameter (within 1e-4 of each tensor's largest value) and one AdamW step
// (1e-5), dropout off.
import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import {
  AutoModelForSequenceClassification,
  AutoModelForTokenClassification,
  type PreTrainedClassifier,
} from "../lib/models/auto.ts";
import type { TextInput } from "../lib/models/batch.ts";
import type { WordsBody } from "../lib/encoders/body.ts";
import { tokenizeAndAlignLabels } from "../lib/ner/fine_tune.ts";
import { dataCollatorForTokenClassification } from "../lib/train/collator.ts";
import { makeLoss } from "../lib/train/loss.ts";
import { AdamW } from "../lib/train/optimizer.ts";
import { Trainer } from "../lib/train/trainer.ts";
import { encodeLabels } from "../lib/train/data.ts";
import { resolveTrainingArguments } from "../lib/train/training_args.ts";
import { readSafetensors } from "../lib/safetensors.ts";
import { registerKitGradients } from "../lib/tf/gradients.ts";
import { assertCloseToScale } from "./helpers/close.ts";

await initBackend({ quiet: true });
registerKitGradients();

const FIXTURES = new URL("./fixtures/hf/", import.meta.url).pathname;

interface Golden {
  kind: "seq" | "pair" | "tok";
  /** Set for regression and multi-label cases (else single-label). */
  problemType?: string;
  texts?: string[];
  pairs?: [string, string][];
  words?: string[][];
  wordTags?: number[][];
  wordIds?: (number | null)[][];
  labels: number[] | number[][];
  inputIds: number[][];
  attentionMask: number[][];
  tokenTypeIds: number[][] | null;
  logits: { shape: number[]; data: number[] };
  loss: number;
  adamw: { lr: number; betas: [number, number]; eps: number; weightDecay: number };
}

const golden = async (name: string): Promise<Golden> =>
  JSON.parse(await Deno.readTextFile(`${FIXTURES}golden/${name}.json`));

async function load(name: string, kind: Golden["kind"]) {
  const folder = FIXTURES + name.replace("-pair", "-seq");
  return kind === "tok"
    ? await AutoModelForTokenClassification.fromPretrained(folder)
    : await AutoModelForSequenceClassification.fromPretrained(folder);
}

function inputsOf(g: Golden): (TextInput | string[])[] {
  return g.kind === "seq" ? g.texts! : g.kind === "pair" ? g.pairs! : g.words!;
}

for (
  const name of [
    "bert-seq",
    "bert-pair",
    "bert-tok",
    "bert-regression",
    "bert-multilabel",
    "distilbert-seq",
    "distilbert-tok",
    "roberta-seq",
    "roberta-pair",
    "roberta-tok",
  ]
) {
  Deno.test(`hf parity ${name}: ids, logits, loss and every gradient match transformers`, async () => {
    const g = await golden(name);
    const model = await load(name, g.kind) as PreTrainedClassifier<unknown>;
    const inputs = inputsOf(g);
    const batch = g.kind === "tok"
      ? model.base.encodeWords(inputs as string[][])
      : model.base.encode(inputs as TextInput[]);
    assertEquals(batch.inputIds, g.inputIds);
    assertEquals(batch.attentionMask, g.attentionMask);
    if (g.tokenTypeIds) assertEquals(batch.tokenTypeIds, g.tokenTypeIds);
    if (g.kind === "tok") {
      assertEquals(model.base.encodeWords(inputs as string[][]).encodings.length, 3);
    }

    const vars = model.hfVariables();
    const { value, grads } = tf.variableGrads(() => {
      const logits = model.forward(inputs);
      assertEquals(logits.shape, g.logits.shape);
      assertCloseToScale(logits.dataSync(), g.logits.data, "logits");
      // The Trainer's loss for the head's problem type: cross-entropy, MSE or BCE with logits.
      const task = model.task();
      const labels = encodeLabels({ inputs, labels: g.labels }, task, model.level, "golden");
      assertEquals(task.problemType, g.problemType ?? "single_label_classification");
      return makeLoss(task, resolveTrainingArguments({}), labels)(logits, labels);
    }, [...vars.values()]);
    assertCloseToScale([value.dataSync()[0]], [g.loss], "loss");
    await assertGradsMatch(name, vars, grads);
    tf.dispose([value, ...Object.values(grads)]);
    model.dispose();
  });
}

/** Every gradient against transformers' `<name>.grads.safetensors`, by Hugging Face name. */
async function assertGradsMatch(
  name: string,
  vars: Map<string, tf.Variable>,
  grads: tf.NamedTensorMap,
) {
  const want = (await readSafetensors(`${FIXTURES}golden/${name}.grads.safetensors`)).tensors;
  assertEquals([...vars.keys()].sort(), [...want.keys()].sort());
  // A tensor's tolerance is 1e-4 of its largest value, and never below 1e-6 of the largest
  // gradient of the model (a few 1e-8 here).
  const largest = Math.max(...[...want.values()].map((t) => Math.max(...t.data.map(Math.abs))));
  for (const [hfName, v] of vars) {
    const grad = grads[v.name];
    assertEquals(grad.shape, want.get(hfName)!.shape, hfName);
    const ref = want.get(hfName)!.data;
    assertCloseToScale(grad.dataSync(), ref, `grad ${hfName}`, 1e-2 * largest);
  }
}

Deno.test("hf parity bert-tok through the NER recipe: tokenizeAndAlignLabels gives transformers' labels; the Trainer's loss and its gradients are transformers'", async () => {
  const g = await golden("bert-tok");
  const model = await AutoModelForTokenClassification.fromPretrained(`${FIXTURES}bert-tok`);
  const labelList = Object.values(model.id2label);
  const { inputs, labels, wordIds } = tokenizeAndAlignLabels(model.body as WordsBody, {
    inputs: g.words!,
    labels: g.wordTags!,
  }, { labelList });
  // transformers' word ids are of the padded batch: padding has none.
  const width = g.wordIds![0].length;
  assertEquals(wordIds.map((r) => [...r, ...new Array(width - r.length).fill(null)]), g.wordIds);
  // transformers aligns on the padded batch; the collator pads the recipe's rows with -100.
  assertEquals(dataCollatorForTokenClassification(labels), g.labels);
  // The loss as the Trainer computes it (its evaluation: one batch of the three sentences).
  const trainer = new Trainer({
    model,
    kind: "token",
    args: { perDeviceEvalBatchSize: 8, disableTqdm: true },
    trainDataset: { inputs, labels },
    evalDataset: { inputs, labels },
  });
  assertCloseToScale([trainer.evaluate().eval_loss], [g.loss], "eval_loss");
  // Its training loss (makeLoss on the unpadded rows) and the gradient of every parameter.
  const loss = makeLoss(model.task(), trainer.args, { kind: "token", ids: labels });
  const vars = model.hfVariables();
  const { value, grads } = tf.variableGrads(
    () => loss(model.forward(inputs), { kind: "token", ids: labels }),
    [...vars.values()],
  );
  assertCloseToScale([value.dataSync()[0]], [g.loss], "loss");
  await assertGradsMatch("bert-tok", vars, grads);
  tf.dispose([value, ...Object.values(grads)]);
  model.dispose();
});

for (
  const name of [
    "bert-seq",
    "bert-tok",
    "distilbert-seq",
    "distilbert-tok",
    "roberta-seq",
    "roberta-tok",
  ]
) {
  Deno.test(`hf parity ${name}: one AdamW step on transformers' gradients matches torch.optim.AdamW (1e-5)`, async () => {
    const g = await golden(name);
    const model = await load(name, g.kind) as PreTrainedClassifier<unknown>;
    const vars = model.hfVariables();
    const grads = (await readSafetensors(`${FIXTURES}golden/${name}.grads.safetensors`)).tensors;
    const after = (await readSafetensors(`${FIXTURES}golden/${name}.adamw.safetensors`)).tensors;
    const { lr, betas, eps, weightDecay } = g.adamw;
    const optimizer = new AdamW([...vars.values()], { lr, betas, eps, weightDecay });
    const named: tf.NamedTensorMap = {};
    for (const [hfName, v] of vars) {
      const t = grads.get(hfName)!;
      named[v.name] = tf.tensor(t.data, t.shape);
    }
    optimizer.step(named);
    for (const [hfName, v] of vars) {
      const want = after.get(hfName)!.data;
      const got = v.dataSync();
      let diff = 0;
      for (let i = 0; i < want.length; i++) diff = Math.max(diff, Math.abs(got[i] - want[i]));
      assert(diff <= 1e-5, `${hfName}: max diff ${diff} after one AdamW step`);
    }
    tf.dispose(Object.values(named));
    optimizer.dispose();
    model.dispose();
  });
}
