// The autograder can fail: solutions score 100 %, stubs 0, plausible wrong submissions exactly
// their partial scores, and hostile submissions 0 with a reason while other exercises go on.
import { assert, assertEquals, assertMatch, assertRejects } from "@std/assert";
import {
  buildRelease,
  type ExerciseResult,
  formatTable,
  GraderError,
  gradeSubmission,
  loadExercises,
  readZip,
  stripSolutions,
  toGradescope,
} from "../lib/grade/mod.ts";
import { submissionFor } from "./helpers/mistakes.ts";

const kit = new URL("../", import.meta.url).pathname.replace(/\/$/, "");
const fixtures = `${kit}/tests/fixtures/submissions`;
const exercises = await loadExercises(kit);
const names = exercises.map((e) => e.spec.name);
const byName = (results: ExerciseResult[]) => Object.fromEntries(results.map((r) => [r.name, r]));

Deno.test("every exercise has public and hidden cases, points, a stub and a solution", async () => {
  assert(names.length >= 8, `only ${names.length} exercises`);
  for (const { spec, publicCases, hiddenCases } of exercises) {
    assert(publicCases.length > 0 && hiddenCases.length > 0, spec.name);
    for (const c of [...publicCases, ...hiddenCases]) {
      assert(c.points > 0, `${spec.name}: ${c.name}`);
    }
    await Deno.stat(`${kit}/exercises/${spec.name}/mod.ts`);
    await Deno.stat(`${kit}/exercises/${spec.name}/public_test.ts`);
    await Deno.stat(`${kit}/solutions/${spec.name}/mod.ts`);
  }
});

Deno.test("the reference solutions score 100 % and the stubs 0", async () => {
  const solutions = await gradeSubmission(`${kit}/solutions`, { kitRoot: kit });
  for (const r of solutions) {
    assertEquals([r.name, r.score, r.failure], [r.name, r.maxScore, null], formatTable([r]));
  }
  const stubs = await gradeSubmission(`${kit}/exercises`, { kitRoot: kit });
  for (const r of stubs) assertEquals([r.name, r.score], [r.name, 0], formatTable([r]));
});

Deno.test("an exercise folder without its exercise or cases export is named", async () => {
  // A kit with one exercise folder whose public_cases.ts holds `source` (fresh paths each time:
  // a module is imported once per URL).
  const kitWith = async (source: string) => {
    const root = await Deno.makeTempDir({ prefix: "kit-exercises-" });
    await Deno.mkdir(`${root}/exercises/heads`, { recursive: true });
    await Deno.writeTextFile(`${root}/exercises/heads/public_cases.ts`, source);
    return root;
  };
  const roots = [
    await kitWith("export const cases = [];\n"),
    await kitWith('export const exercise = { name: "heads" };\n'),
  ];
  try {
    await assertRejects(
      () => loadExercises(roots[0]),
      Error,
      'exercises/heads/public_cases.ts: exercise.name must be "heads", got no export named exercise',
    );
    await assertRejects(() => loadExercises(roots[1]), Error, "export an array named cases");
  } finally {
    for (const root of roots) await Deno.remove(root, { recursive: true });
  }
});

// Exact partial scores of plausible mistakes (public + hidden points).
const wrong: [string, string, number, number][] = [
  ["wrong_alignment_off_by_one", "label_alignment", 5, 12],
  ["wrong_class_weights_unnormalised", "class_weights", 3, 12],
  ["wrong_weighted_ce_mean_over_n", "weighted_cross_entropy", 5, 11],
  ["wrong_token_level_f1", "entity_f1", 2, 11],
  ["wrong_macro_f1_of_means", "beyond_accuracy", 21, 27],
  ["wrong_focal_without_modulating_factor", "focal_loss", 5, 15],
  ["wrong_multitask_pooled_mean", "multitask_heads", 6, 10],
  ["wrong_oversample_smallest_only", "oversampling", 6, 10],
  ["wrong_setfit_self_pairs", "setfit_pairs", 4, 15],
  ["wrong_setfit_ordered_pairs", "setfit_pairs", 3, 15],
  ["wrong_softmax_overflow", "logistic_head", 15, 18],
  ["wrong_logistic_penalised_intercept", "logistic_head", 13, 18],
  ["wrong_pair_type_ids_all_zero", "sentence_pair_encoding", 10, 15],
  ["wrong_pair_truncate_end", "sentence_pair_encoding", 9, 15],
  ["wrong_threshold_strict", "multilabel_thresholds", 8, 17],
  ["wrong_macro_skips_unsupported", "multilabel_thresholds", 14, 17],
];
for (const [fixture, exercise, score, max] of wrong) {
  Deno.test(`${fixture}: ${score}/${max} on ${exercise}`, async () => {
    const { dir, cleanup } = await submissionFor(kit, `${fixtures}/${fixture}`);
    try {
      const [r] = await gradeSubmission(dir, { kitRoot: kit, only: [exercise] });
      assertEquals([r.score, r.maxScore, r.failure], [score, max, null], formatTable([r]));
    } finally {
      await cleanup();
    }
  });
}

// Hostile submissions of focal_loss: 0 with a reason that says what happened.
const hostile: [string, RegExp][] = [
  ["hostile_reexport", /write focalLoss yourself/],
  ["hostile_read_solutions", /read access to ".*solutions\/focal_loss\/mod\.ts"/],
  ["hostile_read_hidden", /read access to ".*tests\/grader\/hidden\/focal_loss\.ts"/],
  ["hostile_network", /net access/],
  ["hostile_write", /write access/],
  ["hostile_loop", /stalled: ran past the time limit of 15 s in test 1/],
  ["hostile_memory", /out of memory/],
  ["hostile_exit", /called exit/],
  ["hostile_forge", /forgery/],
];
Deno.test("hostile submissions get 0 with a clear reason; the next exercise is still graded", async () => {
  // Each hostile focal_loss sits next to an honest copy of another exercise's solution.
  const dirs = await Promise.all(hostile.map(async ([fixture]) => {
    const dir = await Deno.makeTempDir({ prefix: `kit-${fixture}-` });
    for (const ex of ["focal_loss", "entities"]) await Deno.mkdir(`${dir}/${ex}`);
    for await (const e of Deno.readDir(`${fixtures}/${fixture}/focal_loss`)) {
      await Deno.copyFile(
        `${fixtures}/${fixture}/focal_loss/${e.name}`,
        `${dir}/focal_loss/${e.name}`,
      );
    }
    await Deno.copyFile(`${kit}/solutions/entities/mod.ts`, `${dir}/entities/mod.ts`);
    return dir;
  }));
  try {
    const all = await Promise.all(dirs.map((dir) =>
      gradeSubmission(dir, {
        kitRoot: kit,
        only: ["entities", "focal_loss"],
        timeoutMs: 15_000,
        memoryMb: 128,
        concurrency: 1,
      })
    ));
    hostile.forEach(([fixture, reason], i) => {
      const r = byName(all[i]);
      assertEquals(r.focal_loss.score, 0, `${fixture}\n${formatTable(all[i])}`);
      assertMatch(r.focal_loss.failure ?? "", reason, fixture);
      assertEquals(r.entities.score, r.entities.maxScore, `${fixture}: entities still graded`);
    });
  } finally {
    for (const dir of dirs) await Deno.remove(dir, { recursive: true });
  }
  await Deno.stat("/tmp/kit-grade-hostile-write.txt").then(
    () => assert(false, "hostile_write left a file"),
    () => {},
  );
});

Deno.test("a later call probes the kit modules an earlier call's exercises did not forbid", async () => {
  // A small kit: the sandbox's child, a module that loads and one that cannot. Exercise "fine"
  // forbids a function of the first, "broken" one of the second.
  const root = await Deno.makeTempDir({ prefix: "kit-probe-" });
  try {
    await Deno.mkdir(`${root}/lib/grade`, { recursive: true });
    for (const f of ["child.ts", "invoke.ts", "spec.ts"]) {
      await Deno.copyFile(`${kit}/lib/grade/${f}`, `${root}/lib/grade/${f}`);
    }
    await Deno.writeTextFile(`${root}/deno.json`, '{ "imports": {} }\n');
    await Deno.writeTextFile(`${root}/deno.lock`, '{ "version": "5" }\n');
    await Deno.writeTextFile(`${root}/lib/fine.ts`, "export function one() { return 1; }\n");
    await Deno.writeTextFile(
      `${root}/lib/broken.ts`,
      'export function two() { return 2; }\nthrow new Error("this kit module cannot load");\n',
    );
    for (
      const [name, module, fn] of [["fine", "lib/fine.ts", "one"], [
        "broken",
        "lib/broken.ts",
        "two",
      ]]
    ) {
      await Deno.mkdir(`${root}/exercises/${name}`, { recursive: true });
      await Deno.writeTextFile(
        `${root}/exercises/${name}/public_cases.ts`,
        `export const exercise = { name: "${name}", title: "${name}", chapter: "", ` +
          `forbid: { "${module}": ["${fn}"] } };\n` +
          `export const cases = [{ name: "${fn}", points: 1, call: "${fn}", args: [], ` +
          `check: () => {} }];\n`,
      );
      await Deno.writeTextFile(
        `${root}/exercises/${name}/mod.ts`,
        `export const ${fn} = () => 0;\n`,
      );
    }
    const [fine] = await gradeSubmission(`${root}/exercises`, { kitRoot: root, only: ["fine"] });
    assertEquals([fine.score, fine.graderError], [1, null], formatTable([fine]));
    // The first probe loaded lib/fine.ts only: lib/broken.ts is probed now, before any
    // submission runs, and stops the grader with the fix.
    await assertRejects(
      () => gradeSubmission(`${root}/exercises`, { kitRoot: root, only: ["broken"] }),
      GraderError,
      "the grading sandbox cannot load the kit",
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a submission that prints a lot keeps its score; the print is cut", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kit-noisy-" });
  try {
    await Deno.mkdir(`${dir}/entities`);
    const solution = await Deno.readTextFile(`${kit}/solutions/entities/mod.ts`);
    // About 300 KB of debug lines before the answers, more than the grader keeps of the print.
    const noisy =
      `for (let i = 0; i < 3000; i++) console.log("debug " + i + " " + "y".repeat(90));\n`;
    await Deno.writeTextFile(`${dir}/entities/mod.ts`, noisy + solution);
    const [r] = await gradeSubmission(dir, { kitRoot: kit, only: ["entities"] });
    assertEquals([r.score, r.failure], [r.maxScore, null], formatTable([r]));
    assertMatch(r.output, /^debug 0 y+\n/);
    assertMatch(r.output, /more characters cut/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a zip submission grades like the folder; Gradescope JSON has the required fields", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kit-zip-" });
  try {
    const zip = `${dir}/submission.zip`;
    const out = await new Deno.Command("zip", {
      args: ["-qr", zip, "entities", "calibration"],
      cwd: `${kit}/solutions`,
    }).output();
    assert(out.success, new TextDecoder().decode(out.stderr));
    assertEquals((await readZip(await Deno.readFile(zip))).length, 2);
    const results = await gradeSubmission(zip, { kitRoot: kit });
    const r = byName(results);
    assertEquals(r.entities.score, r.entities.maxScore);
    assertEquals(r.calibration.score, r.calibration.maxScore);
    assertMatch(r.focal_loss.failure ?? "", /not submitted/);
    const gs = toGradescope(results, 1.234);
    assertEquals(gs.score, r.entities.maxScore + r.calibration.maxScore);
    assertEquals(gs.execution_time, 1.23);
    const t = gs.tests[0];
    assertEquals(Object.keys(t).sort(), ["max_score", "name", "output", "score", "visibility"]);
    assert(gs.tests.some((t) => t.visibility === "after_published"));
    assert(gs.tests.some((t) => t.visibility === "visible"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the student release leaves out solutions, hidden cases and solution cells", async () => {
  const { stripped, notebook } = stripSolutions({
    cells: [
      { cell_type: "markdown", metadata: {}, source: "Write the head." },
      {
        cell_type: "code",
        metadata: { tags: ["solution"] },
        source: "const secret = 42;",
        outputs: [{ output_type: "stream", text: "42" }],
        execution_count: 3,
      },
      {
        cell_type: "code",
        metadata: {},
        source: "console.log(secret);",
        outputs: [{ output_type: "stream", text: "the answer: 42" }],
        execution_count: 4,
      },
    ],
  });
  assertEquals(stripped, 1);
  assertEquals(notebook.cells[0].source, "Write the head.");
  assertEquals(notebook.cells[1].metadata?.tags, ["exercise"]);
  assertEquals([notebook.cells[1].outputs, notebook.cells[1].execution_count], [[], null]);
  assert(!JSON.stringify(notebook).includes("secret = 42"));
  // A cell after the solution printed what the solution computed: its output goes too.
  assertEquals([notebook.cells[2].outputs, notebook.cells[2].execution_count], [[], null]);

  const out = await Deno.makeTempDir({ prefix: "kit-release-" });
  try {
    const summary = await buildRelease(kit, out);
    assert(summary.files > 10);
    for (
      const gone of [
        "solutions",
        "tests/grader",
        "tests/fixtures/submissions",
        "tests/grade_test.ts",
        "tests/grade_hostile_test.ts",
        "tests/helpers/mistakes.ts",
      ]
    ) {
      await Deno.stat(`${out}/${gone}`).then(() => assert(false, `${gone} was released`), () => {});
    }
    for (const name of names) {
      await Deno.stat(`${out}/exercises/${name}/mod.ts`);
      await Deno.stat(`${out}/exercises/${name}/public_cases.ts`);
    }
    await Deno.stat(`${out}/lib/grade/child.ts`);
    // The kit's exercise notebook goes out with its solution cells replaced.
    const nb = "notebooks/exercises_16_6.ipynb";
    assert((summary.strippedCells[nb] ?? 0) > 0, `no solution cell stripped from ${nb}`);
    const released = JSON.parse(await Deno.readTextFile(`${out}/${nb}`));
    assert(
      !released.cells.some((c: { metadata?: { tags?: string[] } }) =>
        c.metadata?.tags?.includes("solution")
      ),
      `${nb} was released with a solution cell`,
    );
    assert(
      !released.cells.some((c: { outputs?: unknown[] }) => (c.outputs ?? []).length > 0),
      `${nb} was released with the stored outputs of the reference answers`,
    );
    await assertRejects(
      () => buildRelease(kit, `${kit}/lib`),
      Error,
      "not an earlier student release",
    );
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
