import { assert, assertAllClose, assertEquals, assertNotEquals, assertThrows } from "@std/assert";
import {
  computeClassWeights,
  oversample,
  undersample,
  weightedRandomSampler,
} from "../lib/imbalance/mod.ts";
import { ArgumentError } from "../lib/errors.ts";
import { Random } from "../lib/random.ts";

interface GoldenCase {
  name: string;
  labels: number[];
  balanced: number[];
  sqrt_inverse: number[];
  effective: number[];
  "effective_beta_0.99": number[];
}
const golden: {
  chapter_printed_sqrt_inverse: number[];
  chapter_code_sqrt_inverse_2dp: number[];
  cases: GoldenCase[];
} = JSON.parse(
  await Deno.readTextFile(new URL("./golden/imbalance/imbalance.json", import.meta.url)),
);
const TOL = { atol: 1e-12, rtol: 1e-9 };

Deno.test("computeClassWeights: sklearn 'balanced' and the chapter's strategies (golden)", () => {
  assertEquals(golden.cases.length, 6);
  for (const c of golden.cases) {
    assertAllClose(computeClassWeights(c.labels, "balanced"), c.balanced, TOL, c.name);
    assertAllClose(computeClassWeights(c.labels, "inverse"), c.balanced, TOL, c.name);
    assertAllClose(computeClassWeights(c.labels, "sqrt_inverse"), c.sqrt_inverse, TOL, c.name);
    assertAllClose(computeClassWeights(c.labels, "effective"), c.effective, TOL, c.name);
    assertAllClose(
      computeClassWeights(c.labels, "effective", { beta: 0.99 }),
      c["effective_beta_0.99"],
      TOL,
      c.name,
    );
  }
});

Deno.test("computeClassWeights: the chapter's example — its printed output does not follow from its code", () => {
  // Code Fragment 16.6.6a: 9000 / 800 / 200 examples, strategy "sqrt_inverse".
  const labels = [...Array(9000).fill(0), ...Array(800).fill(1), ...Array(200).fill(2)];
  const twoDp = (w: number[]) => w.map((x) => Number(x.toFixed(2)));
  const sqrt = computeClassWeights(labels, "sqrt_inverse");
  assertEquals(twoDp(sqrt), [0.61, 2.04, 4.08]);
  assertEquals(twoDp(sqrt), golden.chapter_code_sqrt_inverse_2dp);
  // The chapter prints ['0.58', '1.23', '2.46']: no strategy of its code gives that.
  const printed = golden.chapter_printed_sqrt_inverse;
  assertEquals(printed, [0.58, 1.23, 2.46]);
  for (const s of ["inverse", "sqrt_inverse", "effective"] as const) {
    assertNotEquals(twoDp(computeClassWeights(labels, s)), printed, s);
  }
  assertEquals(twoDp(computeClassWeights(labels, "inverse")), [0.37, 4.17, 16.67]);
  assertEquals(twoDp(computeClassWeights(labels, "effective")), [0.08, 0.6, 2.32]);
});

Deno.test("computeClassWeights: properties: weight x count is n / K; effective has mean 1", () => {
  const rng = new Random(8);
  for (let t = 0; t < 10; t++) {
    const k = 2 + rng.randInt(5);
    const labels = Array.from({ length: 200 }, (_, i) => (i < k ? i : rng.randInt(k)));
    const w = computeClassWeights(labels, "inverse");
    const counts = w.map((_, c) => labels.filter((y) => y === c).length);
    for (let c = 0; c < k; c++) assertAllClose(w[c] * counts[c], 200 / k, TOL);
    const e = computeClassWeights(labels, "effective", { beta: 0.999 });
    assertAllClose(e.reduce((s, x) => s + x, 0) / k, 1, TOL);
    // Rarer class, larger weight, for every strategy.
    for (const s of ["inverse", "sqrt_inverse", "effective"] as const) {
      const v = computeClassWeights(labels, s);
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          if (counts[a] < counts[b]) assert(v[a] > v[b], `${s}: class ${a} vs ${b}`);
        }
      }
    }
  }
});

Deno.test("computeClassWeights: bad input names the argument and the value", () => {
  const cases: [() => unknown, string][] = [
    [
      () => computeClassWeights([], "inverse"),
      "labels = []: computeClassWeights needs a non-empty",
    ],
    [() => computeClassWeights([0, 2, 2], "inverse"), "class 1 has no examples"],
    [() => computeClassWeights([0, 1], "inverse", { numClasses: 3 }), "class 2 has no examples"],
    // every strategy refuses it ("effective" too: 1 − β⁰ = 0), so the fix names no strategy
    [
      () => computeClassWeights([0, 2, 2], "effective"),
      "class 1 has no examples (3 classes); its weight would be infinite (computeClassWeights); " +
      "give every class at least one example, or drop the class and renumber the labels",
    ],
    [
      () => computeClassWeights([0, 3], "inverse", { numClasses: 3 }),
      "numClasses = 3: label 3 is not below it",
    ],
    [() => computeClassWeights([0, NaN], "inverse"), "labels[1] = NaN: is not a class id"],
    [() => computeClassWeights([0, -1], "inverse"), "labels[1] = -1"],
    [() => computeClassWeights([0, 1.5], "inverse"), "labels[1] = 1.5"],
    [() => computeClassWeights([0, 1], "effective", { beta: 1 }), "beta = 1: is not in [0, 1)"],
    [() => computeClassWeights([0, 1], "log" as "inverse"), 'strategy = "log"'],
  ];
  for (const [f, msg] of cases) assertThrows(f, ArgumentError, msg);
});

/** Pearson chi-square of observed counts against expected proportions. */
function chiSquare(counts: number[], probs: number[]): number {
  const n = counts.reduce((s, c) => s + c, 0);
  return counts.reduce((s, c, i) => s + (c - n * probs[i]) ** 2 / (n * probs[i]), 0);
}

Deno.test("weightedRandomSampler: with replacement, frequencies follow the weights", () => {
  const weights = [1, 2, 0, 7];
  const idx = weightedRandomSampler(weights, 100_000, { seed: 3 });
  const counts = [0, 0, 0, 0];
  for (const i of idx) counts[i]++;
  assertEquals(counts[2], 0);
  // 99.9th percentile of chi-square with 2 degrees of freedom: 13.8.
  const chi2 = chiSquare([counts[0], counts[1], counts[3]], [0.1, 0.2, 0.7]);
  assert(chi2 < 13.8, `chi2 ${chi2}, counts ${counts}`);
  assertEquals(weightedRandomSampler(weights, 50, { seed: 3 }), idx.slice(0, 50));
  assertNotEquals(weightedRandomSampler(weights, 50, { seed: 4 }), idx.slice(0, 50));
});

Deno.test("weightedRandomSampler: without replacement, distinct indices, first draw proportional", () => {
  const weights = [1, 2, 0, 7];
  const first = [0, 0, 0, 0];
  const rng = new Random(10);
  for (let t = 0; t < 20_000; t++) {
    const idx = weightedRandomSampler(weights, 3, { replacement: false, generator: rng });
    assertEquals(new Set(idx).size, 3);
    assert(!idx.includes(2));
    first[idx[0]]++;
  }
  const chi2 = chiSquare([first[0], first[1], first[3]], [0.1, 0.2, 0.7]);
  assert(chi2 < 13.8, `chi2 ${chi2}, first draws ${first}`);
  // Second draw given first = 3 (weight 7): 0 with 1/3, 1 with 2/3.
  const second = [0, 0];
  for (let t = 0; t < 20_000; t++) {
    const idx = weightedRandomSampler(weights, 2, { replacement: false, generator: rng });
    if (idx[0] === 3) second[idx[1]]++;
  }
  assert(chiSquare(second, [1 / 3, 2 / 3]) < 10.8, `second draws ${second}`);
});

Deno.test("oversample / undersample: class sizes, originals kept, seeded", () => {
  const labels = ["a", "b", "a", "c", "a", "a", "b", "a"]; // a: 5, b: 2, c: 1
  const over = oversample(labels, { seed: 1 });
  const count = (idx: number[], y: string) => idx.filter((i) => labels[i] === y).length;
  assertEquals([count(over, "a"), count(over, "b"), count(over, "c")], [5, 5, 5]);
  for (let i = 0; i < labels.length; i++) assert(over.includes(i), `original ${i} kept`);
  assertEquals(over, over.slice().sort((x, y) => x - y));
  assertEquals(oversample(labels, { seed: 1 }), over);

  const under = undersample(labels, { seed: 1 });
  assertEquals([count(under, "a"), count(under, "b"), count(under, "c")], [1, 1, 1]);
  assertEquals(new Set(under).size, 3);
  assertEquals(undersample(labels, { seed: 1 }), under);

  // Every majority example is equally likely to be kept by undersampling.
  const kept = new Map<number, number>();
  for (let s = 0; s < 5000; s++) {
    for (const i of undersample([0, 0, 0, 0, 1], { seed: s })) kept.set(i, (kept.get(i) ?? 0) + 1);
  }
  assertEquals(kept.get(4), 5000);
  const majority = [0, 1, 2, 3].map((i) => kept.get(i) ?? 0);
  assert(chiSquare(majority, [0.25, 0.25, 0.25, 0.25]) < 16.3, `kept ${majority}`);
  // And oversampling draws extra copies uniformly within the class.
  const extra = [0, 0, 0];
  for (let s = 0; s < 3000; s++) {
    const idx = oversample([1, 1, 1, 0, 0, 0, 0, 0, 0], { seed: s });
    for (const i of idx.filter((i) => i < 3)) extra[i]++;
  }
  assert(chiSquare(extra.map((c) => c - 3000), [1 / 3, 1 / 3, 1 / 3]) < 13.8, `extra ${extra}`);
});

Deno.test("samplers: bad input names the argument and the value", () => {
  const cases: [() => unknown, string][] = [
    [() => weightedRandomSampler([], 1, { seed: 0 }), "weights = []: weightedRandomSampler needs"],
    [() => weightedRandomSampler([1, -1], 1, { seed: 0 }), "weights[1] = -1"],
    [() => weightedRandomSampler([1, NaN], 1, { seed: 0 }), "weights[1] = NaN"],
    [() => weightedRandomSampler([0, 0], 1, { seed: 0 }), "weights = [0, 0]: sum to 0"],
    [
      () => weightedRandomSampler([1, 1], 1.5, { seed: 0 }),
      "numSamples = 1.5: is not an integer >= 0",
    ],
    [
      () => weightedRandomSampler([1, 0, 1], 3, { seed: 0, replacement: false }),
      "numSamples = 3: exceeds the 2 examples",
    ],
    [() => weightedRandomSampler([1], 1, { seed: 0, generator: new Random(0) }), "not both"],
    [() => weightedRandomSampler([1], 1, { seed: 0.5 }), "seed = 0.5: is not a safe integer"],
    [() => oversample([], { seed: 0 }), "labels = []: oversample needs a non-empty array"],
    [
      () => undersample([0, NaN], { seed: 0 }),
      "labels[1] = NaN: is not a finite number or a string (undersample)",
    ],
  ];
  for (const [f, msg] of cases) assertThrows(f, ArgumentError, msg);
});
