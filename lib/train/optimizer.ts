/**
 * AdamW with decoupled weight decay and parameter groups, step for step as `torch.optim.AdamW`.
 * The update is {@linkcode tensorUpdate}, a few tfjs ops; while the fast path is on, small
 * variables take the same update as one JavaScript loop (`../fast/adamw.ts`), bit for bit equal.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import * as tf from "@tensorflow/tfjs";
import { fusedByDefault, fusedUpdate } from "../fast/adamw.ts";

/** One parameter group: its variables and, optionally, its own rate and weight decay. */
export interface ParamGroupOptions {
  /** The variables of the group. */
  params: tf.Variable[];
  /** Learning rate of the group (default: the optimizer's `lr`). */
  lr?: number;
  /** Decoupled weight decay of the group (default: the optimizer's `weightDecay`). */
  weightDecay?: number;
  /** A label for logs (e.g. `"body"`, `"head"`). */
  name?: string;
}

/** A parameter group as the optimizer holds it; the scheduler writes `lr`. */
export interface ParamGroup {
  /** The variables of the group. */
  params: tf.Variable[];
  /** The current learning rate. */
  lr: number;
  /** The rate the group started with (schedules scale this one). */
  initialLr: number;
  /** Decoupled weight decay. */
  weightDecay: number;
  /** The group's label. */
  name: string;
}

/** Options of {@linkcode AdamW}, with PyTorch's defaults. */
export interface AdamWOptions {
  /** Learning rate (default 1e-3). */
  lr?: number;
  /** Coefficients of the running averages of the gradient and its square (default [0.9, 0.999]). */
  betas?: [number, number];
  /** Added to the denominator (default 1e-8). */
  eps?: number;
  /** Decoupled weight decay (default 1e-2). */
  weightDecay?: number;
  /**
   * Update each variable in one JavaScript loop (`true`, `../fast/adamw.ts`), with tfjs ops
   * (`false`), or (default) the loop for variables below 16,384 values while the fast path is on
   * (`../fast/switch.ts`), where dispatching ~14 ops costs more than their arithmetic. Both give
   * the same float32 numbers, bit for bit.
   */
  fused?: boolean;
}

/**
 * `torch.optim.AdamW`: `p ← p·(1 − lr·wd)`, then the Adam update with bias-corrected moments.
 * `step(grads)` takes the gradients keyed by variable name, as `tf.variableGrads` returns them;
 * a variable without a gradient is skipped, as PyTorch skips `grad is None`, and — as PyTorch's
 * per-parameter `state["step"]` — its bias correction counts only the steps that updated it (a
 * multi-task head updated on every other step is corrected for its own updates, not all steps).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import * as tf from "@tensorflow/tfjs";
 * import { AdamW } from "./optimizer.ts";
 * const w = tf.variable(tf.tensor1d([1, -1]));
 * const opt = new AdamW([w], { lr: 0.1, weightDecay: 0 });
 * const { grads } = tf.variableGrads(() => tf.sum(tf.square(w)), [w]);
 * opt.step(grads);
 * // the first Adam step moves every coordinate by lr against the sign of its gradient
 * assert(Math.abs(w.dataSync()[0] - 0.9) < 1e-6);
 * tf.dispose(grads);
 * opt.dispose();
 * ```
 */
export class AdamW {
  /** The parameter groups; a scheduler changes their `lr`. */
  readonly paramGroups: ParamGroup[];
  /** Number of `step` calls (each variable also counts its own updates, for bias correction). */
  stepCount = 0;
  readonly #betas: [number, number];
  readonly #eps: number;
  readonly #fused?: boolean;
  readonly #state = new Map<tf.Variable, AdamState>();

  /** Creates the optimizer over plain variables or parameter groups. */
  constructor(params: tf.Variable[] | ParamGroupOptions[], options: AdamWOptions = {}) {
    const { lr = 1e-3, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 1e-2, fused } = options;
    checkNonNegative("lr", lr);
    checkNonNegative("eps", eps);
    checkNonNegative("weightDecay", weightDecay);
    betas.forEach((b, i) => {
      if (!(b >= 0 && b < 1)) {
        throw new ArgumentError(`betas[${i}]`, b, "is not in [0, 1)", "use e.g. [0.9, 0.999]");
      }
    });
    this.#betas = betas;
    this.#eps = eps;
    this.#fused = fused;
    const groups: ParamGroupOptions[] = params.length > 0 && params[0] instanceof tf.Variable
      ? [{ params: params as tf.Variable[] }]
      : params as ParamGroupOptions[];
    const seen = new Set<tf.Variable>();
    this.paramGroups = groups.map((g, i) => {
      for (const p of g.params) {
        if (seen.has(p)) {
          throw new ArgumentError(
            `paramGroups[${i}].params`,
            p.name,
            "this variable is in an earlier group too",
            "put each variable in one group",
          );
        }
        seen.add(p);
      }
      const groupLr = g.lr ?? lr;
      checkNonNegative(`paramGroups[${i}].lr`, groupLr);
      return {
        params: g.params,
        lr: groupLr,
        initialLr: groupLr,
        weightDecay: g.weightDecay ?? weightDecay,
        name: g.name ?? `group${i}`,
      };
    });
  }

  /** Applies one update from `grads` (keyed by `variable.name`); does not dispose them. */
  step(grads: tf.NamedTensorMap): void {
    this.stepCount += 1;
    const [beta1, beta2] = this.#betas;
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        const g = grads[p.name];
        if (g === undefined) continue;
        const s = this.#stateOf(p);
        s.step += 1;
        const k: UpdateScalars = {
          decay: 1 - group.lr * group.weightDecay,
          beta1,
          beta2,
          eps: this.#eps,
          stepSize: group.lr / (1 - beta1 ** s.step),
          biasCorrection2Sqrt: Math.sqrt(1 - beta2 ** s.step),
        };
        if (s.expAvg instanceof Float32Array) {
          fusedUpdate(p, g, s.expAvg, s.expAvgSq as Float32Array, k);
        } else {
          tensorUpdate(p, g, s.expAvg, s.expAvgSq as tf.Variable, k, group.weightDecay === 0);
        }
      }
    }
  }

  /** Frees the moment estimates. */
  dispose(): void {
    for (const s of this.#state.values()) {
      if (!(s.expAvg instanceof Float32Array)) tf.dispose([s.expAvg, s.expAvgSq as tf.Variable]);
    }
    this.#state.clear();
  }

  #stateOf(p: tf.Variable): AdamState {
    let s = this.#state.get(p);
    if (!s) {
      s = (this.#fused ?? fusedByDefault(p.size))
        ? { step: 0, expAvg: new Float32Array(p.size), expAvgSq: new Float32Array(p.size) }
        : { step: 0, expAvg: zerosVariable(p), expAvgSq: zerosVariable(p) };
      this.#state.set(p, s);
    }
    return s;
  }
}

/**
 * One variable's moments and its own update count (PyTorch's `state["step"]`); the moments are
 * arrays for the fused update, tfjs variables for the tfjs one.
 */
interface AdamState {
  step: number;
  expAvg: Float32Array | tf.Variable;
  expAvgSq: Float32Array | tf.Variable;
}

/** One step's scalars, in float64 (tfjs ops round them to float32 as they take them). */
export interface UpdateScalars {
  decay: number;
  beta1: number;
  beta2: number;
  eps: number;
  stepSize: number;
  biasCorrection2Sqrt: number;
}

/**
 * PyTorch's AdamW update of one variable with tfjs ops: `p·(1 − lr·wd)`, the moments
 * `m ← β1·m + (1 − β1)·g`, `v ← β2·v + (1 − β2)·g²`, then
 * `p − stepSize · m / (√v / √(1 − β2^t) + eps)`.
 */
function tensorUpdate(
  p: tf.Variable,
  g: tf.Tensor,
  expAvg: tf.Variable,
  expAvgSq: tf.Variable,
  k: UpdateScalars,
  noDecay: boolean,
): void {
  tf.tidy(() => {
    const decayed = noDecay ? p : tf.mul(p, k.decay);
    const m = tf.add(tf.mul(expAvg, k.beta1), tf.mul(g, 1 - k.beta1));
    const v = tf.add(tf.mul(expAvgSq, k.beta2), tf.mul(tf.square(g), 1 - k.beta2));
    const denom = tf.add(tf.div(tf.sqrt(v), k.biasCorrection2Sqrt), k.eps);
    expAvg.assign(m);
    expAvgSq.assign(v);
    p.assign(tf.sub(decayed, tf.mul(tf.div(m, denom), k.stepSize)));
  });
}

function checkNonNegative(name: string, value: number): void {
  if (!(value >= 0)) {
    throw new ArgumentError(name, value, "is not a non-negative number", "use e.g. 0 or 0.01");
  }
}

function zerosVariable(like: tf.Tensor): tf.Variable {
  const zeros = tf.zerosLike(like);
  const v = tf.variable(zeros, false);
  zeros.dispose();
  return v;
}
