/**
 * Grading a submission: find its exercise folders, stage each inside the kit, run every case in
 * the sandbox, check the answers here, and total the points.
 * @module
 */
import { exists } from "../fs.ts";
import { runSandboxed } from "./sandbox.ts";
import type { Case, ExerciseSpec } from "./spec.ts";
import { readZip } from "./zip.ts";

/** Gradescope's visibility values. */
export type Visibility = "visible" | "hidden" | "after_due_date" | "after_published";

/** An exercise with its public and (when the kit has them) hidden cases. */
export interface Exercise {
  /** Name, title, chapter, forbidden kit functions, time limit. */
  spec: ExerciseSpec;
  /** Cases the student sees (`exercises/<name>/public_cases.ts`). */
  publicCases: Case[];
  /** Cases the instructor keeps (`tests/grader/hidden/<name>.ts`); empty in the student copy. */
  hiddenCases: Case[];
}

/** One graded case. */
export interface TestResult {
  /** `<exercise>: <case>` plus `(hidden)` for hidden cases. */
  name: string;
  /** Points earned. */
  score: number;
  /** Points possible. */
  maxScore: number;
  /** Why it failed, or empty. */
  output: string;
  /** Gradescope visibility. */
  visibility: Visibility;
}

/** One graded exercise. */
export interface ExerciseResult {
  /** Folder name. */
  name: string;
  /** Title. */
  title: string;
  /** Points earned. */
  score: number;
  /** Points possible. */
  maxScore: number;
  /** Why the whole exercise got 0 (not submitted, sandbox violation, timeout …), or null. */
  failure: string | null;
  /** What the submission printed, shortened. */
  output: string;
  /** Seconds in the sandbox. */
  seconds: number;
  /** Every case. */
  tests: TestResult[];
}

/** Options of {@link gradeSubmission}. */
export interface GradeOptions {
  /** The kit's root (default: two levels above this module). */
  kitRoot?: string;
  /** Grade only these exercises (default: all the kit has). */
  only?: string[];
  /** Children run at once (default: the number of CPUs). */
  concurrency?: number;
  /** Heap limit per child in MB. */
  memoryMb?: number;
  /** Overrides every exercise's wall-time limit (ms). */
  timeoutMs?: number;
  /** Visibility of hidden cases in Gradescope (default `"after_published"`). */
  hiddenVisibility?: Visibility;
}

/** The kit's root folder: the one above `lib/`. */
export function defaultKitRoot(): string {
  return new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
}

/**
 * Every exercise of the kit, in name order, with its cases (hidden ones when present).
 *
 * @example
 * ```ts ignore
 * const exercises = await loadExercises("/work/main");
 * ```
 */
export async function loadExercises(kitRoot = defaultKitRoot()): Promise<Exercise[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(`${kitRoot}/exercises`)) {
    if (e.isDirectory && await exists(`${kitRoot}/exercises/${e.name}/public_cases.ts`)) {
      names.push(e.name);
    }
  }
  names.sort();
  return await Promise.all(names.map(async (name) => {
    const pub = await import(`file://${kitRoot}/exercises/${name}/public_cases.ts`);
    const hiddenPath = `${kitRoot}/tests/grader/hidden/${name}.ts`;
    const hidden = (await exists(hiddenPath)) ? await import(`file://${hiddenPath}`) : undefined;
    const spec = pub.exercise as ExerciseSpec | undefined;
    if (spec?.name !== name) {
      throw new Error(
        `exercises/${name}/public_cases.ts: exercise.name must be ${JSON.stringify(name)}, ` +
          `got ${spec ? JSON.stringify(spec.name) : "no export named exercise"}`,
      );
    }
    if (!Array.isArray(pub.cases)) {
      throw new Error(`exercises/${name}/public_cases.ts: export an array named cases`);
    }
    if (hidden && !Array.isArray(hidden.cases)) {
      throw new Error(`tests/grader/hidden/${name}.ts: export an array named cases`);
    }
    return { spec, publicCases: pub.cases as Case[], hiddenCases: (hidden?.cases ?? []) as Case[] };
  }));
}

/**
 * The folder holding the exercise folders of a submission: `path` itself, its `exercises/`,
 * or, for a `.zip`, the archive extracted into `scratch` (either layout inside).
 */
async function submissionRoot(path: string, names: string[], scratch: string): Promise<string> {
  let root = path.replace(/\/$/, "");
  if (root.endsWith(".zip")) {
    const out = `${scratch}/unzipped`;
    for (const { path: p, data } of await readZip(await Deno.readFile(root))) {
      const file = `${out}/${p}`;
      await Deno.mkdir(file.slice(0, file.lastIndexOf("/")), { recursive: true });
      await Deno.writeFile(file, data);
    }
    root = out;
  }
  const has = async (dir: string) => {
    for (const n of names) if (await exists(`${dir}/${n}/mod.ts`)) return true;
    return false;
  };
  if (await has(root)) return root;
  if (await has(`${root}/exercises`)) return `${root}/exercises`;
  // A zip of one folder (e.g. "exercises/" or "hw/") holding the exercise folders.
  for await (const e of Deno.readDir(root)) {
    if (e.isDirectory && await has(`${root}/${e.name}`)) return `${root}/${e.name}`;
  }
  return root;
}

/** Copies the plain files of a submitted exercise folder (no links, no sub-folders). */
async function stage(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    if (e.isFile && /\.(ts|js|mjs|json)$/.test(e.name)) {
      await Deno.copyFile(`${from}/${e.name}`, `${to}/${e.name}`);
    }
  }
}

async function pool<T, R>(items: T[], size: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
  return out;
}

/**
 * Grades the submission at `path` (a folder of exercise folders, a kit copy, or a `.zip`).
 * Each exercise runs in its own sandboxed process; a failure in one never stops the others.
 *
 * @example
 * ```ts ignore
 * const results = await gradeSubmission("solutions");
 * console.log(results.reduce((s, r) => s + r.score, 0));
 * ```
 */
export async function gradeSubmission(
  path: string,
  options: GradeOptions = {},
): Promise<ExerciseResult[]> {
  const kitRoot = options.kitRoot ?? defaultKitRoot();
  let exercises = await loadExercises(kitRoot);
  if (options.only) {
    const unknown = options.only.filter((n) => !exercises.some((e) => e.spec.name === n));
    if (unknown.length) throw new Error(`gradeSubmission: unknown exercise(s) ${unknown.join()}`);
    exercises = exercises.filter((e) => options.only!.includes(e.spec.name));
  }
  if (!(await exists(path))) throw new Error(`gradeSubmission: no such submission: ${path}`);
  // The staging folder sits at the depth of exercises/, so `../../lib/…` imports resolve to the kit.
  const staging = `${kitRoot}/.grade-${crypto.randomUUID().slice(0, 8)}`;
  await Deno.mkdir(staging);
  try {
    const root = await submissionRoot(
      await Deno.realPath(path),
      exercises.map((e) => e.spec.name),
      staging,
    );
    return await pool(
      exercises,
      options.concurrency ?? navigator.hardwareConcurrency ?? 2,
      (ex) => gradeExercise(ex, root, staging, kitRoot, options),
    );
  } finally {
    await Deno.remove(staging, { recursive: true });
  }
}

async function gradeExercise(
  { spec, publicCases, hiddenCases }: Exercise,
  root: string,
  staging: string,
  kitRoot: string,
  options: GradeOptions,
): Promise<ExerciseResult> {
  const cases = [...publicCases, ...hiddenCases];
  const maxScore = cases.reduce((s, c) => s + c.points, 0);
  const visibility = (i: number): Visibility =>
    i < publicCases.length ? "visible" : options.hiddenVisibility ?? "after_published";
  const testName = (i: number) =>
    `${spec.name}: ${cases[i].name}${i < publicCases.length ? "" : " (hidden)"}`;
  const zero = (failure: string, output = "", seconds = 0): ExerciseResult => ({
    name: spec.name,
    title: spec.title,
    score: 0,
    maxScore,
    failure,
    output,
    seconds,
    tests: cases.map((c, i) => ({
      name: testName(i),
      score: 0,
      maxScore: c.points,
      output: failure,
      visibility: visibility(i),
    })),
  });
  const submitted = `${root}/${spec.name}`;
  if (!(await exists(`${submitted}/mod.ts`))) return zero(`not submitted (no ${spec.name}/mod.ts)`);
  const staged = `${staging}/${spec.name}`;
  await stage(submitted, staged);
  const run = await runSandboxed(`${staged}/mod.ts`, spec, cases, {
    kitRoot,
    memoryMb: options.memoryMb,
    timeoutMs: options.timeoutMs,
  });
  if (run.failure) return zero(run.failure, run.output, run.seconds);
  const tests = cases.map((c, i): TestResult => {
    const outcome = run.outcomes[i];
    let message = "";
    if (!outcome) message = "no answer from the sandbox";
    else {
      try {
        c.check(outcome);
      } catch (e) {
        message = e instanceof Error ? e.message : String(e);
      }
    }
    return {
      name: testName(i),
      score: message ? 0 : c.points,
      maxScore: c.points,
      output: message,
      visibility: visibility(i),
    };
  });
  return {
    name: spec.name,
    title: spec.title,
    score: tests.reduce((s, t) => s + t.score, 0),
    maxScore,
    failure: null,
    output: run.output,
    seconds: run.seconds,
    tests,
  };
}
