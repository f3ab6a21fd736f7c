/**
 * # Multi-task heads on a shared body (Exercise 14.6.4)
 *
 * One shared encoder, one linear head per task (e.g. `sentiment`: 3 labels, `topic`: 10). Each
 * example belongs to one task and is routed through that task's head only. A head is
 * `{ weight, bias }` in PyTorch's `nn.Linear` layout: `weight` is numLabels × hiddenSize and
 * logits = weight · x + bias.
 *
 * 1. `predict(features, task, heads)`: the arg-max label (first on ties) of each row of
 *    `features` under head `heads[task]`.
 * 2. `multiTaskLoss(features, tasks, labels, heads, taskWeights = {})` →
 *    `{ loss, perTask }`: `perTask[t]` is the mean cross-entropy over the rows of task t (only
 *    tasks present in the batch appear), and `loss = Σ_t taskWeights[t] · perTask[t]`
 *    (weight 1 when not given) — a per-task mean, so a task with few rows in the batch is not
 *    drowned by a task with many.
 *
 * An unknown task is an error whose message contains the task's name.
 *
 * Example: heads `{ a: { weight: [[1, 0], [0, 1]], bias: [0, 0] } }`, features `[[2, 0]]`,
 * tasks `["a"]`, labels `[0]` → loss = log(1 + e^−2) ≈ 0.1269.
 *
 * Off limits: nothing, but the kit's `createMultiTaskModel` (lib/heads/model.ts) works on
 * tensors, not these plain arrays.
 * Self-check: `deno test exercises/multitask_heads/`.
 * @module
 */
import { NotImplementedError } from "../../lib/grade/spec.ts";

/** A linear head in `nn.Linear` layout. */
export interface LinearHead {
  weight: number[][];
  bias: number[];
}

/** Arg-max labels of each row under one task's head. */
export function predict(
  _features: number[][],
  _task: string,
  _heads: Record<string, LinearHead>,
): number[] {
  throw new NotImplementedError("multitask_heads: predict");
}

/** Sum over tasks of the weighted per-task mean cross-entropy. */
export function multiTaskLoss(
  _features: number[][],
  _tasks: string[],
  _labels: number[],
  _heads: Record<string, LinearHead>,
  _taskWeights: Record<string, number> = {},
): { loss: number; perTask: Record<string, number> } {
  throw new NotImplementedError("multitask_heads: multiTaskLoss");
}
