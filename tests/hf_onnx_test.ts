// exportOnnx: transformers.js runs the exported folder offline — its own model class gives the
// kit's logits (1e-4), and its pipelines give the kit's labels.
import * as tf from "@tensorflow/tfjs";
import { assert, assertEquals } from "@std/assert";
import {
  AutoModelForSequenceClassification as JsSequenceModel,
  AutoModelForTokenClassification as JsTokenModel,
  AutoTokenizer,
  pipeline,
  Tensor,
} from "@huggingface/transformers";
import {
  AutoModelForSequenceClassification,
  AutoModelForTokenClassification,
} from "../lib/models/auto.ts";
import { exportOnnx } from "../lib/models/export_onnx.ts";
import { assertCloseToScale } from "./helpers/close.ts";

const FIXTURES = new URL("./fixtures/hf/", import.meta.url).pathname;
const TEXTS = ["the film was great fun", "a dull and slow story", "it is a film"];
const WORDS = [["john", "lives", "in", "paris"], ["mary", "went", "to", "london", "today"]];
const LOCAL = { local_files_only: true, dtype: "fp32" } as const;

for (const source of ["bert-seq", "distilbert-seq", "roberta-seq"]) {
  Deno.test(`hf onnx ${source}: transformers.js text-classification gives the kit's logits and labels`, async () => {
    const model = await AutoModelForSequenceClassification.fromPretrained(FIXTURES + source);
    const dir = await Deno.makeTempDir();
    try {
      await exportOnnx(model, dir);
      const kit = model.forward(TEXTS).arraySync() as number[][];
      const tokenizer = await AutoTokenizer.from_pretrained(dir, LOCAL);
      const js = await JsSequenceModel.from_pretrained(dir, LOCAL);
      const out = await js(tokenizer(TEXTS, { padding: true, truncation: true }));
      assertCloseToScale(out.logits.data as Float32Array, kit.flat(), "logits");
      await js.dispose();

      const classify = await pipeline("text-classification", dir, LOCAL);
      const results = await classify(TEXTS) as unknown as { label: string; score: number }[];
      results.forEach((r, i) => {
        const row = kit[i];
        const best = row.indexOf(Math.max(...row));
        assertEquals(r.label, model.id2label[best], TEXTS[i]);
        const probs = tf.tidy(() => tf.softmax(tf.tensor1d(row)).arraySync() as number[]);
        assert(Math.abs(r.score - probs[best]) < 1e-4, `score ${r.score} vs ${probs[best]}`);
      });
      await classify.dispose();
    } finally {
      model.dispose();
      await Deno.remove(dir, { recursive: true });
    }
  });
}

for (const source of ["bert-tok", "roberta-tok"]) {
  Deno.test(`hf onnx ${source}: transformers.js token-classification gives the kit's logits and tags`, async () => {
    const model = await AutoModelForTokenClassification.fromPretrained(FIXTURES + source);
    const dir = await Deno.makeTempDir();
    try {
      await exportOnnx(model, dir);
      const batch = model.base.encodeWords(WORDS);
      const kit = model.forward(WORDS).arraySync() as number[][][];
      const js = await JsTokenModel.from_pretrained(dir, LOCAL);
      const feeds: Record<string, unknown> = {
        input_ids: new Tensor(
          "int64",
          BigInt64Array.from(batch.inputIds.flat(), BigInt),
          [WORDS.length, batch.inputIds[0].length],
        ),
        attention_mask: new Tensor(
          "int64",
          BigInt64Array.from(batch.attentionMask.flat(), BigInt),
          [WORDS.length, batch.inputIds[0].length],
        ),
      };
      const out = await js(feeds);
      assertCloseToScale(out.logits.data as Float32Array, kit.flat(2), "logits");
      await js.dispose();

      // The pipeline tags every token of one sentence (it drops "O"); the kit's argmax agrees.
      const tagger = await pipeline("token-classification", dir, LOCAL);
      const text = WORDS[0].join(" ");
      const entities = await tagger(text) as { entity: string; index: number }[];
      const single = model.forward([WORDS[0]]).arraySync() as number[][][];
      const expected = single[0].map((row) => model.id2label[row.indexOf(Math.max(...row))])
        .map((tag, index) => ({ tag, index }))
        .filter(({ tag, index }) => tag !== "O" && index > 0 && index < single[0].length - 1);
      assertEquals(entities.map((e) => [e.index, e.entity]), expected.map((e) => [e.index, e.tag]));
      await tagger.dispose();
    } finally {
      model.dispose();
      await Deno.remove(dir, { recursive: true });
    }
  });
}
