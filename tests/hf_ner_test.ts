// The NER recipe (tokenizeAndAlignLabels, trainTokenClassifier, predictEntities,
// computeNerMetrics) on a Hugging Face AutoModelForTokenClassification: the tiny random BERT of
// tests/fixtures/hf fine-tuned on the kit's NER data. Parity of its loss with transformers is in
// hf_parity_test.ts.
import { assert, assertEquals, assertLess, assertRejects } from "@std/assert";
import { ArgumentError } from "../lib/errors.ts";
import { CONLL_TAGS } from "../lib/data/registry.ts";
import { loadDataset } from "../lib/data/load.ts";
import type { TokenDataset } from "../lib/data/dataset.ts";
import type { WordsBody } from "../lib/encoders/body.ts";
import { AutoModelForTokenClassification } from "../lib/models/auto.ts";
import { trainTokenClassifier } from "../lib/ner/fine_tune.ts";
import { predictEntities } from "../lib/ner/predict.ts";
import * as seqeval from "../lib/seqeval/mod.ts";

const BERT_TOK = new URL("./fixtures/hf/bert-tok", import.meta.url).pathname;
const labelList = CONLL_TAGS;

/** The fixture's checkpoint with a new 9-tag CoNLL head (its own head has 5 tags). */
const load = () =>
  AutoModelForTokenClassification.fromPretrained(BERT_TOK, {
    id2label: labelList,
    ignoreMismatchedSizes: true,
    verbose: false,
  });

/** The first `n` sentences whose words all fit in the tiny model's 40 positions (a letter a piece). */
function fitting(data: TokenDataset, body: WordsBody, n: number) {
  const keep = data.inputs.flatMap((ws, i) => {
    const covered = new Set(body.tokenizeWords(ws).wordIds.filter((w) => w !== null)).size;
    return covered === ws.length ? [i] : [];
  }).slice(0, n);
  return { inputs: keep.map((i) => data.inputs[i]), labels: keep.map((i) => data.labels[i]) };
}

Deno.test("hf ner: BERT fine-tuned through trainTokenClassifier on kit/ner; the loss falls, eval is seqeval's, predictEntities tags every word", async () => {
  const model = await load();
  const body = model.body as WordsBody;
  const train = fitting(await loadDataset("kit/ner", { split: "train" }) as TokenDataset, body, 32);
  const test = await loadDataset("kit/ner", { split: "test" }) as TokenDataset;
  const evalSet = fitting(test, body, 10);
  assertEquals([train.inputs.length, evalSet.inputs.length], [32, 10]);
  assert(evalSet.labels.flat().some((k) => k > 0), "the eval sentences hold entities");
  const { trainer, output, model: trained } = await trainTokenClassifier({
    model,
    train,
    eval: evalSet,
    args: {
      numTrainEpochs: 5,
      learningRate: 1e-2,
      perDeviceTrainBatchSize: 16,
      loggingSteps: 1,
      disableTqdm: true,
    },
    seed: 0,
  });
  assert(trained === model, "the given model is the one trained");
  const losses = output.logHistory.filter((e) => "loss" in e).map((e) => e.loss);
  assertEquals(output.globalStep, 10);
  assertLess(losses.at(-1)!, losses[0] * 0.7, `losses ${losses}`);
  const metrics = trainer.evaluate();
  for (const k of ["eval_f1", "eval_f1_strict", "eval_token_f1", "eval_accuracy"]) {
    assert(Number.isFinite(metrics[k]), `${k}: ${metrics[k]} in ${Object.keys(metrics)}`);
  }
  // Word-level tags for every word, a sentence longer than the model's 40 positions included.
  const long = test.inputs.find((ws) => body.tokenizeWords(ws).wordIds.at(-2)! < ws.length - 1)!;
  const predicted = await predictEntities(model, [...evalSet.inputs, long], { batchSize: 8 });
  assertEquals(
    predicted.map((p) => p.labels.length),
    [...evalSet.inputs, long].map((ws) => ws.length),
  );
  assert(predicted.flatMap((p) => p.labels).every((t) => labelList.includes(t)));
  // With "first" alignment the Trainer's seqeval scores are those of the word-level tags.
  const truth = evalSet.labels.map((r) => r.map((k) => labelList[k]));
  const tags = predicted.slice(0, -1).map((p) => p.labels);
  assertLess(Math.abs(seqeval.f1Score(truth, tags) - metrics.eval_f1), 1e-12);
  const words = truth.flat();
  const accuracy = tags.flat().filter((t, k) => t === words[k]).length / words.length;
  assertLess(Math.abs(accuracy - metrics.eval_accuracy), 1e-12);
  model.dispose();
});

Deno.test("hf ner: trainTokenClassifier refuses a model whose labels are not labelList, and body with model", async () => {
  const model = await AutoModelForTokenClassification.fromPretrained(BERT_TOK, { verbose: false });
  const data = { inputs: [["john", "lives"]], labels: [["B-PER", "O"]] };
  await assertRejects(
    () => trainTokenClassifier({ model, train: data, labelList }),
    ArgumentError,
    "is not the model's labels (O, B-PER, I-PER, B-LOC, I-LOC), but label ids index both; load " +
      "the model with { id2label: labelList }",
  );
  await assertRejects(
    () => trainTokenClassifier({ model, body: model.body as WordsBody, train: data }),
    ArgumentError,
    'options = {"body":true,"model":true}: needs exactly one of body and model',
  );
  // Without labelList the model's own tags are the list.
  const { output } = await trainTokenClassifier({
    model,
    train: data,
    args: { numTrainEpochs: 1, disableTqdm: true },
  });
  assertEquals(output.globalStep, 1);
  model.dispose();
});
