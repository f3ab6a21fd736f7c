/**
 * `SetFitTrainer`: SetFit's two stages behind one `train()`, as the chapter's Code Fragments
 * 16.6.4a and 16.6.6 call it. Stage 1 generates contrastive pairs from the labelled examples and
 * fine-tunes the body on them; stage 2 embeds the examples with the fine-tuned body and fits the
 * logistic-regression head.
 * @module
 */
import { checkTextColumns, type Dataset } from "../data/dataset.ts";
import { ArgumentError, NotFittedError } from "../errors.ts";
import { accuracyScore, f1Score } from "../metrics/mod.ts";
import type { Label } from "../metrics/validation.ts";
import {
  type ContrastiveTrainingOptions,
  type ContrastiveTrainingResult,
  trainContrastive,
} from "./contrastive.ts";
import type { SetFitModel } from "./model.ts";
import type { DifferentiableHeadOptions } from "./differentiable_head.ts";
import { generatePairs, type SamplingStrategy } from "./pairs.ts";

/** Scores from predictions and true labels, e.g. `{ accuracy }`. */
export type SetFitMetric = (
  yPred: Label[] | Label[][],
  yTrue: Label[] | Label[][],
) => Record<string, number>;

/** Everything {@linkcode SetFitTrainer} takes: the chapter's `SetFitTrainer` arguments, camelCase. */
export interface SetFitTrainerOptions extends ContrastiveTrainingOptions {
  /** The model to train. */
  model: SetFitModel;
  /**
   * The few labelled examples: texts and a label (one-vs-rest: a list of labels) per text.
   * Integer labels of a dataset with `labelNames` (a loaded one) become their names.
   */
  trainDataset: Dataset<string, Label | Label[]>;
  /** Held-out examples for {@linkcode SetFitTrainer.evaluate}. */
  evalDataset?: Dataset<string, Label | Label[]>;
  /**
   * `N` positive and `N` negative pairs per example (`2 · N · examples` pairs per epoch); when
   * left out, `samplingStrategy` sizes the epoch.
   */
  numIterations?: number;
  /** `"oversampling"` (default), `"undersampling"` or `"unique"`. */
  samplingStrategy?: SamplingStrategy;
  /** `"accuracy"` (default), `"f1"` (macro; micro for one-vs-rest), or a function. */
  metric?: "accuracy" | "f1" | SetFitMetric;
  /**
   * Stage 2 of a model with `useDifferentiableHead`: epochs, batch size, learning rates,
   * `endToEnd` (`seed` and `progress` default to the trainer's).
   */
  differentiableHead?: DifferentiableHeadOptions;
}

/** What {@linkcode SetFitTrainer.train} returns. */
export interface SetFitTrainOutput {
  /** Stage 1: steps, the loss of every step, time (absent when `numEpochs` is 0). */
  contrastive?: ContrastiveTrainingResult;
  /** Contrastive pairs per epoch. */
  numPairs: number;
  /** Stage 2 (embedding the examples and fitting the head), in seconds. */
  headRuntimeS: number;
  /** Both stages, in seconds. */
  trainRuntimeS: number;
}

/**
 * Trains a {@linkcode SetFitModel} in SetFit's two stages. `numEpochs: 0` skips stage 1 (the
 * frozen-encoder baseline, and the only choice for a frozen transformers.js body).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { fromDict } from "../data/dataset.ts";
 * import { SetFitModel } from "./model.ts";
 * import { SetFitTrainer } from "./trainer.ts";
 * const model = await SetFitModel.fromPretrained("use-lite", { freeze: ["embeddings"] });
 * const trainer = new SetFitTrainer({
 *   model,
 *   trainDataset: fromDict({
 *     text: ["loved the support", "worst flight ever", "fast and friendly", "lost my luggage"],
 *     label: [1, 0, 1, 0],
 *   }),
 *   numIterations: 2, // 16 pairs: one step, to keep the example fast (the chapter uses 20)
 *   progress: false,
 * });
 * const out = await trainer.train();
 * assertEquals(out.numPairs, 16);
 * assertEquals(await model.predict(["the staff were wonderful"]), [1]);
 * model.dispose();
 * ```
 */
export class SetFitTrainer {
  /** The model being trained. */
  readonly model: SetFitModel;
  readonly #options: SetFitTrainerOptions;
  readonly #train: { text: string[]; label: Label[] | Label[][] };

  /** Checks the data up front (labels against the model's single- or multi-label mode). */
  constructor(options: SetFitTrainerOptions) {
    this.model = options.model;
    this.#options = options;
    this.#train = columns(options.trainDataset, "trainDataset", this.#multiLabel);
    if (options.evalDataset !== undefined) {
      columns(options.evalDataset, "evalDataset", this.#multiLabel);
    }
    if (options.differentiableHead !== undefined && !this.model.useDifferentiableHead) {
      throw new ArgumentError(
        "differentiableHead",
        options.differentiableHead,
        "is for a model with a differentiable head, and this one has a logistic-regression head",
        "create the model with { useDifferentiableHead: true }, or leave differentiableHead out",
      );
    }
    const m = options.metric ?? "accuracy";
    if (typeof m !== "function" && m !== "accuracy" && m !== "f1") {
      throw new ArgumentError(
        "metric",
        m,
        "is not a metric",
        'use "accuracy", "f1" or a function (yPred, yTrue) => scores',
      );
    }
  }

  get #multiLabel(): boolean {
    return this.model.multiTargetStrategy === "one-vs-rest";
  }

  /** Stage 1 (unless `numEpochs` is 0), then stage 2. */
  async train(): Promise<SetFitTrainOutput> {
    const start = performance.now();
    const { numIterations, samplingStrategy, seed = 42, numEpochs = 1, progress } = this.#options;
    const { text, label } = this.#train;
    const pairs = generatePairs(label, { strategy: samplingStrategy, numIterations, seed });
    let contrastive: ContrastiveTrainingResult | undefined;
    if (numEpochs > 0) {
      contrastive = await trainContrastive(this.model.trainableBody(), text, pairs, this.#options);
    }
    const headStart = performance.now();
    if (this.model.useDifferentiableHead) {
      await this.model.fitDifferentiableHead(text, label as Label[], {
        seed,
        progress,
        ...this.#options.differentiableHead,
      });
    } else {
      this.model.fitHead(await this.model.encode(text), label);
    }
    const end = performance.now();
    return {
      contrastive,
      numPairs: pairs.length,
      headRuntimeS: (end - headStart) / 1000,
      trainRuntimeS: (end - start) / 1000,
    };
  }

  /** Scores the model on `dataset` (default: the `evalDataset`) with the trainer's metric. */
  async evaluate(dataset?: Dataset<string, Label | Label[]>): Promise<Record<string, number>> {
    const data = dataset ?? this.#options.evalDataset;
    if (data === undefined) {
      throw new ArgumentError(
        "dataset",
        dataset,
        "is not given and the trainer has no evalDataset",
        "pass a dataset, or set evalDataset when creating the trainer",
      );
    }
    const where = dataset === undefined ? "evalDataset" : "dataset";
    const { text, label } = columns(data, where, this.#multiLabel);
    const head = this.model.head;
    if (!head) throw new NotFittedError("the SetFit head", "call train() first");
    const known = new Set(head.classes);
    (label as (Label | Label[])[]).forEach((l, i) => {
      const unknown = [l].flat().find((c) => !known.has(c));
      if (unknown !== undefined) {
        throw new ArgumentError(
          `${where}.labels[${i}]`,
          data.labels[i],
          `holds ${JSON.stringify(unknown)}, which was not among the training labels (${
            head.classes.map((c) => JSON.stringify(c)).join(", ")
          })`,
          "evaluate on the classes the model was trained on",
        );
      }
    });
    const predicted = await this.model.predict(text);
    const metric = this.#options.metric ?? "accuracy";
    if (typeof metric === "function") return metric(predicted, label);
    const toRows = (ys: Label[][]) =>
      ys.map((l) => head.classes.map((c) => (l.includes(c) ? 1 : 0)));
    const [yTrue, yPred] = this.#multiLabel
      ? [toRows(label as Label[][]), toRows(predicted as Label[][])]
      : [label as Label[], predicted as Label[]];
    return metric === "accuracy"
      ? { accuracy: accuracyScore(yTrue, yPred) }
      : { f1: f1Score(yTrue, yPred, { average: this.#multiLabel ? "micro" : "macro" }) };
  }
}

/** Text and label columns of a dataset (labels as names where it has them), checked. */
function columns(
  data: Dataset<string, Label | Label[]>,
  where: string,
  multiLabel: boolean,
): { text: string[]; label: Label[] | Label[][] } {
  const { text, labels } = checkTextColumns<Label | Label[]>(data?.inputs, data?.labels, {
    text: `${where}.inputs`,
    labels: `${where}.labels`,
  });
  const { labelNames } = data;
  const name = (l: Label): Label => labelNames && typeof l === "number" ? labelNames[l] : l;
  const label = labels.map((l) => Array.isArray(l) ? l.map(name) : name(l)) as
    | Label[]
    | Label[][];
  const firstList = label.findIndex(Array.isArray);
  if (multiLabel && firstList < 0 && label.length > 0) {
    throw new ArgumentError(
      `${where}.labels`,
      labels,
      "holds one label per text, but the model is one-vs-rest (multi-label)",
      'give each text a list of labels, e.g. [["a", "b"], ["b"]], or create the model without multiTargetStrategy',
    );
  }
  if (!multiLabel && firstList >= 0) {
    throw new ArgumentError(
      `${where}.labels[${firstList}]`,
      labels[firstList],
      "is a list of labels, but the model is single-label",
      'create the model with { multiTargetStrategy: "one-vs-rest" }',
    );
  }
  return { text, label };
}
