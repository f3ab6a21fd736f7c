/**
 * seqeval semantics, pinned by hand-derived cases (each comment says how the expected value
 * follows from seqeval's rules), golden counts from an independent conlleval re-implementation
 * on CoNLL-2003, and scikit-learn values for the token-level F1.
 */
import { assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { join } from "node:path";
import { seqeval } from "../lib/mod.ts";
import { dataDir } from "../lib/data/datadir.ts";
import { ArgumentError } from "../lib/errors.ts";
import { readConll } from "../lib/data/conll.ts";
import { formatFixed } from "../lib/metrics/pyformat.ts";
import { perturb } from "./golden/seqeval/perturb.ts";

const {
  classificationReport,
  entityCounts,
  f1Score,
  getEntities,
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
  accuracyScore,
  performanceMeasure,
  tokenF1Score,
} = seqeval;

const golden = (name: string) => new URL(`./golden/seqeval/${name}`, import.meta.url);
const quiet = { zeroDivision: 0 } as const;

// ---------------------------------------------------------------------------------------------
// getEntities, default (lenient, conlleval) mode

Deno.test("getEntities: seqeval's docstring example, end inclusive", () => {
  assertEquals(getEntities(["B-PER", "I-PER", "O", "B-LOC"]), [["PER", 0, 1], ["LOC", 3, 3]]);
});

Deno.test("getEntities: sentences are joined with one O between them, as seqeval does", () => {
  // Sentence 1 starts at 1 + 1 = 2 (one tag, one separator).
  assertEquals(getEntities([["B-PER"], ["I-LOC", "I-LOC"]]), [["PER", 0, 0], ["LOC", 2, 3]]);
  // The separator ends PER at the sentence end; I-PER after it starts a new entity at 3.
  assertEquals(getEntities([["B-PER", "I-PER"], ["I-PER"]]), [["PER", 0, 1], ["PER", 3, 3]]);
});

Deno.test("getEntities default mode: conlleval's start / end rules", () => {
  // O → I starts a chunk: an I- without B- is still an entity.
  assertEquals(getEntities(["I-PER", "I-PER", "O"]), [["PER", 0, 1]]);
  // A type change ends one chunk and starts another.
  assertEquals(getEntities(["B-PER", "I-LOC"]), [["PER", 0, 0], ["LOC", 1, 1]]);
  // B after B: end and start.
  assertEquals(getEntities(["B-PER", "B-PER"]), [["PER", 0, 0], ["PER", 1, 1]]);
  // IOBES read leniently: B→E continues; prev E or S always ends; S starts; S→E starts.
  assertEquals(getEntities(["B-PER", "E-PER", "S-LOC", "E-LOC"]), [
    ["PER", 0, 1],
    ["LOC", 2, 2],
    ["LOC", 3, 3],
  ]);
  // Bare prefixes have type "_"; types may contain the delimiter.
  assertEquals(getEntities(["B", "I", "O"]), [["_", 0, 1]]);
  assertEquals(getEntities(["B-ORG-X", "I-ORG-X"]), [["ORG-X", 0, 1]]);
  // suffix: the prefix is the last letter.
  assertEquals(getEntities(["PER-B", "PER-I", "O", "LOC-S"], { suffix: true }), [
    ["PER", 0, 1],
    ["LOC", 3, 3],
  ]);
});

// ---------------------------------------------------------------------------------------------
// getEntities, strict mode: every scheme (traced through seqeval's pattern tables in scheme.py)

Deno.test("strict IOB1: B- starts a chunk only right after one of the same type", () => {
  const iob1 = { mode: "strict", scheme: "IOB1" } as const;
  // (O,I) starts; B-PER is not inside I-PER, (I,B) ends it; (I,B,same) starts the second.
  assertEquals(getEntities(["I-PER", "B-PER"], iob1), [["PER", 0, 0], ["PER", 1, 1]]);
  // (O,B) is no start pattern in IOB1: nothing.
  assertEquals(getEntities(["O", "B-PER"], iob1), []);
  // B at 0 never starts; (B,I,any) starts at 1, closed by the sentinel O.
  assertEquals(getEntities(["B-PER", "I-PER"], iob1), [["PER", 1, 1]]);
});

Deno.test("strict IOB2: an entity needs its B-", () => {
  const iob2 = { mode: "strict", scheme: "IOB2" } as const;
  assertEquals(getEntities(["I-PER", "I-PER"], iob2), []);
  assertEquals(getEntities(["B-PER", "I-PER", "B-PER"], iob2), [["PER", 0, 1], ["PER", 2, 2]]);
  // I-ORG is not inside B-PER, (B,I,diff) ends PER; I-ORG starts nothing.
  assertEquals(getEntities(["B-PER", "I-ORG"], iob2), [["PER", 0, 0]]);
});

Deno.test("strict IOE1: E- ends a chunk followed by one of the same type", () => {
  const ioe1 = { mode: "strict", scheme: "IOE1" } as const;
  // I,E inside; (E,I,same) ends 0..1; (E,I,any) starts 2, (I,O) ends it.
  assertEquals(getEntities(["I-PER", "E-PER", "I-PER"], ioe1), [["PER", 0, 1], ["PER", 2, 2]]);
  // (I,I,diff) ends PER and starts ORG.
  assertEquals(getEntities(["I-PER", "I-ORG"], ioe1), [["PER", 0, 0], ["ORG", 1, 1]]);
  // (E,O) is no end pattern of IOE1: seqeval drops this chunk (its own TODO); so does the kit.
  assertEquals(getEntities(["I-PER", "E-PER"], ioe1), []);
});

Deno.test("strict IOE2: an entity needs its E-", () => {
  const ioe2 = { mode: "strict", scheme: "IOE2" } as const;
  assertEquals(getEntities(["I-PER", "E-PER"], ioe2), [["PER", 0, 1]]);
  // Only (E,*) ends a chunk: I-PER then O is no entity.
  assertEquals(getEntities(["I-PER", "O"], ioe2), []);
  assertEquals(getEntities(["E-PER", "E-PER"], ioe2), [["PER", 0, 0], ["PER", 1, 1]]);
});

Deno.test("strict IOBES: B…E or S, nothing else", () => {
  const iobes = { mode: "strict", scheme: "IOBES" } as const;
  assertEquals(getEntities(["B-PER", "E-PER", "S-LOC"], iobes), [["PER", 0, 1], ["LOC", 2, 2]]);
  assertEquals(getEntities(["B-PER", "I-PER"], iobes), []); // never closed by E
  assertEquals(getEntities(["S-PER", "I-PER"], iobes), [["PER", 0, 0]]); // I- alone starts nothing
});

Deno.test("strict BILOU: B…L or U", () => {
  const bilou = { mode: "strict", scheme: "BILOU" } as const;
  assertEquals(getEntities(["B-LOC", "I-LOC", "L-LOC", "U-PER"], bilou), [
    ["LOC", 0, 2],
    ["PER", 3, 3],
  ]);
  assertEquals(getEntities(["B-LOC", "I-LOC"], bilou), []);
});

Deno.test("strict vs default on the same tags: I- without B- counts only leniently", () => {
  assertEquals(getEntities(["I-PER", "I-PER", "O", "B-LOC"]), [["PER", 0, 1], ["LOC", 3, 3]]);
  assertEquals(getEntities(["I-PER", "I-PER", "O", "B-LOC"], { mode: "strict", scheme: "IOB2" }), [
    ["LOC", 3, 3],
  ]);
  const yTrue = [["B-PER", "I-PER", "O", "B-LOC"]];
  const yPred = [["I-PER", "I-PER", "O", "B-LOC"]];
  assertEquals(f1Score(yTrue, yPred), 1); // default: PER 0..1 matches
  // strict: pred has LOC only → P = 1/1, R = 1/2, F1 = 2/3.
  assertEquals(f1Score(yTrue, yPred, { mode: "strict", scheme: "IOB2" }), 2 / 3);
});

// ---------------------------------------------------------------------------------------------
// Scores

const DOC_TRUE = [["O", "O", "B-MISC", "I-MISC", "B-MISC", "O", "O"], ["B-PER", "I-PER", "O"]];
const DOC_PRED = [["O", "O", "B-MISC", "I-MISC", "B-MISC", "I-MISC", "O"], ["B-PER", "I-PER", "O"]];

Deno.test("scores: seqeval's docstring example, every average", () => {
  // true MISC {2-3, 4-4}, PER {8-9}; pred MISC {2-3, 4-5}, PER {8-9}.
  // MISC: tp 1 of 2 predicted, 2 true → 0.5; PER → 1. micro 2/3; macro 0.75;
  // weighted (0.5·2 + 1·1) / 3 = 2/3.
  assertEquals(f1Score(DOC_TRUE, DOC_PRED), 2 / 3);
  assertEquals(f1Score(DOC_TRUE, DOC_PRED, { average: "macro" }), 0.75);
  assertEquals(f1Score(DOC_TRUE, DOC_PRED, { average: "weighted" }), 2 / 3);
  assertEquals(f1Score(DOC_TRUE, DOC_PRED, { average: null }), [0.5, 1]);
  assertEquals(precisionScore(DOC_TRUE, DOC_PRED, { average: null }), [0.5, 1]);
  assertEquals(recallScore(DOC_TRUE, DOC_PRED, { average: "macro" }), 0.75);
  assertEquals(precisionRecallFscoreSupport(DOC_TRUE, DOC_PRED), {
    labels: ["MISC", "PER"],
    precision: [0.5, 1],
    recall: [0.5, 1],
    fscore: [0.5, 1],
    support: [2, 1],
  });
  assertEquals(entityCounts(DOC_TRUE, DOC_PRED), {
    labels: ["MISC", "PER"],
    tp: [1, 1],
    pred: [2, 1],
    true: [2, 1],
  });
});

Deno.test("scores: zeroDivision when nothing is predicted or nothing is true", () => {
  // One predicted PER, no gold entity: P = 0/1 = 0, R = 0/0 → zeroDivision.
  assertEquals(recallScore([["O"]], [["B-PER"]], quiet), 0);
  assertEquals(recallScore([["O"]], [["B-PER"]], { zeroDivision: 1 }), 1);
  assertEquals(precisionScore([["O"]], [["B-PER"]], { zeroDivision: 1 }), 0);
  assertEquals(f1Score([["O"]], [["B-PER"]], { zeroDivision: 1 }), 0); // 2·0·1 / 1
  // No entity anywhere: P = R = zeroDivision, F = 2·z·z / (z + z or 1).
  assertEquals(f1Score([["O"]], [["O"]], quiet), 0);
  assertEquals(f1Score([["O"]], [["O"]], { zeroDivision: 1 }), 1);
  // Kit: macro over no type is the zeroDivision value (seqeval: NaN from an empty mean).
  assertEquals(f1Score([["O"]], [["O"]], { average: "macro", zeroDivision: 1 }), 1);
  // weighted with no gold entity: seqeval's special case (P 0 if anything was predicted).
  assertEquals(
    precisionRecallFscoreSupport([["O"]], [["B-PER"]], { average: "weighted", zeroDivision: 1 }),
    { precision: 0, recall: 1, fscore: 0, support: 0 },
  );
});

Deno.test("scores: strict mode detects the scheme from yTrue, the same way as the report", () => {
  const yTrue = [["B-PER", "E-PER", "S-LOC"]];
  const yPred = [["B-PER", "I-PER", "S-LOC"]];
  // IOBES detected ({B, E, S}); pred B-PER I-PER is never closed by E → only LOC found:
  // P = 1/1, R = 1/2, F1 = 2/3. (Python seqeval's f1_score ignores mode="strict" without a
  // scheme and would give 1.0 here, while its report detects IOBES.)
  const strict = { mode: "strict" } as const;
  assertEquals(f1Score(yTrue, yPred, strict), 2 / 3);
  assertEquals(f1Score(yTrue, yPred, { mode: "strict", scheme: "IOBES" }), 2 / 3);
  const report = classificationReport(yTrue, yPred, { ...strict, outputDict: true });
  assertEquals(report["micro avg"]["f1-score"], f1Score(yTrue, yPred, strict));
  assertEquals(f1Score(yTrue, yPred), 1); // default mode: B-PER I-PER is an entity
});

// ---------------------------------------------------------------------------------------------
// Report

Deno.test("classificationReport: seqeval's layout byte for byte, and the dict", () => {
  // seqeval's tests/test_v1.py case. A: true {0, 3}, pred {3} → P 1, R .5; B: exact;
  // C: predicted only → 0 with support 0.
  const yTrue = [["B-A", "B-B", "O", "B-A"]];
  const yPred = [["O", "B-B", "B-C", "B-A"]];
  assertEquals(
    classificationReport(yTrue, yPred, quiet),
    "              precision    recall  f1-score   support\n" +
      "\n" +
      "           A       1.00      0.50      0.67         2\n" +
      "           B       1.00      1.00      1.00         1\n" +
      "           C       0.00      0.00      0.00         0\n" +
      "\n" +
      "   micro avg       0.67      0.67      0.67         3\n" +
      "   macro avg       0.67      0.50      0.56         3\n" +
      "weighted avg       1.00      0.67      0.78         3\n",
  );
  assertEquals(classificationReport(yTrue, yPred, { ...quiet, outputDict: true }), {
    A: { precision: 1, recall: 0.5, "f1-score": 2 / 3, support: 2 },
    B: { precision: 1, recall: 1, "f1-score": 1, support: 1 },
    C: { precision: 0, recall: 0, "f1-score": 0, support: 0 },
    "micro avg": { precision: 2 / 3, recall: 2 / 3, "f1-score": 2 / 3, support: 3 },
    "macro avg": { precision: 2 / 3, recall: 0.5, "f1-score": 0.5555555555555555, support: 3 },
    "weighted avg": { precision: 1, recall: 2 / 3, "f1-score": 0.7777777777777777, support: 3 },
  });
});

Deno.test("classificationReport: digits, long names, Python's round-half-even", () => {
  // 8 one-token PER predicted, 1 right: P = 1/8 = 0.125 exactly, a tie that Python rounds to
  // 0.12 (JavaScript's toFixed gives 0.13). F1 = 2·0.125 / 1.125 = 0.2222…
  const yTrue = [["B-LONG_ENTITY_TYPE", "O", "O", "O", "O", "O", "O", "O"]];
  const yPred = [Array(8).fill("B-LONG_ENTITY_TYPE")];
  const text = classificationReport(yTrue, yPred, quiet);
  assertEquals(
    text.split("\n")[2],
    "LONG_ENTITY_TYPE       0.12      1.00      0.22         1",
  );
  const four = classificationReport(yTrue, yPred, { ...quiet, digits: 4 });
  assertEquals(four.split("\n")[2], "LONG_ENTITY_TYPE     0.1250    1.0000    0.2222         1");
  assertEquals(formatFixed(0.125, 2), "0.12");
  assertEquals(formatFixed(0.375, 2), "0.38");
  assertEquals(formatFixed(2.5, 0), "2");
  assertEquals(formatFixed(2 / 3, 3), "0.667");
});

Deno.test("classificationReport: digits round the dict (seqeval ignores them there)", () => {
  const full = classificationReport(DOC_TRUE, DOC_PRED, { outputDict: true });
  assertEquals(full["micro avg"].precision, 2 / 3);
  const rounded = classificationReport(DOC_TRUE, DOC_PRED, { outputDict: true, digits: 3 });
  assertEquals(rounded["micro avg"].precision, 0.667);
  assertEquals(rounded["MISC"].recall, 0.5);
});

Deno.test("classificationReport: no entity at all still gives a report (seqeval raises)", () => {
  const text = classificationReport([["O", "O"]], [["O", "O"]], quiet);
  assertEquals(text.split("\n").length, 7); // header, 2 blank lines, 3 averages, final newline
  assertEquals(text.split("\n")[3], "   micro avg       0.00      0.00      0.00         0");
});

// ---------------------------------------------------------------------------------------------
// Token level

Deno.test("token-level F1 is not entity-level F1 (chapter 16.6.3.3)", () => {
  // Gold: one 3-token PER. Pred finds 2 of its tokens, nothing else.
  // Token F1 (O left out): tp 2, predicted 2, true 3 → P 1, R 2/3, F1 0.8.
  // Entity F1: PER 0..1 is not PER 0..2 → 0. Accuracy with all the O tokens: 5/6.
  const yTrue = [["B-PER", "I-PER", "I-PER", "O", "O", "O"]];
  const yPred = [["B-PER", "I-PER", "O", "O", "O", "O"]];
  assertEquals(tokenF1Score(yTrue, yPred), 0.8);
  assertEquals(f1Score(yTrue, yPred, quiet), 0);
  assertEquals(accuracyScore(yTrue, yPred), 5 / 6);
  // With O as a class, micro token F1 is accuracy.
  assertEquals(tokenF1Score(yTrue, yPred, { ignoreO: false }), 5 / 6);
});

Deno.test("tokenF1Score equals scikit-learn's f1_score on the flattened tags", async () => {
  const g = JSON.parse(await Deno.readTextFile(golden("token_f1.json")));
  for (
    const [name, c] of Object.entries(g.cases) as [
      string,
      { yTrue: string[][]; yPred: string[][]; f1: Record<string, number | number[]> },
    ][]
  ) {
    for (const [key, expected] of Object.entries(c.f1)) {
      const [o, avg] = key.split("/");
      const average = avg === "None" ? null : (avg as "micro" | "macro" | "weighted");
      const got = tokenF1Score(c.yTrue, c.yPred, {
        average,
        ignoreO: o === "ignoreO",
        zeroDivision: 0,
      });
      assertEquals(got, expected, `${name} ${key}`);
    }
  }
});

Deno.test("accuracyScore and performanceMeasure: seqeval's docstring examples", () => {
  // DOC: only tag 5 of sentence 0 differs (O vs I-MISC) → 9 of 10 equal.
  assertEquals(accuracyScore(DOC_TRUE, DOC_PRED), 0.9);
  const yTrue = [["O", "O", "O", "B-MISC", "I-MISC", "O", "B-ORG"], [
    "B-PER",
    "I-PER",
    "O",
    "B-PER",
  ]];
  const yPred = [["O", "O", "B-MISC", "I-MISC", "I-MISC", "O", "O"], [
    "B-PER",
    "I-PER",
    "O",
    "B-MISC",
  ]];
  // Flattened, index by index: 0 O/O TN, 1 O/O TN, 2 O/B-MISC FP, 3 B-MISC/I-MISC FP,
  // 4 I-MISC/I-MISC TP, 5 O/O TN, 6 B-ORG/O FN, 7 B-PER TP, 8 I-PER TP, 9 O/O TN,
  // 10 B-PER/B-MISC FP → TP 3, FP 3, FN 1, TN 4; 7 of 11 tags equal.
  assertEquals(performanceMeasure(yTrue, yPred), { TP: 3, FP: 3, FN: 1, TN: 4 });
  assertEquals(accuracyScore(yTrue, yPred), 7 / 11);
});

// ---------------------------------------------------------------------------------------------
// Bad input

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an error");
}

Deno.test("bad input: length mismatches name the sentence", () => {
  const m = message(() => f1Score([["O"], ["B-PER", "O"]], [["O"], ["B-PER"]]));
  assertEquals(
    m,
    'yPred[1] = ["B-PER"]: yTrue[1] has 2 tags but yPred[1] has 1; ' +
      "give one predicted tag per true tag",
  );
  assertEquals(
    message(() => f1Score([["O"]], [["O"], ["O"]])),
    "yPred.length = 2: yTrue has 1 sentences but yPred has 2; " +
      "give one predicted sentence per true sentence",
  );
});

Deno.test("bad input: empty input is an error, not a score", () => {
  assertEquals(
    message(() => f1Score([], [])),
    "yTrue = []: yTrue and yPred are empty: there are no sentences to score; " +
      "pass at least one tagged sentence",
  );
  assertThrows(() => classificationReport([[]], [[]]), ArgumentError, "no tags");
  assertThrows(() => accuracyScore([[], []], [[], []]), ArgumentError, "no tags");
});

Deno.test("bad input: non-string tags and flat arrays name the position", () => {
  const ids = [[1, 0]] as unknown as string[][];
  assertEquals(
    message(() => f1Score([["B-PER", "O"]], ids)),
    'yPred[0][0] = 1: is a number: tags must be strings; use tags such as "B-PER" or "O" ' +
      "(map label ids to tags first)",
  );
  const flat = ["B-PER", "O"] as unknown as string[][];
  assertThrows(() => f1Score(flat, flat), ArgumentError, 'yTrue[0] = "B-PER": yTrue must be');
  assertThrows(
    () => accuracyScore([["O", "O"]], ids),
    ArgumentError,
    "yPred[0][0] = 1: is a number",
  );
});

Deno.test("bad input: strict mode names the tag the scheme does not allow", () => {
  assertEquals(
    message(() =>
      f1Score([["O"], ["B-PER", "I-PER", "O"]], [["O"], ["B-PER", "I-PER", "E-PER"]], {
        mode: "strict",
        scheme: "IOB2",
      })
    ),
    'yPred[1][2] = "E-PER": prefix E is not in scheme IOB2 (its prefixes: B, I, O); ' +
      "fix the tag or pass the scheme the tags follow",
  );
  assertThrows(
    () => getEntities(["B-PER", "L-PER"], { mode: "strict", scheme: "IOBES" }),
    ArgumentError,
    'seq[1] = "L-PER": prefix L is not in scheme IOBES',
  );
  // Nothing to detect a scheme from: all O, or IOB1-style {I, O}.
  assertThrows(
    () => f1Score([["O"]], [["B-PER"]], { mode: "strict" }),
    RangeError,
    "{O} fits none",
  );
  assertThrows(() => f1Score([["I-PER"]], [["I-PER"]], { mode: "strict" }), RangeError, "IOB1");
});

Deno.test("bad input: seqeval's silent misreadings are errors here", () => {
  // seqeval reads "PER" as prefix P, type "ER" (with a warning).
  assertEquals(
    message(() => getEntities(["PER", "O"])),
    'seq[0] = "PER": no prefix; tags look like B-TYPE, I-TYPE, ... or O',
  );
  // BILOU prefixes are not conlleval's: seqeval's default mode misreads them.
  assertThrows(() => f1Score([["U-PER"]], [["U-PER"]]), RangeError, 'scheme: "BILOU"');
  assertEquals(f1Score([["U-PER"]], [["U-PER"]], { mode: "strict", scheme: "BILOU" }), 1);
  assertThrows(() => getEntities(["O-PER"]), RangeError, "O takes no entity type");
});

Deno.test("bad input: options", () => {
  const bad = (o: unknown) => () => f1Score(DOC_TRUE, DOC_PRED, o as seqeval.ScoreOptions);
  assertThrows(bad({ average: "samples" }), RangeError, "average");
  assertThrows(bad({ zeroDivision: 2 }), RangeError, "zeroDivision");
  assertThrows(bad({ mode: "lenient" }), RangeError, "mode");
  assertThrows(bad({ mode: "strict", scheme: "BIO" }), RangeError, "scheme");
  assertThrows(
    () => classificationReport(DOC_TRUE, DOC_PRED, { digits: 1.5 }),
    RangeError,
    "digits",
  );
});

// ---------------------------------------------------------------------------------------------
// CoNLL-2003: conlleval parity

const dir = dataDir();
const testFile = dir && join(dir, "conll2003", "data", "test.txt");
const hasConll = testFile !== undefined && (() => {
  try {
    return Deno.statSync(testFile).isFile;
  } catch {
    return false;
  }
})();
const skip = hasConll ? "" : " (skipped: no conll2003 in the data dir: set KIT_DATA_DIR)";

async function conll() {
  const gold = (await readConll(testFile!)).map((s) => s.tags);
  return { gold, pred: perturb(gold, 2003) };
}

Deno.test({
  name: `CoNLL-2003 test, corrupted predictions: default mode equals conlleval's counts${skip}`,
  ignore: !hasConll,
  fn: async () => {
    const g = JSON.parse(await Deno.readTextFile(golden("conlleval_counts.json")));
    const { gold, pred } = await conll();
    assertEquals(gold.flat().length, g.tokens);
    const c = entityCounts(gold, pred);
    assertEquals(c.labels, Object.keys(g.perType));
    assertEquals(c.tp, c.labels.map((t) => g.perType[t].correct));
    assertEquals(c.pred, c.labels.map((t) => g.perType[t].found));
    assertEquals(c.true, c.labels.map((t) => g.perType[t].phrases));
    const micro = precisionRecallFscoreSupport(gold, pred, { average: "micro" });
    assertAlmostEquals(micro.precision, g.precision, 1e-15);
    assertAlmostEquals(micro.recall, g.recall, 1e-15);
    assertAlmostEquals(micro.fscore, g.f1, 1e-15);
    assertEquals(micro.support, g.phrases);
    assertAlmostEquals(accuracyScore(gold, pred), g.accuracy, 1e-15);
    // conlleval's printed summary, rebuilt from the kit's numbers.
    const pct = (x: number) => formatFixed(100 * x, 2).padStart(6);
    const lines = (await Deno.readTextFile(golden("conlleval_output.txt"))).split("\n");
    assertEquals(
      lines[1],
      `accuracy: ${pct(accuracyScore(gold, pred))}%; precision: ${pct(micro.precision)}%; ` +
        `recall: ${pct(micro.recall)}%; FB1: ${pct(micro.fscore)}`,
    );
    const perType = precisionRecallFscoreSupport(gold, pred);
    perType.labels.forEach((t, i) => {
      assertEquals(
        lines[2 + i],
        `${t.padStart(17)}: precision: ${pct(perType.precision[i])}%; recall: ` +
          `${pct(perType.recall[i])}%; FB1: ${pct(perType.fscore[i])}  ${c.pred[i]}`,
      );
    });
  },
});

Deno.test({
  name: `CoNLL-2003 test: token-level F1 (scikit-learn) above entity-level F1${skip}`,
  ignore: !hasConll,
  fn: async () => {
    const g = JSON.parse(await Deno.readTextFile(golden("token_f1.json")));
    const { gold, pred } = await conll();
    const token = tokenF1Score(gold, pred);
    assertAlmostEquals(token, g.conll2003.f1["ignoreO/micro"], 1e-15);
    assertAlmostEquals(
      tokenF1Score(gold, pred, { average: "macro" }),
      g.conll2003.f1["ignoreO/macro"],
      1e-15,
    );
    const entity = f1Score(gold, pred);
    // The chapter's "5 to 10 points higher" — here the corruption makes the gap wider.
    assertEquals(token - entity > 0.05, true, `token ${token} vs entity ${entity}`);
  },
});

Deno.test({
  name: `CoNLL-2003 gold is valid IOB2: strict and default read the same entities${skip}`,
  ignore: !hasConll,
  fn: async () => {
    const { gold, pred } = await conll();
    assertEquals(getEntities(gold, { mode: "strict", scheme: "IOB2" }), getEntities(gold));
    // The report's rows are the scores' numbers, in both modes.
    for (const mode of ["default", "strict"] as const) {
      const dict = classificationReport(gold, pred, { mode, outputDict: true });
      assertEquals(dict["micro avg"]["f1-score"], f1Score(gold, pred, { mode }));
      assertEquals(dict["macro avg"].recall, recallScore(gold, pred, { mode, average: "macro" }));
      assertEquals(
        dict["weighted avg"].precision,
        precisionScore(gold, pred, { mode, average: "weighted" }),
      );
    }
    // In IOB2, a strict entity is a lenient one that begins with B-: the run B-X I-X… ends at
    // O, B- or another type in both readings; lenient chunks that begin with I- are dropped.
    const joined = pred.flatMap((s) => [...s, "O"]);
    const lenient = getEntities(pred).filter(([, start]) => joined[start].startsWith("B-"));
    const strict = getEntities(pred, { mode: "strict", scheme: "IOB2" });
    assertEquals(strict, lenient);
    assertEquals(strict.length < getEntities(pred).length, true);
  },
});
