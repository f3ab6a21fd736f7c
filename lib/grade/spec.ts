/**
 * What an exercise and its graded cases are. A case is data the sandboxed child can run (the
 * name of the submission's export and JSON arguments) plus a check the trusted grader runs on
 * the child's answer — so expected values never enter the student's process.
 * @module
 */

/** A JSON value: what case arguments and answers are made of. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What a call of the submission gave: a value, or the error it threw. */
export type Outcome =
  | { ok: true; value: unknown }
  | { ok: false; error: { name: string; message: string } };

/** One graded test. */
export interface Case {
  /** Shown in the score table and in Gradescope. */
  name: string;
  /** Points for passing it; all or nothing per case (partial credit comes from many cases). */
  points: number;
  /** The name of the submission's export to call. */
  call: string;
  /** Its arguments (JSON: they travel to the sandbox). */
  args: Json[];
  /** Throws (an assertion error) when the outcome is wrong. Runs in the grader, never the sandbox. */
  check: (outcome: Outcome) => void;
}

/** An exercise: its name (the folder), title, and what it may not import from the kit. */
export interface ExerciseSpec {
  /** Folder name under `exercises/`, e.g. `"focal_loss"`. */
  name: string;
  /** One line for the score table. */
  title: string;
  /** The chapter's section or exercise number it belongs to. */
  chapter: string;
  /**
   * The kit functions the exercise asks you to write, by kit module (path from the kit's root):
   * in the grading sandbox they are replaced by functions that throw.
   */
  forbid?: Record<string, string[]>;
  /** Wall-time limit of the whole exercise in ms (default 20 000). */
  timeoutMs?: number;
}

/** The error a stub throws: never mistaken for an expected error by {@link expectThrows}. */
export class NotImplementedError extends Error {
  /** @param what the function to write, e.g. `"focal_loss: focalLoss"`. */
  constructor(what: string) {
    super(`not implemented yet: ${what}`);
    this.name = "NotImplementedError";
  }
}
