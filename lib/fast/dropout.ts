/**
 * `tf.dropout` with the same masks in one op instead of four: the fast path of
 * `../tf/dropout.ts`.
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/**
 * `tf.dropout(x, rate, undefined, seed)`, bit for bit: every value kept with probability
 * `1 − rate` and scaled by `1 / (1 − rate)`, the mask drawn from the same seeded generator
 * (seedrandom's alea, as `tf.randomUniform`). tfjs turns its uniform draws into the mask with
 * three more ops (add, floor, divide); here the mask is built while drawing and applied with
 * one product, which matters for a small head where every op costs a few µs of dispatch.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import * as tf from "@tensorflow/tfjs";
 * import { maskDropout } from "./dropout.ts";
 * const x = tf.ones([4, 8]);
 * assertEquals(maskDropout(x, 0.5, 7).dataSync(), tf.dropout(x, 0.5, undefined, 7).dataSync());
 * ```
 */
export function maskDropout(x: tf.Tensor, rate: number, seed: number): tf.Tensor {
  return tf.tidy(() => tf.mul(x, tf.tensor(mask(x.size, rate, seed), x.shape, "float32")));
}

/**
 * tfjs' mask `floor(u + keep) / keep` for `u` from `alea(String(seed))`, each step rounded to
 * float32 as tfjs' float32 tensors round it: `u` is stored as float32, then `u + keep` is.
 */
function mask(size: number, rate: number, seed: number): Float32Array {
  const f = Math.fround;
  const keep = f(1 - rate);
  const kept = f(1 / keep);
  // alea's outputs are multiples of 2^-32 and f(f(u) + keep) ≥ 1 grows with u: a value is kept
  // iff u reaches the smallest such multiple, found once by bisection.
  let lo = 0;
  let hi = 2 ** 32;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (f(f(mid * 2 ** -32) + keep) >= 1) hi = mid;
    else lo = mid + 1;
  }
  const threshold = lo * 2 ** -32;
  const out = new Float32Array(size);
  let [s0, s1, s2] = aleaState(String(seed));
  let c = 1;
  for (let i = 0; i < size; i++) {
    // alea's step t = 2091639·s0 + c·2^-32, c ← ⌊t⌋, s ← t − c (seedrandom/lib/alea.js), exact
    // in float64. Taking ⌊2091639·s0⌋ first and adding the rare carry after keeps the previous
    // step's c off the critical path: ~2× faster, the same numbers.
    const a = 2091639 * s0;
    const whole = Math.trunc(a);
    let u = a - whole + c * 2.3283064365386963e-10;
    c = whole;
    if (u >= 1) {
      u -= 1;
      c += 1;
    }
    s0 = s1;
    s1 = s2;
    s2 = u;
    out[i] = u >= threshold ? kept : 0;
  }
  return out;
}

/** alea's initial state for `seed` (its Mash hash of the seed string). */
function aleaState(seed: string): [number, number, number] {
  let n = 0xefc8249d;
  const mash = (data: string) => {
    for (let i = 0; i < data.length; i++) {
      n += data.charCodeAt(i);
      let h = 0.02519603282416938 * n;
      n = h >>> 0;
      h -= n;
      h *= n;
      n = h >>> 0;
      h -= n;
      n += h * 0x100000000;
    }
    return (n >>> 0) * 2.3283064365386963e-10;
  };
  const s = [mash(" "), mash(" "), mash(" ")];
  for (let k = 0; k < 3; k++) {
    s[k] -= mash(seed);
    if (s[k] < 0) s[k] += 1;
  }
  return [s[0], s[1], s[2]];
}
