/**
 * The kit's one error for a bad argument: every function that refuses what its caller passed
 * throws an {@link ArgumentError}, so each message reads the same way and names the argument, the
 * value and what to do. Errors that are not about an argument keep their own class: a bad data
 * file (`DataFileError`), a failing grader (`GraderError`), an unreachable hub
 * (`HubUnreachableError`), a failed test check (`AssertionError`).
 * @module
 */

/** The longest a value is shown in a message; longer ones are cut with "…". */
const MAX_SHOWN = 60;
/** How many items of an array are shown before "… N more". */
const MAX_ITEMS = 5;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function showItem(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(cut(v, 20));
  if (Array.isArray(v)) {
    // One level deep only: a row shows its first values, deeper rows their count.
    const inner = v.slice(0, 3).map((x) => Array.isArray(x) ? `[${x.length}]` : showItem(x));
    return `[${inner.join(", ")}${v.length > 3 ? ", …" : ""}]`;
  }
  if (ArrayBuffer.isView(v)) {
    return `${v.constructor.name}(${(v as unknown as ArrayLike<unknown>).length})`;
  }
  if (v !== null && typeof v === "object") return "{…}";
  return String(v);
}

/**
 * Shows a value compactly for an error message: strings quoted, numbers as they print, arrays and
 * typed arrays by their first items and length, objects as cut JSON, functions by name.
 *
 * @example
 * ```ts
 * import { showValue } from "./errors.ts";
 * console.log(showValue("a")); // "a"
 * console.log(showValue([1, 2, 3, 4, 5, 6, 7])); // [1, 2, 3, 4, 5, … 2 more]
 * console.log(showValue({ lr: -1 })); // {"lr":-1}
 * ```
 */
export function showValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(cut(value, MAX_SHOWN));
  if (typeof value === "function") return `function ${value.name || "(anonymous)"}`;
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || typeof value !== "object") return String(value);
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>);
    const shown = items.slice(0, MAX_ITEMS).map(showItem);
    if (items.length > MAX_ITEMS) shown.push(`… ${items.length - MAX_ITEMS} more`);
    const open = Array.isArray(value) ? "[" : `${value.constructor.name}[`;
    return cut(`${open}${shown.join(", ")}]`, MAX_SHOWN + 20);
  }
  if (value instanceof Map) return `Map(${value.size})`;
  if (value instanceof Set) return `Set(${value.size})`;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    // A cyclic object cannot be shown as JSON; its class name still says what it is.
  }
  return json === undefined ? `a ${value.constructor?.name ?? "object"}` : cut(json, MAX_SHOWN);
}

/**
 * A caller passed a bad argument. The message always reads
 * `argument = <value>: <what is wrong>; <what to do>`, with the value shown compactly
 * ({@link showValue}); the parts stay readable as fields.
 *
 * It extends `RangeError` rather than `Error`: most of the kit's bad-argument errors were
 * `RangeError`s before (a value outside what the function accepts is what `RangeError` means), so
 * a caller's `instanceof RangeError` check still holds. Former `TypeError` sites (a value of the
 * wrong type) are the few that change class.
 *
 * @example
 * ```ts
 * import { ArgumentError } from "./errors.ts";
 * const e = new ArgumentError("options.learningRate", -1, "must be > 0", "pass e.g. 5e-5");
 * console.log(e.message); // options.learningRate = -1: must be > 0; pass e.g. 5e-5
 * console.log(e.name, e.argument, e.value); // ArgumentError options.learningRate -1
 * console.log(e instanceof RangeError); // true
 * ```
 */
export class ArgumentError extends RangeError {
  /** The argument's name as the caller wrote it, with a path into it: `yTrue[3]`, `options.lr`. */
  readonly argument: string;
  /** The value that was refused. */
  readonly value: unknown;
  /** What is wrong with the value. */
  readonly problem: string;
  /** What to do instead. */
  readonly fix: string;

  /**
   * @param argument the argument's name, with a path into it where that helps: `yTrue[3]`
   * @param value the refused value (shown compactly)
   * @param problem what is wrong with it
   * @param fix what to do instead
   * @param options the underlying error, if any
   */
  constructor(
    argument: string,
    value: unknown,
    problem: string,
    fix: string,
    options?: ErrorOptions,
  ) {
    super(`${argument} = ${showValue(value)}: ${problem}; ${fix}`, options);
    this.name = "ArgumentError";
    this.argument = argument;
    this.value = value;
    this.problem = problem;
    this.fix = fix;
  }
}

/**
 * A method that needs a fitted model was called before `fit` (scikit-learn's `NotFittedError`):
 * a wrong order of calls, not a bad argument.
 *
 * @example
 * ```ts
 * import { NotFittedError } from "./errors.ts";
 * const e = new NotFittedError("LogisticRegression", "call fit(X, y) first");
 * console.log(e.message); // LogisticRegression is not fitted yet: call fit(X, y) first
 * ```
 */
export class NotFittedError extends Error {
  /**
   * @param what the model or part that is not fitted
   * @param fix what to call first
   */
  constructor(what: string, fix: string) {
    super(`${what} is not fitted yet: ${fix}`);
    this.name = "NotFittedError";
  }
}

/**
 * A saved file (a model, a checkpoint, a config, an ONNX graph) is not in the form the kit reads:
 * the message starts with the file. Data tables use `DataFileError`, which also names the line.
 *
 * @example
 * ```ts
 * import { FileFormatError } from "./errors.ts";
 * const e = new FileFormatError("model/config.json", 'format "x", expected "setfit-kit/1"');
 * console.log(e.message); // model/config.json: format "x", expected "setfit-kit/1"
 * console.log(e.file); // model/config.json
 * ```
 */
export class FileFormatError extends Error {
  /** The file that is not in the expected form. */
  readonly file: string;

  /**
   * @param file the file's path (or name)
   * @param problem what is wrong with it
   */
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = "FileFormatError";
    this.file = file;
  }
}

/**
 * The kit's installation or environment lacks something a call needs: a package not installed,
 * a native runtime that did not load, a model folder not downloaded, a bad environment variable.
 * Not the caller's argument: the fix is a setup step, which the message names.
 *
 * @example
 * ```ts
 * import { SetupError } from "./errors.ts";
 * const e = new SetupError("KIT_ORT_THREADS is \"x\": use a positive integer");
 * console.log(e.name, e.message); // SetupError KIT_ORT_THREADS is "x": use a positive integer
 * ```
 */
export class SetupError extends Error {
  /**
   * @param message what is missing and the setup step that adds it
   * @param options the underlying error, if any
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "SetupError";
  }
}
