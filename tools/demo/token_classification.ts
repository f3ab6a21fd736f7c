/**
 * 16.6.3 (token classification and NER): the BIO label count, the word-to-subword alignment of
 * the chapter's "Washington" example with both strategies, and the chapter's reason why
 * token-level F1 flatters: two of three tokens right is a wrong entity.
 * @module
 */
import { CONLL_TAGS } from "../../lib/data/registry.ts";
import { alignLabels } from "../../lib/ner/align.ts";
import { f1Score, tokenF1Score } from "../../lib/seqeval/mod.ts";
import type { ReproRow } from "./types.ts";

/** Entity types and label count of the CoNLL-2003 BIO tag set. */
export function bioLabelCount(): { types: string[]; labels: number } {
  const types = [...new Set(CONLL_TAGS.filter((t) => t !== "O").map((t) => t.slice(2)))];
  return { types, labels: CONLL_TAGS.length };
}

/** "Washington" → [CLS] Wash ##ington [SEP], labelled B-LOC, with both strategies (tag names). */
export function washington(): { first: string[]; all: string[] } {
  const wordIds = [null, 0, 0, null];
  const name = (id: number) => (id === -100 ? "-100" : CONLL_TAGS[id]);
  const align = (strategy: "first" | "all") =>
    alignLabels(["B-LOC"], wordIds, { labelList: CONLL_TAGS, strategy }).map(name);
  return { first: align("first"), all: align("all") };
}

/** A three-word person with the last word missed: token-level and entity-level F1. */
export function twoOfThree(): { token: number; entity: number } {
  const yTrue = [["B-PER", "I-PER", "I-PER", "O"]];
  const yPred = [["B-PER", "I-PER", "O", "O"]];
  return { token: tokenF1Score(yTrue, yPred), entity: f1Score(yTrue, yPred) };
}

/** The section's worked examples. */
export function rows(): Promise<ReproRow[]> {
  const bio = bioLabelCount();
  const w = washington();
  const f = twoOfThree();
  return Promise.resolve([
    {
      part: "16.6.3.1",
      example: `BIO labels for ${bio.types.length} entity types (${bio.types.join("/")})`,
      chapter: "2 × 4 + 1 = 9",
      kit: `2 × ${bio.types.length} + 1 = ${bio.labels}`,
      agrees: bio.labels === 9 && bio.types.length === 4,
    },
    {
      part: "16.6.3.2",
      example: '"Washington" (B-LOC) → [CLS] Wash ##ington [SEP]',
      chapter: "B-LOC, then I-LOC or -100; -100 on specials",
      kit: `first: ${w.first.join(" ")}; all: ${w.all.join(" ")}`,
      agrees: w.first.join() === "-100,B-LOC,-100,-100" && w.all.join() === "-100,B-LOC,I-LOC,-100",
      note: "the chapter's tokenize_and_align_labels (Code Fragment 16.6.2a) is mis-indented " +
        "and returns after the first continuation subword; alignLabels is its intended logic",
    },
    {
      part: "16.6.3.3",
      example: "3-token entity, 2 tokens right",
      chapter: "a wrong entity prediction",
      kit: `entity F1 ${f.entity.toFixed(2)}, token F1 ${f.token.toFixed(2)}`,
      agrees: f.entity === 0 && Math.abs(f.token - 0.8) < 1e-12,
      note: "on CoNLL-2003 (2k training sentences, frozen USE-lite) the notebook measures the " +
        "chapter's '5 to 10 points' gap",
    },
  ]);
}
