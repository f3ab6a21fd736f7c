// Public cases of the SetFit pair-generation exercise: pairs are checked as sets and epochs by
// their properties (any order is fine); the kit's lib/setfit/pairs.ts gives the expected counts.
import { assert, assertEquals, AssertionError } from "../../lib/testing/assert.ts";
import { expectThrows, expectValue } from "../../lib/grade/expect.ts";
import type { Case, ExerciseSpec, Json } from "../../lib/grade/spec.ts";
import { generatePairs, type GeneratePairsOptions, uniquePairs } from "../../lib/setfit/pairs.ts";

export const exercise: ExerciseSpec = {
  name: "setfit_pairs",
  title: "SetFit pair generation: unique pairs, numIterations and sampling strategies",
  chapter: "Section 16.6.4b",
  forbid: { "lib/setfit/pairs.ts": ["uniquePairs", "generatePairs"] },
};

/** The chapter's worked example: K = 8 examples in each of 3 classes. */
export const workedExample = Array.from({ length: 24 }, (_, i) => Math.floor(i / 8));

type Label = number | string;

/** `[i, j]` as a key, after checking it is a pair of distinct indices with i < j. */
function pairKey(p: unknown, n: number, where: string): string {
  const [i, j] = Array.isArray(p) ? p : [];
  const ok = Array.isArray(p) && p.length === 2 &&
    [i, j].every((x) => Number.isInteger(x) && x >= 0 && x < n);
  if (!ok) throw new AssertionError(`${where} = ${JSON.stringify(p)} is not [i, j] of indices`);
  if (i === j) throw new AssertionError(`${where} = [${i}, ${j}] pairs an example with itself`);
  if (i > j) throw new AssertionError(`${where} = [${i}, ${j}]: write a pair as [i, j], i < j`);
  return `${i},${j}`;
}

/** `uniquePairs(labels)[kind]` holds the same pairs as the kit's, each once. */
export function pairsOf(labels: Label[], kind: "positive" | "negative"): Case["check"] {
  return expectValue((v) => {
    const got = (v as Record<string, unknown> | null)?.[kind];
    if (!Array.isArray(got)) throw new AssertionError(`${kind} is not an array of pairs`);
    const keys = got.map((p, k) => pairKey(p, labels.length, `${kind}[${k}]`));
    const seen = new Set<string>();
    for (const key of keys) {
      if (seen.has(key)) throw new AssertionError(`${kind} lists the pair [${key}] twice`);
      seen.add(key);
    }
    const expected = uniquePairs(labels)[kind].map(([i, j]) => `${i},${j}`);
    assertEquals(got.length, expected.length, `number of ${kind} pairs`);
    const missing = expected.filter((key) => !seen.has(key));
    assert(missing.length === 0, `${kind} misses [${missing.slice(0, 3).join("], [")}]`);
  });
}

/**
 * `generatePairs(labels, options)` is an epoch with the kit's number of positives and negatives,
 * every pair valid and rightly labelled, every unique pair of a kind used ⌊n / count⌋ or
 * ⌈n / count⌉ times.
 */
export function epochOf(labels: Label[], options: GeneratePairsOptions): Case["check"] {
  return expectValue((v) => {
    if (!Array.isArray(v)) throw new AssertionError("the epoch is not an array of pairs");
    const reference = generatePairs(labels, options);
    const unique = uniquePairs(labels);
    const uses = new Map<string, number>();
    const count = [0, 0];
    v.forEach((p, k) => {
      const { i, j, label } = (p ?? {}) as Record<string, unknown>;
      const key = pairKey([i, j], labels.length, `pairs[${k}]`);
      const same = labels[i as number] === labels[j as number] ? 1 : 0;
      if (label !== same) {
        throw new AssertionError(
          `pairs[${k}] = ${JSON.stringify(p)}: classes ${JSON.stringify(labels[i as number])} ` +
            `and ${JSON.stringify(labels[j as number])} make label ${same}`,
        );
      }
      count[same]++;
      uses.set(key, (uses.get(key) ?? 0) + 1);
    });
    const want = [0, 1].map((l) => reference.filter((p) => p.label === l).length);
    assertEquals(count[1], want[1], "number of positive pairs");
    assertEquals(count[0], want[0], "number of negative pairs");
    for (const [kind, n] of [["positive", want[1]], ["negative", want[0]]] as const) {
      const all = unique[kind];
      const [lo, hi] = [Math.floor(n / all.length), Math.ceil(n / all.length)];
      for (const [i, j] of all) {
        const u = uses.get(`${i},${j}`) ?? 0;
        assert(
          u === lo || u === hi,
          `the ${kind} pair [${i}, ${j}] is used ${u} times; cycling through the ${all.length} ` +
            `unique ${kind} pairs for ${n} draws uses each ${lo === hi ? lo : `${lo} or ${hi}`}`,
        );
      }
    }
  });
}

/** A case of `call` on `labels` (and options). */
export function pairCase(
  name: string,
  points: number,
  call: "uniquePairs" | "generatePairs",
  labels: Label[],
  check: Case["check"],
  options?: GeneratePairsOptions,
): Case {
  return { name, points, call, args: options ? [labels, options as Json] : [labels], check };
}

export const cases: Case[] = [
  pairCase(
    "worked example, K = 8 × 3 classes: the 84 positive pairs",
    2,
    "uniquePairs",
    workedExample,
    pairsOf(workedExample, "positive"),
  ),
  pairCase(
    "worked example: the 192 negative pairs",
    1,
    "uniquePairs",
    workedExample,
    pairsOf(workedExample, "negative"),
  ),
  pairCase(
    "worked example, numIterations 20: 960 pairs, not ≈ 5,500",
    2,
    "generatePairs",
    workedExample,
    epochOf(workedExample, { numIterations: 20 }),
    { numIterations: 20 },
  ),
  {
    name: "a class with one example is an error naming the class",
    points: 1,
    call: "uniquePairs",
    args: [["pos", "pos", "neg", "lonely", "neg"]],
    check: expectThrows(/lonely/),
  },
];
