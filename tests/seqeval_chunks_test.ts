/**
 * The reference chunker (`lib/seqeval/chunks.ts`, seqeval's rules as written) and the packed one
 * (`lib/fast/seqeval_chunks.ts`, the default) read the same entities — or refuse the same tag
 * with the same message — for every mode and scheme: on every short tag sequence, and on
 * CoNLL-2003 test (gold, corrupted predictions, and both rewritten into each scheme).
 */
import { assertEquals, assertGreaterOrEqual, assertMatch } from "@std/assert";
import { join } from "node:path";
import { readConll } from "../lib/data/conll.ts";
import { dataDir } from "../lib/data/datadir.ts";
import { withFastPath } from "../lib/fast/switch.ts";
import { type ChunkOptions, getEntities, spanPair } from "../lib/seqeval/chunks.ts";
import { schemeRules, SCHEMES } from "../lib/seqeval/schemes.ts";
import { entityCounts } from "../lib/seqeval/scores.ts";
import { perturb } from "./golden/seqeval/perturb.ts";

/** Every mode and scheme, with the prefix letters each reads. */
const READINGS: { options: ChunkOptions; letters: string }[] = [
  { options: {}, letters: "IOBES" },
  { options: { mode: "strict" }, letters: "IOB" }, // scheme detected from yTrue
  ...SCHEMES.map((scheme) => ({
    options: { mode: "strict" as const, scheme },
    letters: schemeRules(scheme).allowed,
  })),
];

/** `fn` on both paths: its value, or its error's message. */
function bothPaths<T>(fn: () => T): { fast: T | string; reference: T | string } {
  const run = (on: boolean) =>
    withFastPath(on, () => {
      try {
        return fn();
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    });
  return { fast: run(true), reference: run(false) };
}

/** The entities of a span pair by type name (type ids differ between the paths). */
function named(yTrue: string[][], yPred: string[][], options: ChunkOptions) {
  const { types, trueSpans, predSpans, scheme } = spanPair(yTrue, yPred, options);
  const names = (s: number[]) => s.map((x, i) => (i % 3 === 0 ? types[x] : x));
  return { trueSpans: names(trueSpans), predSpans: names(predSpans), scheme };
}

function sequences(tags: string[], length: number): string[][] {
  if (length === 0) return [[]];
  return sequences(tags, length - 1).flatMap((s) => tags.map((t) => [...s, t]));
}

Deno.test("chunkers agree on every tag sequence up to 4 tags, in every mode and scheme", () => {
  for (const { options, letters } of READINGS) {
    // Two types, and one tag the reading does not take (an error both must name the same way).
    const tags = [
      "O",
      ...[...letters].filter((l) => l !== "O").flatMap((l) => [`${l}-A`, `${l}-B`]),
    ];
    const foreign = "IOBESUL".split("").find((l) => !letters.includes(l))!;
    let checked = 0;
    for (let n = 1; n <= 4; n++) {
      for (const seq of sequences(tags, n)) {
        const { fast, reference } = bothPaths(() => getEntities(seq, options));
        assertEquals(reference, fast, `${JSON.stringify(seq)} ${JSON.stringify(options)}`);
        checked++;
      }
    }
    const bad = ["B-A", `${foreign}-A`];
    const { fast, reference } = bothPaths(() => getEntities([bad], options));
    assertEquals(reference, fast, JSON.stringify(options));
    // Every sequence of 1 to 4 tags was read by both chunkers.
    assertEquals(checked, [1, 2, 3, 4].reduce((s, n) => s + tags.length ** n, 0));
  }
});

Deno.test("chunkers agree on bad input: the same error, naming the same tag", () => {
  const cases: [unknown, ChunkOptions][] = [
    [["B-PER", "PER"], {}],
    [["B-PER", 3], {}],
    [[["O"], ["U-PER"]], {}],
    [["I-PER", "E-PER"], { mode: "strict", scheme: "IOB2" }],
    [["I-PER", "O"], { mode: "strict" }],
    [["B-PER"], { mode: "strict", scheme: "XYZ" as "IOB2" }],
    [["B-PER"], { mode: "lax" as "strict" }],
  ];
  for (const [seq, options] of cases) {
    const { fast, reference } = bothPaths(() => getEntities(seq as string[], options));
    assertEquals(typeof fast, "string", JSON.stringify(seq));
    assertEquals(reference, fast);
  }
});

// ---------------------------------------------------------------------------------------------
// CoNLL-2003 test

const dir = dataDir();
/** CoNLL-2003 test's gold tags, or undefined without the data set. */
const conllGold = dir === undefined ? undefined : await readConll(
  join(dir, "conll2003", "data", "test.txt"),
).then((sentences) => sentences.map((s) => s.tags), () => undefined);
const skip = conllGold ? "" : " (skipped: no conll2003 in the data dir: set KIT_DATA_DIR)";

/** Rewrites IOB2 tags into a scheme, entity by entity (well-formed tags of that scheme). */
function toScheme(sentence: readonly string[], scheme: string): string[] {
  const type = (t: string | undefined) => (t === undefined || t === "O" ? "" : t.slice(2));
  return sentence.map((tag, j) => {
    if (tag === "O") return tag;
    const t = type(tag);
    const prev = sentence[j - 1];
    const next = sentence[j + 1];
    const first = tag.startsWith("B-") || type(prev) !== t;
    const last = next === undefined || !next.startsWith("I-") || type(next) !== t;
    const letter = {
      IOB1: first && type(prev) === t ? "B" : "I",
      IOB2: first ? "B" : "I",
      IOE1: last && type(next) === t ? "E" : "I",
      IOE2: last ? "E" : "I",
      IOBES: first && last ? "S" : first ? "B" : last ? "E" : "I",
      BILOU: first && last ? "U" : first ? "B" : last ? "L" : "I",
    }[scheme]!;
    return `${letter}-${t}`;
  });
}

/** Replaces about half the prefixes by a random one of `letters` (a deterministic LCG). */
function scramble(seqs: readonly string[][], letters: string, seed: number): string[][] {
  let state = seed >>> 0;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const inside = [...letters].filter((l) => l !== "O");
  return seqs.map((s) =>
    s.map((tag) => {
      if (tag === "O" || next() < 0.5) return tag;
      return `${inside[Math.floor(next() * inside.length)]}-${tag.slice(2)}`;
    })
  );
}

Deno.test({
  name: `CoNLL-2003 test: chunkers agree in every mode and scheme${skip}`,
  ignore: !conllGold,
  fn: () => {
    const gold = conllGold!;
    const pred = perturb(gold, 2003);
    for (const { options, letters } of READINGS) {
      const scheme = options.scheme ?? "IOB2";
      const yTrue = gold.map((s) => toScheme(s, scheme));
      const pairs: [string, string[][], string[][]][] = [
        ["IOB2 gold and corrupted", gold, pred],
        [`${scheme} gold, scrambled corrupted`, yTrue, scramble(pred, letters, 7)],
        [
          `${scheme} gold, scrambled gold`,
          yTrue,
          scramble(gold.map((s) => toScheme(s, scheme)), letters, 11),
        ],
      ];
      for (const [what, t, p] of pairs) {
        const label = `${what} ${JSON.stringify(options)}`;
        const spans = bothPaths(() => named(t, p, options));
        assertEquals(spans.reference, spans.fast, label);
        const counts = bothPaths(() => entityCounts(t, p, options));
        assertEquals(counts.reference, counts.fast, label);
        const flat = bothPaths(() => getEntities(p, options));
        assertEquals(flat.reference, flat.fast, label);
        if (t !== yTrue) continue;
        if (typeof spans.fast === "string") {
          // The one refusal expected: corrupted IOB2 predictions keep some B prefixes unscrambled,
          // and the IOE schemes have no B.
          assertMatch(
            spans.fast,
            /^ArgumentError: yPred.*prefix B is not in scheme IOE[12]/,
            label,
          );
        } else {
          // The rewritten gold reads back as (nearly) all 5,648 entities: the check compares
          // real entities. IOE1 loses 13: seqeval's IOE1 has no start pattern for `O E-X`
          // (a one-token entity right before another of its type).
          assertGreaterOrEqual(spans.fast.trueSpans.length, 3 * 5635, label);
        }
      }
    }
  },
});
