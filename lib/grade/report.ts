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
        `${r.title}${r.failure ? `  — 0: ${r.failure}` : ""}`,
    );
    if (!verbose || r.failure) continue;
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
  return {
    score: results.reduce((s, r) => s + r.score, 0),
    execution_time: Math.round(seconds * 100) / 100,
    output: results
      .map((r) =>
        `${r.name}: ${pts(r.score)}/${pts(r.maxScore)}${r.failure ? ` (${r.failure})` : ""}`
      )
      .join("\n"),
    tests: results.flatMap((r) =>
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
