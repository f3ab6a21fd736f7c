/**
 * `deno task notebooks [paths...]`: executes every notebook (default notebooks/*.ipynb) top to
 * bottom through the real Deno kernel with tools/run_notebook.py, prints one line per notebook,
 * saves each executed copy under .cache/executed/, checks that the outputs stored in each
 * notebook still say what it produced (tools/book/store.ts), and exits non-zero when any cell
 * fails or any stored output differs.
 *
 * `deno task notebooks:refresh [paths...]` (`--write`) runs them the same way and writes the
 * outputs into the notebooks instead, with a PNG beside every figure (needs Chromium).
 * @module
 */
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { notebookPaths, python, readNotebook, ROOT, writeNotebook } from "./notebook_files.ts";
import { REFRESH_COMMAND, storedDifferences, storeOutputs } from "./book/store.ts";
import { Browser } from "./book/browser.ts";
import { figurePngs, type PlotlyJson } from "./book/figures.ts";

/** How one notebook run went. */
export interface NotebookRun {
  ok: boolean;
  /** The runner's stderr: which cell failed and why. */
  message: string;
  seconds: number;
}

/** Options of {@link runNotebook}; they mirror tools/run_notebook.py's flags. */
export interface RunOptions {
  /** Where to save the executed notebook. */
  output?: string;
  /** Where to write every iopub message as JSON lines. */
  logMessages?: string;
  /** Seconds each cell may run. */
  timeout?: number;
}

/** Runs one notebook through the Deno kernel. */
export async function runNotebook(path: string, options: RunOptions = {}): Promise<NotebookRun> {
  const args = [join(ROOT, "tools", "run_notebook.py"), path, "--deno", Deno.execPath()];
  if (options.output) args.push("--output", options.output);
  if (options.logMessages) args.push("--log-messages", options.logMessages);
  if (options.timeout) args.push("--timeout", String(options.timeout));
  const start = performance.now();
  const { code, stderr } = await new Deno.Command(python(), { args, stdout: "inherit" }).output();
  const message = new TextDecoder().decode(stderr).trim();
  return { ok: code === 0, message, seconds: (performance.now() - start) / 1000 };
}

/** Draws figures in one Chromium started on first use; `close` ends it. */
function lazyDrawer() {
  let browser: Promise<Browser> | undefined;
  return {
    draw: async (figures: PlotlyJson[]) =>
      figures.length ? figurePngs(await (browser ??= Browser.launch()), figures) : [],
    close: async () => await (await browser)?.close(),
  };
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    args: Deno.args,
    options: { write: { type: "boolean" } },
    allowPositionals: true,
  });
  const paths = notebookPaths(positionals);
  const drawer = lazyDrawer();
  let failed = 0, differ = 0;
  try {
    for (const path of paths) {
      const output = join(ROOT, ".cache", "executed", basename(path));
      const run = await runNotebook(path, { output });
      let note = "";
      if (run.ok) {
        const source = readNotebook(path);
        const executed = readNotebook(output);
        if (values.write) {
          const changed = await storeOutputs(source, executed, ROOT, drawer.draw);
          writeNotebook(path, source);
          note = changed ? `  outputs of ${changed} cells written` : "  stored outputs unchanged";
        } else {
          const problems = storedDifferences(source, executed, ROOT);
          if (problems.length) {
            differ++;
            note = `  stored outputs differ:\n${problems.map((p) => `      ${p}`).join("\n")}`;
          }
        }
      }
      console.log(`${run.ok ? "ok  " : "FAIL"}  ${path}  ${run.seconds.toFixed(1)} s${note}`);
      if (!run.ok) {
        failed++;
        console.log(run.message.replace(/^/gm, "      "));
      }
    }
  } finally {
    await drawer.close();
  }
  console.log(
    `${
      paths.length - failed
    } of ${paths.length} notebooks ran; executed copies in .cache/executed/`,
  );
  if (differ > 0) {
    console.log(
      `${differ} notebooks' stored outputs differ from this run: if the new results are right, ` +
        `run \`${REFRESH_COMMAND}\` and commit the notebooks`,
    );
  }
  if (failed || differ) Deno.exit(1);
}
