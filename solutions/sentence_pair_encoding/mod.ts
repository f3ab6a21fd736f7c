/**
 * Reference solution of exercises/sentence_pair_encoding (see the exercise for the task).
 * @module
 */

/** Options of {@link encodePair}. */
export interface EncodePairOptions {
  /** Longest sequence, special tokens included (default: no limit). */
  maxLength?: number;
  /** Cut the longer segment first when too long (default true); false makes it an error. */
  truncation?: boolean;
  /** `"max_length"`: pad to `maxLength`; default no padding. */
  padding?: "max_length" | false;
}

/** A pair's encoding. */
export interface PairEncoding {
  /** Token ids. */
  inputIds: number[];
  /** 0 for `[CLS]`, premise and the first `[SEP]`; 1 for the hypothesis and the last `[SEP]`. */
  tokenTypeIds: number[];
  /** 1 for real tokens, 0 for padding. */
  attentionMask: number[];
  /** The tokens, specials and padding included. */
  tokens: string[];
}

/** Content tokens kept of each segment, `longest_first` as the Rust tokenizers do it. */
function keep(lengthA: number, lengthB: number, budget: number): [number, number] {
  if (lengthA + lengthB <= budget) return [lengthA, lengthB];
  const short = Math.min(lengthA, lengthB);
  const [s, l] = short <= budget / 2
    ? [short, budget - short]
    : [Math.floor(budget / 2), Math.ceil(budget / 2)];
  return lengthA <= lengthB ? [s, l] : [l, s];
}

/** `[CLS] a [SEP] b [SEP]` as ids, token type ids and attention mask. */
export function encodePair(
  tokensA: string[],
  tokensB: string[],
  vocab: Record<string, number>,
  { maxLength = Infinity, truncation = true, padding = false }: EncodePairOptions = {},
): PairEncoding {
  if (maxLength !== Infinity && !(Number.isInteger(maxLength) && maxLength >= 3)) {
    throw new Error(
      `maxLength must be an integer >= 3 (room for [CLS] and two [SEP]), got ${maxLength}`,
    );
  }
  if (padding === "max_length" && maxLength === Infinity) {
    throw new Error(`padding "max_length" needs a maxLength`);
  }
  let [nA, nB] = [tokensA.length, tokensB.length];
  if (nA + nB + 3 > maxLength) {
    if (!truncation) {
      throw new Error(`the pair is ${nA + nB + 3} tokens, more than maxLength ${maxLength}`);
    }
    [nA, nB] = keep(nA, nB, maxLength - 3);
  }
  const a = tokensA.slice(0, nA);
  const b = tokensB.slice(0, nB);
  const tokens = ["[CLS]", ...a, "[SEP]", ...b, "[SEP]"];
  const tokenTypeIds = [...Array(a.length + 2).fill(0), ...Array(b.length + 1).fill(1)];
  const attentionMask = tokens.map(() => 1);
  if (padding === "max_length") {
    const pad = maxLength - tokens.length;
    tokens.push(...Array(pad).fill("[PAD]"));
    tokenTypeIds.push(...Array(pad).fill(0));
    attentionMask.push(...Array(pad).fill(0));
  }
  for (const special of ["[CLS]", "[SEP]", "[UNK]", "[PAD]"]) {
    if (!(special in vocab)) throw new Error(`vocab has no ${special}`);
  }
  const inputIds = tokens.map((t) => Object.hasOwn(vocab, t) ? vocab[t] : vocab["[UNK]"]);
  return { inputIds, tokenTypeIds, attentionMask, tokens };
}
