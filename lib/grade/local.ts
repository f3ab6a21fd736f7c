/**
 * The student's self-check: registers an exercise's public cases as `Deno.test`s against the
 * local module, with the same calling and checking code the grader uses.
 * @module
 */
import { invoke } from "./invoke.ts";
import type { Case, ExerciseSpec } from "./spec.ts";

/**
 * One `Deno.test` per case, named with its points.
 *
 * @example
 * ```ts ignore
 * import * as submission from "./mod.ts";
 * import { cases, exercise } from "./public_cases.ts";
 * registerCases(exercise, cases, submission);
 * ```
 */
export function registerCases(
  exercise: ExerciseSpec,
  cases: readonly Case[],
  submission: Record<string, unknown>,
): void {
  for (const c of cases) {
    Deno.test(`${exercise.name}: ${c.name} [${c.points} pt]`, async () => {
      c.check(await invoke(submission, c.call, c.args));
    });
  }
}
