/**
 * What the notebook tools share: which notebooks to work on, how to read them, and the name of
 * the kit's Jupyter kernel (tools/run_notebook.py and tools/kernel.ts use the same name).
 * @module
 */
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Output } from "./book/outputs.ts";

/** The kernelspec name every kit notebook declares in its metadata. */
export const KERNEL_NAME = "finetune-kit-deno";
/** The kernel's name as Jupyter frontends list it. */
export const KERNEL_DISPLAY_NAME = "Deno (fine-tuning kit)";
/** The repository root. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** A notebook cell as nbformat 4 stores it. */
export interface Cell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  source: string | string[];
  metadata?: { tags?: string[]; [key: string]: unknown };
  execution_count?: number | null;
  outputs?: Output[];
}

/** The parts of an nbformat 4 notebook the tools read. */
export interface Notebook {
  nbformat: number;
  metadata: { kernelspec?: { name?: string } };
  cells: Cell[];
}

/** The notebooks named on the command line, else every notebooks/*.ipynb, sorted. */
export function notebookPaths(args: string[]): string[] {
  if (args.length > 0) return args;
  const dir = join(ROOT, "notebooks");
  return [...Deno.readDirSync(dir)]
    .filter((e) => e.isFile && e.name.endsWith(".ipynb"))
    .map((e) => relative(Deno.cwd(), join(dir, e.name)))
    .sort();
}

/** Reads a notebook, with the file name in the error when it is not nbformat 4 JSON. */
export function readNotebook(path: string): Notebook {
  let nb: Notebook;
  try {
    nb = JSON.parse(Deno.readTextFileSync(path));
  } catch (e) {
    throw new Error(`${path}: not a readable notebook: ${(e as Error).message}`);
  }
  if (nb.nbformat !== 4 || !Array.isArray(nb.cells)) {
    throw new Error(`${path}: expected nbformat 4 with a cells array, got nbformat ${nb.nbformat}`);
  }
  return nb;
}

/**
 * Writes a notebook as Jupyter does (one-space indent, keys in their order, non-ASCII kept, a
 * final newline), so a notebook read and written back is byte for byte the same.
 */
export function writeNotebook(path: string, nb: Notebook): void {
  Deno.writeTextFileSync(path, JSON.stringify(nb, null, 1) + "\n");
}

/** Whether a cell carries a metadata tag (`remove-cell`, `hide-input`, `volatile`, …). */
export function hasTag(cell: Cell, tag: string): boolean {
  return cell.metadata?.tags?.includes(tag) ?? false;
}

/** A cell's source as one string (nbformat allows a list of lines). */
export function cellSource(cell: Cell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/**
 * The Python that runs tools/run_notebook.py: `KIT_PYTHON`, else Debian's /usr/bin/python3 (a
 * pyenv or venv `python3` on PATH usually lacks jupyter_client), else `python3`.
 */
export function python(): string {
  const wanted = Deno.env.get("KIT_PYTHON");
  if (wanted) return wanted;
  try {
    Deno.statSync("/usr/bin/python3");
    return "/usr/bin/python3";
  } catch {
    return "python3";
  }
}
