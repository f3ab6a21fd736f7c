// The grader against hostile submissions (each class of the review with a submission of our own)
// and against faults that are the kit's, not the student's. Every hostile submission sits next to
// an honest copy of the `entities` solution, which must still be graded in full.
import { assert, assertEquals, assertMatch, assertRejects, assertThrows } from "@std/assert";
import {
  type ExerciseResult,
  formatTable,
  type GradeOptions,
  GraderError,
  gradeSubmission,
  loadExercises,
  offLimitsSource,
  readZip,
  toGradescope,
  ZIP_LIMITS,
} from "../lib/grade/mod.ts";

const kit = new URL("../", import.meta.url).pathname.replace(/\/$/, "");
const exercises = await loadExercises(kit);
const solution = (name: string) => Deno.readTextFileSync(`${kit}/solutions/${name}/mod.ts`);
const honest = { "entities/mod.ts": solution("entities") };

/** A submission folder holding `files` (path → text) plus the honest entities solution. */
async function submission(files: Record<string, string>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "kit-hostile-" });
  for (const [path, text] of Object.entries({ ...honest, ...files })) {
    await Deno.mkdir(`${dir}/${path.slice(0, path.lastIndexOf("/"))}`, { recursive: true });
    await Deno.writeTextFile(`${dir}/${path}`, text);
  }
  return dir;
}

/** Grades `dir` on `exercise` and entities; checks entities got full marks. */
async function grade(
  dir: string,
  exercise: string,
  options: GradeOptions = {},
): Promise<ExerciseResult> {
  try {
    const results = await gradeSubmission(dir, {
      kitRoot: kit,
      only: [exercise, "entities"],
      concurrency: 1,
      ...options,
    });
    const by = Object.fromEntries(results.map((r) => [r.name, r]));
    assertEquals(by.entities.score, by.entities.maxScore, `entities:\n${formatTable(results)}`);
    return by[exercise];
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** 0 for the exercise, with a failure matching `reason`, and no grader error. */
function assertZero(r: ExerciseResult, reason: RegExp): void {
  assertEquals([r.score, r.graderError], [0, null], formatTable([r]));
  assertMatch(r.failure ?? "", reason, formatTable([r]));
}

Deno.test("links: an exercise folder or file linked into solutions/ or the hidden cases scores 0", async () => {
  const linked = await submission({});
  await Deno.symlink(`${kit}/solutions/focal_loss`, `${linked}/focal_loss`);
  assertZero(await grade(linked, "focal_loss"), /focal_loss\/ is a link/);

  const file = await submission({});
  await Deno.mkdir(`${file}/focal_loss`);
  await Deno.symlink(`${kit}/solutions/focal_loss/mod.ts`, `${file}/focal_loss/mod.ts`);
  assertZero(await grade(file, "focal_loss"), /mod\.ts is a link/);

  // A linked helper is left out (and said so); the import of it then fails.
  const helper = await submission({
    "focal_loss/mod.ts": `export { cases as focalLoss } from "./hidden.ts";\n`,
  });
  await Deno.symlink(`${kit}/tests/grader/hidden/focal_loss.ts`, `${helper}/focal_loss/hidden.ts`);
  const r = await grade(helper, "focal_loss");
  assertZero(r, /could not be loaded/);
  assertMatch(r.output, /left out: hidden\.ts \(a link\)/);

  // The submission's whole exercises/ folder a link into the kit: not looked into.
  const whole = await Deno.makeTempDir({ prefix: "kit-hostile-" });
  await Deno.symlink(`${kit}/solutions`, `${whole}/exercises`);
  const results = await gradeSubmission(whole, { kitRoot: kit, only: ["focal_loss"] });
  await Deno.remove(whole, { recursive: true });
  assertZero(results[0], /not submitted/);
});

Deno.test("imports outside the submission and the kit's lib/ fail; stand-ins hold under any URL", async () => {
  const tries: [string, string, RegExp][] = [
    // The off-limits function under other URLs of the same kit module: still the thrower.
    [
      "query",
      `import { focalLoss as k } from "../../lib/losses.ts?v=1";`,
      /write focalLoss yourself/,
    ],
    [
      "fragment",
      `import { focalLoss as k } from "../../lib/losses.ts#real";`,
      /write focalLoss yourself/,
    ],
    // The real kit, its solutions and hidden cases: not importable by any path (an npm subpath
    // climbing out of node_modules is refused by Deno as an "unprepared module" today; this
    // case fails if an upgrade lets it through).
    [
      "npm subpath",
      `import { focalLoss as k } from "npm:@tensorflow/tfjs@4.22.0/${
        "../".repeat(6)
      }solutions/focal_loss/mod.ts";`,
      /could not be loaded/,
    ],
    ["real kit", `import { focalLoss as k } from "${kit}/lib/losses.ts";`, /only its own folder/],
    ["up", `import { focalLoss as k } from "../../../../solutions/focal_loss/mod.ts";`, /only/],
    [
      "double slash",
      `import { focalLoss as k } from "file://${kit}//solutions/focal_loss/mod.ts";`,
      /only/,
    ],
    [
      "encoded",
      `import { cases as k } from "../../%2e%2e/%2e%2e/tests/grader/hidden/focal_loss.ts";`,
      /only/,
    ],
  ];
  const results = await Promise.all(tries.map(async ([, line]) =>
    grade(
      await submission({
        "focal_loss/mod.ts": `${line}\nexport function focalLoss(...a: unknown[]) {\n` +
          `  return (k as unknown as (...a: unknown[]) => unknown)(...a);\n}\n`,
      }),
      "focal_loss",
    )
  ));
  tries.forEach(([label, , reason], i) => {
    assertEquals(results[i].score, 0, `${label}\n${formatTable([results[i]])}`);
    assertMatch(results[i].failure ?? "", reason, label);
  });
});

Deno.test("every exercise's doc lists exactly the kit functions its sandbox replaces", () => {
  for (const { spec } of exercises) {
    const doc = Deno.readTextFileSync(`${kit}/exercises/${spec.name}/mod.ts`);
    // No "Off limits:" paragraph (or one that starts "nothing") means nothing is replaced.
    const at = doc.indexOf("Off limits:");
    const text = at < 0 ? "nothing" : doc.slice(at + 11).split(/\)\.|\s—\s|\n \*\n/)[0];
    const named = /^\s*nothing/.test(text)
      ? []
      : [...text.matchAll(/`(\w+)`/g)].map((m) => m[1]).sort();
    const forbidden = Object.values(spec.forbid ?? {}).flat().sort();
    assertEquals([...new Set(named)], [...new Set(forbidden)], spec.name);
  }
});

Deno.test("entity_f1: the seqeval scores that compute F1 another way are off limits too", async () => {
  const r = await grade(
    await submission({
      "entity_f1/mod.ts":
        `import { precisionScore, recallScore } from "../../lib/seqeval/scores.ts";
export function entityF1(t: string[][], p: string[][]) {
  const [pr, rc] = [precisionScore(t, p), recallScore(t, p)];
  return pr + rc === 0 ? 0 : (2 * pr * rc) / (pr + rc);
}
`,
    }),
    "entity_f1",
  );
  assertZero(r, /write \w+ yourself/);
  // The rewrite throws for every use inside the module too, and refuses a name it cannot find.
  const src = offLimitsSource(
    "export function a() { return 1; }\nexport function b() { return a() + 1; }\n",
    ["a"],
    () => "off",
  );
  assertMatch(src, /function __offLimits_a\(\)/);
  assertThrows(
    () => offLimitsSource("export const a = 1;\n", ["a"], () => "off"),
    Error,
    "no exported function a",
  );
});

/** A zip archive of `entries` (stored, or raw-deflated with `deflate`; CRCs are not checked). */
async function makeZip(
  entries: { path: string; data?: Uint8Array; deflate?: boolean }[],
): Promise<Uint8Array> {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const { path, data = new Uint8Array(), deflate } of entries) {
    const body = deflate
      ? new Uint8Array(
        await new Response(
          new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
            new CompressionStream("deflate-raw"),
          ),
        ).arrayBuffer(),
      )
      : data;
    const name = enc.encode(path);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(8, deflate ? 8 : 0, true);
    local.setUint32(18, body.length, true);
    local.setUint32(22, data.length, true);
    local.setUint16(26, name.length, true);
    const dir = new DataView(new ArrayBuffer(46));
    dir.setUint32(0, 0x02014b50, true);
    dir.setUint16(10, deflate ? 8 : 0, true);
    dir.setUint32(20, body.length, true);
    dir.setUint32(24, data.length, true);
    dir.setUint16(28, name.length, true);
    dir.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), name, body);
    central.push(new Uint8Array(dir.buffer), name);
    offset += 30 + name.length + body.length;
  }
  const size = central.reduce((n, c) => n + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, size, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of all) out.set(c, at), at += c.length;
  return out;
}

Deno.test("bad zips score 0 with the reason; a zip bomb stops at the cap", async () => {
  const enc = new TextEncoder();
  const good = { path: "entities/mod.ts", data: enc.encode(solution("entities")) };
  const zeros = (n: number) => new Uint8Array(n);
  const zips: [string, Uint8Array, RegExp][] = [
    ["dot-dot", await makeZip([good, { path: "../evil.ts", data: enc.encode("x") }]), /leave/],
    ["absolute", await makeZip([good, { path: "/tmp/evil.ts", data: enc.encode("x") }]), /leave/],
    ["not a zip", enc.encode("just text, no archive"), /not a zip/],
    [
      "file and folder",
      await makeZip([good, { path: "a", data: enc.encode("x") }, { path: "a/b.ts" }]),
      /both a file and a folder/,
    ],
    [
      "too many entries",
      await makeZip(Array.from({ length: ZIP_LIMITS.entries + 1 }, (_, i) => ({ path: `f${i}` }))),
      /more than the 1000 allowed/,
    ],
    // 256 MB of zeros in about 256 KB: refused at the cap, long before it is inflated.
    [
      "bomb",
      await makeZip([{ path: "big.ts", data: zeros(256 << 20), deflate: true }]),
      /over the cap/,
    ],
    // The same, with a lying declared size: the inflation itself stops at the cap.
    ["ratio", await makeZip([{ path: "r.ts", data: zeros(4 << 20), deflate: true }]), /zip bomb/],
  ];
  // The bomb's declared size must lie for the second one: patch it to 10 bytes.
  const ratio = zips[6][1];
  const view = new DataView(ratio.buffer);
  const cd = view.getUint32(ratio.length - 6, true);
  view.setUint32(cd + 24, 10, true);
  const dir = await Deno.makeTempDir({ prefix: "kit-zips-" });
  try {
    for (const [label, bytes, reason] of zips) {
      const path = `${dir}/${label.replaceAll(" ", "_")}.zip`;
      await Deno.writeFile(path, bytes);
      const started = performance.now();
      const results = await gradeSubmission(path, { kitRoot: kit, only: ["entities"] });
      assert(performance.now() - started < 30_000, `${label}: too slow`);
      assertEquals(results[0].score, 0, label);
      assertMatch(results[0].failure ?? "", /the submission could not be read/, label);
      assertMatch(results[0].failure ?? "", reason, label);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assertEquals((await readZip(await makeZip([good]))).length, 1);
});

Deno.test("memory outside the heap (filled typed arrays) is capped", async () => {
  const r = await grade(
    await submission({
      "focal_loss/mod.ts": `export function focalLoss() {
  const hoard: Float64Array[] = [];
  for (let i = 0; i < 16; i++) hoard.push(new Float64Array(16 << 20).fill(1)); // 2 GB
  return hoard.length;
}
`,
    }),
    "focal_loss",
    { memoryMb: 128 },
  );
  assertZero(r, /used more than 640 MB of memory in test 1/);
});

Deno.test("a hijacked result writer, malformed or oversized answers score that exercise only", async () => {
  const sol = solution("focal_loss");
  const [patched, toJson, huge] = await Promise.all([
    // Patching what the child writes with cannot bend (or break) its results.
    grade(
      await submission({
        "focal_loss/mod.ts": `TextEncoder.prototype.encode = () => new Uint8Array([64, 64, 10]);
JSON.stringify = () => "{}";
${sol}`,
      }),
      "focal_loss",
    ),
    // Patching what the answers are made of sends frames the grader cannot read: 0.
    grade(
      await submission({
        "focal_loss/mod.ts": `Object.defineProperty(Object.prototype, "toJSON", { value: () => 7 });
${sol}`,
      }),
      "focal_loss",
    ),
    // A 96 MB answer.
    grade(
      await submission({
        "focal_loss/mod.ts": `export function focalLoss() { return "x".repeat(96 << 20); }\n`,
      }),
      "focal_loss",
    ),
  ]);
  assertEquals([patched.score, patched.failure], [patched.maxScore, null], formatTable([patched]));
  assertZero(toJson, /sent a result that is not an object/);
  assertEquals(huge.score, 0);
  assertMatch(huge.tests[0].output, /AnswerTooLarge|the answer is \d+ characters/);
});

Deno.test("nothing of a hidden case shows before it is published", async () => {
  const { publicCases, hiddenCases } = exercises.find((e) => e.spec.name === "focal_loss")!;
  const r = await grade(
    await submission({
      "focal_loss/mod.ts": `export function focalLoss(...args: unknown[]) {
  console.log("ARGS " + JSON.stringify(args));
  try { Deno.readTextFileSync("/" + JSON.stringify(args)); } catch { /* noticed anyway */ }
  return 0;
}
`,
    }),
    "focal_loss",
  );
  assertZero(r, /broke the sandbox rules/);
  assertMatch(r.failure!, /Deno\.readTextFileSync in hidden test 7 \(details withheld\)/);
  const gs = toGradescope([r], 1);
  const visible = gs.output +
    gs.tests.filter((t) => t.visibility === "visible").map((t) => t.output).join("\n");
  const shown = (args: unknown) => JSON.stringify(args).slice(1, -1);
  for (const c of hiddenCases) {
    if (publicCases.some((p) => JSON.stringify(p.args).includes(shown(c.args)))) continue;
    assert(!visible.includes(shown(c.args)), `hidden case "${c.name}" leaked:\n${visible}`);
  }
  // What a public case printed stays visible.
  assert(r.output.includes(`ARGS ${JSON.stringify(publicCases[0].args)}`), r.output);
});

Deno.test("npm:, jsr: and https: imports do not reach the network", async () => {
  const specifiers = ["npm:left-pad@1.3.0", "jsr:@std/path@1", "https://deno.land/std/path/mod.ts"];
  const results = await Promise.all(specifiers.map(async (s) =>
    grade(
      await submission({
        "focal_loss/mod.ts": `import ${JSON.stringify(s)};\nexport const focalLoss = () => 0;\n`,
      }),
      "focal_loss",
    )
  ));
  results.forEach((r, i) => {
    assertZero(r, /could not be loaded/);
    assertMatch(
      r.failure!,
      /--cached-only is specified|not a dependency/,
      specifiers[i],
    );
  });
});

Deno.test("Workers are violations, global or node:worker_threads", async () => {
  const starts = [
    `new Worker("data:text/javascript,Deno.readTextFileSync('/etc/hostname')", { type: "module" })`,
    `new (await import("node:worker_threads")).Worker("1", { eval: true })`,
  ];
  const results = await Promise.all(starts.map(async (start) =>
    grade(
      await submission({
        "focal_loss/mod.ts": `export async function focalLoss() {\n  ${start};\n  return 0;\n}\n`,
      }),
      "focal_loss",
    )
  ));
  for (const r of results) assertZero(r, /tried to start a Worker in test 1/);
});

Deno.test("a stall keeps the points of cases answered before it; crash and exit say which", async () => {
  const sol = solution("focal_loss");
  const [stall, crash, exit] = await Promise.all([
    grade(
      await submission({
        "focal_loss/mod.ts": sol.replace(
          "export function focalLoss(",
          "let calls = 0;\nexport function focalLoss(",
        ).replace(
          /\): number \| number\[\] \{/,
          "): number | number[] {\n  if (++calls === 3) for (;;);",
        ),
      }),
      "focal_loss",
      { timeoutMs: 15_000 },
    ),
    grade(
      await submission({
        "focal_loss/mod.ts": `export function focalLoss() {
  setTimeout(() => { throw new Error("boom"); });
  return new Promise(() => {});
}
`,
      }),
      "focal_loss",
    ),
    grade(
      await submission({
        "focal_loss/mod.ts": `import process from "node:process";
export function focalLoss() { process.exit(0); }
`,
      }),
      "focal_loss",
    ),
  ]);
  const { publicCases } = exercises.find((e) => e.spec.name === "focal_loss")!;
  assertMatch(stall.failure ?? "", /^stalled: ran past the time limit of 15 s in test 3/);
  assertEquals(stall.score, publicCases[0].points + publicCases[1].points, formatTable([stall]));
  assertEquals(stall.graderError, null);
  assertZero(crash, /^crashed in test 1: error: Uncaught.*boom/);
  assertZero(exit, /called exit\(0\)/);
});

Deno.test("one time budget per submission: an every-exercise loop stops at the budget", async () => {
  const names = ["calibration", "class_weights", "entity_f1", "focal_loss"];
  const exports = {
    calibration: "expectedCalibrationError",
    class_weights: "computeClassWeights",
    entity_f1: "entityF1",
    focal_loss: "focalLoss",
  } as Record<string, string>;
  const dir = await submission(
    Object.fromEntries(
      names.map((n) => [`${n}/mod.ts`, `export function ${exports[n]}() { for (;;); }\n`]),
    ),
  );
  const started = performance.now();
  const results = await gradeSubmission(dir, {
    kitRoot: kit,
    only: [...names, "entities"],
    concurrency: 2,
    budgetMs: 8000,
    timeoutMs: 6000,
  });
  const seconds = (performance.now() - started) / 1000;
  await Deno.remove(dir, { recursive: true });
  assert(seconds < 30, `took ${seconds} s`);
  const failures = results.filter((r) => r.name !== "entities").map((r) => r.failure ?? "");
  assert(failures.every((f) => /stalled|time budget/.test(f)), failures.join("\n"));
  assert(failures.some((f) => /time budget of 8 s/.test(f)), failures.join("\n"));
});

const by = (results: ExerciseResult[]) => Object.fromEntries(results.map((r) => [r.name, r]));

/** A copy of the kit in `.cache/` (linked, except the parts a test breaks). */
async function brokenKit(
  change: (root: string) => Promise<void>,
): Promise<{ root: string; cleanup: () => Promise<void> }> {
  await Deno.mkdir(`${kit}/.cache`, { recursive: true });
  const root = await Deno.makeTempDir({ dir: `${kit}/.cache`, prefix: "broken-kit-" });
  for (const name of ["exercises", "tests", "node_modules"]) {
    await Deno.symlink(`${kit}/${name}`, `${root}/${name}`);
  }
  for (const name of ["deno.json", "deno.lock"]) {
    await Deno.copyFile(`${kit}/${name}`, `${root}/${name}`);
  }
  const copy = await new Deno.Command("cp", { args: ["-r", `${kit}/lib`, `${root}/lib`] }).output();
  assert(copy.success);
  await change(root);
  return { root, cleanup: () => Deno.remove(root, { recursive: true }) };
}

Deno.test("the kit's faults are grader errors, not a student's 0", async () => {
  // A kit module imports a package the child's import map lacks: that exercise is not graded.
  const { root, cleanup } = await brokenKit(async (root) => {
    const hub = `${root}/lib/data/hub.ts`;
    await Deno.writeTextFile(hub, `import "kit-missing-package";\n${await Deno.readTextFile(hub)}`);
  });
  try {
    const dir = await submission({
      "focal_loss/mod.ts": `import "../../lib/data/hub.ts";\n${solution("focal_loss")}`,
    });
    const results = await gradeSubmission(dir, { kitRoot: root, only: ["entities", "focal_loss"] });
    // The command line says so and exits 1 (its kit is the copy it sits in).
    await Deno.mkdir(`${root}/tools`);
    await Deno.copyFile(`${kit}/tools/grade.ts`, `${root}/tools/grade.ts`);
    const cli = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "tools/grade.ts", dir, "--only", "entities,focal_loss", "--format"]
        .concat(["gradescope", "--out", `${dir}/results.json`]),
      cwd: root,
    }).output();
    const json = JSON.parse(await Deno.readTextFile(`${dir}/results.json`));
    await Deno.remove(dir, { recursive: true });
    assertEquals(cli.code, 1, new TextDecoder().decode(cli.stderr));
    assertMatch(new TextDecoder().decode(cli.stderr), /GRADER ERROR in focal_loss/);
    assertMatch(json.output, /GRADER ERROR/);
    assertEquals(json.score, by(results).entities.maxScore);
    const { entities, focal_loss } = by(results);
    assertEquals(entities.score, entities.maxScore);
    assertMatch(focal_loss.graderError ?? "", /kit failed to load[^]*kit-missing-package/);
    const gs = toGradescope(results, 1);
    assertMatch(gs.output, /GRADER ERROR — not your fault[^]*focal_loss: the kit failed to load/);
    assert(!gs.tests.some((t) => t.name.startsWith("focal_loss")), "a 0 per test was reported");
    assertMatch(formatTable(results), /GRADER ERROR/);
  } finally {
    await cleanup();
  }
  // The kit's deno.json lost a package its lockfile pins: no child can start, nothing is graded.
  const broken = await brokenKit(async (root) => {
    const config = JSON.parse(await Deno.readTextFile(`${root}/deno.json`));
    delete config.imports["hyparquet"];
    await Deno.writeTextFile(`${root}/deno.json`, JSON.stringify(config, null, 2));
  });
  try {
    await assertRejects(
      () => gradeSubmission(`${kit}/solutions`, { kitRoot: broken.root, only: ["entities"] }),
      GraderError,
      "lockfile is out of date",
    );
  } finally {
    await broken.cleanup();
  }
});
