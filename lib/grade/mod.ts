/**
 * The autograder: exercises as cases (data + checks), a least-privilege sandbox per exercise,
 * score tables and Gradescope output. `deno task grade` is its command line.
 * @module
 */
export { expectClose, expectEqual, expectThrows, expectValue, valueOf } from "./expect.ts";
export {
  defaultKitRoot,
  type Exercise,
  type ExerciseResult,
  type GradeOptions,
  gradeSubmission,
  loadExercises,
  type TestResult,
  type Visibility,
} from "./grade.ts";
export { decodeJson, encodeJson, invoke, toPlain } from "./invoke.ts";
export { registerCases, selfCheck } from "./local.ts";
export { formatTable, graderErrorResults, type GradescopeResults, toGradescope } from "./report.ts";
export {
  childFlags,
  GraderError,
  runSandboxed,
  type SandboxOptions,
  type SandboxRun,
} from "./sandbox.ts";
export { buildSandboxKit, FORBIDDEN, offLimitsSource } from "./confine.ts";
export { checkInstalled, missingPackages } from "./install.ts";
export {
  type Case,
  type ExerciseSpec,
  type Json,
  NotImplementedError,
  type Outcome,
} from "./spec.ts";
export { extractZip, readZip, ZIP_LIMITS, type ZipEntry } from "./zip.ts";
export {
  buildRelease,
  INSTRUCTOR_ONLY,
  keepsForStudents,
  type Notebook,
  type NotebookCell,
  type ReleaseSummary,
  SOLUTION_TAG,
  stripSolutions,
} from "./release.ts";
