// runSeeds: the order of the runs, results collected per setting and field (numbers, arrays,
// objects), the progress bar, and runs or arguments that do not fit.
import { assertEquals, assertRejects } from "@std/assert";
import { runSeeds } from "../lib/train/experiments.ts";

const quiet = { progress: false as const };

Deno.test("runSeeds: settings in order, each over all seeds; fields collected per seed", async () => {
  const calls: string[] = [];
  const rows = await runSeeds(
    [{ name: "ce", gain: 0 }, { name: "focal", gain: 0.5 }],
    [2, 0, 1],
    async ({ name, gain }, seed) => {
      calls.push(`${name}/${seed}`);
      await Promise.resolve();
      return { f1: seed / 10 + gain, perTag: [seed, gain], scores: { micro: seed } };
    },
    quiet,
  );
  assertEquals(calls, ["ce/2", "ce/0", "ce/1", "focal/2", "focal/0", "focal/1"]);
  assertEquals(rows.map((r) => r.setting.name), ["ce", "focal"]);
  assertEquals(rows[1].seeds, [2, 0, 1]);
  assertEquals(rows[1].values.f1, [0.7, 0.5, 0.6]);
  assertEquals(rows[0].values.perTag, [[2, 0], [0, 0], [1, 0]]);
  assertEquals(rows[0].values.scores.map((s) => s.micro), [2, 0, 1]);
});

Deno.test("runSeeds: one progress bar over all runs, finished at the end", async () => {
  const lines: string[] = [];
  await runSeeds(["a", "b"], [0, 1, 2], () => ({ x: 1 }), {
    progress: { label: "trainings", mode: "quiet", write: (t) => lines.push(t) },
  });
  assertEquals(lines.length, 1);
  assertEquals(lines[0].startsWith("trainings 6/6 100%"), true, lines[0]);
});

Deno.test("runSeeds: a run with other fields, a throwing run and bad arguments are named", async () => {
  let n = 0;
  await assertRejects(
    () => runSeeds(["a", "b"], [0], () => (n++ === 0 ? { f1: 1 } : { f1: 1, extra: 2 }), quiet),
    Error,
    'run(settings[1], seed 0) = {"f1":1,"extra":2}: runSeeds: every run must return an object ' +
      "with the fields f1",
  );
  await assertRejects(
    () => runSeeds(["a"], [0], () => 0.5 as unknown as Record<string, number>, quiet),
    Error,
    "run(settings[0], seed 0) = 0.5",
  );
  await assertRejects(
    () => runSeeds(["a"], [0], () => Promise.reject(new Error("out of memory")), quiet),
    Error,
    "out of memory",
  );
  await assertRejects(() => runSeeds([], [0], () => ({ x: 1 })), Error, "settings = []");
  await assertRejects(() => runSeeds(["a"], [], () => ({ x: 1 })), Error, "seeds = []");
  await assertRejects(() => runSeeds(["a"], [0.5], () => ({ x: 1 })), Error, "seeds[0] = 0.5");
});
