/**
 * How many content tokens of each segment survive truncation, as Hugging Face's fast tokenizers
 * decide it (`truncation=True`, the `longest_first` strategy of the Rust `tokenizers` crate).
 * Special tokens are never cut: `maxLength` counts them, and the budget left for content is
 * `maxLength - specialTokens`.
 * @module
 */
import { ArgumentError } from "../../errors.ts";

/**
 * Lengths to keep for a single text (`lengthB === undefined`) or a pair, `longest_first`: when
 * both segments are too long, the shorter gets half the budget (rounded down) and the longer the
 * rest; otherwise only the longer one is cut.
 *
 * @param lengthA content tokens of the first segment
 * @param lengthB content tokens of the second segment, or `undefined` for a single text
 * @param budget content tokens allowed (`maxLength` minus the special tokens)
 * @returns the lengths to keep, `[keepA, keepB]` (`keepB` is 0 for a single text)
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { truncatedLengths } from "./truncate.ts";
 * assertEquals(truncatedLengths(3, 20, 10), [3, 7]); // only the longer is cut
 * assertEquals(truncatedLengths(20, 9, 11), [6, 5]); // both: the shorter gets floor(11 / 2)
 * assertEquals(truncatedLengths(12, undefined, 8), [8, 0]);
 * ```
 */
export function truncatedLengths(
  lengthA: number,
  lengthB: number | undefined,
  budget: number,
): [number, number] {
  if (!Number.isInteger(budget) || budget < 0) {
    throw new ArgumentError(
      "budget",
      budget,
      "no room for content: maxLength leaves no tokens after the special tokens",
      "use a larger maxLength",
    );
  }
  if (lengthB === undefined) return [Math.min(lengthA, budget), 0];
  if (lengthA + lengthB <= budget) return [lengthA, lengthB];
  const swap = lengthA > lengthB;
  let short = swap ? lengthB : lengthA;
  let long = short > budget ? short : Math.max(short, budget - short);
  if (short + long > budget) {
    short = Math.floor(budget / 2);
    long = short + (budget % 2);
  }
  const keepA = Math.min(lengthA, swap ? long : short);
  const keepB = Math.min(lengthB, swap ? short : long);
  return [keepA, keepB];
}
