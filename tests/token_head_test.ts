// fitPredictTags: the token head of notebook 16_6_3 and bench/results_ner.ts, on small made-up
// sentences of real tfjs features: the same tags as the recipe written out with fitPredict,
// words cut off by the encoder's limit, and bad input named.
import { assertEquals, assertRejects } from "@std/assert";
import { ArgumentError } from "../lib/errors.ts";
import { initBackend } from "../lib/backend.ts";
import type { TokenFeatures } from "../lib/encoders/types.ts";
import { argmax } from "../lib/train/predict.ts";
import { tokenFeatureBody } from "../lib/encoders/body.ts";
import { alignLabels, wordPredictions } from "../lib/ner/align.ts";
import { fitPredictTags, TOKEN_HEAD_INPUTS } from "../lib/ner/token_head.ts";
import { wordFeatures } from "../lib/ner/word_features.ts";
import { Random } from "../lib/random.ts";
import { fitPredict } from "../lib/train/fit_predict.ts";

await initBackend({ quiet: true });

const LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"];
/** The tag of a continuation piece, by its word's tag. */
const CONTINUATION = [0, 2, 2, 4, 4];
const HIDDEN = 5;
const body = tokenFeatureBody({ name: "toy", hiddenSize: HIDDEN });
const args = {
  numTrainEpochs: 8,
  learningRate: 0.05,
  perDeviceTrainBatchSize: 4,
  disableTqdm: true,
};

/**
 * `n` sentences of 2 to 6 words, each word in 1 to 3 pieces after a special token; a piece's
 * vector is its word's tag as a one-hot plus noise, a continuation piece's the tag `"all"` gives
 * it (I-X for B-X).
 * With `cut`, the last word of every sentence has no piece (cut by the length limit).
 */
function sentences(n: number, seed: number, cut = false) {
  const rng = new Random(seed);
  const features: TokenFeatures[] = [];
  const tags: number[][] = [];
  for (let s = 0; s < n; s++) {
    const numWords = 2 + Math.floor(rng.random() * 5);
    const row = Array.from({ length: numWords }, () => Math.floor(rng.random() * LABELS.length));
    const vectors: Float32Array[] = [new Float32Array(HIDDEN)];
    const wordIds: (number | null)[] = [null];
    row.forEach((tag, w) => {
      if (cut && w === numWords - 1) return;
      const pieces = 1 + Math.floor(rng.random() * 3);
      for (let p = 0; p < pieces; p++) {
        const v = new Float32Array(HIDDEN).map(() => 0.2 * rng.random());
        v[p === 0 ? tag : CONTINUATION[tag]] += 1;
        vectors.push(v);
        wordIds.push(w);
      }
    });
    features.push({ features: vectors, wordIds, tokens: wordIds.map(String) });
    tags.push(row);
  }
  return { features, tags };
}

const train = sentences(40, 1);
const test = sentences(12, 2);

/** The recipe written out step by step, as notebook 16_6_3 had it before fitPredictTags. */
async function byHand(inputs: string, data = test, seed = 3): Promise<string[][]> {
  const words = inputs === "words, mean";
  const zeros = new Float32Array(HIDDEN);
  const dataset = (d: typeof train) => ({
    inputs: words
      ? d.features.map((f, i) =>
        wordFeatures(f.features, f.wordIds, {
          strategy: "mean",
          numWords: d.tags[i].length,
          missing: zeros,
        })
      )
      : d.features.map((f) => f.features),
    labels: words ? d.tags : d.features.map((f, i) =>
      alignLabels(d.tags[i], f.wordIds, {
        strategy: inputs === "pieces, all" ? "all" : "first",
        labelList: LABELS,
      })
    ),
  });
  const { logits } = await fitPredict({
    body,
    task: { labels: LABELS },
    kind: "token",
    train: dataset(train),
    predict: [dataset(data)],
    args,
    seed,
  });
  return argmax(logits[0]).map((row, i) =>
    (words ? row : wordPredictions(row, data.features[i].wordIds, {
      numWords: data.tags[i].length,
      missing: 0,
    }))
      .map((id) => LABELS[id])
  );
}

for (const inputs of TOKEN_HEAD_INPUTS) {
  Deno.test(`fitPredictTags "${inputs}": the recipe's tags, one per word, mostly right`, async () => {
    const tags = await fitPredictTags({
      inputs,
      body,
      train,
      test,
      labelList: LABELS,
      args,
      seed: 3,
    });
    assertEquals(tags, await byHand(inputs));
    assertEquals(tags.map((r) => r.length), test.tags.map((r) => r.length));
    const words = test.tags.flat();
    const right = tags.flat().filter((t, k) => t === LABELS[words[k]]).length;
    // The tag is in each word's first piece: a linear head separates them.
    assertEquals(right / words.length > 0.9, true, `${right} of ${words.length} right`);
  });
}

Deno.test("fitPredictTags: a word cut off by the length limit is O (pieces) or still tagged (words)", async () => {
  const cut = sentences(6, 4, true);
  for (const inputs of ["pieces, first", "words, mean"] as const) {
    const tags = await fitPredictTags({
      inputs,
      body,
      train,
      test: cut,
      labelList: LABELS,
      args,
      seed: 3,
    });
    assertEquals(tags, await byHand(inputs, cut));
    assertEquals(tags.map((r) => r.length), cut.tags.map((r) => r.length));
    if (inputs === "pieces, first") {
      assertEquals(
        tags.map((r) => r.at(-1)),
        cut.tags.map(() => "O"),
      );
    }
  }
});

Deno.test("fitPredictTags: bad input is named", async () => {
  const base = { body, train, test, labelList: LABELS, args };
  await assertRejects(
    () => fitPredictTags({ ...base, inputs: "pieces" as "pieces, first" }),
    ArgumentError,
    'inputs = "pieces": is not a token head input; use one of "pieces, first", "pieces, all", ' +
      '"words, mean"',
  );
  await assertRejects(
    () => fitPredictTags({ ...base, inputs: "pieces, first", test: { ...test, tags: [] } }),
    ArgumentError,
    "test.tags = []: has 0 tag rows for 12 feature rows; give one tag row per sentence",
  );
  await assertRejects(
    () => fitPredictTags({ ...base, inputs: "pieces, first", labelList: [] }),
    ArgumentError,
    "labelList = []: is not a non-empty array of tag names",
  );
});
