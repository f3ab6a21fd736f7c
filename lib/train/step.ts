/**
 * One optimizer step, the same for every training loop of the kit (the Trainer, SetFit's
 * contrastive stage): loss and gradients, a stop on a non-finite loss, global-norm clipping,
 * AdamW's update, then the learning-rate schedule's step, in Hugging Face's order.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { clipGradNorm } from "./clip.ts";
import type { AdamW } from "./optimizer.ts";
import type { LambdaLR } from "./schedule.ts";

/** Where a step is, for its error messages. */
export interface StepPosition {
  /** Steps taken before this one (0 for the first). */
  step: number;
  /** Epochs completed before this one. */
  epoch: number;
  /** The task of the batch, when the model has several. */
  task?: string;
}

/** Settings of {@linkcode trainingStep}. */
export interface TrainingStepOptions {
  /** Clip the gradients to this global norm (`0` skips clipping). */
  maxGradNorm: number;
  /** The peak learning rate, named in the message of a non-finite loss. */
  learningRate: number;
}

/** What one step did. */
export interface StepResult {
  /** The batch loss. */
  loss: number;
  /** The global gradient norm before clipping (`NaN` when not clipped). */
  gradNorm: number;
}

/**
 * Computes `loss()` and its gradients with respect to `variables`, refuses a non-finite loss
 * (training would go on with NaN weights), clips the gradients to `maxGradNorm`, lets
 * `optimizer` update the variables and steps `scheduler`. An error names the step (`at step 3
 * (epoch 1)`).
 *
 * @example
 * ```ts
 * import { assert, assertThrows } from "@std/assert";
 * import * as tf from "@tensorflow/tfjs";
 * import { AdamW } from "./optimizer.ts";
 * import { getLinearScheduleWithWarmup } from "./schedule.ts";
 * import { trainingStep } from "./step.ts";
 * const w = tf.variable(tf.scalar(3));
 * const optimizer = new AdamW([w], { lr: 0.1 });
 * const scheduler = getLinearScheduleWithWarmup(optimizer, 0, 10);
 * const options = { maxGradNorm: 1, learningRate: 0.1 };
 * const { loss, gradNorm } = trainingStep(() => tf.square(w), [w], optimizer, scheduler, { step: 0, epoch: 0 }, options);
 * assert(loss === 9 && gradNorm === 6 && w.dataSync()[0] < 3);
 * assertThrows(
 *   () => trainingStep(() => tf.log(tf.neg(w)), [w], optimizer, scheduler, { step: 1, epoch: 0 }, options),
 *   Error,
 *   "training loss is NaN at step 2 (epoch 1)",
 * );
 * optimizer.dispose();
 * w.dispose();
 * ```
 */
export function trainingStep(
  loss: () => tf.Scalar,
  variables: tf.Variable[],
  optimizer: AdamW,
  scheduler: LambdaLR,
  position: StepPosition,
  { maxGradNorm, learningRate }: TrainingStepOptions,
): StepResult {
  const { step, epoch, task } = position;
  const where = `step ${step + 1} (epoch ${epoch + 1}${
    task === undefined ? "" : `, task "${task}"`
  })`;
  let value: tf.Scalar;
  let grads: tf.NamedTensorMap;
  try {
    ({ value, grads } = tf.variableGrads(loss, variables));
  } catch (e) {
    throw new Error(`training failed at ${where}: ${(e as Error).message}`, { cause: e });
  }
  const lossValue = value.dataSync()[0];
  value.dispose();
  if (!Number.isFinite(lossValue)) {
    tf.dispose(grads);
    throw new Error(
      `training loss is ${lossValue} at ${where}; ` +
        `lower learningRate (${learningRate}) or check the inputs for NaN`,
    );
  }
  let gradNorm = NaN;
  let applied = grads;
  if (maxGradNorm > 0) {
    const clipped = clipGradNorm(grads, maxGradNorm);
    gradNorm = clipped.totalNorm;
    applied = clipped.grads;
    tf.dispose(grads);
  }
  optimizer.step(applied);
  tf.dispose(applied);
  scheduler.step();
  return { loss: lossValue, gradNorm };
}
