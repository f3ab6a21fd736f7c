/**
 * Section 16.6.4, Code Fragment 16.6.5: the chapter's NLI pair through BERT's uncased WordPiece
 * tokenizer (all-MiniLM-L6-v2's copy in ../shared/models, else the kit's tiny-bert, whose
 * vocabulary splits this pair the same way), printed as the chapter prints it.
 * @module
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { formatPair } from "../../lib/encoders/transformers/pair.ts";
import { TransformersTokenizer } from "../../lib/encoders/transformers/tokenizer.ts";
import type { ReproRow } from "./types.ts";

/** The chapter's pair. */
export const PREMISE = "A man is playing guitar on stage.";
/** The chapter's hypothesis. */
export const HYPOTHESIS = "A musician is performing live.";

const CHAPTER_INPUT =
  "[CLS] a man is playing guitar on stage. [SEP] a musician is performing live. [SEP]";
const CHAPTER_TYPES = "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]";

/** The WordPiece tokenizer folder: BERT's vocabulary when ../shared/models has it. */
export function pairTokenizerFolder(): { folder: string; name: string } {
  const shared = fileURLToPath(
    new URL("../../../shared/models/all-MiniLM-L6-v2-tokenizer", import.meta.url),
  );
  return existsSync(`${shared}/tokenizer.json`)
    ? { folder: shared, name: "bert-base-uncased WordPiece" }
    : {
      folder: fileURLToPath(new URL("../../data/models/tiny-bert", import.meta.url)),
      name: "tiny-bert",
    };
}

/** The chapter's two printed lines, and its token type ids padded as `max_length` would. */
export async function chapterPair(): Promise<{
  input: string;
  typeIds: string;
  padded: string;
  tokenizer: string;
}> {
  const { folder, name } = pairTokenizerFolder();
  const tok = await TransformersTokenizer.fromPretrained(folder);
  const pair = tok.tokenizePair(PREMISE, HYPOTHESIS);
  const [input, typeIds] = formatPair(tok, pair).split("\n");
  // padding="max_length" appends [PAD] tokens, whose token type id is 0
  const padded = [
    ...pair.tokenTypeIds,
    ...Array(Math.max(0, 20 - pair.tokenTypeIds.length)).fill(0),
  ];
  return {
    input: input.replace(/^Input: /, ""),
    typeIds: typeIds.replace(/^Token type IDs: /, ""),
    padded: `[${padded.slice(0, 20).join(", ")}]`,
    tokenizer: name,
  };
}

/** The decoded input (agrees) and the token type ids (an erratum: 17 values, not 20). */
export async function rows(): Promise<ReproRow[]> {
  const p = await chapterPair();
  const count = p.typeIds.split(",").length;
  return [
    {
      part: "16.6.4",
      example: `NLI pair, decoded input (${p.tokenizer})`,
      chapter: CHAPTER_INPUT,
      kit: p.input,
      agrees: p.input === CHAPTER_INPUT,
    },
    {
      part: "16.6.4",
      example: `NLI pair, token_type_ids[:20] (${p.tokenizer})`,
      chapter: `${CHAPTER_TYPES} (20 values)`,
      kit: `${p.typeIds} (${count} values)`,
      agrees: p.padded === CHAPTER_TYPES && count === 17 ? "erratum" : false,
      note: "the unpadded pair has 17 tokens: [CLS] + 8 premise tokens + [SEP] (type 0), 6 " +
        "hypothesis tokens + [SEP] (type 1). The chapter's three trailing 0s are [PAD] tokens, " +
        "which only padding='max_length' (its tokenize_nli, not the printed sample) adds; " +
        "padded, the kit prints the chapter's line exactly. The same output is also printed, " +
        "misplaced, under the Trainer fragment 16.6.1b",
    },
  ];
}
