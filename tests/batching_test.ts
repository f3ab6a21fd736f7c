import { assertEquals, assertRejects } from "@std/assert";
import { runSortedBatches } from "../lib/encoders/batching.ts";

const quiet = { label: "test", progress: false };

Deno.test("runSortedBatches: shortest first, results in input order, async run", async () => {
  const seqs = [[1, 2, 3], [1], [1, 2, 3, 4], [1, 2]];
  const seen: number[][] = [];
  const out = await runSortedBatches(seqs, (s) => s.length, async (batch) => {
    await Promise.resolve();
    seen.push(batch.map((s) => s.length));
    return batch.map((s) => s.reduce((a, b) => a + b, 0));
  }, { ...quiet, batchSize: 3 });
  assertEquals(seen, [[1, 2, 3], [4]]);
  assertEquals(out, [6, 1, 10, 3]);
});

Deno.test("runSortedBatches: bad batchSize names the value", async () => {
  for (const batchSize of [0, 1.5, NaN]) {
    await assertRejects(
      () => runSortedBatches([[1]], (s) => s.length, (b) => b, { ...quiet, batchSize }),
      Error,
      `batchSize = ${batchSize}: is not a positive integer`,
    );
  }
});
