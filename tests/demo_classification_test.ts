import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import { resolveTrainingArguments } from "../lib/train/training_args.ts";
import * as head from "../tools/demo/classification_head.ts";
import * as single from "../tools/demo/single_label.ts";
import * as pairs from "../tools/demo/sentence_pairs.ts";
import * as evaluation from "../tools/demo/evaluation.ts";

await initBackend({ quiet: true });

Deno.test("16.6.1: head sizes, and counts under each freezing choice add up to USE-lite's parts", async () => {
  assertEquals(head.headParameters(768, 3), 2307);
  assertEquals(head.headParameters(512, 2), 1026);
  const choices = await head.freezingCounts(3);
  const t = choices.map((c) => c.counts.trainable);
  // USE-lite's parts (see tests/use_lite_trainable_test.ts): pooler 262,656, layer1 2,627,584,
  // layer0 2,036,992, embeddings 8002 x 256.
  assertEquals(t, [1539, 1539 + 262656, 1539 + 262656 + 2627584, 4928771, 4928771 + 8002 * 256]);
  for (const c of choices) assertEquals(c.counts.trainable + c.counts.frozen, c.counts.total);
  const rows = await head.rows();
  assertEquals(rows.map((r) => r.agrees), [true, true, true]);
});

Deno.test("16.6.2: the chapter's arguments resolve to its values; compute_metrics as sklearn", () => {
  const a = resolveTrainingArguments(single.CHAPTER_TRAINING_ARGS);
  assertEquals(
    [a.numTrainEpochs, a.perDeviceTrainBatchSize, a.perDeviceEvalBatchSize, a.learningRate],
    [3, 32, 64, 2e-5],
  );
  assertEquals([a.weightDecay, a.warmupRatio, a.evalStrategy, a.saveStrategy], [
    0.01,
    0.1,
    "epoch",
    "epoch",
  ]);
  assert(a.loadBestModelAtEnd && a.greaterIsBetter && a.metricForBestModel === "f1Macro");
  // labels [0, 0, 1, 1, 2], predictions [0, 1, 1, 1, 0]: by hand, class 0: P = R = 1/2; class 1: P = 2/3, R = 1; class 2: 0
  const m = single.chapterComputeMetrics({
    kind: "single",
    predictions: [[1, 0, 0], [0, 1, 0], [0, 2, 1], [0, 3, 0], [5, 0, 4]],
    labelIds: [0, 0, 1, 1, 2],
    task: "default",
  });
  assertAlmostEquals(m.accuracy, 3 / 5, 1e-12);
  assertAlmostEquals(m.f1Macro, (1 / 2 + 4 / 5 + 0) / 3, 1e-12);
  assertAlmostEquals(m.f1Weighted, (2 * (1 / 2) + 2 * (4 / 5)) / 5, 1e-12);
});

Deno.test("16.6.4: the pair prints as the chapter, with 17 type ids; padded to 20 it is the chapter's", async () => {
  const p = await pairs.chapterPair();
  assertEquals(
    p.input,
    "[CLS] a man is playing guitar on stage. [SEP] a musician is performing live. [SEP]",
  );
  assertEquals(p.typeIds, `[${[...Array(10).fill(0), ...Array(7).fill(1)].join(", ")}]`);
  assertEquals(
    p.padded,
    `[${[...Array(10).fill(0), ...Array(7).fill(1), 0, 0, 0].join(", ")}]`,
  );
  const rows = await pairs.rows();
  // with SICK in the data directory, a third row: relatedness by regression
  assertEquals(rows.map((r) => r.agrees), [true, "erratum", ...(pairs.hasSick() ? [true] : [])]);
});

Deno.test({
  name: `16.6.4: SICK relatedness regression correlates with the gold scores${
    pairs.hasSick() ? "" : " (skipped: no SICK in the data directory; set KIT_DATA_DIR)"
  }`,
  ignore: !pairs.hasSick(),
  async fn() {
    const r = await pairs.sickRelatedness({ trainSize: 300, testSize: 200 });
    assertEquals([r.trainSize, r.testSize], [300, 200]);
    assert(r.pearson > 0.4 && r.spearman > 0.4, JSON.stringify(r));
  },
});

Deno.test("Ex. 14.6.5: always-neutral scores 90% accuracy and macro F1 (2·0.9/1.9)/2", async () => {
  const r = evaluation.alwaysMajority();
  assertAlmostEquals(r.accuracy, 0.9, 1e-12);
  assertAlmostEquals(r.f1Macro, 0.9 / 1.9, 1e-12);
  assertEquals(r.minorityRecall, 0);
  // Q5's 95 / 5 split: macro F1 (2·0.95/1.95)/2
  assertAlmostEquals(evaluation.alwaysMajority(95, 5).f1Macro, 0.95 / 1.95, 1e-12);
  // Q1: softmax sums to 1 and passes one class at 0.5, sigmoid passes both topics
  const q1 = evaluation.softmaxVersusSigmoid();
  assertAlmostEquals(q1.softmax.reduce((a, b) => a + b, 0), 1, 1e-6);
  assertEquals(q1.sigmoid.map((p) => p >= 0.5), [true, true, false]);
  assertEquals(q1.softmax.map((p) => p >= 0.5), [true, false, false]);
  // temperature scaling keeps accuracy and lowers the ECE; every row agrees
  assertEquals((await evaluation.rows()).map((row) => row.agrees), [true, true, true, true]);
});
