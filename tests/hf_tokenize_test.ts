// The Hugging Face models tokenize as transformers' fast tokenizers do (goldens from
// tools/make_hf_fixtures.py): a WordPiece (BERT, DistilBERT) and a byte-level BPE (RoBERTa)
// tokenizer, through transformers.js's AutoTokenizer from the checkpoint folder.
import { assertEquals } from "@std/assert";
import { AutoModel } from "../lib/models/auto.ts";

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
    // The kit truncates pairs as "longest_first" (transformers' default for truncation=True).
    for (const t of g.truncated.filter((t) => t.strategy === "longest_first")) {
      assertEquals(tok.tokenizePair(t.a, t.b, { maxLength: t.maxLength }).inputIds, t.inputIds);
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
