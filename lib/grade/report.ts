/**
 * Presenting grades: a plain-text score table and Gradescope's `results.json`.
 * @module
 */
import type { ExerciseResult } from "./grade.ts";

/** Gradescope's autograder results (https://gradescope-autograders.readthedocs.io). */
export interface GradescopeResults {
  /** Total points. */
  score: number;
  /** Seconds the grading took. */
  execution_time: number;
  /** Text shown above the tests. */
  output: string;
  /** One entry per case. */
  tests: {
    name: string;
    score: number;
    max_score: number;
    output: string;
    visibility: string;
  }[];
}

const pts = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const indent = (text: string) => text.replace(/^/gm, "    ");
/** The first lines of a text, at most 800 characters. */
const shorten = (text: string) => {
  const cut = text.split("\n").slice(0, 12).join("\n").slice(0, 800);
  return cut.length < text.length ? `${cut}\n… (shortened)` : cut;
};

/**
 * The score table: one line per exercise, then (with `verbose`) one per case.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { formatTable } from "./report.ts";
 * assertEquals(formatTable([]), "TOTAL       0 / 0  (0.0 %)");
 * ```
 */
export function formatTable(results: readonly ExerciseResult[], verbose = true): string {
  const lines: string[] = [];
  const width = Math.max(8, ...results.map((r) => r.name.length));
  let total = 0;
  let max = 0;
  for (const r of results) {
    total += r.score;
    max += r.maxScore;
    lines.push(
      `${r.name.padEnd(width)}  ${pts(r.score).padStart(3)} / ${pts(r.maxScore).padEnd(3)}  ` +
        `${r.title}${r.failure ? `  — ${r.failure}` : ""}`,
    );
    if (r.graderError) lines.push(indent(`GRADER ERROR: ${r.graderError}`));
    if (!verbose || r.graderError) continue;
    if (r.output) lines.push(indent(`printed:\n${shorten(r.output)}`));
    if (r.failure && r.score === 0) continue;
    for (const t of r.tests) {
      const mark = t.score === t.maxScore ? "ok  " : "FAIL";
      const label = t.name.slice(r.name.length + 2);
      lines.push(`    ${mark} ${pts(t.score)}/${pts(t.maxScore)}  ${label}`);
      if (t.output) lines.push(`         ${t.output.split("\n")[0].slice(0, 160)}`);
    }
  }
  const pct = max ? ((100 * total) / max).toFixed(1) : "0.0";
  lines.push(`${"TOTAL".padEnd(width)}  ${pts(total).padStart(3)} / ${pts(max)}  (${pct} %)`);
  return lines.join("\n");
}

/**
 * Gradescope's results object.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { toGradescope } from "./report.ts";
 * assertEquals(toGradescope([], 1.5).score, 0);
 * ```
 */
export function toGradescope(
  results: readonly ExerciseResult[],
  seconds: number,
): GradescopeResults {
  const broken = results.filter((r) => r.graderError);
  const graded = results.filter((r) => !r.graderError);
  const errors = broken.map((r) => `${r.name}: ${r.graderError}`);
  return {
    score: graded.reduce((s, r) => s + r.score, 0),
    execution_time: Math.round(seconds * 100) / 100,
    output: [
      ...(broken.length
        ? [
          `GRADER ERROR — not your fault, and these exercises are not graded yet ` +
          `(${broken.map((r) => r.name).join(", ")}). The course staff will regrade:`,
          ...errors,
          "",
        ]
        : []),
      ...graded.map((r) =>
        `${r.name}: ${pts(r.score)}/${pts(r.maxScore)}${r.failure ? ` (${r.failure})` : ""}` +
        (r.output ? `\n${indent(`printed:\n${shorten(r.output)}`)}` : "")
      ),
    ].join("\n"),
    tests: graded.flatMap((r) =>
      r.tests.map((t) => ({
        name: t.name,
        score: t.score,
        max_score: t.maxScore,
        output: t.output,
        visibility: t.visibility,
      }))
    ),
  };
}

/**
 * Gradescope's results object for a run that could not grade at all (the kit is not installed,
 * the sandbox cannot start): the reason, no tests — never a 0 that looks like the student's.
 *
 * @example
 * ```ts
 * import { assertMatch } from "@std/assert";
 * import { graderErrorResults } from "./report.ts";
 * assertMatch(graderErrorResults("no node_modules", 0.1).output, /GRADER ERROR/);
 * ```
 */
export function graderErrorResults(message: string, seconds: number): GradescopeResults {
  return {
    score: 0,
    execution_time: Math.round(seconds * 100) / 100,
    output: `GRADER ERROR — not your fault; nothing was graded. The course staff will regrade.\n` +
      message,
    tests: [],
  };
}
