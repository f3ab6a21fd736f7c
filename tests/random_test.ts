import { assert, assertEquals, assertNotEquals, assertThrows } from "@std/assert";
import { ArgumentError } from "../lib/errors.ts";
import { Random } from "../lib/random.ts";

Deno.test("Random: same seed, same stream; different seed, different stream", () => {
  const a = new Random(123);
  const b = new Random(123);
  const c = new Random(124);
  const xs = Array.from({ length: 5 }, () => a.nextUint32());
  assertEquals(xs, Array.from({ length: 5 }, () => b.nextUint32()));
  assertNotEquals(xs, Array.from({ length: 5 }, () => c.nextUint32()));
});

Deno.test("Random: mulberry32 reference stream for seed 0", () => {
  // Reference: the widely published mulberry32 one-liner, evaluated by hand-written JS below.
  let a = 0;
  const ref = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = new Random(0);
  for (let i = 0; i < 100; i++) assertEquals(rng.random(), ref());
});

Deno.test("Random: randInt is uniform (chi-square over 60000 draws)", () => {
  const rng = new Random(2024);
  const k = 6;
  const n = 60000;
  const counts = new Array(k).fill(0);
  for (let i = 0; i < n; i++) counts[rng.randInt(k)]++;
  const e = n / k;
  const chi2 = counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
  // 99.9th percentile of chi-square with 5 degrees of freedom is 20.5.
  assert(chi2 < 20.5, `chi2 ${chi2} for counts ${counts}`);
});

Deno.test("Random: shuffle, permutation, sample, choice keep their contracts", () => {
  const rng = new Random(5);
  const p = rng.permutation(50);
  assertEquals(p.slice().sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i));
  assertNotEquals(p, Array.from({ length: 50 }, (_, i) => i));
  const s = rng.sample(p, 20);
  assertEquals(new Set(s).size, 20);
  assert(s.every((x) => p.includes(x)));
  assertEquals(rng.sample([1, 2, 3], 0), []);
  assert([7, 8].includes(rng.choice([7, 8])));
  // Every position of a 3-element shuffle is hit by every element over many draws.
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) seen.add(rng.shuffle([1, 2, 3]).join());
  assertEquals(seen.size, 6);
});

Deno.test("Random: bad input names the argument and the value", () => {
  assertThrows(() => new Random(1.5), ArgumentError, "seed = 1.5: is not a safe integer");
  assertThrows(() => new Random(NaN), ArgumentError, "seed = NaN");
  assertThrows(() => new Random(1).randInt(0), ArgumentError, "n = 0");
  assertThrows(() => new Random(1).choice([]), ArgumentError, "non-empty");
  assertThrows(() => new Random(1).sample([1], 2), ArgumentError, "k = 2");
  assertThrows(() => new Random(1).permutation(-1), ArgumentError, "n = -1");
});
