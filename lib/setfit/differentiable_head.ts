/**
 * SetFit's optional differentiable head (`use_differentiable_head=True`): a linear layer with a
 * softmax, trained with cross-entropy by gradient descent through the kit's {@linkcode Trainer},
 * on the frozen embeddings or end to end through the body (`end_to_end=True`). A trained linear
 * softmax layer predicts exactly as a multinomial logistic regression with the same weights, so
 * the result is a {@linkcode LogisticHead}: predict, save and load need nothing new.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import type { Body } from "../encoders/body.ts";
import { createClassifier } from "../heads/model.ts";
import { checkLabelArray, type Label, uniqueLabels } from "../metrics/validation.ts";
import { Trainer } from "../train/trainer.ts";
import { LogisticHead } from "./head.ts";

/** Options of the differentiable head: the classifier half of SetFit's training arguments. */
export interface DifferentiableHeadOptions {
  /** Epochs over the labelled examples (default 16, SetFit's `num_epochs[1]`). */
  numEpochs?: number;
  /** Examples per step (default 2, SetFit's `batch_size[1]`). */
  batchSize?: number;
  /** Peak learning rate of the head (default 1e-2, SetFit's `head_learning_rate`). */
  headLearningRate?: number;
  /** Peak learning rate of the body when `endToEnd` (default 1e-5, SetFit's `body_learning_rate[1]`). */
  bodyLearningRate?: number;
  /** Train the body with the head (default `false`: the body stays frozen, SetFit's `end_to_end`). */
  endToEnd?: boolean;
  /** AdamW weight decay (default 0.01, SetFit's `l2_weight`). */
  l2Weight?: number;
  /** Seed of the head's initial weights and of the batch order (default 42). */
  seed?: number;
  /** Show a progress bar (default `true`). */
  progress?: boolean;
}

/**
 * Trains a linear softmax head on `body`'s output for `inputs` and returns it as a
 * {@linkcode LogisticHead}: texts with a trainable body and `endToEnd: true` (the body's
 * variables are updated in place), or precomputed embeddings with a `featureBody` (frozen).
 * Differences from SetFit: no dropout (as SetFit's head), but the Trainer's linear decay of the
 * learning rate instead of SetFit's halving every 5 epochs, and gradients clipped to norm 1.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { featureBody } from "../encoders/body.ts";
 * import { trainDifferentiableHead } from "./differentiable_head.ts";
 * const X = [[1, 0], [0.9, 0.2], [0, 1], [0.1, 0.9], [-1, -1], [-0.8, -1]].map((r) => new Float32Array(r));
 * const head = await trainDifferentiableHead(featureBody({ name: "toy", hiddenSize: 2 }), X,
 *   ["a", "a", "b", "b", "c", "c"], { numEpochs: 100, progress: false });
 * assertEquals(head.predict([[1, 0.1], [-1, -0.9]]), ["a", "c"]);
 * ```
 */
export async function trainDifferentiableHead<I>(
  body: Body<I>,
  inputs: I[],
  labels: readonly Label[],
  options: DifferentiableHeadOptions = {},
): Promise<LogisticHead> {
  const {
    numEpochs = 16,
    batchSize = 2,
    headLearningRate = 1e-2,
    bodyLearningRate = 1e-5,
    endToEnd = false,
    l2Weight = 0.01,
    seed = 42,
    progress = true,
  } = options;
  const y = checkLabelArray(labels, "labels");
  if (y.length !== inputs.length) {
    throw new ArgumentError(
      "labels.length",
      y.length,
      `${inputs.length} inputs but ${y.length} labels`,
      "give one label per input",
    );
  }
  const classes = uniqueLabels(y);
  if (classes.length < 2) {
    throw new ArgumentError(
      "labels",
      y,
      "have only one class: a classifier needs at least 2",
      "add examples of another class",
    );
  }
  const trainable = body.trainableVariables().length > 0;
  if (endToEnd !== trainable) {
    throw new ArgumentError(
      "endToEnd",
      endToEnd,
      endToEnd
        ? `needs a body with trainable variables; ${body.name} has none`
        : `${body.name} has trainable variables`,
      endToEnd
        ? "pass endToEnd: false with embeddings and a featureBody"
        : "pass endToEnd: true, or embeddings with a featureBody to keep the body frozen",
    );
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  const model = createClassifier(body, { labels: classes.map(String), dropout: 0 }, { seed });
  try {
    const trainer = new Trainer({
      model,
      args: {
        numTrainEpochs: numEpochs,
        perDeviceTrainBatchSize: batchSize,
        learningRate: headLearningRate,
        bodyLearningRate,
        weightDecay: l2Weight,
        seed,
        disableTqdm: !progress,
        loggingSteps: Number.MAX_SAFE_INTEGER,
      },
      trainDataset: { inputs, labels: y.map((l) => index.get(l)!) },
    });
    await trainer.train();
    const vars = model.task().head.namedVariables();
    const weight = vars.get("classifier.weight")!.arraySync() as number[][];
    const bias = vars.get("classifier.bias")!.arraySync() as number[];
    // Two softmax logits are one sigmoid of their difference: LogisticRegression's binary form.
    const [coef, intercept] = classes.length === 2
      ? [[weight[1].map((w, j) => w - weight[0][j])], [bias[1] - bias[0]]]
      : [weight, bias];
    return LogisticHead.fromJSON({ classes, multiLabel: false, coef, intercept });
  } finally {
    model.dispose();
  }
}
