/**
 * Wrong submissions that differ from a reference solution by a few lines are kept as those lines:
 * `tests/fixtures/submissions/<name>/mistake.json` holds the exercise, why the mistake is plausible,
 * and find/replace edits applied to `solutions/<exercise>/mod.ts`. Keeping only the mistake means a
 * fixture follows every change of its solution, and an edit whose text the solution no longer has
 * fails loudly instead of grading something else.
 * @module
 */

interface Mistake {
  exercise: string;
  why: string;
  edits: { find: string; replace: string }[];
}

/**
 * The submission folder for a fixture: a temporary folder with `<exercise>/mod.ts` built from the
 * solution when the fixture has a `mistake.json` (remove it with `cleanup`), else the fixture itself.
 */
export async function submissionFor(
  kit: string,
  fixtureDir: string,
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  let mistake: Mistake;
  try {
    mistake = JSON.parse(await Deno.readTextFile(`${fixtureDir}/mistake.json`));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return { dir: fixtureDir, cleanup: async () => {} };
    throw e;
  }
  let source = await Deno.readTextFile(`${kit}/solutions/${mistake.exercise}/mod.ts`);
  mistake.edits.forEach(({ find, replace }, i) => {
    const count = source.split(find).length - 1;
    if (count !== 1) {
      throw new Error(
        `${fixtureDir}/mistake.json: edits[${i}].find occurs ${count} times in ` +
          `solutions/${mistake.exercise}/mod.ts, expected once:\n${find}`,
      );
    }
    source = source.replace(find, () => replace);
  });
  const dir = await Deno.makeTempDir({ prefix: "kit-mistake-" });
  await Deno.mkdir(`${dir}/${mistake.exercise}`);
  await Deno.writeTextFile(`${dir}/${mistake.exercise}/mod.ts`, `// ${mistake.why}\n${source}`);
  return { dir, cleanup: () => Deno.remove(dir, { recursive: true }) };
}
