// problemType through fromPretrained: regression (one output, MSE) and multi-label (sigmoid per
// label, BCE), from the checkpoint's config or the option, trained by the Trainer and saved with
// transformers' problem_type. Loss and gradient parity with transformers: hf_parity_test.ts.
import { assertEquals, assertLess, assertRejects } from "@std/assert";
import {
  AutoModelForSequenceClassification,
  AutoModelForTokenClassification,
} from "../lib/models/auto.ts";
import { Trainer } from "../lib/train/trainer.ts";

const FIXTURES = new URL("./fixtures/hf/", import.meta.url).pathname;
const TEXTS = ["the film was great fun", "a dull and slow story", "it is a film", "we loved it"];

Deno.test("hf problemType: the checkpoint's problem_type is kept; the option sets it on a new head", async () => {
  for (
    const [name, want] of [["bert-regression", "regression"], [
      "bert-multilabel",
      "multi_label_classification",
    ]]
  ) {
    const model = await AutoModelForSequenceClassification.fromPretrained(FIXTURES + name);
    assertEquals(model.problemType, want);
    model.dispose();
  }
  const model = await AutoModelForSequenceClassification.fromPretrained(FIXTURES + "bert-seq", {
    numLabels: 1,
    id2label: ["score"],
    problemType: "regression",
    ignoreMismatchedSizes: true,
    verbose: false,
  });
  assertEquals([model.problemType, model.id2label[0]], ["regression", "score"]);
  assertEquals(model.forward(TEXTS).shape, [4, 1]);
  // The Trainer fits the scores with MSE, every weight training.
  const trainer = new Trainer({
    model,
    kind: "regression",
    args: { numTrainEpochs: 20, learningRate: 1e-2, loggingSteps: 1, disableTqdm: true },
    trainDataset: { inputs: TEXTS, labels: [0.9, -0.4, 0.1, 1.6] },
  });
  const output = await trainer.train();
  const losses = output.logHistory.filter((e) => "loss" in e).map((e) => e.loss);
  assertLess(losses.at(-1)!, losses[0] * 0.5, `losses ${losses}`);
  // Saved with problem_type, as transformers' from_pretrained reads it back.
  const dir = await Deno.makeTempDir();
  try {
    await model.savePretrained(dir);
    const config = JSON.parse(await Deno.readTextFile(`${dir}/config.json`));
    assertEquals([config.problem_type, config.id2label], ["regression", { 0: "score" }]);
    const again = await AutoModelForSequenceClassification.fromPretrained(dir);
    assertEquals(again.problemType, "regression");
    assertEquals(again.forward(TEXTS).arraySync(), model.forward(TEXTS).arraySync());
    again.dispose();
  } finally {
    await Deno.remove(dir, { recursive: true });
    model.dispose();
  }
});

Deno.test("hf problemType: regression with several labels, or on tokens, is a clear error", async () => {
  await assertRejects(
    () =>
      AutoModelForSequenceClassification.fromPretrained(FIXTURES + "bert-seq", {
        problemType: "regression",
        verbose: false,
      }),
    Error,
    "got 3 labels on a sequence body; give numLabels: 1",
  );
  await assertRejects(
    () =>
      AutoModelForTokenClassification.fromPretrained(FIXTURES + "bert-tok", {
        problemType: "multi_label_classification",
        verbose: false,
      }),
    Error,
    "multi-label classification of tokens is not supported",
  );
  await assertRejects(
    () =>
      AutoModelForSequenceClassification.fromPretrained(FIXTURES + "bert-seq", {
        problemType: "ordinal" as never,
        verbose: false,
      }),
    Error,
    "ordinal",
  );
});
