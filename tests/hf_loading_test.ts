// Real checkpoint quirks load as transformers 5.18 loads them (tests/fixtures/hf, made by
// tools/make_hf_fixtures.py): the same loading report, and the same encoder outputs.
import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals, assertRejects } from "@std/assert";
import { join } from "node:path";
import { ArgumentError } from "../lib/errors.ts";
import { AutoModel, AutoModelForSequenceClassification } from "../lib/models/auto.ts";
import { assertCloseToScale } from "./helpers/close.ts";

const FIXTURES = new URL("./fixtures/hf/", import.meta.url).pathname;
const quirks: {
  texts: string[];
  inputIds: number[][];
  reports: Record<
    string,
    {
      missingKeys: string[];
      unexpectedKeys: string[];
      mismatchedKeys: [string, number[], number[]][];
    }
  >;
  outputs: Record<
    string,
    {
      lastHiddenState: { shape: number[]; data: number[] };
      poolerOutput: { shape: number[]; data: number[] } | null;
    }
  >;
} = JSON.parse(await Deno.readTextFile(`${FIXTURES}golden/quirks.json`));
const LABELS = ["negative", "neutral", "positive"];

for (const name of ["bert-pretraining", "bert-base", "bert-legacy", "bert-no-pooler"]) {
  Deno.test(`hf loading ${name}: transformers' loading report for a sequence classifier`, async () => {
    const model = await AutoModelForSequenceClassification.fromPretrained(FIXTURES + name, {
      id2label: LABELS,
      verbose: false,
    });
    const want = quirks.reports[name];
    assertEquals(model.loadingInfo, want);
    model.dispose();
  });

  Deno.test(`hf loading ${name}: AutoModel gives transformers' BertModel outputs`, async () => {
    const model = await AutoModel.fromPretrained(FIXTURES + name, { verbose: false });
    const batch = model.encode(quirks.texts);
    assertEquals(batch.inputIds, quirks.inputIds);
    const out = model.call(batch);
    const want = quirks.outputs[name];
    assertCloseToScale(
      out.lastHiddenState.dataSync(),
      want.lastHiddenState.data,
      "last_hidden_state",
    );
    // A missing pooler is newly initialised (random): only a loaded one can match.
    if (name !== "bert-no-pooler") {
      assertCloseToScale(out.poolerOutput!.dataSync(), want.poolerOutput!.data, "pooler_output");
    }
    tf.dispose([out.lastHiddenState, out.poolerOutput]);
    model.dispose();
  });
}

Deno.test("hf loading: the same encoder from every quirk (prefix, gamma/beta, heads) as the original", () => {
  const ref = quirks.outputs["bert-seq"].lastHiddenState.data;
  for (const name of ["bert-pretraining", "bert-base", "bert-legacy"]) {
    assertCloseToScale(
      quirks.outputs[name].lastHiddenState.data,
      ref,
      `${name} vs bert-seq (golden)`,
    );
  }
});

Deno.test("hf loading: the warnings transformers prints, for unused and new weights", async () => {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (m: string) => warnings.push(m);
  try {
    const model = await AutoModelForSequenceClassification.fromPretrained(
      FIXTURES + "bert-pretraining",
      { numLabels: 3 },
    );
    model.dispose();
  } finally {
    console.warn = warn;
  }
  assertEquals(warnings.length, 2);
  assert(warnings[0].includes("were not used when initializing BertForSequenceClassification"));
  assert(warnings[0].includes("'cls.predictions.bias'"));
  assert(warnings[1].includes("newly initialized: ['classifier.bias', 'classifier.weight']"));
});

Deno.test("hf loading: a different numLabels is a shape mismatch, named with both shapes", async () => {
  await assertRejects(
    () =>
      AutoModelForSequenceClassification.fromPretrained(FIXTURES + "bert-seq", { numLabels: 5 }),
    Error,
    "classifier.bias has shape [3] in the checkpoint but [5] in the model",
  );
  const model = await AutoModelForSequenceClassification.fromPretrained(FIXTURES + "bert-seq", {
    numLabels: 5,
    ignoreMismatchedSizes: true,
    verbose: false,
  });
  assertEquals(model.loadingInfo, quirks.reports["bert-seq:numLabels=5"]);
  assertEquals(model.id2label[4], "LABEL_4");
  model.dispose();
});

Deno.test("hf loading: a pytorch_model.bin-only checkpoint is refused, naming safetensors", async () => {
  await assertRejects(
    () => AutoModelForSequenceClassification.fromPretrained(FIXTURES + "bert-bin-only"),
    Error,
    "has no model.safetensors (only pytorch_model.bin): the kit loads safetensors weights only",
  );
});

Deno.test("hf loading: clear errors for an unknown architecture, missing files, bad label maps", async () => {
  const dir = await Deno.makeTempDir();
  try {
    for (const f of ["tokenizer.json", "tokenizer_config.json", "model.safetensors"]) {
      await Deno.copyFile(join(FIXTURES, "bert-seq", f), join(dir, f));
    }
    await assertRejects(() => AutoModel.fromPretrained(dir), Error, "has no config.json:");
    await Deno.remove(join(dir, "tokenizer.json"));
    await assertRejects(
      () => AutoModel.fromPretrained(dir),
      Error,
      "has no config.json, tokenizer.json: a Hugging Face model folder holds",
    );
    await Deno.copyFile(join(FIXTURES, "bert-seq", "tokenizer.json"), join(dir, "tokenizer.json"));
    await Deno.writeTextFile(join(dir, "config.json"), JSON.stringify({ model_type: "gpt2" }));
    await assertRejects(
      () => AutoModel.fromPretrained(dir),
      Error,
      'unknown architecture model_type "gpt2"',
    );
    await assertRejects(
      () => AutoModel.fromPretrained(join(dir, "nope")),
      ArgumentError,
      "is a path, but no such model folder exists",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  await assertRejects(
    () =>
      AutoModelForSequenceClassification.fromPretrained(FIXTURES + "bert-seq", {
        numLabels: 2,
        id2label: LABELS,
      }),
    Error,
    "options.numLabels = 2: id2label has 3 labels (negative, neutral, positive)",
  );
  await assertRejects(
    () =>
      AutoModelForSequenceClassification.fromPretrained(FIXTURES + "bert-seq", {
        id2label: LABELS,
        label2id: { negative: 0, neutral: 2, positive: 1 },
      }),
    Error,
    "is not the inverse of id2label",
  );
});

Deno.test("hf loading: labels and problem type come from the checkpoint's config", async () => {
  const model = await AutoModelForSequenceClassification.fromPretrained(FIXTURES + "bert-seq");
  assertEquals(model.id2label, { 0: "negative", 1: "neutral", 2: "positive" });
  assertEquals(model.problemType, "single_label_classification");
  assertEquals(model.architecture, "BertForSequenceClassification");
  assertEquals(model.loadingInfo, { missingKeys: [], unexpectedKeys: [], mismatchedKeys: [] });
  model.dispose();
});
