/**
 * The chapter's sequence-pair example (Section 16.6.4, Code Fragment 16.6.5): BERT's uncased
 * WordPiece tokenizer on ("A man is playing guitar on stage.", "A musician is performing live.").
 *
 * Erratum: the chapter prints `Token type IDs: [0 ×10, 1 ×7, 0, 0, 0]`, 20 values. The call it
 * shows has no padding, so the sequence is 17 tokens and `[:20]` gives 17 values: 10 zeros
 * (`[CLS]`, 8 premise tokens, `[SEP]`) and 7 ones (6 hypothesis tokens, the final `[SEP]`). The
 * three trailing zeros would be padding, which only `padding="max_length"` (as in its
 * `tokenize_nli`, not in `sample`) adds. The decoded `Input:` line matches the chapter exactly:
 * `decode` removes the space before "." although "." is its own token.
 */
import { assertEquals } from "@std/assert";
import { fileURLToPath } from "node:url";
import { TransformersTokenizer } from "../lib/encoders/transformers/tokenizer.ts";
import { formatPair } from "../lib/encoders/transformers/pair.ts";
import { haveMiniLM, MINILM, NO_MINILM } from "./helpers/shared_data.ts";

const PREMISE = "A man is playing guitar on stage.";
const HYPOTHESIS = "A musician is performing live.";
const TOKENS =
  "[CLS] a man is playing guitar on stage . [SEP] a musician is performing live . [SEP]";
const CHAPTER_INPUT =
  "[CLS] a man is playing guitar on stage. [SEP] a musician is performing live. [SEP]";
const TYPES = [...Array(10).fill(0), ...Array(7).fill(1)];

async function checkPair(folder: string) {
  const tok = await TransformersTokenizer.fromPretrained(folder);
  const pair = tok.tokenizePair(PREMISE, HYPOTHESIS);
  assertEquals(pair.tokens.join(" "), TOKENS);
  assertEquals(pair.tokenTypeIds, TYPES);
  assertEquals(pair.attentionMask, TYPES.map(() => 1));
  // word_ids count the words of each text from 0, as HF's fast tokenizers do ("." is a word).
  assertEquals(pair.wordIds, [null, 0, 1, 2, 3, 4, 5, 6, 7, null, 0, 1, 2, 3, 4, 5, null]);
  assertEquals(tok.decode(pair.inputIds), CHAPTER_INPUT);
  assertEquals(
    formatPair(tok, pair),
    `Input: ${CHAPTER_INPUT}\nToken type IDs: [${TYPES.join(", ")}]`,
  );
  return pair;
}

Deno.test({
  name: `chapter pair example with BERT's uncased WordPiece (all-MiniLM-L6-v2's tokenizer)${
    haveMiniLM ? "" : NO_MINILM
  }`,
  ignore: !haveMiniLM,
  fn: async () => {
    const pair = await checkPair(MINILM);
    // bert-base-uncased's ids (all-MiniLM-L6-v2 shares its vocabulary).
    assertEquals(pair.inputIds, [
      101,
      1037,
      2158,
      2003,
      2652,
      2858,
      2006,
      2754,
      1012,
      102,
      1037,
      5455,
      2003,
      4488,
      2444,
      1012,
      102,
    ]);
  },
});

Deno.test("chapter pair example with the kit's tiny-bert tokenizer (same words in its vocabulary)", async () => {
  await checkPair(fileURLToPath(new URL("../data/models/tiny-bert", import.meta.url)));
});
