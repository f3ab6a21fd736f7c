/**
 * Reference solution of exercises/multitask_heads.
 * @module
 */

/** A linear head in `nn.Linear` layout. */
export interface LinearHead {
  weight: number[][];
  bias: number[];
}

function headOf(heads: Record<string, LinearHead>, task: string): LinearHead {
  if (!Object.hasOwn(heads, task)) throw new Error(`no head for task ${task}`);
  return heads[task];
}

function logits(x: number[], { weight, bias }: LinearHead): number[] {
  return weight.map((row, j) => row.reduce((s, w, i) => s + w * x[i], bias[j]));
}

/** Arg-max labels of each row under one task's head. */
export function predict(
  features: number[][],
  task: string,
  heads: Record<string, LinearHead>,
): number[] {
  const head = headOf(heads, task);
  return features.map((x) => {
    const z = logits(x, head);
    return z.indexOf(Math.max(...z));
  });
}

/** Sum over tasks of the weighted per-task mean cross-entropy. */
export function multiTaskLoss(
  features: number[][],
  tasks: string[],
  labels: number[],
  heads: Record<string, LinearHead>,
  taskWeights: Record<string, number> = {},
): { loss: number; perTask: Record<string, number> } {
  const sums: Record<string, { total: number; n: number }> = {};
  features.forEach((x, i) => {
    const z = logits(x, headOf(heads, tasks[i]));
    const max = Math.max(...z);
    const lse = max + Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0));
    const entry = (sums[tasks[i]] ??= { total: 0, n: 0 });
    entry.total += lse - z[labels[i]];
    entry.n++;
  });
  const perTask: Record<string, number> = {};
  let loss = 0;
  for (const [task, { total, n }] of Object.entries(sums)) {
    perTask[task] = total / n;
    loss += (taskWeights[task] ?? 1) * perTask[task];
  }
  return { loss, perTask };
}
