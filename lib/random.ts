/**
 * A small seeded pseudo-random generator (mulberry32) with the helpers the kit needs for
 * reproducible shuffles, draws and samples. `Math.random` cannot be seeded, and a course needs
 * the same split, the same batches and the same pairs on every run.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { Random } from "./random.ts";
 * const a = new Random(42).shuffle([1, 2, 3, 4, 5]);
 * const b = new Random(42).shuffle([1, 2, 3, 4, 5]);
 * assert(a.join() === b.join());
 * ```
 * @module
 */
import { ArgumentError } from "./errors.ts";

const TWO_32 = 4294967296;

/**
 * A seeded generator. Every method draws from one stream, so the same seed and the same calls
 * give the same results on every platform (only 32-bit integer arithmetic is used).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { Random } from "./random.ts";
 * const rng = new Random(7);
 * const u = rng.random();
 * assert(u >= 0 && u < 1);
 * assert(rng.randInt(6) < 6);
 * ```
 */
export class Random {
  #state: number;

  /**
   * Seeds the generator with an integer (any safe integer; it is reduced to 32 bits).
   *
   * @example
   * ```ts
   * import { assert } from "@std/assert";
   * import { Random } from "./random.ts";
   * assert(new Random(1).random() === new Random(1).random());
   * ```
   */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new ArgumentError("seed", seed, "is not a safe integer", "use e.g. 42");
    }
    // Reduce to 32 bits while letting high bits of large seeds still matter.
    this.#state = (seed ^ Math.floor(seed / TWO_32)) >>> 0;
  }

  /**
   * The next unsigned 32-bit integer of the stream (mulberry32).
   *
   * @example
   * ```ts
   * import { assert } from "@std/assert";
   * import { Random } from "./random.ts";
   * const x = new Random(3).nextUint32();
   * assert(Number.isInteger(x) && x >= 0 && x < 2 ** 32);
   * ```
   */
  nextUint32(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /**
   * A float uniform on [0, 1), like `Math.random()`.
   *
   * @example
   * ```ts
   * import { assert } from "@std/assert";
   * import { Random } from "./random.ts";
   * const u = new Random(0).random();
   * assert(u >= 0 && u < 1);
   * ```
   */
  random(): number {
    return this.nextUint32() / TWO_32;
  }

  /**
   * An integer uniform on [0, n), without modulo bias (rejection sampling).
   *
   * @example
   * ```ts
   * import { assert } from "@std/assert";
   * import { Random } from "./random.ts";
   * const k = new Random(5).randInt(10);
   * assert(Number.isInteger(k) && k >= 0 && k < 10);
   * ```
   */
  randInt(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > TWO_32) {
      throw new ArgumentError(
        "n",
        n,
        "randInt needs an integer in [1, 2^32]",
        "pass the number of choices",
      );
    }
    const limit = TWO_32 - (TWO_32 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  /**
   * Shuffles `array` in place (Fisher–Yates) and returns it.
   *
   * @example
   * ```ts
   * import { assert } from "@std/assert";
   * import { Random } from "./random.ts";
   * const xs = new Random(1).shuffle([1, 2, 3, 4]);
   * assert(xs.slice().sort().join() === "1,2,3,4");
   * ```
   */
  shuffle<T>(array: T[]): T[] {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.randInt(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /**
   * A random permutation of `0 … n-1`.
   *
   * @example
   * ```ts
   * import { assert } from "@std/assert";
   * import { Random } from "./random.ts";
   * const p = new Random(2).permutation(5);
   * assert(p.slice().sort().join() === "0,1,2,3,4");
   * ```
   */
  permutation(n: number): number[] {
    if (!Number.isInteger(n) || n < 0) {
      throw new ArgumentError(
        "n",
        n,
        "permutation needs a non-negative integer",
        "pass the number of items",
      );
    }
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  /**
   * One element of `array`, uniformly.
   *
   * @example
   * ```ts
   * import { assert } from "@std/assert";
   * import { Random } from "./random.ts";
   * assert(["a", "b"].includes(new Random(9).choice(["a", "b"])));
   * ```
   */
  choice<T>(array: readonly T[]): T {
    if (array.length === 0) {
      throw new ArgumentError(
        "array",
        array,
        "choice needs a non-empty array",
        "pass at least one item",
      );
    }
    return array[this.randInt(array.length)];
  }

  /**
   * `k` distinct elements of `array` (sampling without replacement), in random order.
   *
   * @example
   * ```ts
   * import { assert } from "@std/assert";
   * import { Random } from "./random.ts";
   * const s = new Random(4).sample([1, 2, 3, 4, 5], 3);
   * assert(s.length === 3 && new Set(s).size === 3);
   * ```
   */
  sample<T>(array: readonly T[], k: number): T[] {
    if (!Number.isInteger(k) || k < 0 || k > array.length) {
      throw new ArgumentError(
        "k",
        k,
        `sample needs an integer in [0, ${array.length}]`,
        "draw at most array.length items",
      );
    }
    // Partial Fisher–Yates on a copy: O(n) memory, O(k) swaps.
    const pool = array.slice();
    for (let i = 0; i < k; i++) {
      const j = i + this.randInt(pool.length - i);
      const tmp = pool[i];
      pool[i] = pool[j];
      pool[j] = tmp;
    }
    return pool.slice(0, k);
  }
}
