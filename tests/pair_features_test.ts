import { assertAllClose, assertEquals, assertThrows } from "@std/assert";
import { ArgumentError } from "../lib/errors.ts";
import { embedPairFeatures, pairFeatures, pairFeatureSize } from "../lib/encoders/pair_features.ts";
import { UseLiteEncoder } from "../lib/encoders/use_lite/encoder.ts";
import type { Encoder } from "../lib/encoders/types.ts";

const golden = JSON.parse(
  await Deno.readTextFile(new URL("./golden/pair_features/pair_features.json", import.meta.url)),
);
const rows = (m: number[][]) => m.map((r) => Float32Array.from(r));

Deno.test("pairFeatures equals sentence-transformers' SoftmaxLoss concatenation (torch golden)", () => {
  for (const { options, features } of golden.cases) {
    const out = pairFeatures(rows(golden.u), rows(golden.v), options);
    assertAllClose(out.map((f) => [...f]), features, { atol: 1e-7, rtol: 0 });
    assertEquals(out[0].length, pairFeatureSize(5, options));
  }
});

Deno.test("pairFeatures: default parts are [u, v, |u - v|], SBERT's defaults", () => {
  const [f] = pairFeatures([new Float32Array([1, -2])], [new Float32Array([4, 1])]);
  assertEquals([...f], [1, -2, 4, 1, 3, 3]);
});

Deno.test("pairFeatures: bad input names the argument and the value", () => {
  const a = new Float32Array(2);
  assertThrows(() => pairFeatures([a], []), ArgumentError, "v.length = 0: u has 1 vectors");
  assertThrows(() => pairFeatures([a], [new Float32Array(3)]), Error, "u[0] and v[0]");
  assertThrows(
    () =>
      pairFeatures([a], [a], { concatenationSentRep: false, concatenationSentDifference: false }),
    Error,
    "at least one part",
  );
  assertThrows(() => pairFeatureSize(0), ArgumentError, "hiddenSize = 0");
});

Deno.test("embedPairFeatures embeds each distinct sentence once, in any order of the pairs", async () => {
  const seen: string[] = [];
  const encoder = {
    embed: (ts: string[]) => {
      seen.push(...ts);
      return Promise.resolve(ts.map((t) => new Float32Array([t.length])));
    },
  } as Pick<Encoder, "embed"> as Encoder;
  const out = await embedPairFeatures(encoder, [["ab", "c"], ["c", "ab"], ["ab", "dddd"]]);
  assertEquals(seen, ["ab", "c", "dddd"]);
  assertEquals(out.map((f) => [...f]), [[2, 1, 1], [1, 2, 1], [2, 4, 2]]);
  await assertThrowsAsync(() => embedPairFeatures(encoder, [["a"] as unknown as [string, string]]));
});

async function assertThrowsAsync(f: () => Promise<unknown>) {
  let threw = false;
  try {
    await f();
  } catch (e) {
    threw = true;
    assertEquals(
      (e as Error).message,
      'pairs[0] = ["a"]: is not two strings; give each pair as [first, second]',
    );
  }
  assertEquals(threw, true);
}

Deno.test("embedPairFeatures on real USE-lite equals pairFeatures of its sentence embeddings", async () => {
  const use = await UseLiteEncoder.load();
  try {
    const pairs: [string, string][] = [
      ["A man is playing guitar on stage.", "A musician is performing live."],
      ["A man is playing guitar on stage.", "Nobody is playing an instrument."],
    ];
    const options = { concatenationSentMultiplication: true, cache: false };
    const out = await embedPairFeatures(use, pairs, options);
    const [a, b, c] = await use.embed(
      [pairs[0][0], pairs[0][1], pairs[1][1]],
      { cache: false },
    );
    assertEquals(out[0].length, 4 * 512);
    assertAllClose([...out[0]], [...pairFeatures([a], [b], options)[0]], { atol: 1e-6, rtol: 0 });
    assertAllClose([...out[1]], [...pairFeatures([a], [c], options)[0]], { atol: 1e-6, rtol: 0 });
  } finally {
    use.dispose();
  }
});
