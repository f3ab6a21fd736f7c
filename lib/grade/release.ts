/**
 * Building the student copy of the kit: every file git tracks except the instructor's —
 * solutions, hidden cases, the grader's own proof with its wrong and hostile submissions — and
 * notebooks with their solution cells replaced by stubs.
 * @module
 */
import { ArgumentError } from "../errors.ts";

/** Paths (from the kit's root) the student copy leaves out: a folder prefix or an exact file. */
export const INSTRUCTOR_ONLY: readonly string[] = [
  "solutions/",
  "tests/grader/",
  "tests/fixtures/submissions/",
  "tests/grade_test.ts",
  "tests/grade_hostile_test.ts",
  "tests/helpers/mistakes.ts",
  "out/",
];

/** The tag that marks a notebook cell as a solution. */
export const SOLUTION_TAG = "solution";

/** Whether the student copy keeps `path` (relative to the kit's root, `/`-separated). */
export function keepsForStudents(path: string): boolean {
  if (/(^|\/)\.grade-[^/]+\//.test(path)) return false;
  return !INSTRUCTOR_ONLY.some((p) => (p.endsWith("/") ? path.startsWith(p) : path === p));
}

/** A Jupyter notebook, as far as the release needs it. */
export interface Notebook {
  /** The cells. */
  cells: NotebookCell[];
  /** Other top-level fields, kept as they are. */
  [key: string]: unknown;
}

/** A notebook cell. */
export interface NotebookCell {
  /** `"code"`, `"markdown"` or `"raw"`. */
  cell_type: string;
  /** Cell metadata; `tags` marks solutions. */
  metadata?: { tags?: string[]; [key: string]: unknown };
  /** The text, one string or a list of lines. */
  source: string | string[];
  /** Other fields (outputs, execution_count, id). */
  [key: string]: unknown;
}

/**
 * The notebook with each cell tagged `"solution"` replaced by a stub cell tagged `"exercise"`
 * (code: a comment and no outputs; markdown: a note), and how many were replaced. When any cell
 * was replaced, every code cell's stored outputs go too: cells after a solution print what the
 * solution computed (its self-check scores, fitted values), which would give the answers away.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { stripSolutions } from "./release.ts";
 * const nb = { cells: [{ cell_type: "code", metadata: { tags: ["solution"] }, source: "42", outputs: [] }] };
 * const { notebook, stripped } = stripSolutions(nb);
 * assert(stripped === 1 && !String(notebook.cells[0].source).includes("42"));
 * ```
 */
export function stripSolutions(notebook: Notebook): { notebook: Notebook; stripped: number } {
  let stripped = 0;
  const replaced = notebook.cells.map((cell): NotebookCell => {
    const tags = cell.metadata?.tags ?? [];
    if (!tags.includes(SOLUTION_TAG)) return cell;
    stripped++;
    const metadata = {
      ...cell.metadata,
      tags: [...tags.filter((t) => t !== SOLUTION_TAG), "exercise"],
    };
    if (cell.cell_type === "code") {
      return {
        ...cell,
        metadata,
        source:
          "// Your code here: this cell is an exercise (its solution is not in the student copy).\n",
        outputs: [],
        execution_count: null,
      };
    }
    return { ...cell, metadata, source: "*Your answer here.*\n" };
  });
  const cells = stripped === 0
    ? replaced
    : replaced.map((cell) =>
      cell.cell_type === "code" ? { ...cell, outputs: [], execution_count: null } : cell
    );
  return { notebook: { ...notebook, cells }, stripped };
}

/** What {@link buildRelease} did. */
export interface ReleaseSummary {
  /** Files written. */
  files: number;
  /** Files left out because they are the instructor's. */
  withheld: string[];
  /** Solution cells replaced, by notebook. */
  strippedCells: Record<string, number>;
}

/**
 * Writes the student copy of the kit at `kitRoot` into `outDir` (replacing an earlier release
 * there; a non-empty folder that is not one is refused).
 *
 * @example
 * ```ts ignore
 * const summary = await buildRelease(Deno.cwd(), `${Deno.cwd()}/out/student`);
 * ```
 */
export async function buildRelease(kitRoot: string, outDir: string): Promise<ReleaseSummary> {
  const marker = `${outDir}/.kit-student-release`;
  let entries = 0;
  try {
    for await (const _ of Deno.readDir(outDir)) entries++;
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  if (entries) {
    try {
      await Deno.stat(marker);
    } catch {
      throw new ArgumentError(
        "outDir",
        outDir,
        "is not empty and not an earlier student release",
        "pass an empty or new folder",
      );
    }
    await Deno.remove(outDir, { recursive: true });
  }
  const git = await new Deno.Command("git", {
    args: ["ls-files", "-z", "--cached"],
    cwd: kitRoot,
  }).output();
  if (!git.success) throw new Error(`buildRelease: git ls-files failed in ${kitRoot}`);
  const paths = [...new Set(new TextDecoder().decode(git.stdout).split("\0").filter(Boolean))];
  const summary: ReleaseSummary = { files: 0, withheld: [], strippedCells: {} };
  for (const path of paths.sort()) {
    if (!keepsForStudents(path)) {
      summary.withheld.push(path);
      continue;
    }
    const from = `${kitRoot}/${path}`;
    let info: Deno.FileInfo;
    try {
      info = await Deno.lstat(from);
    } catch {
      continue; // deleted in the working tree
    }
    if (!info.isFile) continue;
    const to = `${outDir}/${path}`;
    await Deno.mkdir(to.slice(0, to.lastIndexOf("/")), { recursive: true });
    if (path.endsWith(".ipynb")) {
      const { notebook, stripped } = stripSolutions(JSON.parse(await Deno.readTextFile(from)));
      if (stripped) summary.strippedCells[path] = stripped;
      await Deno.writeTextFile(to, JSON.stringify(notebook, null, 1) + "\n");
    } else {
      await Deno.copyFile(from, to);
    }
    summary.files++;
  }
  await Deno.writeTextFile(marker, "made by deno task release; safe to delete and rebuild\n");
  return summary;
}
