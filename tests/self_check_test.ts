// selfCheck: an exercise's real public cases against the kit's own functions (full points), a
// wrong implementation and a missing one (failed cases named, with their reasons).
import { assertEquals, assertRejects } from "@std/assert";
import { selfCheck } from "../lib/grade/local.ts";
import { generatePairs, uniquePairs } from "../lib/setfit/pairs.ts";
import * as setfitPairs from "../exercises/setfit_pairs/public_cases.ts";

const max = setfitPairs.cases.reduce((s, c) => s + c.points, 0);

async function linesOf(submission: Record<string, unknown>): Promise<string[]> {
  const lines: string[] = [];
  await selfCheck(setfitPairs, submission, { log: (l) => lines.push(l) });
  return lines;
}

Deno.test("selfCheck: the kit's own functions pass every public case", async () => {
  const lines = await linesOf({ uniquePairs, generatePairs });
  assertEquals(lines, [
    ...setfitPairs.cases.map((c) => `ok    ${c.points} pt  ${c.name}`),
    `${max} / ${max} public points`,
  ]);
});

Deno.test("selfCheck: a wrong and a missing function fail their cases, with reasons", async () => {
  // Pairs written [j, i]: every case that reads the pairs fails; the error case still passes.
  const reversed = (labels: (number | string)[]) => {
    const { positive, negative } = uniquePairs(labels);
    const flip = (ps: [number, number][]) => ps.map(([i, j]) => [j, i]);
    return { positive: flip(positive), negative: flip(negative) };
  };
  const lines = await linesOf({ uniquePairs: reversed });
  const [positives, negatives, epoch, lonely] = setfitPairs.cases;
  assertEquals(lines.length, 5);
  assertEquals(lines[0].startsWith(`FAIL  2 pt  ${positives.name}: positive[0] = [`), true);
  assertEquals(lines[1].startsWith(`FAIL  1 pt  ${negatives.name}: negative[0] = [`), true);
  assertEquals(
    lines[2],
    `FAIL  2 pt  ${epoch.name}: ` +
      "it threw TypeError: the submission does not export a function named generatePairs",
  );
  assertEquals(lines.slice(3), [`ok    1 pt  ${lonely.name}`, `1 / ${max} public points`]);
});

Deno.test("selfCheck: bad arguments are named", async () => {
  await assertRejects(() => selfCheck({} as typeof setfitPairs, {}), Error, "publicCases");
  await assertRejects(
    () => selfCheck(setfitPairs, null as unknown as Record<string, unknown>),
    Error,
    "submission = null: is not an object",
  );
});
