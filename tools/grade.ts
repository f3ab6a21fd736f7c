/**
 * `deno task grade [path] [--target solutions] [--format table|gradescope] [--out FILE]
 *  [--only a,b] [--quiet]` — grades a submission (a folder of exercise folders, a kit copy or a
 * .zip; default: the kit's exercises/) in the sandbox and prints the score table, or writes
 * Gradescope's results.json (default path /autograder/results/results.json when that folder
 * exists, else results.json).
 * @module
 */
import {
  defaultKitRoot,
  type ExerciseResult,
  formatTable,
  GraderError,
  graderErrorResults,
  type GradescopeResults,
  gradeSubmission,
  toGradescope,
} from "../lib/grade/mod.ts";

function usage(message: string): never {
  console.error(`${message}
usage: deno task grade [path | --target exercises|solutions] [--format table|gradescope]
                       [--out results.json] [--only name,name] [--quiet]`);
  Deno.exit(2);
}

const kitRoot = defaultKitRoot();
let path: string | undefined;
let format = "table";
let out: string | undefined;
let only: string[] | undefined;
let verbose = true;
const args = [...Deno.args];
while (args.length) {
  const a = args.shift()!;
  const value = () => args.shift() ?? usage(`${a} needs a value`);
  if (a === "--target") {
    const t = value();
    if (t !== "exercises" && t !== "solutions") usage(`--target must be exercises or solutions`);
    path = `${kitRoot}/${t}`;
  } else if (a === "--format") {
    format = value();
    if (format !== "table" && format !== "gradescope") usage(`unknown --format ${format}`);
  } else if (a === "--out") out = value();
  else if (a === "--only") only = value().split(",");
  else if (a === "--quiet") verbose = false;
  else if (a.startsWith("-")) usage(`unknown option ${a}`);
  else path = a;
}
path ??= `${kitRoot}/exercises`;

async function writeGradescope(results: GradescopeResults): Promise<void> {
  let target = out;
  if (!target) {
    try {
      await Deno.stat("/autograder/results");
      target = "/autograder/results/results.json";
    } catch {
      target = "results.json";
    }
  }
  await Deno.writeTextFile(target, JSON.stringify(results, null, 2) + "\n");
  console.log(`wrote ${target}`);
}

const started = performance.now();
let results: ExerciseResult[];
try {
  results = await gradeSubmission(path, { kitRoot, only });
} catch (e) {
  if (!(e instanceof GraderError)) throw e;
  // Not the student's fault: say so, and leave no score that looks like theirs.
  console.error(`GRADER ERROR: ${e.message}`);
  if (format === "gradescope") {
    await writeGradescope(graderErrorResults(e.message, (performance.now() - started) / 1000));
  }
  Deno.exit(1);
}
const seconds = (performance.now() - started) / 1000;
if (format === "gradescope") await writeGradescope(toGradescope(results, seconds));
console.log(formatTable(results, verbose));
console.log(`graded ${path} in ${seconds.toFixed(1)} s`);
const broken = results.filter((r) => r.graderError);
if (broken.length) {
  console.error(
    `GRADER ERROR in ${broken.map((r) => r.name).join(", ")}: the kit, not the submission, ` +
      `failed (see above); those exercises are not graded.`,
  );
  Deno.exit(1);
}
