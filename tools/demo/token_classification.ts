/**
 * 16.6.3 (token classification and NER): the BIO label count; the chapter's subword examples
 * ("Washington", "Mountain") through BERT's real uncased WordPiece vocabulary, and the
 * word-to-subword alignment on a word that really splits; what goes wrong without alignment
 * (self-check Q2); the chapter's reason why token-level F1 flatters; and seqeval's default mode.
 * @module
 */
import { CONLL_TAGS } from "../../lib/data/registry.ts";
import { TransformersTokenizer } from "../../lib/encoders/transformers/tokenizer.ts";
import { alignLabels } from "../../lib/ner/align.ts";
import { f1Score, getEntities, tokenF1Score } from "../../lib/seqeval/mod.ts";
import { pairTokenizerFolder } from "./sentence_pairs.ts";
import type { ReproRow } from "./types.ts";

/** Entity types and label count of the CoNLL-2003 BIO tag set. */
export function bioLabelCount(): { types: string[]; labels: number } {
  const types = [...new Set(CONLL_TAGS.filter((t) => t !== "O").map((t) => t.slice(2)))];
  return { types, labels: CONLL_TAGS.length };
}

/** The chapter's split words, as it prints them. */
export const CHAPTER_SPLITS: Record<string, string[]> = {
  Washington: ["Wash", "##ington"],
  Mountain: ["Mount", "##ain"],
};

/** A CoNLL-2003 sentence whose location really splits under BERT's uncased vocabulary. */
export const SPLIT_SENTENCE = {
  words: ["Russian", "troops", "left", "Grozny", "."],
  tags: ["B-MISC", "O", "O", "B-LOC", "O"],
};

let tokenizer: Promise<{ tok: TransformersTokenizer; name: string }> | undefined;

/** BERT's uncased WordPiece (../shared/models), else the kit's tiny-bert; loaded once. */
function wordPiece(): Promise<{ tok: TransformersTokenizer; name: string }> {
  const { folder, name } = pairTokenizerFolder();
  tokenizer ??= TransformersTokenizer.fromPretrained(folder).then((tok) => ({ tok, name }));
  return tokenizer;
}

/** The subword pieces of each word, without [CLS] / [SEP]. */
export async function subwords(words: string[]): Promise<{ pieces: string[][]; name: string }> {
  const { tok, name } = await wordPiece();
  return {
    pieces: words.map((w) => {
      const e = tok.tokenizeWords([w]);
      return e.tokens.filter((_, i) => e.wordIds[i] !== null);
    }),
    name,
  };
}

/** `SPLIT_SENTENCE` tokenized, aligned with both strategies, and aligned naively (Q2). */
export async function alignment(): Promise<{
  tokens: string[];
  wordIds: (number | null)[];
  first: string[];
  all: string[];
  naive: string[];
  wrong: number;
}> {
  const { tok } = await wordPiece();
  const e = tok.tokenizeWords(SPLIT_SENTENCE.words);
  const name = (id: number) => (id === -100 ? "-100" : CONLL_TAGS[id]);
  const align = (strategy: "first" | "all") =>
    alignLabels(SPLIT_SENTENCE.tags, e.wordIds, { labelList: CONLL_TAGS, strategy }).map(name);
  const all = align("all");
  // Without alignment: the word tags laid over the token positions, one per token after [CLS];
  // the tokens past the last word tag get none.
  const naive = e.tokens.map((_, i) =>
    e.wordIds[i] === null ? "-100" : SPLIT_SENTENCE.tags[i - 1] ?? "none"
  );
  const wrong = naive.filter((t, i) => t !== "-100" && t !== all[i]).length;
  return { tokens: e.tokens, wordIds: e.wordIds, first: align("first"), all, naive, wrong };
}

/** 16.6.3.1's example: B-PER I-PER is one person ("John Smith"), B-PER B-PER two ("John Mary"). */
export function bioSpans(): { johnSmith: number; johnMary: number } {
  return {
    johnSmith: getEntities(["B-PER", "I-PER"]).length,
    johnMary: getEntities(["B-PER", "B-PER"]).length,
  };
}

/**
 * Whether an alignment follows the chapter's recipe: specials -100; each word's first piece its
 * tag; continuation pieces -100 ("first") or the word's I- tag ("all").
 */
export function followsRecipe(
  a: { wordIds: (number | null)[]; first: string[]; all: string[] },
): boolean {
  return a.wordIds.every((w, i) => {
    if (w === null) return a.first[i] === "-100" && a.all[i] === "-100";
    const tag = SPLIT_SENTENCE.tags[w];
    if (i === 0 || a.wordIds[i - 1] !== w) return a.first[i] === tag && a.all[i] === tag;
    return a.first[i] === "-100" && a.all[i] === tag.replace(/^B-/, "I-");
  });
}

/** A three-word person with the last word missed: token-level and entity-level F1. */
export function twoOfThree(): { token: number; entity: number } {
  const yTrue = [["B-PER", "I-PER", "I-PER", "O"]];
  const yPred = [["B-PER", "I-PER", "O", "O"]];
  return { token: tokenF1Score(yTrue, yPred), entity: f1Score(yTrue, yPred) };
}

/** A prediction that opens an entity with I-: seqeval's default mode and its strict mode. */
export function defaultVersusStrict(): { default: number; strict: number } {
  const yTrue = [["B-PER", "I-PER", "O", "B-LOC"]];
  const yPred = [["I-PER", "I-PER", "O", "B-LOC"]];
  return {
    default: f1Score(yTrue, yPred),
    strict: f1Score(yTrue, yPred, { mode: "strict", scheme: "IOB2" }),
  };
}

/** The section's worked examples. */
export async function rows(): Promise<ReproRow[]> {
  const bio = bioLabelCount();
  const words = Object.keys(CHAPTER_SPLITS);
  const { pieces, name } = await subwords(words);
  const a = await alignment();
  const f = twoOfThree();
  const s = defaultVersusStrict();
  const spans = bioSpans();
  const splitRows: ReproRow[] = words.map((w, i) => {
    const same = pieces[i].join(" ") === CHAPTER_SPLITS[w].join(" ").toLowerCase();
    return {
      part: w === "Mountain" ? "16.6.2" : "16.6.3.2",
      example: `"${w}" through ${name}`,
      chapter: CHAPTER_SPLITS[w].join(" "),
      kit: pieces[i].join(" "),
      agrees: same ? true : "erratum",
      note: same ? undefined : `${name} keeps "${w}" whole (one piece); ` +
        `the alignment row below uses a word that does split. See docs/errata.md`,
    };
  });
  return [
    {
      part: "16.6.3.1",
      example: `BIO labels for ${bio.types.length} entity types (${bio.types.join("/")})`,
      chapter: "2 × 4 + 1 = 9",
      kit: `2 × ${bio.types.length} + 1 = ${bio.labels}`,
      agrees: bio.labels === 9 && bio.types.length === 4,
    },
    {
      part: "16.6.3.1",
      example: '"John Smith" B-PER I-PER vs "John Mary" B-PER B-PER (seqeval.getEntities)',
      chapter: "one span vs two one-word people",
      kit: `${spans.johnSmith} entity vs ${spans.johnMary} entities`,
      agrees: spans.johnSmith === 1 && spans.johnMary === 2,
    },
    ...splitRows,
    {
      part: "16.6.3.2",
      example: `"${SPLIT_SENTENCE.words.join(" ")}" (Grozny B-LOC) → ${a.tokens.join(" ")}`,
      chapter: "B-LOC, then I-LOC or -100; -100 on specials",
      kit: `first: ${a.first.join(" ")}; all: ${a.all.join(" ")}`,
      agrees: followsRecipe(a),
      note: "the chapter's tokenize_and_align_labels (Code Fragment 16.6.2a) is mis-indented " +
        "and returns after the first continuation subword; alignLabels is its intended logic",
    },
    {
      part: "Self-check Q2",
      example: "why align: word tags laid over the subword tokens unaligned",
      chapter: '"Without this RLHF, the model would receive incorrect training signals"',
      kit: `${a.wrong} of ${a.tokens.length - 2} tokens get another word's tag (${
        a.naive.join(" ")
      })`,
      agrees: "erratum",
      note: "the answer means label alignment, not RLHF (reinforcement learning from human " +
        "feedback, unrelated to NER); the incorrect signal is real: see docs/errata.md",
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
    {
      part: "16.6.3.3",
      example: "seqeval's default mode: predicted I-PER I-PER for B-PER I-PER",
      chapter: "seqeval default = the strict CoNLL script",
      kit: `default F1 ${s.default.toFixed(2)}, strict (IOB2) F1 ${s.strict.toFixed(2)}`,
      agrees: s.default === 1 && Math.abs(s.strict - 2 / 3) < 1e-12 ? "erratum" : false,
      note: "seqeval's default mode is conlleval's lenient chunking (an I- tag may open an " +
        "entity, so the PER span counts); strict (mode='strict' with a scheme) drops it. Both " +
        "need exact span and type",
    },
  ];
}
