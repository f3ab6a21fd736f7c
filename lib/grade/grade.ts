/**
 * Grading a submission: find its exercise folders, stage each inside the kit, run every case in
 * the sandbox, check the answers here, and total the points.
 * @module
 */
import { ArgumentError, FileFormatError } from "../errors.ts";
import { exists } from "../fs.ts";
import { buildSandboxKit } from "./confine.ts";
import { checkInstalled } from "./install.ts";
import { GraderError, runSandboxed } from "./sandbox.ts";
import type { Case, ExerciseSpec } from "./spec.ts";
import { extractZip } from "./zip.ts";

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
  /**
   * Why the exercise lost points beyond wrong answers (not submitted, sandbox violation, stall,
   * crash …), or null. A stall or crash keeps the points of the cases answered before it.
   */
  failure: string | null;
  /** The grader's or the kit's fault, not the submission's (its score means nothing), or null. */
  graderError: string | null;
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
  /** Wall time all exercises of one submission may take together, in ms (default 60 000). */
  budgetMs?: number;
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
 * const exercises = await loadExercises(); // the kit this module belongs to
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
      throw new FileFormatError(
        `exercises/${name}/public_cases.ts`,
        `exercise.name must be ${JSON.stringify(name)}, ` +
          `got ${spec ? JSON.stringify(spec.name) : "no export named exercise"}`,
      );
    }
    if (!Array.isArray(pub.cases)) {
      throw new FileFormatError(`exercises/${name}/public_cases.ts`, "export an array named cases");
    }
    if (hidden && !Array.isArray(hidden.cases)) {
      throw new FileFormatError(`tests/grader/hidden/${name}.ts`, "export an array named cases");
    }
    return { spec, publicCases: pub.cases as Case[], hiddenCases: (hidden?.cases ?? []) as Case[] };
  }));
}

/** Whether `path` is a directory itself, not a link to one (false when missing). */
async function isRealDir(path: string): Promise<boolean> {
  try {
    return (await Deno.lstat(path)).isDirectory;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/**
 * The folder holding the exercise folders of a submission: `path` itself, its `exercises/`, or
 * its one sub-folder that holds them; a file is a zip, extracted into `scratch` first (either
 * layout inside). Links are never followed: a submission that is a link into the kit (its
 * solutions, its hidden cases) would be graded as the kit.
 */
async function submissionRoot(path: string, names: string[], scratch: string): Promise<string> {
  let root = path.replace(/\/$/, "");
  if ((await Deno.lstat(root)).isFile) {
    const out = `${scratch}/unzipped`;
    await extractZip(await Deno.readFile(root), out);
    root = out;
  }
  const has = async (dir: string) => {
    if (!(await isRealDir(dir))) return false;
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

/**
 * Copies the plain files of a submitted exercise folder (no links, no sub-folders) and says
 * what it left out.
 */
async function stage(from: string, to: string): Promise<string[]> {
  await Deno.mkdir(to, { recursive: true });
  const skipped: string[] = [];
  for await (const e of Deno.readDir(from)) {
    if (e.isSymlink) skipped.push(`${e.name} (a link)`);
    else if (e.isFile && /\.(ts|js|mjs|json)$/.test(e.name)) {
      await Deno.copyFile(`${from}/${e.name}`, `${to}/${e.name}`);
    }
  }
  return skipped;
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
 * The probes of this process, per kit and per module they loaded ("" for the start of a child,
 * which every probe proves). The kit does not change while it grades, but a later call may grade
 * exercises that forbid modules no earlier probe loaded: those get a probe of their own.
 */
const probed = new Map<string, Map<string, Promise<void>>>();

/** Probes, once per kit and process, what no earlier probe covered of `exercises`. */
async function probeOnce(
  kitRoot: string,
  exercises: Exercise[],
  staging: string,
  denoDir: string,
): Promise<void> {
  const covered = probed.get(kitRoot) ?? new Map<string, Promise<void>>();
  probed.set(kitRoot, covered);
  const modules = ["", ...new Set(exercises.flatMap((e) => Object.keys(e.spec.forbid ?? {})))];
  const missing = modules.filter((m) => !covered.has(m));
  if (missing.length) {
    const probe = probeSandbox(kitRoot, missing.filter(Boolean), staging, denoDir);
    for (const m of missing) covered.set(m, probe);
    // A failed probe proves nothing: the next call probes again (after the fix).
    probe.catch(() => {
      for (const m of missing) if (covered.get(m) === probe) covered.delete(m);
    });
  }
  await Promise.all(modules.map((m) => covered.get(m)));
}

/**
 * Checks, before any student code runs, that a sandboxed child can start and load the kit
 * `modules` the exercises forbid (they pull in its npm packages) — offline, from the kit's
 * lockfile and node_modules. Throws a {@link GraderError} naming the fix when it cannot.
 */
async function probeSandbox(
  kitRoot: string,
  modules: string[],
  staging: string,
  denoDir: string,
): Promise<void> {
  await checkInstalled(kitRoot);
  const spec: ExerciseSpec = { name: "_probe", title: "sandbox probe", chapter: "" };
  const dir = `${staging}/_probe`;
  await buildSandboxKit(kitRoot, spec, dir);
  await Deno.mkdir(`${dir}/exercises/_probe`, { recursive: true });
  await Deno.writeTextFile(
    `${dir}/exercises/_probe/mod.ts`,
    modules.map((m) => `import "../../${m}";\n`).join(""),
  );
  const run = await runSandboxed(dir, spec, [], { kitRoot, denoDir, timeoutMs: 60_000 });
  if (run.graderError || run.failure) {
    throw new GraderError(
      `the grading sandbox cannot load the kit (${run.graderError ?? run.failure})\n` +
        `Is the kit installed? Run \`deno install\` in ${kitRoot} (online, once), then grade again.`,
    );
  }
}

/**
 * Grades the submission at `path` (a folder of exercise folders, a kit copy, or a zip file).
 * Each exercise runs in its own sandboxed process; a failure in one never stops the others, and
 * a submission that cannot be read (a bad zip) scores 0 with the reason. Throws a
 * {@link GraderError} when the sandbox itself cannot run (e.g. the kit is not installed).
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
    if (unknown.length) {
      throw new ArgumentError(
        "options.only",
        unknown,
        "names no exercise of the kit",
        "use exercise folder names",
      );
    }
    exercises = exercises.filter((e) => options.only!.includes(e.spec.name));
  }
  if (!(await exists(path))) {
    throw new ArgumentError(
      "path",
      path,
      "no such submission",
      "pass the submission's folder or zip",
    );
  }
  // Inside the kit, so the small kits can link its lib/ (one file system).
  const staging = `${kitRoot}/.grade-${crypto.randomUUID().slice(0, 8)}`;
  await Deno.mkdir(staging);
  try {
    // The children's own Deno cache (compiled code only: children never download, so no
    // package or module fetched elsewhere can resolve there).
    const denoDir = `${kitRoot}/.cache/grade-deno`;
    await Deno.mkdir(denoDir, { recursive: true });
    await probeOnce(kitRoot, exercises, staging, denoDir);
    let root: string;
    try {
      root = await submissionRoot(
        await Deno.realPath(path),
        exercises.map((e) => e.spec.name),
        staging,
      );
    } catch (e) {
      const why = `the submission could not be read: ${e instanceof Error ? e.message : e}`;
      return exercises.map((ex) => zeroResult(ex, why, options));
    }
    const budget = options.budgetMs ?? 60_000;
    const deadline = performance.now() + budget;
    return await pool(
      exercises,
      options.concurrency ?? navigator.hardwareConcurrency ?? 2,
      (ex) => gradeExercise(ex, root, staging, kitRoot, denoDir, { ...options, deadline, budget }),
    );
  } finally {
    await Deno.remove(staging, { recursive: true });
    // The children's transpiled copies of this run's small kits: never read again.
    await Deno.remove(`${kitRoot}/.cache/grade-deno/gen/file${staging}`, { recursive: true })
      .catch(() => {});
  }
}

function zeroResult(
  { spec, publicCases, hiddenCases }: Exercise,
  failure: string,
  options: GradeOptions,
  output = "",
  seconds = 0,
): ExerciseResult {
  const cases = [...publicCases, ...hiddenCases];
  return {
    name: spec.name,
    title: spec.title,
    score: 0,
    maxScore: cases.reduce((s, c) => s + c.points, 0),
    failure,
    graderError: null,
    output,
    seconds,
    tests: cases.map((c, i) => ({
      name: testName(spec, cases, i, publicCases.length),
      score: 0,
      maxScore: c.points,
      output: failure,
      visibility: visibility(i, publicCases.length, options),
    })),
  };
}

const visibility = (i: number, publicCount: number, options: GradeOptions): Visibility =>
  i < publicCount ? "visible" : options.hiddenVisibility ?? "after_published";

const testName = (spec: ExerciseSpec, cases: Case[], i: number, publicCount: number) =>
  `${spec.name}: ${cases[i].name}${i < publicCount ? "" : " (hidden)"}`;

async function gradeExercise(
  exercise: Exercise,
  root: string,
  staging: string,
  kitRoot: string,
  denoDir: string,
  options: GradeOptions & { deadline: number; budget: number },
): Promise<ExerciseResult> {
  const { spec, publicCases, hiddenCases } = exercise;
  const cases = [...publicCases, ...hiddenCases];
  const zero = (failure: string, output = "", seconds = 0) =>
    zeroResult(exercise, failure, options, output, seconds);
  const submitted = `${root}/${spec.name}`;
  let info: Deno.FileInfo;
  try {
    info = await Deno.lstat(submitted);
  } catch {
    return zero(`not submitted (no ${spec.name}/mod.ts)`);
  }
  if (info.isSymlink) {
    return zero(`${spec.name}/ is a link, not a folder: submit the files themselves`);
  }
  const mod = await Deno.lstat(`${submitted}/mod.ts`).catch(() => null);
  if (!mod?.isFile) {
    return zero(
      mod?.isSymlink
        ? `${spec.name}/mod.ts is a link, not a file: submit the file itself`
        : `not submitted (no ${spec.name}/mod.ts)`,
    );
  }
  const left = options.deadline - performance.now();
  const own = options.timeoutMs ?? spec.timeoutMs ?? 20_000;
  if (left < 2000) {
    return zero(
      `not run: the submission's time budget of ${options.budget / 1000} s was spent by its ` +
        `other exercises`,
    );
  }
  const dir = `${staging}/${spec.name}`;
  await buildSandboxKit(kitRoot, spec, dir);
  const skipped = await stage(submitted, `${dir}/exercises/${spec.name}`);
  const run = await runSandboxed(dir, spec, cases, {
    kitRoot,
    denoDir,
    memoryMb: options.memoryMb,
    timeoutMs: Math.min(own, left),
    timeoutReason: left < own
      ? `what was left of the submission's time budget of ${options.budget / 1000} s`
      : undefined,
    hiddenFrom: publicCases.length,
  });
  const note = skipped.length ? `left out: ${skipped.join(", ")}\n` : "";
  const output = note + run.output;
  if (run.graderError) {
    return {
      ...zero("grader error (not the submission's fault)", output, run.seconds),
      graderError: run.graderError,
    };
  }
  if (run.failure && run.voided) return zero(run.failure, output, run.seconds);
  const tests = cases.map((c, i): TestResult => {
    const outcome = run.outcomes[i];
    let message = "";
    if (!outcome) message = run.failure ?? "no answer from the sandbox";
    else {
      try {
        c.check(outcome);
      } catch (e) {
        message = e instanceof Error ? e.message : String(e);
      }
    }
    // A hidden case's own printed text goes with it (shown when it is published).
    const printed = i >= publicCases.length && run.printed[i] ? `printed:\n${run.printed[i]}` : "";
    return {
      name: testName(spec, cases, i, publicCases.length),
      score: message ? 0 : c.points,
      maxScore: c.points,
      output: [message, printed].filter(Boolean).join("\n"),
      visibility: visibility(i, publicCases.length, options),
    };
  });
  return {
    name: spec.name,
    title: spec.title,
    score: tests.reduce((s, t) => s + t.score, 0),
    maxScore: tests.reduce((s, t) => s + t.maxScore, 0),
    failure: run.failure,
    graderError: null,
    output,
    seconds: run.seconds,
    tests,
  };
}
