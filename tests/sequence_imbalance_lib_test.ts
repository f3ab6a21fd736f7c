import * as tf from "@tensorflow/tfjs";
import { assert, assertAllClose, assertEquals, assertThrows } from "@std/assert";
import { ArgumentError } from "../lib/errors.ts";
import { wordFeatures } from "../lib/ner/word_features.ts";
import { subsampleMinority } from "../lib/imbalance/minority_share.ts";
import { oversampleRareLabels } from "../lib/imbalance/multilabel_oversample.ts";
import { IMBALANCE_STRATEGIES } from "../lib/train/imbalance_strategies.ts";
import { applyThresholds, tuneThresholds } from "../lib/metrics/thresholds.ts";
import { formatMeanStd, meanStd, median } from "../lib/metrics/summary.ts";
import { fitPredict } from "../lib/train/fit_predict.ts";
import { featureBody, tokenFeatureBody } from "../lib/encoders/body.ts";
import { resolveTrainingArguments } from "../lib/train/training_args.ts";
import { Random } from "../lib/random.ts";

const golden = JSON.parse(
  await Deno.readTextFile(new URL("./golden/sequence_imbalance/golden.json", import.meta.url)),
);

const vec = (...xs: number[]) => new Float32Array(xs);

Deno.test("wordFeatures: first piece and mean of pieces, special tokens skipped", () => {
  // [CLS] ▁J AP AN ▁beat ▁Syria [SEP]
  const features = [vec(9, 9), vec(1, 2), vec(3, 4), vec(5, 0), vec(7, 7), vec(0, 1), vec(9, 9)];
  const wordIds = [null, 0, 0, 0, 1, 2, null];
  const first = wordFeatures(features, wordIds);
  assertEquals(first.map((v) => [...v]), [[1, 2], [7, 7], [0, 1]]);
  assert(first[0] === features[1], "first returns the piece's own vector");
  const mean = wordFeatures(features, wordIds, { strategy: "mean" });
  assertAllClose(mean.map((v) => [...v]), [[3, 2], [7, 7], [0, 1]], { atol: 1e-6 });
  assertEquals(features[1][0], 1, "mean must not change its inputs");
  // Words cut off by truncation get the \`missing\` vector.
  const cut = wordFeatures([vec(1, 2)], [0], { numWords: 3, missing: vec(0, 0) });
  assertEquals(cut.map((v) => [...v]), [[1, 2], [0, 0], [0, 0]]);
});

Deno.test("wordFeatures: bad input is named", () => {
  const refused = (f: () => unknown, start: string) => {
    const e = assertThrows(f, ArgumentError);
    assert(e.message.startsWith(start), e.message);
  };
  refused(
    () => wordFeatures([vec(1)], [0, 1]),
    "wordIds = [0, 1]: has 2 entries but features has 1",
  );
  refused(
    () => wordFeatures([vec(1), vec(1, 2)], [0, 1]),
    "features[1] = Float32Array[1, 2]: is not a non-empty Float32Array of length 1",
  );
  refused(() => wordFeatures([vec(1)], [1]), "wordIds = [1]: word 0 has no token");
  refused(() => wordFeatures([vec(1)], [0], { numWords: 2 }), "wordIds = [0]: word 1 has no token");
  refused(() => wordFeatures([vec(1)], [3], { numWords: 2 }), "wordIds[0] = 3: ");
  refused(
    () => wordFeatures([vec(1)], [0], { missing: vec(1, 2) }),
    "missing = Float32Array[1, 2]: is not a Float32Array of length 1",
  );
  // @ts-expect-error: a strategy that does not exist
  refused(() => wordFeatures([vec(1)], [0], { strategy: "max" }), 'strategy = "max": ');
});

Deno.test("subsampleMinority: the share asked for, all other rows kept, seeded", () => {
  const labels = [...Array(3379).fill(0), ...Array(523).fill(1)];
  for (const [share, expected] of [[0.05, 178], [0.01, 34], [0.001, 3]] as const) {
    const rows = subsampleMinority(labels, share, { seed: 7 });
    const kept = rows.filter((i) => labels[i] === 1).length;
    assertEquals(kept, expected, `share ${share}`);
    assertEquals(rows.length - kept, 3379);
    assert(Math.abs(kept / rows.length - share) < 0.5 / rows.length + 1e-12);
    assertEquals(rows, [...rows].sort((a, b) => a - b), "original order");
    assertEquals(new Set(rows).size, rows.length, "no repeats");
  }
  const a = subsampleMinority(labels, 0.01, { seed: 1 });
  assertEquals(subsampleMinority(labels, 0.01, { seed: 1 }), a);
  assert(subsampleMinority(labels, 0.01, { seed: 2 }).join() !== a.join(), "seed changes rows");
  // Any class can be the minority; at least one row is kept.
  assertEquals(subsampleMinority([0, 0, 1, 1, 1], 0.01, { minority: 0 }).length, 4);
});

Deno.test("subsampleMinority: bad input is named", () => {
  assertThrows(() => subsampleMinority([0, 1], 0), Error, "share = 0: is not in (0, 1)");
  assertThrows(() => subsampleMinority([0, 0], 0.1), Error, "minority = 1: no row has this class");
  assertThrows(() => subsampleMinority([1, 1], 0.1), Error, "every row");
  assertThrows(() => subsampleMinority([0, 0, 0, 1], 0.5), Error, "needs 3 rows of class 1");
});

Deno.test("oversampleRareLabels: rows with a rare tag repeated, others once, shuffled", () => {
  const rng = new Random(3);
  const targets = Array.from({ length: 200 }, () => [1, rng.random() < 0.04 ? 1 : 0, 0]);
  targets[0] = [0, 0, 1]; // tag 2 on 1 row of 200; tag 1 on about 4 % (both <= 10 %)
  const rareRows = targets.flatMap((r, i) => (r[1] === 1 || r[2] === 1 ? [i] : []));
  const rows = oversampleRareLabels(targets, { factor: 3, rare: 0.1, seed: 0 });
  assertEquals(rows.length, 200 + 2 * rareRows.length);
  const counts = new Map<number, number>();
  for (const i of rows) counts.set(i, (counts.get(i) ?? 0) + 1);
  for (let i = 0; i < 200; i++) assertEquals(counts.get(i), rareRows.includes(i) ? 3 : 1);
  assert(rows.join() !== [...rows].sort((a, b) => a - b).join(), "shuffled");
  // Explicit tag ids: only tag 2 is rare.
  assertEquals(oversampleRareLabels(targets, { rare: [2], factor: 4 }).length, 203);
  assertEquals(oversampleRareLabels(targets, { rare: [2], seed: 5 }).length, 202);
});

Deno.test("oversampleRareLabels: bad input is named", () => {
  assertThrows(() => oversampleRareLabels([]), Error, "non-empty");
  assertThrows(() => oversampleRareLabels([[1, 0], [1]]), Error, "targets[1]");
  assertThrows(() => oversampleRareLabels([[1, 2]]), Error, "targets[0]");
  assertThrows(() => oversampleRareLabels([[1, 0]], { factor: 0 }), Error, "factor");
  assertThrows(() => oversampleRareLabels([[1, 0]], { rare: [2] }), Error, "rare[0] = 2");
  assertThrows(() => oversampleRareLabels([[1, 0]], { rare: 2 }), Error, "prevalence");
});

Deno.test("meanStd / formatMeanStd: NumPy's mean and std (ddof 1 and 0) (golden)", () => {
  for (const c of golden.summary) {
    const s = meanStd(c.values);
    assertAllClose([s.mean, s.std], [c.mean, c.std_ddof1], { atol: 1e-15, rtol: 1e-12 });
    assertAllClose(meanStd(c.values, { ddof: 0 }).std, c.std_ddof0, { atol: 1e-15, rtol: 1e-12 });
    assertEquals(s.n, c.values.length);
  }
  assertEquals(formatMeanStd([0.5, 0.7]), "60.0 ± 14.1");
  assertEquals(formatMeanStd([1, 2, 3], { scale: 1, digits: 2 }), "2.00 ± 1.00");
  assertThrows(() => meanStd([]), Error, "non-empty");
  assertThrows(() => meanStd([1, NaN]), Error, "values[1] = NaN");
  assertThrows(() => meanStd([1, 2], { ddof: 2 }), Error, "ddof");
});

Deno.test("median: NumPy's median, the two middle values averaged for an even count (golden)", () => {
  for (const c of golden.summary) {
    const values = [...c.values];
    assertEquals(median(values), c.median);
    assertEquals(values, c.values); // not sorted in place
  }
  assertEquals(median([10, 30, 20, 40]), 25);
  assertThrows(() => median([]), Error, "values = []: median needs a non-empty array");
  assertThrows(() => median([1, Infinity]), Error, "values[1] = Infinity");
});

Deno.test("tuneThresholds: best per-tag F1 threshold as scikit-learn scores it (golden)", () => {
  const g = golden.thresholds;
  assertEquals(tuneThresholds(g.scores, g.targets), g.best);
  assertEquals(tuneThresholds(g.scores, g.targets, { candidates: g.candidates }), g.best);
  // The tuned thresholds are at least as good as 0.5 on the data they were tuned on, per tag.
  const f1 = (pred: number[][], k: number) => {
    let tp = 0, fp = 0, fn = 0;
    pred.forEach((r, i) => {
      if (r[k] && g.targets[i][k]) tp++;
      else if (r[k]) fp++;
      else if (g.targets[i][k]) fn++;
    });
    return tp === 0 ? 0 : 2 * tp / (2 * tp + fp + fn);
  };
  const tuned = applyThresholds(g.scores, tuneThresholds(g.scores, g.targets));
  const half = applyThresholds(g.scores, 0.5);
  for (let k = 0; k < g.best.length; k++) assert(f1(tuned, k) >= f1(half, k));
});

Deno.test("applyThresholds / tuneThresholds: bad input is named", () => {
  assertThrows(() => applyThresholds([[0.1, 0.2]], [0.5]), Error, "thresholds = [0.5]");
  assertThrows(() => applyThresholds([[0.1], [0.2, 0.3]], 0.5), Error, "scores[1]");
  assertThrows(() => tuneThresholds([[0.1]], [[0], [1]]), Error, "is 2 × 1 but scores is 1 × 1");
  assertThrows(() => tuneThresholds([[0.1]], [[2]]), Error, "targets[0][0] = 2");
  assertThrows(() => tuneThresholds([[0.1]], [[1]], { candidates: [] }), Error, "candidates");
});

Deno.test("IMBALANCE_STRATEGIES: the chapter's table rows, each valid TrainingArguments", () => {
  assertEquals(IMBALANCE_STRATEGIES.map((s) => s.when).slice(1), [
    "Moderate imbalance (5:1 to 20:1)",
    "Small datasets where more data helps",
    "Very large datasets with extreme imbalance",
    "Extreme imbalance (100:1+)",
  ]);
  for (const s of IMBALANCE_STRATEGIES) resolveTrainingArguments(s.args);
});

function blobs(n: number, seed: number) {
  const rng = new Random(seed);
  const labels = Array.from({ length: n }, (_, i) => i % 2);
  const inputs = labels.map((y) => vec(y + 0.3 * rng.random(), 1 - y + 0.3 * rng.random()));
  return { inputs, labels };
}

Deno.test("fitPredict: learns separable data, same seed same logits, head freed", async () => {
  const body = featureBody({ name: "toy", hiddenSize: 2 });
  const train = blobs(40, 0);
  const test = blobs(20, 1);
  const args = {
    numTrainEpochs: 20,
    learningRate: 0.05,
    perDeviceTrainBatchSize: 8,
    disableTqdm: true,
  };
  const run = (seed: number) =>
    fitPredict({ body, task: { labels: ["a", "b"] }, train, predict: [test, train], args, seed });
  const before = tf.memory().numTensors;
  const a = await run(1);
  assertEquals(tf.memory().numTensors, before, "no tensor left behind");
  assertEquals(a.logits.length, 2);
  const preds = a.logits[0].map((r) => (r[1] > r[0] ? 1 : 0));
  assertEquals(preds, test.labels);
  assertEquals((await run(1)).logits, a.logits);
  assert(JSON.stringify((await run(2)).logits) !== JSON.stringify(a.logits), "seed matters");
  assertEquals(a.trainOutput.globalStep, 100);
});

Deno.test("fitPredict: token tasks give unpadded logits per sentence", async () => {
  const body = tokenFeatureBody({ name: "toy", hiddenSize: 2 });
  const inputs = [[vec(1, 0), vec(0, 1)], [vec(0, 1)]];
  const data = { inputs, labels: [[1, 0], [0]] };
  const { logits } = await fitPredict({
    body,
    task: { labels: ["O", "B-PER"] },
    kind: "token",
    train: data,
    predict: [data],
    args: { maxSteps: 2, disableTqdm: true },
  });
  assertEquals(logits[0].map((s) => s.length), [2, 1]);
  await assertRejectsNamed();
});

async function assertRejectsNamed() {
  let message = "";
  try {
    await fitPredict({
      body: featureBody({ name: "t", hiddenSize: 1 }),
      task: { labels: ["a"] },
      train: { inputs: [vec(1)], labels: [0] },
      predict: "x" as unknown as [],
    });
  } catch (e) {
    message = (e as Error).message;
  }
  assert(message.includes('options.predict = "x": is not an array'), message);
}
