/**
 * Type-checks notebooks, which the Jupyter kernel does not: each notebook's code cells are
 * written, in order, into a temporary .ts file beside the notebook (so relative imports resolve
 * as in the kernel), `deno check`ed, and errors are reported as notebook + cell + line. Also
 * checks that each notebook declares the kit's kernel and carries no error outputs.
 *
 * Usage: `deno run -A tools/check_notebooks.ts [paths...]` (default notebooks/*.ipynb).
 * @module
 */
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  cellSource,
  KERNEL_NAME,
  type Notebook,
  notebookPaths,
  readNotebook,
} from "./notebook_files.ts";

interface Extracted {
  notebook: string;
  file: string;
  /** First line (1-based) of each code cell in `file`, with the cell's number in the notebook. */
  starts: { line: number; cell: number }[];
}

/** Problems a notebook has before any type-checking: wrong kernel, committed errors. */
export function lintNotebook(path: string, nb: Notebook): string[] {
  const problems: string[] = [];
  const kernel = nb.metadata.kernelspec?.name;
  if (kernel !== KERNEL_NAME) {
    problems.push(`${path}: metadata.kernelspec.name is ${kernel}, expected ${KERNEL_NAME}`);
  }
  nb.cells.forEach((cell, i) => {
    for (const out of cell.outputs ?? []) {
      if (out.output_type === "error") {
        problems.push(
          `${path}: cell ${i + 1} has a committed error output (${out.ename}: ${out.evalue}); ` +
            `clear it or commit a clean run`,
        );
      }
    }
  });
  return problems;
}

function extract(path: string, nb: Notebook): Extracted {
  const file = join(dirname(path), `.${basename(path, ".ipynb")}.check.ts`);
  const lines = [`// Generated from ${basename(path)} by tools/check_notebooks.ts; deleted after.`];
  const starts: Extracted["starts"] = [];
  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    lines.push(`// cell ${i + 1}`);
    starts.push({ line: lines.length + 1, cell: i + 1 });
    lines.push(...cellSource(cell).split("\n"));
  });
  Deno.writeTextFileSync(file, lines.join("\n") + "\n");
  return { notebook: path, file, starts };
}

/** Rewrites `file:///…/.x.check.ts:L:C` locations in deno's output as notebook cell locations. */
export function mapLocations(text: string, extracted: Extracted[]): string {
  let out = text;
  for (const ex of extracted) {
    const url = pathToFileURL(resolve(ex.file)).href;
    out = out.replaceAll(
      new RegExp(`${RegExp.escape(url)}:(\\d+):(\\d+)`, "g"),
      (_, line: string, col: string) => {
        const n = Number(line);
        const start = ex.starts.findLast((s) => s.line <= n);
        return start
          ? `${ex.notebook} cell ${start.cell}, line ${n - start.line + 1}:${col}`
          : `${ex.notebook} (generated line ${n})`;
      },
    );
  }
  return out;
}

if (import.meta.main) {
  const paths = notebookPaths(Deno.args);
  const problems: string[] = [];
  const extracted: Extracted[] = [];
  try {
    for (const path of paths) {
      const nb = readNotebook(path);
      problems.push(...lintNotebook(path, nb));
      extracted.push(extract(path, nb));
    }
    if (extracted.length > 0) {
      const { code, stderr } = await new Deno.Command(Deno.execPath(), {
        args: ["check", "--quiet", ...extracted.map((e) => e.file)],
        env: { NO_COLOR: "1", RUST_BACKTRACE: "0" },
      }).output();
      if (code !== 0) problems.push(mapLocations(new TextDecoder().decode(stderr), extracted));
    }
  } finally {
    for (const ex of extracted) Deno.removeSync(ex.file);
  }
  for (const p of problems) console.error(p);
  console.log(`${paths.length} notebooks checked, ${problems.length ? "with errors" : "clean"}`);
  if (problems.length > 0) Deno.exit(1);
}
