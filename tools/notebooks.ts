/**
 * `deno task notebooks [paths...]`: executes every notebook (default notebooks/*.ipynb) top to
 * bottom through the real Deno kernel with tools/run_notebook.py, prints one line per notebook,
 * saves each executed copy under .cache/executed/, and exits non-zero when any cell fails.
 * @module
 */
import { basename, join } from "node:path";
import { notebookPaths, python, ROOT } from "./notebook_files.ts";

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

if (import.meta.main) {
  const paths = notebookPaths(Deno.args);
  let failed = 0;
  for (const path of paths) {
    const output = join(ROOT, ".cache", "executed", basename(path));
    const run = await runNotebook(path, { output });
    console.log(`${run.ok ? "ok  " : "FAIL"}  ${path}  ${run.seconds.toFixed(1)} s`);
    if (!run.ok) {
      failed++;
      console.log(run.message.replace(/^/gm, "      "));
    }
  }
  console.log(
    `${
      paths.length - failed
    } of ${paths.length} notebooks ran; executed copies in .cache/executed/`,
  );
  if (failed > 0) Deno.exit(1);
}
