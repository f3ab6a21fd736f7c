import { assert, assertEquals, assertThrows } from "@std/assert";
import { join } from "node:path";
import { alignLabels, wordPredictions } from "../lib/ner/align.ts";
import { readConll } from "../lib/data/conll.ts";
import { ArgumentError } from "../lib/errors.ts";
import { Random } from "../lib/random.ts";
import { dataTest } from "./helpers/shared_data.ts";

// The CoNLL-2003 label list in the Hugging Face dataset's id order.
const CONLL = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];
const id = (name: string) => CONLL.indexOf(name);

Deno.test("alignLabels: the chapter's recipe on 'Washington' -> Wash ##ington", () => {
  // Section 16.6.3.2: [CLS] John lives in Wash ##ington [SEP] [PAD] [PAD]
  const words = ["B-PER", "O", "O", "B-LOC"];
  const wordIds = [null, 0, 1, 2, 3, 3, null, null, null];
  const first = alignLabels(words, wordIds, { labelList: CONLL });
  assertEquals(first, [-100, id("B-PER"), 0, 0, id("B-LOC"), -100, -100, -100, -100]);
  const all = alignLabels(words, wordIds, { labelList: CONLL, strategy: "all" });
  assertEquals(all, [-100, id("B-PER"), 0, 0, id("B-LOC"), id("I-LOC"), -100, -100, -100]);
  // Ids in, ids out; "first" needs no labelList.
  assertEquals(alignLabels(words.map(id), wordIds), first);
  assertEquals(alignLabels(words.map(id), wordIds, { labelList: CONLL, strategy: "all" }), all);
});

Deno.test("alignLabels: 'all' maps B-X to I-X by name, for any label order (no label % 2 trick)", () => {
  // I- before B-, and an odd offset: the parity trick would pick the wrong ids here.
  const labelList = ["I-ORG", "O", "B-ORG", "I-PER", "B-PER"];
  const words = ["B-PER", "I-PER", "O", "B-ORG"];
  // [CLS] Ang ##ela Mer ##kel of Volks ##wag ##en [SEP]
  const wordIds = [null, 0, 0, 1, 1, 2, 3, 3, 3, null];
  assertEquals(
    alignLabels(words, wordIds, { labelList, strategy: "all" }),
    [-100, 4, 3, 3, 3, 1, 2, 0, 0, -100],
  );
  // A word labelled -100 (e.g. deliberately ignored) stays -100 on all its subwords.
  assertEquals(
    alignLabels([4, -100], [null, 0, 1, 1, null], { labelList, strategy: "all" }),
    [-100, 4, -100, -100, -100],
  );
});

/** Random word ids: specials at both ends, 1–4 subwords per word, padding. */
function randomWordIds(rng: Random, numWords: number): (number | null)[] {
  const ids: (number | null)[] = [null];
  for (let w = 0; w < numWords; w++) {
    const pieces = 1 + rng.randInt(4);
    for (let p = 0; p < pieces; p++) ids.push(w);
  }
  ids.push(null);
  const pad = rng.randInt(4);
  for (let p = 0; p < pad; p++) ids.push(null);
  return ids;
}

Deno.test("alignLabels / wordPredictions: property: round trip for both strategies", () => {
  const rng = new Random(16);
  for (let trial = 0; trial < 300; trial++) {
    const n = 1 + rng.randInt(15);
    const words = Array.from({ length: n }, () => rng.choice(CONLL));
    const wordIds = randomWordIds(rng, n);
    for (const strategy of ["first", "all"] as const) {
      const tokens = alignLabels(words, wordIds, { labelList: CONLL, strategy });
      assertEquals(tokens.length, wordIds.length);
      assertEquals(wordPredictions(tokens, wordIds), words.map(id), `${strategy} ${trial}`);
      // Every special token and (for "first") every continuation subword is ignored.
      wordIds.forEach((w, t) => {
        const continuation = w !== null && t > 0 && wordIds[t - 1] === w;
        if (w === null || (strategy === "first" && continuation)) assertEquals(tokens[t], -100);
        else assert(tokens[t] >= 0);
        if (strategy === "all" && continuation) {
          assert(!CONLL[tokens[t]].startsWith("B-"), "continuations are never B-");
        }
      });
    }
  }
});

Deno.test("wordPredictions: first, average and max over score rows; missing words", () => {
  const wordIds = [null, 0, 0, 0, 1, null];
  const scores = [
    [1, 0, 0],
    [0.5, 0.4, 0.1], // word 0, first subword
    [0.1, 0.2, 0.7],
    [0.1, 0.3, 0.6], // word 0 means: 0.233, 0.3, 0.467 -> class 2
    [0.2, 0.7, 0.1], // word 1
    [1, 0, 0],
  ];
  assertEquals(wordPredictions(scores, wordIds).map((r) => r.indexOf(Math.max(...r))), [0, 1]);
  assertEquals(wordPredictions(scores, wordIds, { strategy: "average" }), [2, 1]);
  assertEquals(wordPredictions(scores, wordIds, { strategy: "max" }), [2, 1]);
  // "max" follows the single highest score, "average" the mean: they can disagree.
  const split = [[0.9, 0.1, 0], [0, 0.55, 0.45], [0, 0.55, 0.45]];
  assertEquals(wordPredictions(split, [0, 0, 0], { strategy: "max" }), [0]);
  assertEquals(wordPredictions(split, [0, 0, 0], { strategy: "average" }), [1]);
  // Truncation cut words 2 and 3: fill them, or get an error naming the first one.
  assertEquals(
    wordPredictions(["B-PER", "O"], [0, 1], { numWords: 4, missing: "O" }),
    ["B-PER", "O", "O", "O"],
  );
  assertThrows(
    () => wordPredictions(["B-PER", "O"], [0, 1], { numWords: 4 }),
    ArgumentError,
    "wordIds = [0, 1]: word 2 has no token (cut by truncation?); pass { missing } to fill it",
  );
});

Deno.test("alignLabels / wordPredictions: bad input names the argument and the value", () => {
  const cases: [() => unknown, string][] = [
    [
      () => alignLabels(["B-PER"], [null, 0, 1, null], { labelList: CONLL }),
      "wordIds[2] = 1: is neither null nor a word index in [0, 1)",
    ],
    [() => alignLabels(["B-PER"], [null, -1], { labelList: CONLL }), "wordIds[1] = -1: "],
    [
      () => alignLabels(["B-FOO"], [0], { labelList: CONLL }),
      'wordLabels[0] = "B-FOO": is not in labelList',
    ],
    [() => alignLabels(["B-PER"], [0]), 'wordLabels[0] = "B-PER": is a tag name, so labelList'],
    [
      () => alignLabels([9], [0], { labelList: CONLL }),
      "wordLabels[0] = 9: is not a label id in [0, 9)",
    ],
    [() => alignLabels([NaN], [0]), "wordLabels[0] = NaN: "],
    [() => alignLabels([1.5], [0]), "wordLabels[0] = 1.5: "],
    [
      () => alignLabels([1], [0], { strategy: "all" }),
      'labelList = undefined: is required by strategy "all"',
    ],
    [() => alignLabels([0], [0], { strategy: "last" as "all" }), 'strategy = "last": '],
    [
      () => alignLabels(["B-X"], [0, 0], { labelList: ["O", "B-X"], strategy: "all" }),
      'labelList = ["O", "B-X"]: has "B-X" but no "I-X"',
    ],
    [
      () => wordPredictions([1, 2], [0]),
      "tokenPreds = [1, 2]: has 2 entries but wordIds has 1",
    ],
    [
      () => wordPredictions([1], [0], { numWords: -1 }),
      "numWords = -1: is not an integer >= 0",
    ],
    [
      () => wordPredictions([[1, 2], [NaN, 1]], [0, 0], { strategy: "average" }),
      "tokenPreds[1] = [NaN, 1]: is not a row of numeric scores",
    ],
    [
      () => wordPredictions([[1, 2], [1]], [0, 0], { strategy: "max" }),
      "tokenPreds[0] = [1, 2]: starts word 0, whose score rows are empty or of unequal lengths",
    ],
    [() => wordPredictions([1], [0], { strategy: "vote" as "first" }), 'strategy = "vote": '],
  ];
  for (const [f, start] of cases) {
    const e = assertThrows(f, ArgumentError);
    assert(e.message.startsWith(start), e.message);
  }
});

dataTest("alignLabels: round trip on every CoNLL-2003 validation sentence", async (dir) => {
  const sentences = await readConll(join(dir, "conll2003", "data", "valid.txt"));
  assertEquals(sentences.length, 3250);
  let tokens = 0;
  let wordB = 0;
  let tokenB = 0;
  for (const s of sentences) {
    // Word pieces of at most 3 characters stand in for WordPiece: many multi-piece words.
    const wordIds: (number | null)[] = [null];
    s.tokens.forEach((word, w) => {
      for (let k = 0; k < Math.ceil(word.length / 3); k++) wordIds.push(w);
    });
    wordIds.push(null);
    for (const strategy of ["first", "all"] as const) {
      const ids = alignLabels(s.tags, wordIds, { labelList: CONLL, strategy });
      assertEquals(wordPredictions(ids, wordIds), s.tags.map(id));
      if (strategy === "all") {
        tokenB += ids.filter((y) => y >= 0 && CONLL[y].startsWith("B-")).length;
        tokens += ids.length;
      }
    }
    wordB += s.tags.filter((t) => t.startsWith("B-")).length;
  }
  // Entities are not multiplied by subwords: one B- per entity at both levels.
  assertEquals(tokenB, wordB);
  assertEquals(wordB, 5942); // CoNLL-2003 validation: 5,942 entities
  assert(tokens > 51362 * 1.5, `tokens ${tokens}`);
});
