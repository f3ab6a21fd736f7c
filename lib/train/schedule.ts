/**
 * Learning-rate schedules with PyTorch's `LambdaLR` contract: every parameter group's rate is its
 * initial rate times `lrLambda(step)`, and `step()` is called once after each optimizer step.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import type { AdamW } from "./optimizer.ts";

/**
 * Multiplies each parameter group's initial learning rate by `lrLambda(step)`, like
 * `torch.optim.lr_scheduler.LambdaLR`. The factor for step 0 is applied on construction.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import * as tf from "@tensorflow/tfjs";
 * import { AdamW } from "./optimizer.ts";
 * import { LambdaLR } from "./schedule.ts";
 * const opt = new AdamW([tf.variable(tf.zeros([2]))], { lr: 0.1 });
 * const sched = new LambdaLR(opt, (step) => 0.5 ** step);
 * sched.step();
 * assert(Math.abs(sched.getLastLr()[0] - 0.05) < 1e-12);
 * opt.dispose();
 * ```
 */
export class LambdaLR {
  /** Number of `step()` calls so far. */
  lastEpoch = 0;
  readonly #baseLrs: number[];

  /** Wraps `optimizer`; sets every group's rate to `initialLr * lrLambda(0)`. */
  constructor(readonly optimizer: AdamW, readonly lrLambda: (step: number) => number) {
    this.#baseLrs = optimizer.paramGroups.map((g) => g.initialLr);
    this.#apply();
  }

  /** Advances one step and updates every group's learning rate. */
  step(): void {
    this.lastEpoch += 1;
    this.#apply();
  }

  /** The current learning rate of every parameter group. */
  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  #apply(): void {
    const factor = this.lrLambda(this.lastEpoch);
    this.optimizer.paramGroups.forEach((g, i) => g.lr = this.#baseLrs[i] * factor);
  }
}

/**
 * The factor of Hugging Face's `get_linear_schedule_with_warmup`: rises linearly from 0 to 1 over
 * `numWarmupSteps`, then falls linearly to 0 at `numTrainingSteps`.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { linearWarmupLambda } from "./schedule.ts";
 * const f = linearWarmupLambda(2, 10);
 * assert(f(0) === 0 && f(1) === 0.5 && f(2) === 1 && f(6) === 0.5 && f(10) === 0);
 * ```
 */
export function linearWarmupLambda(
  numWarmupSteps: number,
  numTrainingSteps: number,
): (step: number) => number {
  checkSteps("numWarmupSteps", numWarmupSteps);
  checkSteps("numTrainingSteps", numTrainingSteps);
  return (step) => {
    if (step < numWarmupSteps) return step / Math.max(1, numWarmupSteps);
    return Math.max(0, (numTrainingSteps - step) / Math.max(1, numTrainingSteps - numWarmupSteps));
  };
}

/**
 * Hugging Face's `get_linear_schedule_with_warmup`: a `LambdaLR` with linear warmup then linear
 * decay to zero.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import * as tf from "@tensorflow/tfjs";
 * import { AdamW } from "./optimizer.ts";
 * import { getLinearScheduleWithWarmup } from "./schedule.ts";
 * const opt = new AdamW([tf.variable(tf.zeros([2]))], { lr: 1e-3 });
 * const sched = getLinearScheduleWithWarmup(opt, 10, 100);
 * assert(sched.getLastLr()[0] === 0);
 * opt.dispose();
 * ```
 */
export function getLinearScheduleWithWarmup(
  optimizer: AdamW,
  numWarmupSteps: number,
  numTrainingSteps: number,
): LambdaLR {
  return new LambdaLR(optimizer, linearWarmupLambda(numWarmupSteps, numTrainingSteps));
}

function checkSteps(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new ArgumentError(
      name,
      value,
      "is not a non-negative integer",
      "count steps as integers",
    );
  }
}
