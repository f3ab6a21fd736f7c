/**
 * `TrainingArguments`: Hugging Face's names in camelCase, with its defaults unless noted, plus the
 * loss and sampler options of section 16.6.5 and a separate body learning rate for end-to-end
 * fine-tuning.
 * @module
 */
import { ArgumentError } from "../errors.ts";

/** When to evaluate or save. */
export type IntervalStrategy = "no" | "epoch" | "steps";

/** The training loss. `weighted_cross_entropy` uses `classWeights`. */
export type LossName =
  | "cross_entropy"
  | "weighted_cross_entropy"
  | "focal"
  | "bce"
  | "sigmoid_focal"
  | "mse";

/** How each epoch's examples are drawn (single-label tasks for all but `random`). */
export type SamplerName = "random" | "weighted" | "oversample" | "undersample";

/** Training options; every field is optional. */
export interface TrainingArguments {
  /** Where checkpoints go (`<outputDir>/checkpoint-<step>`); needed when `saveStrategy` is not `"no"`. */
  outputDir?: string;
  /** Passes over the training data (default 3). */
  numTrainEpochs?: number;
  /** When positive, the total number of steps, overriding `numTrainEpochs` (default -1). */
  maxSteps?: number;
  /** Training batch size (default 8). */
  perDeviceTrainBatchSize?: number;
  /** Evaluation batch size (default 8). */
  perDeviceEvalBatchSize?: number;
  /** Peak learning rate of the head (and of the body unless `bodyLearningRate`) (default 5e-5). */
  learningRate?: number;
  /** Kit extension: peak learning rate of the body's trainable variables (default `learningRate`). */
  bodyLearningRate?: number;
  /** Decoupled AdamW weight decay for matrices; biases and norm scales get none, as HF (default 0). */
  weightDecay?: number;
  /** AdamW β1 (default 0.9). */
  adamBeta1?: number;
  /** AdamW β2 (default 0.999). */
  adamBeta2?: number;
  /** AdamW ε (default 1e-8). */
  adamEpsilon?: number;
  /** `"linear"` warmup then linear decay to 0 (default), or `"constant"` (no warmup, no decay). */
  lrSchedulerType?: "linear" | "constant";
  /** Share of all steps used for warmup (default 0); `warmupSteps` wins when positive. */
  warmupRatio?: number;
  /** Warmup steps (default 0). */
  warmupSteps?: number;
  /** When to evaluate (default `"no"`). */
  evalStrategy?: IntervalStrategy;
  /** Steps between evaluations with `evalStrategy: "steps"` (default `loggingSteps`). */
  evalSteps?: number;
  /** When to save a checkpoint (default `"no"`; HF's is `"steps"`). */
  saveStrategy?: IntervalStrategy;
  /** Steps between checkpoints with `saveStrategy: "steps"` (default 500). */
  saveSteps?: number;
  /** Restore the weights of the best evaluation when training ends (default false). */
  loadBestModelAtEnd?: boolean;
  /** Metric that picks the best model and drives early stopping, with or without `eval_` (default `"loss"`). */
  metricForBestModel?: string;
  /** Default: true unless the metric is a loss. */
  greaterIsBetter?: boolean;
  /** Stop after this many evaluations without improvement (HF's `EarlyStoppingCallback`). */
  earlyStoppingPatience?: number;
  /** Least improvement that counts for early stopping (default 0). */
  earlyStoppingThreshold?: number;
  /** Seeds the shuffles, samplers and dropout (default 42). */
  seed?: number;
  /** Global gradient-norm clipping; 0 turns it off (default 1.0). */
  maxGradNorm?: number;
  /** Label smoothing of the cross-entropy (default 0). */
  labelSmoothingFactor?: number;
  /** Log the mean training loss every this many steps (default 500), and at each epoch end. */
  loggingSteps?: number;
  /** Hide the progress bar and log lines (default false). */
  disableTqdm?: boolean;
  /**
   * Default: `"cross_entropy"` for single-label and token tasks, `"bce"` for multi-label, `"mse"`
   * for regression.
   */
  loss?: LossName;
  /** Per-class weights: cross-entropy `weight` for single-label, `posWeight` for `"bce"`. */
  classWeights?: number[];
  /** Focal γ for `"focal"` and `"sigmoid_focal"` (default 2). */
  focalGamma?: number;
  /** Focal α: per-class or one number for `"focal"`; one number for `"sigmoid_focal"` (default 0.25 there). */
  focalAlpha?: number | number[];
  /** How training examples are drawn each epoch (default `"random"`). */
  sampler?: SamplerName;
}

/** Training arguments with every default filled in. */
export type ResolvedTrainingArguments =
  & Required<
    Omit<
      TrainingArguments,
      | "outputDir"
      | "bodyLearningRate"
      | "earlyStoppingPatience"
      | "classWeights"
      | "focalAlpha"
      | "loss"
    >
  >
  & Pick<
    TrainingArguments,
    | "outputDir"
    | "bodyLearningRate"
    | "earlyStoppingPatience"
    | "classWeights"
    | "focalAlpha"
    | "loss"
  >;

/**
 * Fills in the defaults and rejects inconsistent or out-of-range options with a message naming
 * the option and its value.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { resolveTrainingArguments } from "./training_args.ts";
 * const args = resolveTrainingArguments({ learningRate: 2e-5, evalStrategy: "epoch" });
 * assert(args.numTrainEpochs === 3 && args.perDeviceTrainBatchSize === 8);
 * assert(args.greaterIsBetter === false); // metricForBestModel defaults to "loss"
 * ```
 */
export function resolveTrainingArguments(args: TrainingArguments = {}): ResolvedTrainingArguments {
  const loggingSteps = args.loggingSteps ?? 500;
  const metricForBestModel = args.metricForBestModel ?? "loss";
  const r: ResolvedTrainingArguments = {
    numTrainEpochs: 3,
    maxSteps: -1,
    perDeviceTrainBatchSize: 8,
    perDeviceEvalBatchSize: 8,
    learningRate: 5e-5,
    weightDecay: 0,
    adamBeta1: 0.9,
    adamBeta2: 0.999,
    adamEpsilon: 1e-8,
    lrSchedulerType: "linear",
    warmupRatio: 0,
    warmupSteps: 0,
    evalStrategy: "no",
    saveStrategy: "no",
    saveSteps: 500,
    loadBestModelAtEnd: false,
    earlyStoppingThreshold: 0,
    seed: 42,
    maxGradNorm: 1.0,
    labelSmoothingFactor: 0,
    disableTqdm: false,
    focalGamma: 2,
    sampler: "random",
    ...definedOnly(args),
    loggingSteps,
    evalSteps: args.evalSteps ?? loggingSteps,
    metricForBestModel,
    greaterIsBetter: args.greaterIsBetter ?? !metricForBestModel.endsWith("loss"),
  };
  positive("numTrainEpochs", r.numTrainEpochs, false);
  for (const k of ["perDeviceTrainBatchSize", "perDeviceEvalBatchSize", "loggingSteps"] as const) {
    positive(k, r[k], true);
  }
  if (!Number.isInteger(r.maxSteps) || r.maxSteps === 0 || r.maxSteps < -1) {
    throw new ArgumentError(
      "maxSteps",
      r.maxSteps,
      "is not -1 or a positive integer",
      "use -1 to train numTrainEpochs",
    );
  }
  nonNegative("learningRate", r.learningRate);
  if (r.bodyLearningRate !== undefined) nonNegative("bodyLearningRate", r.bodyLearningRate);
  nonNegative("weightDecay", r.weightDecay);
  nonNegative("maxGradNorm", r.maxGradNorm);
  nonNegative("warmupSteps", r.warmupSteps);
  if (!Number.isInteger(r.warmupSteps)) {
    throw new ArgumentError("warmupSteps", r.warmupSteps, "is not an integer", "use e.g. 0 or 100");
  }
  inUnit("warmupRatio", r.warmupRatio);
  inUnit("labelSmoothingFactor", r.labelSmoothingFactor);
  oneOf("lrSchedulerType", r.lrSchedulerType, ["linear", "constant"]);
  oneOf("evalStrategy", r.evalStrategy, ["no", "epoch", "steps"]);
  oneOf("saveStrategy", r.saveStrategy, ["no", "epoch", "steps"]);
  if (r.loss !== undefined) {
    oneOf("loss", r.loss, [
      "cross_entropy",
      "weighted_cross_entropy",
      "focal",
      "bce",
      "sigmoid_focal",
      "mse",
    ]);
  }
  oneOf("sampler", r.sampler, ["random", "weighted", "oversample", "undersample"]);
  if (r.evalStrategy === "steps") positive("evalSteps", r.evalSteps, true);
  if (r.saveStrategy === "steps") positive("saveSteps", r.saveSteps, true);
  if (r.saveStrategy !== "no" && !r.outputDir) {
    throw new ArgumentError(
      "outputDir",
      r.outputDir,
      `saveStrategy "${r.saveStrategy}" needs outputDir`,
      'pass outputDir, or saveStrategy "no"',
    );
  }
  if (r.loadBestModelAtEnd && r.evalStrategy === "no") {
    throw new ArgumentError(
      "evalStrategy",
      r.evalStrategy,
      "loadBestModelAtEnd needs evaluations",
      'use evalStrategy "epoch" or "steps"',
    );
  }
  if (r.earlyStoppingPatience !== undefined) {
    positive("earlyStoppingPatience", r.earlyStoppingPatience, true);
    if (r.evalStrategy === "no") {
      throw new ArgumentError(
        "evalStrategy",
        r.evalStrategy,
        "earlyStoppingPatience needs evaluations",
        'use evalStrategy "epoch" or "steps"',
      );
    }
  }
  if (!Number.isSafeInteger(r.seed)) {
    throw new ArgumentError("seed", r.seed, "is not an integer", "use e.g. 42");
  }
  return r;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function positive(name: string, v: number, integer: boolean): void {
  if (!(v > 0) || (integer && !Number.isInteger(v))) {
    throw new ArgumentError(
      name,
      v,
      `is not a positive ${integer ? "integer" : "number"}`,
      `use e.g. ${integer ? 8 : 0.5}`,
    );
  }
}

function nonNegative(name: string, v: number): void {
  if (!(v >= 0)) throw new ArgumentError(name, v, "is not a non-negative number", "use e.g. 0");
}

function inUnit(name: string, v: number): void {
  if (!(v >= 0 && v <= 1)) throw new ArgumentError(name, v, "is not in [0, 1]", "use e.g. 0.1");
}

function oneOf(name: string, v: string, allowed: string[]): void {
  if (!allowed.includes(v)) {
    throw new ArgumentError(
      name,
      v,
      "is not allowed",
      `use one of ${allowed.map((a) => `"${a}"`).join(", ")}`,
    );
  }
}
