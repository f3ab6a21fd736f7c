/**
 * One training run from scratch, as experiments over seeds and settings need it: a fresh head
 * on a body, trained by the {@linkcode Trainer}, then its logits on held-out data; the head is
 * freed afterwards. A run is fully determined by its arguments and `seed`.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import type { Body } from "../encoders/body.ts";
import { createClassifier, type TaskConfig } from "../heads/model.ts";
import type { Dataset } from "../data/dataset.ts";
import type { LabelInput } from "./data.ts";
import { type PredictionShapes, type TaskKind, Trainer, type TrainOutput } from "./trainer.ts";
import type { TrainingArguments } from "./training_args.ts";

/** Options of {@link fitPredict}. */
export interface FitPredictOptions<I, K extends TaskKind = "single"> {
  /** The (frozen or trainable) body the head sits on; it is not freed. */
  body: Body<I>;
  /** The head's labels, problem type and shape. */
  task: TaskConfig;
  /** The head's kind, as the Trainer's `kind` (default `"single"`); it types `logits`. */
  kind?: K;
  /** Training examples. */
  train: Dataset<I, LabelInput>;
  /** Datasets to predict after training (labels are needed for the Trainer's checks). */
  predict: Dataset<I, LabelInput>[];
  /** Training arguments; `seed` below overrides `args.seed`. */
  args?: TrainingArguments;
  /** Seeds the head's initial weights and the Trainer (shuffles, samplers, dropout) (default 42). */
  seed?: number;
}

/** What {@link fitPredict} returns. */
export interface FitPredictResult<K extends TaskKind = "single"> {
  /** Logits of each `predict` dataset, in order (per token, unpadded, for token tasks). */
  logits: PredictionShapes[K]["predictions"][];
  /** The Trainer's `train()` output (loss history, runtime). */
  trainOutput: TrainOutput;
}

/**
 * Trains a fresh head with `args` and `seed` and returns its logits on each `predict` dataset.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { featureBody } from "../encoders/body.ts";
 * import { fitPredict } from "./fit_predict.ts";
 * const inputs = [[1, 0], [0.9, 0.2], [0, 1], [0.1, 0.9]].map((v) => new Float32Array(v));
 * const data = { inputs, labels: [0, 0, 1, 1] };
 * const { logits } = await fitPredict({
 *   body: featureBody({ name: "toy", hiddenSize: 2 }),
 *   task: { labels: ["a", "b"] },
 *   train: data,
 *   predict: [data],
 *   args: { numTrainEpochs: 30, learningRate: 0.1, perDeviceTrainBatchSize: 2, disableTqdm: true },
 *   seed: 1,
 * });
 * const preds = logits[0].map((r) => (r[1] > r[0] ? 1 : 0));
 * assertEquals(preds.join(), "0,0,1,1");
 * ```
 */
export async function fitPredict<I, K extends TaskKind = "single">(
  options: FitPredictOptions<I, K>,
): Promise<FitPredictResult<K>> {
  const { body, task, train, predict, args = {}, seed = 42 } = options;
  // Without a kind the logits are typed single-label: the Trainer checks that they are.
  const kind = options.kind ?? "single" as K;
  if (!Array.isArray(predict)) {
    throw new ArgumentError(
      "options.predict",
      predict,
      "is not an array of datasets",
      "pass e.g. [testDataset]",
    );
  }
  const model = createClassifier(body, task, { seed });
  try {
    const trainer = new Trainer({ model, args: { ...args, seed }, kind, trainDataset: train });
    const trainOutput = await trainer.train();
    const logits = predict.map((d) => trainer.predict(d).predictions);
    return { logits, trainOutput };
  } finally {
    model.dispose();
  }
}
