// The Hugging Face models tokenize as transformers' fast tokenizers do (goldens from
// tools/make_hf_fixtures.py): a WordPiece (BERT, DistilBERT) and a byte-level BPE (RoBERTa)
// tokenizer, through transformers.js's AutoTokenizer from the checkpoint folder.
import { assertEquals, assertThrows } from "@std/assert";
import { AutoModel, AutoModelForSequenceClassification } from "../lib/models/auto.ts";
import { encodeInputs, type TruncationStrategy } from "../lib/models/batch.ts";

const FIXTURES = new URL("./fixtures/hf/", import.meta.url).pathname;
interface TokenizerGolden {
  single: { text: string; inputIds: number[]; wordIds: (number | null)[] }[];
  pairs: { a: string; b: string; inputIds: number[]; tokenTypeIds: number[] | null }[];
  truncated: {
    a: string;
    b: string;
    strategy: string;
    maxLength: number;
    inputIds: number[] | string;
  }[];
  words: { words: string[]; inputIds: number[]; wordIds: (number | null)[] }[];
}
const golden: Record<"wordpiece" | "bpe", TokenizerGolden> = JSON.parse(
  await Deno.readTextFile(`${FIXTURES}golden/tokenizers.json`),
);

for (const [kind, folder] of [["wordpiece", "bert-seq"], ["bpe", "roberta-seq"]] as const) {
  Deno.test(`hf tokenize (${kind}): texts, pairs, truncation and words as transformers`, async () => {
    const model = await AutoModel.fromPretrained(FIXTURES + folder, { verbose: false });
    const tok = model.tokenizer;
    const g = golden[kind];
    for (const s of g.single) {
      const e = tok.tokenize(s.text);
      assertEquals(e.inputIds, s.inputIds, s.text);
      assertEquals(e.wordIds, s.wordIds, s.text);
    }
    for (const p of g.pairs) {
      const batch = model.encode([[p.a, p.b]]);
      assertEquals(batch.inputIds[0], p.inputIds, `${p.a} | ${p.b}`);
      // RoBERTa has no segments (type_vocab_size 1): every type id is 0, as transformers feeds it.
      assertEquals(batch.tokenTypeIds[0], p.tokenTypeIds ?? p.inputIds.map(() => 0));
    }
    // Each truncation strategy cuts (or refuses) as transformers does.
    for (const t of g.truncated) {
      const strategy = t.strategy as TruncationStrategy;
      const encode = () =>
        encodeInputs(tok, [[t.a, t.b]], {
          maxLength: t.maxLength,
          padTokenId: 0,
          segments: true,
          truncation: strategy,
        }).inputIds[0];
      if (typeof t.inputIds === "string") {
        assertThrows(encode, Error, "too short", `${strategy}: ${t.a} | ${t.b}`);
      } else {
        assertEquals(encode(), t.inputIds, `${strategy}: ${t.a} | ${t.b}`);
      }
    }
    for (const w of g.words) {
      const e = model.encodeWords([w.words]).encodings[0];
      assertEquals(e.inputIds, w.inputIds, w.words.join(" "));
      assertEquals(e.wordIds, w.wordIds, w.words.join(" "));
    }
    model.dispose();
  });
}

Deno.test("hf tokenize: inputs longer than the model's positions are cut to them", async () => {
  const model = await AutoModel.fromPretrained(FIXTURES + "roberta-seq", { verbose: false });
  // 42 positions, 2 reserved by RoBERTa's padding offset: at most 40 tokens.
  assertEquals(model.maxLength, 40);
  const batch = model.encode(["the film ".repeat(60), "a dog"]);
  assertEquals(batch.inputIds[0].length, 40);
  assertEquals(
    batch.attentionMask[1].filter((m) => m === 1).length,
    model.encode(["a dog"]).inputIds[0].length,
  );
  model.dispose();
});

Deno.test("hf tokenize: fromPretrained's truncation option cuts the model's pairs", async () => {
  const model = await AutoModelForSequenceClassification.fromPretrained(FIXTURES + "bert-seq", {
    truncation: "only_second",
  });
  const long = "the film was great fun and the music was good ".repeat(8);
  const [ids] = model.base.encode([["a dog", long]]).inputIds;
  assertEquals(ids.length, model.base.maxLength);
  assertEquals(ids.slice(0, 4), model.base.encode(["a dog"]).inputIds[0]);
  model.dispose();
});
