/**
 * The Trainer: Hugging Face's loop, read top to bottom — batches from a seeded sampler, loss,
 * gradients, global-norm clipping, AdamW with a linear warmup/decay schedule, periodic logging,
 * evaluation with `computeMetrics`, checkpoints, best-model restore and early stopping.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { ArgumentError } from "../errors.ts";
import { Random } from "../random.ts";
import { oversample, undersample, weightedRandomSampler } from "../imbalance/samplers.ts";
import { computeClassWeights } from "../imbalance/class_weights.ts";
import { type Progress, progress } from "../progress.ts";
import { type ClassifierModel, DEFAULT_TASK } from "../heads/model.ts";
import type { Dataset } from "../data/dataset.ts";
import { type EncodedLabels, encodeLabels, type LabelInput } from "./data.ts";
import { type LossFunction, makeLoss } from "./loss.ts";
import { AdamW, type ParamGroupOptions } from "./optimizer.ts";
import { LambdaLR, linearWarmupLambda } from "./schedule.ts";
import { type StepResult, trainingStep } from "./step.ts";
import { saveCheckpoint } from "./checkpoint.ts";
import {
  type ResolvedTrainingArguments,
  resolveTrainingArguments,
  type TrainingArguments,
} from "./training_args.ts";

/**
 * What a task's predictions are, as its labels are encoded: `"single"`-label, `"multi"`-label,
 * `"regression"` or `"token"` classification. It fixes the shapes of {@linkcode EvalPrediction}.
 */
export type TaskKind = EncodedLabels["kind"];

/** The logits and label ids of each {@linkcode TaskKind}. */
export interface PredictionShapes {
  /** Logits `[examples][labels]`; label ids `[examples]`. */
  single: { predictions: number[][]; labelIds: number[] };
  /** Logits `[examples][labels]`; multi-hot targets `[examples][labels]`. */
  multi: { predictions: number[][]; labelIds: number[][] };
  /** Outputs `[examples][1]`; the real targets `[examples]`. */
  regression: { predictions: number[][]; labelIds: number[] };
  /** Logits `[examples][tokens][labels]` (unpadded); ids `[examples][tokens]`, -100 ignored. */
  token: { predictions: number[][][]; labelIds: number[][] };
}

/**
 * What `computeMetrics` receives, as HF's `EvalPrediction` (one task at a time), typed by the
 * task's kind; for a union of kinds (a multi-task model) `kind` tells them apart.
 */
export type EvalPrediction<K extends TaskKind = "single"> = {
  [k in K]: PredictionShapes[k] & {
    /** The task's kind, which fixes the shapes. */
    kind: k;
    /** The task evaluated (`"default"` for single-task models). */
    task: string;
  };
}[K];

/** Metrics from predictions, e.g. `{ accuracy, f1Macro }`; the Trainer prefixes `eval_`. */
export type ComputeMetrics<K extends TaskKind = "single"> = (
  p: EvalPrediction<K>,
) => Record<string, number>;

/** One entry of the log history: HF's keys (`loss`, `grad_norm`, `learning_rate`, `eval_*`). */
export type LogEntry = Record<string, number> & { step: number; epoch: number };

/** What `train()` returns, as HF's `TrainOutput`. */
export interface TrainOutput {
  /** Optimizer steps taken. */
  globalStep: number;
  /** Mean training loss over all steps. */
  trainingLoss: number;
  /** `train_runtime`, `train_samples_per_second`, `train_steps_per_second`, `train_loss`, `epoch`. */
  metrics: Record<string, number>;
  /** Every log entry, in order. */
  logHistory: LogEntry[];
  /** The best value of `metricForBestModel` and the step it came from (when evaluating). */
  best?: { metric: number; step: number };
}

/** Output of {@linkcode Trainer.predict}, as HF's `PredictionOutput`, typed by the task's kind. */
export type PredictionOutput<K extends TaskKind = "single"> = {
  [k in K]: PredictionShapes[k] & {
    /** The task's kind. */
    kind: k;
    /** `test_loss` and the `computeMetrics` values, prefixed `test_`. */
    metrics: Record<string, number>;
    /** The task's label names by id (the model's `id2label`), e.g. for `classificationReport`. */
    id2label: Record<number, string>;
  };
}[K];

/**
 * A dataset, or one per task for a multi-task model. A dataset with `labelNames` must name the
 * model's `id2label` in order (create the model with `labels: dataset.labelNames`).
 */
export type Datasets<I> = Dataset<I, LabelInput> | Record<string, Dataset<I, LabelInput>>;

/** Everything the Trainer needs. */
export interface TrainerOptions<I, K extends TaskKind = "single"> {
  /** The model to train (its heads, and its body's trainable variables). */
  model: ClassifierModel<I>;
  /** Training arguments (HF names, camelCase). */
  args?: TrainingArguments;
  /** Training examples; `{ task: dataset }` for a multi-task model. */
  trainDataset: Datasets<I>;
  /** Evaluation examples, same shape. */
  evalDataset?: Datasets<I>;
  /**
   * The kind of the tasks trained or evaluated (default `"single"`), or a list of kinds for a
   * multi-task model that mixes them; checked against every dataset's labels up front. It, and
   * only it, types `computeMetrics` and `predict()`, so the types always say what runs.
   */
  kind?: K | readonly K[];
  /** Metrics from logits and labels, of the `kind`'s shapes. */
  computeMetrics?: ComputeMetrics<NoInfer<K>>;
}

interface TaskData<I> {
  task: string;
  inputs: I[];
  labels: EncodedLabels;
}

interface Batch<I> {
  task: string;
  inputs: I[];
  labels: EncodedLabels;
}

/**
 * Trains a {@linkcode ClassifierModel}. Frozen encoder: give the body of precomputed features
 * and the head trains in seconds. End to end: a body whose `trainableVariables()` are non-empty
 * trains with the head, at `bodyLearningRate` if set. Multi-task models take one dataset per
 * task; batches of the tasks are interleaved in a seeded random order. The same seed, data and
 * backend give the same weights, losses and metrics. `K`, the {@linkcode TaskKind} given as
 * `kind` (default single-label), types `computeMetrics` and `predict()`; a dataset of another
 * kind is refused.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { featureBody } from "../encoders/body.ts";
 * import { createClassifier } from "../heads/model.ts";
 * import { Trainer } from "./trainer.ts";
 * const inputs = [[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.8]].map((v) => new Float32Array(v));
 * const model = createClassifier(featureBody({ name: "toy", hiddenSize: 2 }), { labels: ["a", "b"] });
 * const trainer = new Trainer({
 *   model,
 *   args: { numTrainEpochs: 30, learningRate: 0.1, perDeviceTrainBatchSize: 2, evalStrategy: "epoch", disableTqdm: true },
 *   trainDataset: { inputs, labels: ["a", "a", "b", "b"] },
 *   evalDataset: { inputs, labels: [0, 0, 1, 1] },
 *   computeMetrics: ({ predictions, labelIds }) => {
 *     const preds = predictions.map((r) => r.indexOf(Math.max(...r)));
 *     return { accuracy: preds.filter((p, i) => p === labelIds[i]).length / preds.length };
 *   },
 * });
 * const out = await trainer.train();
 * assert(out.globalStep === 60);
 * assert(trainer.evaluate().eval_accuracy === 1);
 * model.dispose();
 * ```
 */
export class Trainer<I, K extends TaskKind = "single"> {
  /** The model being trained. */
  readonly model: ClassifierModel<I>;
  /** The arguments with defaults filled in. */
  readonly args: ResolvedTrainingArguments;
  /** Log history of the last `train()`. */
  logHistory: LogEntry[] = [];
  readonly #train: TaskData<I>[];
  readonly #eval?: TaskData<I>[];
  readonly #losses: Map<string, LossFunction>;
  readonly #kinds: readonly TaskKind[];
  readonly #computeMetrics?: ComputeMetrics<K>;

  /** Checks the arguments, the kind and the datasets (labels against `id2label`) up front. */
  constructor(options: TrainerOptions<I, K>) {
    this.model = options.model;
    this.args = resolveTrainingArguments(options.args);
    this.#kinds = options.kind === undefined ? ["single"] : [options.kind].flat();
    if (this.#kinds.length === 0 || !this.#kinds.every((k) => TASK_KINDS.includes(k))) {
      throw new ArgumentError(
        "kind",
        options.kind,
        "is not a task kind or a list of them",
        `use one of ${TASK_KINDS.map((k) => `"${k}"`).join(", ")}`,
      );
    }
    this.#computeMetrics = options.computeMetrics;
    this.#train = this.#prepare(options.trainDataset, "trainDataset");
    if (options.evalDataset !== undefined) {
      this.#eval = this.#prepare(options.evalDataset, "evalDataset");
    } else if (this.args.evalStrategy !== "no") {
      throw new ArgumentError(
        "evalDataset",
        undefined,
        `args.evalStrategy "${this.args.evalStrategy}" needs an evalDataset`,
        'pass an evalDataset or set evalStrategy: "no"',
      );
    }
    this.#losses = new Map(
      this.#train.map((d) => [d.task, makeLoss(this.model.task(d.task), this.args, d.labels)]),
    );
    if (this.args.sampler !== "random") {
      for (const d of this.#train) {
        if (d.labels.kind !== "single") {
          throw new ArgumentError(
            "args.sampler",
            this.args.sampler,
            "needs single-label sequence classification, but task " +
              `"${d.task}" has ${d.labels.kind === "multi" ? "multi-label" : d.labels.kind} labels`,
            'use sampler: "random"',
          );
        }
      }
    }
  }

  /** Runs the training loop; resolves with HF-style totals and the log history. */
  async train(): Promise<TrainOutput> {
    const a = this.args;
    const rng = new Random(a.seed);
    const epochBatches = (): Batch<I>[] => this.#epochBatches(rng);
    const stepsPerEpoch = this.#stepsPerEpoch();
    const totalSteps = a.maxSteps > 0 ? a.maxSteps : Math.ceil(a.numTrainEpochs * stepsPerEpoch);
    const numEpochs = Math.ceil(totalSteps / stepsPerEpoch);
    const warmup = a.warmupSteps > 0 ? a.warmupSteps : Math.ceil(totalSteps * a.warmupRatio);
    const groups = this.#paramGroups();
    const variables = groups.flatMap((g) => g.params);
    if (variables.length === 0) {
      throw new ArgumentError(
        "model.parameterCounts().trainable",
        0,
        "leaves the optimizer nothing to train",
        "unfreeze some layers, or give the model a head to train",
      );
    }
    // Each task trains the body and its own head: the variables of the other heads stay out.
    const taskVariables = new Map(
      this.model.tasks.map((t) => [t, variables.filter((v) => this.#belongsTo(v, t))]),
    );
    const optimizer = new AdamW(groups, {
      lr: a.learningRate,
      betas: [a.adamBeta1, a.adamBeta2],
      eps: a.adamEpsilon,
    });
    const scheduler = new LambdaLR(
      optimizer,
      a.lrSchedulerType === "linear" ? linearWarmupLambda(warmup, totalSteps) : () => 1,
    );
    const bar: Progress | undefined = a.disableTqdm
      ? undefined
      : progress(totalSteps, { label: "train" });
    const best = {
      metric: NaN,
      step: 0,
      snapshot: undefined as Map<tf.Variable, Float32Array> | undefined,
    };
    let sinceImprovement = 0;
    let stop = false;
    let step = 0;
    let lossSum = 0;
    let logLossSum = 0;
    let logCount = 0;
    let lastGradNorm = NaN;
    this.logHistory = [];
    const start = performance.now();

    const log = (entry: Record<string, number>, epoch: number) => {
      const e = { ...entry, epoch: round4(epoch), step } as LogEntry;
      this.logHistory.push(e);
      if (!a.disableTqdm) console.log(formatLog(e));
    };
    const flushTrainLog = (epoch: number) => {
      if (logCount === 0) return;
      log({
        loss: logLossSum / logCount,
        grad_norm: lastGradNorm,
        learning_rate: scheduler.getLastLr().at(-1)!,
      }, epoch);
      logLossSum = 0;
      logCount = 0;
    };
    const evaluateAndSave = async (epoch: number, doEval: boolean, doSave: boolean) => {
      let metrics: Record<string, number> | undefined;
      if (doEval) {
        metrics = this.evaluate();
        log(metrics, epoch);
        const key = metricKey(a.metricForBestModel);
        const value = metrics[key];
        if (value === undefined) {
          throw new ArgumentError(
            "args.metricForBestModel",
            a.metricForBestModel,
            `is not among the evaluation's metrics (${Object.keys(metrics).join(", ")})`,
            "name one of them (without the eval_ prefix), or return it from computeMetrics",
          );
        }
        const improved = Number.isNaN(best.metric) ||
          (a.greaterIsBetter ? value > best.metric : value < best.metric);
        const enough = Number.isNaN(best.metric) ||
          Math.abs(value - best.metric) > a.earlyStoppingThreshold;
        if (improved) {
          best.metric = value;
          best.step = step;
          if (a.loadBestModelAtEnd) best.snapshot = snapshot(variables);
        }
        sinceImprovement = improved && enough ? 0 : sinceImprovement + 1;
        if (a.earlyStoppingPatience !== undefined && sinceImprovement >= a.earlyStoppingPatience) {
          stop = true;
        }
      }
      if (doSave) {
        await saveCheckpoint(this.model, join(a.outputDir!, `checkpoint-${step}`), {
          extra: { step, epoch: round4(epoch), metrics },
        });
      }
    };

    try {
      for (let epoch = 0; epoch < numEpochs && !stop && step < totalSteps; epoch++) {
        const batches = epochBatches();
        for (let b = 0; b < batches.length && !stop && step < totalSteps; b++) {
          const batch = batches[b];
          const taskVars = taskVariables.get(batch.task)!;
          const done = this.#step(batch, taskVars, optimizer, scheduler, rng, step, epoch);

          lastGradNorm = done.gradNorm;
          step++;
          lossSum += done.loss;
          logLossSum += done.loss;
          logCount++;
          bar?.tick();
          const fractional = epoch + (b + 1) / batches.length;
          if (step % a.loggingSteps === 0) flushTrainLog(fractional);
          const evalNow = a.evalStrategy === "steps" && step % a.evalSteps === 0;
          const saveNow = a.saveStrategy === "steps" && step % a.saveSteps === 0;
          if (evalNow || saveNow) await evaluateAndSave(fractional, evalNow, saveNow);
        }
        flushTrainLog(epoch + 1);
        if (a.evalStrategy === "epoch" || a.saveStrategy === "epoch") {
          await evaluateAndSave(epoch + 1, a.evalStrategy === "epoch", a.saveStrategy === "epoch");
        }
      }
    } finally {
      await bar?.done();
      optimizer.dispose();
    }
    if (a.loadBestModelAtEnd && best.snapshot) restore(best.snapshot);
    const runtime = (performance.now() - start) / 1000;
    const trainingLoss = lossSum / Math.max(1, step);
    const lastEpoch = this.logHistory.at(-1)?.epoch ?? 0;
    const metrics = {
      train_runtime: round4(runtime),
      train_samples_per_second: round4((step * a.perDeviceTrainBatchSize) / runtime),
      train_steps_per_second: round4(step / runtime),
      train_loss: trainingLoss,
      epoch: lastEpoch,
    };
    return {
      globalStep: step,
      trainingLoss,
      metrics,
      logHistory: this.logHistory,
      best: Number.isNaN(best.metric) ? undefined : { metric: best.metric, step: best.step },
    };
  }

  /**
   * Evaluates on `dataset` (default: the `evalDataset`): `eval_loss` and the `computeMetrics`
   * values, prefixed `eval_` (`eval_<task>_` for multi-task models, where `eval_loss` is the
   * mean of the tasks' losses).
   */
  evaluate(dataset?: Datasets<I>, metricKeyPrefix = "eval"): Record<string, number> {
    const data = dataset === undefined ? this.#eval : this.#prepare(dataset, "dataset");
    if (!data) {
      throw new ArgumentError(
        "dataset",
        undefined,
        "is missing and the Trainer has no evalDataset",
        "pass a dataset to evaluate(), or an evalDataset to the Trainer",
      );
    }
    const out: Record<string, number> = {};
    let lossSum = 0;
    for (const d of data) {
      const { loss, metrics } = this.#predictTask(d);
      const prefix = data.length === 1 && d.task === DEFAULT_TASK
        ? metricKeyPrefix
        : `${metricKeyPrefix}_${d.task}`;
      out[`${prefix}_loss`] = loss;
      for (const [k, v] of Object.entries(metrics)) out[`${prefix}_${k}`] = v;
      lossSum += loss;
    }
    out[`${metricKeyPrefix}_loss`] = lossSum / data.length;
    return out;
  }

  /**
   * Logits, labels, `test_` metrics and the label names for one task's dataset (HF's
   * `Trainer.predict`).
   */
  predict(
    dataset: Dataset<I, LabelInput>,
    task: string = this.model.tasks[0],
  ): PredictionOutput<K> {
    // The caller gave one dataset and the task apart: errors name `dataset`, not `dataset.<task>`.
    const d = this.#prepareTask(task, dataset, "dataset");
    const { loss, metrics, prediction } = this.#predictTask(d);
    const testMetrics: Record<string, number> = { test_loss: loss };
    for (const [k, v] of Object.entries(metrics)) testMetrics[`test_${k}`] = v;
    const { kind, predictions, labelIds } = prediction;
    const id2label = { ...this.model.task(task).id2label };
    return { kind, predictions, labelIds, metrics: testMetrics, id2label } as PredictionOutput<K>;
  }

  #step(
    batch: Batch<I>,
    taskVars: tf.Variable[],
    optimizer: AdamW,
    scheduler: LambdaLR,
    rng: Random,
    step: number,
    epoch: number,
  ): StepResult {
    const lossFn = this.#losses.get(batch.task)!;
    const seed = rng.randInt(2 ** 31);
    const task = batch.task === DEFAULT_TASK ? undefined : batch.task;
    return trainingStep(
      () => {
        const logits = this.model.forward(batch.inputs, { training: true, seed, task: batch.task });
        return lossFn(logits, batch.labels);
      },
      taskVars,
      optimizer,
      scheduler,
      { step, epoch, task },
      this.args,
    );
  }

  #belongsTo(v: tf.Variable, task: string): boolean {
    for (const t of this.model.tasks) {
      if (t !== task && this.model.headVariables(t).includes(v)) return false;
    }
    return true;
  }

  #predictTask(d: TaskData<I>): {
    loss: number;
    metrics: Record<string, number>;
    prediction: EvalPrediction<K>;
  } {
    const bs = this.args.perDeviceEvalBatchSize;
    const lossFn = this.#losses.get(d.task) ??
      makeLoss(this.model.task(d.task), this.args, d.labels);
    const pooled: number[][] = []; // logits rows of sequence tasks
    const perToken: number[][][] = []; // token tasks: one unpadded row per sentence
    let lossSum = 0;
    for (let i = 0; i < d.inputs.length; i += bs) {
      const idx = range(i, Math.min(i + bs, d.inputs.length));
      const labels = sliceLabels(d.labels, idx);
      const inputs = idx.map((k) => d.inputs[k]);
      const [logits, loss] = tf.tidy(() => {
        const logits = this.model.forward(inputs, { task: d.task });
        return [logits.arraySync(), lossFn(logits, labels).dataSync()[0]] as const;
      });
      lossSum += loss * idx.length;
      if (labels.kind === "token") {
        (logits as number[][][]).forEach((row, k) =>
          perToken.push(row.slice(0, labels.ids[k].length))
        );
      } else {
        pooled.push(...(logits as number[][]));
      }
    }
    // #prepareTask refused labels whose kind is not among the Trainer's kinds (K).
    const prediction = evalPrediction(d.task, d.labels, pooled, perToken) as EvalPrediction<K>;
    const metrics = this.#computeMetrics?.(prediction) ?? {};
    return { loss: lossSum / d.inputs.length, metrics, prediction };
  }

  #prepare(datasets: Datasets<I>, where: string): TaskData<I>[] {
    if (datasets === undefined || datasets === null) {
      throw new ArgumentError(where, datasets, "is missing", "pass a dataset { inputs, labels }");
    }
    const isSingle = Array.isArray((datasets as Dataset<I, LabelInput>).inputs);
    const byTask: Record<string, Dataset<I, LabelInput>> = isSingle
      ? { [this.#onlyTask(datasets, where)]: datasets as Dataset<I, LabelInput> }
      : datasets as Record<string, Dataset<I, LabelInput>>;
    const tasks = Object.keys(byTask);
    if (tasks.length === 0) {
      throw new ArgumentError(
        where,
        datasets,
        "has no tasks",
        `pass { inputs, labels }, or one per task (${this.model.tasks.join(", ")})`,
      );
    }
    return tasks.map((task) =>
      this.#prepareTask(task, byTask[task], isSingle ? where : `${where}.${task}`)
    );
  }

  /** One task's dataset checked and encoded; `label` names it in errors as the caller wrote it. */
  #prepareTask(task: string, ds: Dataset<I, LabelInput>, label: string): TaskData<I> {
    const head = this.model.task(task);
    const lengths =
      this.model.level === "token" && Array.isArray(ds?.inputs) && ds.inputs.length > 0
        ? this.model.body.sequenceLengths?.(ds.inputs)
        : undefined;
    const labels = encodeLabels(ds, head, this.model.level, label, lengths);
    if (!this.#kinds.includes(labels.kind)) {
      const kinds = this.#kinds.map((k) => `"${k}"`).join(" or ");
      throw new ArgumentError(
        `${label}.labels`,
        ds.labels,
        `are ${labels.kind} labels${
          task === DEFAULT_TASK ? "" : ` (task "${task}")`
        } but the Trainer's kind is ${kinds}`,
        `pass kind: "${labels.kind}" to the Trainer (it types computeMetrics and predict)`,
      );
    }
    return { task, inputs: ds?.inputs, labels };
  }

  #onlyTask(datasets: Datasets<I>, where: string): string {
    if (this.model.tasks.length !== 1) {
      throw new ArgumentError(
        where,
        datasets,
        `the model has ${this.model.tasks.length} tasks (${this.model.tasks.join(", ")})`,
        "pass one dataset per task: { [task]: { inputs, labels } }",
      );
    }
    return this.model.tasks[0];
  }

  #paramGroups(): ParamGroupOptions[] {
    const a = this.args;
    const split = (vars: tf.Variable[], name: string, lr: number): ParamGroupOptions[] => [
      // As HF: no weight decay on biases and normalisation scales (the 1-D variables).
      { name: `${name}`, params: vars.filter((v) => v.rank >= 2), lr, weightDecay: a.weightDecay },
      { name: `${name}_no_decay`, params: vars.filter((v) => v.rank < 2), lr, weightDecay: 0 },
    ];
    const headVars = this.model.headVariables();
    const bodyVars = this.model.body.trainableVariables().filter((v) => !headVars.includes(v));
    return [
      ...split(bodyVars, "body", a.bodyLearningRate ?? a.learningRate),
      ...split(headVars, "head", a.learningRate),
    ].filter((g) => g.params.length > 0);
  }

  #stepsPerEpoch(): number {
    return this.#train.reduce(
      (s, d) => s + Math.ceil(this.#epochSize(d) / this.args.perDeviceTrainBatchSize),
      0,
    );
  }

  #epochSize(d: TaskData<I>): number {
    if (
      d.labels.kind !== "single" || this.args.sampler === "random" ||
      this.args.sampler === "weighted"
    ) {
      return d.inputs.length;
    }
    const counts = new Map<number, number>();
    for (const y of d.labels.ids) counts.set(y, (counts.get(y) ?? 0) + 1);
    const sizes = [...counts.values()];
    return this.args.sampler === "oversample"
      ? Math.max(...sizes) * sizes.length
      : Math.min(...sizes) * sizes.length;
  }

  #epochBatches(rng: Random): Batch<I>[] {
    const bs = this.args.perDeviceTrainBatchSize;
    const batches: Batch<I>[] = [];
    for (const d of this.#train) {
      const order = this.#sampleOrder(d, rng);
      for (let i = 0; i < order.length; i += bs) {
        const idx = order.slice(i, i + bs);
        batches.push({
          task: d.task,
          inputs: idx.map((k) => d.inputs[k]),
          labels: sliceLabels(d.labels, idx),
        });
      }
    }
    return this.#train.length > 1 ? rng.shuffle(batches) : batches;
  }

  #sampleOrder(d: TaskData<I>, rng: Random): number[] {
    const n = d.inputs.length;
    if (d.labels.kind !== "single" || this.args.sampler === "random") return rng.permutation(n);
    const ids = d.labels.ids;
    switch (this.args.sampler) {
      case "weighted": {
        const w = this.args.classWeights ??
          computeClassWeights(ids, "balanced", { numClasses: this.model.task(d.task).numLabels });
        return weightedRandomSampler(ids.map((y) => w[y]), n, { generator: rng });
      }
      case "oversample":
        return rng.shuffle(oversample(ids, { generator: rng }));
      default:
        return rng.shuffle(undersample(ids, { generator: rng }));
    }
  }
}

/** One task's logits (`pooled` rows, or `perToken` for token tasks) and label ids, by kind. */
function evalPrediction(
  task: string,
  labels: EncodedLabels,
  pooled: number[][],
  perToken: number[][][],
): EvalPrediction<TaskKind> {
  switch (labels.kind) {
    case "single":
      return { kind: "single", task, predictions: pooled, labelIds: labels.ids };
    case "multi":
      return { kind: "multi", task, predictions: pooled, labelIds: labels.targets };
    case "regression":
      return { kind: "regression", task, predictions: pooled, labelIds: labels.values };
    case "token":
      return { kind: "token", task, predictions: perToken, labelIds: labels.ids };
  }
}

const TASK_KINDS: readonly TaskKind[] = ["single", "multi", "regression", "token"];

function sliceLabels(labels: EncodedLabels, idx: number[]): EncodedLabels {
  if (labels.kind === "single") return { kind: "single", ids: idx.map((i) => labels.ids[i]) };
  if (labels.kind === "multi") return { kind: "multi", targets: idx.map((i) => labels.targets[i]) };
  if (labels.kind === "regression") {
    return { kind: "regression", values: idx.map((i) => labels.values[i]) };
  }
  return { kind: "token", ids: idx.map((i) => labels.ids[i]) };
}

function snapshot(variables: tf.Variable[]): Map<tf.Variable, Float32Array> {
  return new Map(variables.map((v) => [v, (v.dataSync() as Float32Array).slice()]));
}

function restore(saved: Map<tf.Variable, Float32Array>): void {
  for (const [v, data] of saved) tf.tidy(() => v.assign(tf.tensor(data, v.shape, "float32")));
}

function metricKey(name: string): string {
  return name.startsWith("eval_") ? name : `eval_${name}`;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function formatLog(e: LogEntry): string {
  return "{" +
    Object.entries(e).map(([k, v]) => `'${k}': ${Number.isInteger(v) ? v : v.toPrecision(4)}`).join(
      ", ",
    ) + "}";
}
