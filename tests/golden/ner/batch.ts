/**
 * The batch of the token-classification golden (make_token_loss.ts writes it for PyTorch,
 * tests/use_lite_token_test.ts runs it in the kit): sentences of different lengths (padding),
 * all-caps words cut into several pieces (continuations: -100 with "first", I-X with "all"),
 * and the head's weights from a formula both sides compute.
 * @module
 */

/** Pre-split sentences, CoNLL-2003 style. */
export const WORDS: string[][] = [
  ["EU", "rejects", "German", "call", "to", "boycott", "British", "lamb", "."],
  ["Peter", "Blackburn"],
  ["SOCCER", "-", "JAPAN", "GET", "LUCKY", "WIN", ",", "CHINA", "IN", "SURPRISE", "DEFEAT", "."],
];

/** Their IOB2 tags. */
export const TAGS: string[][] = [
  ["B-ORG", "O", "B-MISC", "O", "O", "O", "B-MISC", "O", "O"],
  ["B-PER", "I-PER"],
  ["O", "O", "B-LOC", "O", "O", "O", "O", "B-PER", "O", "O", "O", "O"],
];

/** How each sentence's labels are aligned to its pieces. */
export const STRATEGIES: ("first" | "all")[] = ["first", "all", "first"];

/** The head's `[numLabels, hidden]` weight and bias: small, fixed, not symmetric. */
export function headWeights(numLabels: number, hidden: number) {
  const weight = new Float32Array(numLabels * hidden).map((_, k) => 0.05 * Math.sin(0.37 * k + 0.5));
  const bias = new Float32Array(numLabels).map((_, o) => 0.1 * Math.cos(o));
  return { weight, bias };
}
