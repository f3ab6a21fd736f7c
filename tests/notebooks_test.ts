import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { runNotebook } from "../tools/notebooks.ts";
import { KERNEL_NAME, readNotebook, ROOT, writeNotebook } from "../tools/notebook_files.ts";
import {
  joinText,
  numbersAgree,
  type Output,
  outputsDifference,
  textDifference,
} from "../tools/book/outputs.ts";

/** The outputs of each code cell of a notebook. */
function codeOutputs(path: string): Output[][] {
  return readNotebook(path).cells.filter((c) => c.cell_type === "code").map((c) => c.outputs ?? []);
}

Deno.test("a failing cell fails the run with the notebook, the cell number and the error", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const run = await runNotebook("tests/fixtures/failing_cell.ipynb", {
      output: `${dir}/out.ipynb`,
    });
    assertEquals(run.ok, false);
    assertStringIncludes(
      run.message,
      "tests/fixtures/failing_cell.ipynb: cell 3 (code cell 2) failed",
    );
    assertStringIncludes(run.message, "Error: deliberate failure in the fixture");
    assertStringIncludes(
      run.message,
      'source: throw new Error("deliberate failure in the fixture");',
    );
    const outputs = codeOutputs(`${dir}/out.ipynb`);
    assertEquals(joinText(outputs[0][0].text), "before the failure 42\n");
    assertEquals(outputs[1][0].output_type, "error");
    assertEquals(outputs[2], [], "cells after the failure must not run");
    // The runner started the kernel from the project-local kernelspec the notebooks name.
    const spec = JSON.parse(
      await Deno.readTextFile(`${ROOT}.cache/jupyter/kernels/${KERNEL_NAME}/kernel.json`),
    );
    assertEquals(spec.argv.slice(1), ["jupyter", "--kernel", "--conn", "{connection_file}"]);
    const fixture = readNotebook("tests/fixtures/failing_cell.ipynb");
    assertEquals(fixture.metadata.kernelspec?.name, KERNEL_NAME);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

// nbclient, which stops reading at idle, keeps about a fifth of these lines; see the fixture.
Deno.test("no output is lost, even what the kernel sends after idle (3 runs)", async () => {
  const dir = await Deno.makeTempDir();
  const out = Array.from({ length: 500 }, (_, i) => `out ${i}\n`).join("");
  const err = Array.from({ length: 200 }, (_, i) => `err ${i}\n`).join("");
  const last = Array.from({ length: 300 }, (_, i) => `last ${i}\n`).join("");
  try {
    for (let run = 1; run <= 3; run++) {
      const result = await runNotebook("tests/fixtures/many_lines.ipynb", {
        output: `${dir}/out.ipynb`,
      });
      assert(result.ok, result.message);
      const outputs = codeOutputs(`${dir}/out.ipynb`);
      const streams = outputs.map((cell) =>
        cell.filter((o) => o.output_type === "stream").map((o) => [o.name, joinText(o.text)])
      );
      assertEquals(streams[0], [["stdout", out]], `run ${run}, cell 1`);
      assertEquals(streams[1], [["stderr", err]], `run ${run}, cell 2`);
      assertEquals(streams[2], [["stdout", last]], `run ${run}, cell 3`);
      const result3 = outputs[2].find((o) => o.output_type === "execute_result");
      assertStringIncludes(joinText(result3?.data?.["text/plain"]), "42");
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("check_notebooks reports a type error as notebook + cell + line and cleans up", async () => {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "tools/check_notebooks.ts", "tests/fixtures/type_error.ipynb"],
  }).output();
  const text = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
  assertEquals(code, 1, text);
  assertStringIncludes(text, "Type 'number' is not assignable to type 'string'");
  assertStringIncludes(text, "tests/fixtures/type_error.ipynb cell 3, line 2:7");
  const left = [...Deno.readDirSync("tests/fixtures")].filter((e) => e.name.endsWith(".check.ts"));
  assertEquals(left, []);
});

Deno.test("a cell over the per-cell timeout fails the run, naming the cell", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const nb = readNotebook("tests/fixtures/failing_cell.ipynb");
    nb.cells[2].source = "await new Promise((resolve) => setTimeout(resolve, 60_000));";
    writeNotebook(`${dir}/slow.ipynb`, nb);
    const run = await runNotebook(`${dir}/slow.ipynb`, { timeout: 1 });
    assertEquals(run.ok, false);
    assertStringIncludes(run.message, "slow.ipynb: cell 3 (code cell 2) timed out after 1 s");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** A notebook in a temp folder under .cache (so `../../lib/` resolves) from code cell sources. */
async function tempNotebook(sources: string[]): Promise<{ dir: string; path: string }> {
  await Deno.mkdir(`${ROOT}.cache`, { recursive: true });
  const dir = await Deno.makeTempDir({ dir: `${ROOT}.cache`, prefix: "nb-test-" });
  const nb = readNotebook("tests/fixtures/failing_cell.ipynb");
  nb.cells = sources.map((source, i) => ({
    cell_type: "code",
    execution_count: null,
    id: `cell${i}`,
    metadata: {},
    outputs: [],
    source,
  }));
  const path = `${dir}/stored.ipynb`;
  writeNotebook(path, nb);
  return { dir, path };
}

async function notebooksCli(...args: string[]): Promise<{ code: number; text: string }> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "tools/notebooks.ts", ...args],
  }).output();
  return { code, text: new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr) };
}

/** Checks the notebook's stored outputs, which must fail saying each of `expected`. */
async function assertStale(path: string, ...expected: string[]): Promise<void> {
  const { code, text } = await notebooksCli(path);
  assertEquals(code, 1, text);
  for (const e of expected) assertStringIncludes(text, e);
}

Deno.test("stored outputs: none stored fails, refresh stores them (figure PNG, no timings), a changed number fails naming the cell", async () => {
  const { dir, path } = await tempNotebook([
    'import { barChart } from "../../lib/mod.ts";\nconst share = 0.474;',
    "console.log(`macro F1 ${share}, 84 pairs, ${Deno.cwd()}/x, in ${(performance.now() % 9).toFixed(1)} s`);",
    'barChart(["a", "b"], [{ name: "f1", values: [share, 0.9] }]);',
  ]);
  try {
    await assertStale(
      path,
      "cell 2 (code cell 2): stored 0 outputs (none), now 1 (stdout)",
      "deno task notebooks:refresh",
    );

    const refresh = await notebooksCli("--write", path);
    assertEquals(refresh.code, 0, refresh.text);
    const stored = await Deno.readTextFile(path);
    const nb = readNotebook(path);
    const text = joinText(nb.cells[1].outputs?.[0].text);
    assert(!text.includes(ROOT), `absolute path kept: ${text}`);
    assertStringIncludes(text, "macro F1 0.474, 84 pairs, .cache/");
    assertStringIncludes(text, "in … s");
    const figure = nb.cells[2].outputs?.[0].data ?? {};
    assertEquals(Object.keys(figure), [
      "application/vnd.plotly.v1+json",
      "image/png",
      "text/plain",
    ]);
    assert(joinText(figure["image/png"]).startsWith("iVBORw0KGgo"), "a PNG");
    assertEquals(nb.cells.map((c) => c.execution_count), [1, 2, 3]);

    const again = await notebooksCli(path);
    assertEquals(again.code, 0, again.text);
    const rewrite = await notebooksCli("--write", path);
    assertEquals(rewrite.code, 0, rewrite.text);
    assertEquals(await Deno.readTextFile(path), stored, "a rerun must change no byte");

    await Deno.writeTextFile(path, stored.replace("macro F1 0.474", "macro F1 0.481"));
    await assertStale(
      path,
      'cell 2 (code cell 2): output 1 (stdout), line 1: stored "macro F1 0.481, 84 pairs',
      'now "macro F1 0.474, 84 pairs',
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("output tolerance: a last-digit flip passes, a count or a plot value does not", () => {
  assert(numbersAgree("0.474", "0.475"));
  assert(!numbersAgree("0.474", "0.476"));
  assert(!numbersAgree("84", "85"));
  assertEquals(textDifference("acc 0.90  (n=10)", "acc 0.91 (n=10)"), undefined);
  assertStringIncludes(textDifference("n=10\nacc 0.90", "n=10\nacc 0.95")!, "line 2");
  assertEquals(textDifference("12 ms per step", "15 ms per step", true), undefined);
  const a = { data: [{ y: [0.5, 0.25] }] }, b = { data: [{ y: [0.5, 0.2501] }] };
  const bundle = (fig: unknown): Output[] => [{
    output_type: "execute_result",
    data: { "application/vnd.plotly.v1+json": fig, "text/plain": "Figure" },
  }];
  assertStringIncludes(
    outputsDifference(bundle(a), bundle(b))!,
    ".data[0].y[1]: stored 0.25, now 0.2501",
  );
  assertEquals(outputsDifference(bundle(a), bundle({ data: [{ y: [0.5, 0.250001] }] })), undefined);
  // A progress bar shows only when its loop ran (a warm cache skips it): never compared.
  const bar: Output = {
    output_type: "display_data",
    data: { "text/html": '<progress value="2" max="2"></progress> embed 2/2 100%' },
  };
  const said: Output = { output_type: "stream", name: "stdout", text: "2 vectors\n" };
  const line: Output = {
    output_type: "stream",
    name: "stdout",
    text: "embed 2/2 100% [████████████████████]\n2 vectors\n",
  };
  assertEquals(outputsDifference([said], [bar, said]), undefined);
  assertEquals(outputsDifference([said], [line]), undefined);
  assertStringIncludes(outputsDifference([said], [bar])!, "stored 1 outputs (stdout), now 0");
});
