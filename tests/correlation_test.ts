import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { pearsonCorrelation, rankData, spearmanCorrelation } from "../lib/metrics/mod.ts";

interface Golden {
  scipy: string;
  cases: { name: string; x: number[]; y: number[]; pearson: number; spearman: number }[];
}

const golden: Golden = JSON.parse(
  await Deno.readTextFile(new URL("./golden/metrics/correlation.json", import.meta.url)),
);

Deno.test("pearsonCorrelation and spearmanCorrelation equal scipy's pearsonr / spearmanr", () => {
  assert(golden.cases.length >= 10, "golden file has its cases");
  for (const c of golden.cases) {
    assertAlmostEquals(pearsonCorrelation(c.x, c.y), c.pearson, 1e-12, `${c.name}: pearson`);
    assertAlmostEquals(spearmanCorrelation(c.x, c.y), c.spearman, 1e-12, `${c.name}: spearman`);
  }
});

Deno.test("the golden cases include ties, so average ranks are exercised", () => {
  const tied = golden.cases.find((c) => c.name === "ties in both")!;
  assert(new Set(tied.x).size < tied.x.length);
  // ordinal ranks (ties broken by position) would give a different rho
  const ordinal = (v: number[]) => {
    const order = v.map((_, i) => i).sort((a, b) => v[a] - v[b] || a - b);
    const r = new Array<number>(v.length);
    order.forEach((i, k) => r[i] = k + 1);
    return r;
  };
  const wrong = pearsonCorrelation(ordinal(tied.x), ordinal(tied.y));
  assert(Math.abs(wrong - tied.spearman) > 1e-3, `ordinal ranks give ${wrong}`);
});

Deno.test("rankData averages tied ranks like scipy.stats.rankdata", () => {
  assertEquals(rankData([3, 1, 4, 1, 5, 9, 2, 6, 5]), [4, 1.5, 5, 1.5, 6.5, 9, 3, 8, 6.5]);
});

Deno.test("constant input gives NaN, as scipy", () => {
  assert(Number.isNaN(pearsonCorrelation([1, 1, 1], [1, 2, 3])));
  assert(Number.isNaN(spearmanCorrelation([1, 2, 3], [2, 2, 2])));
});

Deno.test("bad input is refused with the argument and the value", () => {
  assertThrows(
    () => pearsonCorrelation([1, 2], [1, 2, 3]),
    RangeError,
    "x has 2 values but y has 3",
  );
  assertThrows(() => spearmanCorrelation([1], [2]), RangeError, "at least 2 values");
  assertThrows(() => pearsonCorrelation([1, NaN], [1, 2]), RangeError, "x[1] = NaN");
});
