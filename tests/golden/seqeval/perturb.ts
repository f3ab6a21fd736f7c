/**
 * A deterministic corruption of gold NER tags, the same as `conlleval_counts.py` applies: a
 * 32-bit LCG (`state = state * 1664525 + 1013904223 mod 2^32`) drives, token by token, the
 * mistakes a tagger makes: `I-` without `B-`, type swaps, shortened and lengthened entities,
 * spurious one-word entities. Used by the CoNLL-2003 parity test and the benchmark.
 * @module
 */

const TYPES = ["LOC", "MISC", "ORG", "PER"];

/**
 * Corrupts each sentence's tags; the same seed gives the same predictions in TypeScript and Python.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { perturb } from "./perturb.ts";
 * const pred = perturb([["B-PER", "I-PER", "O"]], 1);
 * assert(pred[0].length === 3);
 * ```
 */
export function perturb(gold: readonly (readonly string[])[], seed: number): string[][] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  return gold.map((sentence) =>
    sentence.map((g, j) => {
      const prev = j > 0 ? sentence[j - 1] : "O";
      const r = next();
      const type = g.slice(2);
      if (g.startsWith("B-") && r < 0.04) return "I-" + type;
      if (g !== "O" && r < 0.08) return g[0] + "-" + TYPES[(TYPES.indexOf(type) + 1) % 4];
      if (g.startsWith("I-") && r < 0.12) return "O";
      if (g === "O" && prev !== "O" && r < 0.2) return "I-" + prev.slice(2);
      if (g === "O" && r < 0.01) return "B-" + TYPES[Math.floor(next() * 4)];
      return g;
    })
  );
}
