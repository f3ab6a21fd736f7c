import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { runNotebook } from "../tools/notebooks.ts";
import { KERNEL_NAME, ROOT } from "../tools/notebook_files.ts";

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
}

async function executed(path: string): Promise<{ source: string; outputs: Output[] }[]> {
  const nb = JSON.parse(await Deno.readTextFile(path));
  return nb.cells.filter((c: { cell_type: string }) => c.cell_type === "code");
}

function joined(text: string | string[] | undefined): string {
  return Array.isArray(text) ? text.join("") : text ?? "";
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
    const cells = await executed(`${dir}/out.ipynb`);
    assertEquals(joined(cells[0].outputs[0].text), "before the failure 42\n");
    assertEquals(cells[1].outputs[0].output_type, "error");
    assertEquals(cells[2].outputs, [], "cells after the failure must not run");
    // The runner started the kernel from the project-local kernelspec the notebooks name.
    const spec = JSON.parse(
      await Deno.readTextFile(`${ROOT}.cache/jupyter/kernels/${KERNEL_NAME}/kernel.json`),
    );
    assertEquals(spec.argv.slice(1), ["jupyter", "--kernel", "--conn", "{connection_file}"]);
    const fixture = JSON.parse(await Deno.readTextFile("tests/fixtures/failing_cell.ipynb"));
    assertEquals(fixture.metadata.kernelspec.name, KERNEL_NAME);
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
      const cells = await executed(`${dir}/out.ipynb`);
      const streams = cells.map((c) =>
        c.outputs.filter((o) => o.output_type === "stream").map((o) => [o.name, joined(o.text)])
      );
      assertEquals(streams[0], [["stdout", out]], `run ${run}, cell 1`);
      assertEquals(streams[1], [["stderr", err]], `run ${run}, cell 2`);
      assertEquals(streams[2], [["stdout", last]], `run ${run}, cell 3`);
      const result3 = cells[2].outputs.find((o) => o.output_type === "execute_result");
      assertStringIncludes(joined(result3?.data?.["text/plain"]), "42");
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
    const nb = JSON.parse(await Deno.readTextFile("tests/fixtures/failing_cell.ipynb"));
    nb.cells[2].source = "await new Promise((resolve) => setTimeout(resolve, 60_000));";
    await Deno.writeTextFile(`${dir}/slow.ipynb`, JSON.stringify(nb));
    const run = await runNotebook(`${dir}/slow.ipynb`, { timeout: 1 });
    assertEquals(run.ok, false);
    assertStringIncludes(run.message, "slow.ipynb: cell 3 (code cell 2) timed out after 1 s");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
