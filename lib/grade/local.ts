/**
 * The student's self-check: an exercise's public cases run against local functions, with the
 * same calling and checking code the grader uses — as `Deno.test`s (`registerCases`, for
 * `deno test exercises/<name>/`) or printed one line per case (`selfCheck`, for a notebook).
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { invoke } from "./invoke.ts";
import type { Case, ExerciseSpec } from "./spec.ts";

/** Calls the case's function on `submission` and checks the answer; throws when it is wrong. */
async function runCase(c: Case, submission: Record<string, unknown>): Promise<void> {
  c.check(await invoke(submission, c.call, c.args));
}

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
    Deno.test(`${exercise.name}: ${c.name} [${c.points} pt]`, () => runCase(c, submission));
  }
}

/**
 * Runs an exercise's public cases against `submission` (functions by name, e.g. the ones a
 * notebook defines) and prints one line per case — `ok` or `FAIL` with the first line of the
 * reason — and the total.
 *
 * @param publicCases the exercise's `public_cases.ts` module (its `cases` export).
 * @param submission the functions the cases call, by export name.
 * @param options `log` receives each line (default `console.log`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { selfCheck } from "./local.ts";
 * import { expectValue } from "./expect.ts";
 * const cases = [{
 *   name: "doubles 2",
 *   points: 1,
 *   call: "double",
 *   args: [2],
 *   check: expectValue((v) => assertEquals(v, 4)),
 * }];
 * const lines: string[] = [];
 * await selfCheck({ cases }, { double: (x: number) => 2 * x }, { log: (line) => lines.push(line) });
 * assertEquals(lines, ["ok    1 pt  doubles 2", "1 / 1 public points"]);
 * ```
 */
export async function selfCheck(
  publicCases: { cases: readonly Case[] },
  submission: Record<string, unknown>,
  { log = console.log }: { log?: (line: string) => void } = {},
): Promise<void> {
  const cases = publicCases?.cases;
  if (!Array.isArray(cases)) {
    throw new ArgumentError(
      "publicCases",
      publicCases,
      "is not a public_cases.ts module with a cases array",
      'pass await import("./public_cases.ts")',
    );
  }
  if (submission === null || typeof submission !== "object") {
    throw new ArgumentError(
      "submission",
      submission,
      "is not an object of functions",
      'pass await import("./mod.ts")',
    );
  }
  let points = 0, maxPoints = 0;
  for (const c of cases) {
    maxPoints += c.points;
    try {
      await runCase(c, submission);
      points += c.points;
      log(`ok    ${c.points} pt  ${c.name}`);
    } catch (e) {
      log(`FAIL  ${c.points} pt  ${c.name}: ${String((e as Error).message).split("\n")[0]}`);
    }
  }
  log(`${points} / ${maxPoints} public points`);
}
