import * as tf from "@tensorflow/tfjs";
import { assert, assertAllClose, assertEquals, assertGreater, assertThrows } from "@std/assert";
import { join } from "node:path";
import { embeddingCacheDir } from "../lib/encoders/cache.ts";
import { readConll } from "../lib/data/conll.ts";
import { loadUseLite, type UseLiteEncoder } from "../lib/encoders/use_lite/encoder.ts";
import { MAX_PIECES } from "../lib/encoders/use_lite/tokenizer.ts";
import { dataTest } from "./helpers/shared_data.ts";

/** Made by tests/golden/use_lite/make_golden.ts with the package's own tokenizer and embed(). */
const golden: { sentences: string[]; ids: number[][]; embeddings: number[][] } = JSON.parse(
  await Deno.readTextFile(new URL("./golden/use_lite/use_lite.json", import.meta.url)),
);

let shared: Promise<UseLiteEncoder> | undefined;
const use = () => shared ??= loadUseLite();

Deno.test("USE-lite tokenizer ids equal the package's tokenizer on every golden sentence", async () => {
  const enc = await use();
  golden.sentences.forEach((s, i) => {
    assertEquals(enc.tokenizer.encode(s), golden.ids[i], `sentence ${i}: ${s.slice(0, 40)}`);
  });
  assert(golden.ids.some((ids) => ids.length > MAX_PIECES), "golden has a sentence > 128 pieces");
  assert(golden.ids.some((ids) => ids.includes(0)), "golden has an unknown character");
});

Deno.test("USE-lite embeddings equal the package's embed() to 1e-5 (sorted batches of 4)", async () => {
  const enc = await use();
  const got = await enc.embed(golden.sentences, { cache: false, batchSize: 4 });
  assertAllClose(got.map((v) => [...v]), golden.embeddings, { atol: 1e-5, rtol: 0 });
  const norms = got.map((v) => Math.hypot(...v));
  assertAllClose(norms, norms.map(() => 1), { atol: 1e-5 });
});

Deno.test("USE-lite embeddings on the tfjs reference path equal the package's embed() to 1e-5", async () => {
  const ref = await loadUseLite({ runtime: "tfjs" });
  try {
    assertEquals(ref.runtime, "tfjs");
    const got = await ref.embed(golden.sentences, { cache: false, batchSize: 4 });
    assertAllClose(got.map((v) => [...v]), golden.embeddings, { atol: 1e-5, rtol: 0 });
  } finally {
    ref.dispose();
  }
});

Deno.test("USE-lite embed reads back its disk cache and keeps input order", async () => {
  const enc = await use();
  const dir = await Deno.makeTempDir({ prefix: "kit-use-lite-cache-" });
  const before = Deno.env.get("KIT_CACHE_DIR");
  Deno.env.set("KIT_CACHE_DIR", dir);
  try {
    const texts = [golden.sentences[2], golden.sentences[0], golden.sentences[2]];
    const first = await enc.embed(texts);
    const files = [...Deno.readDirSync(join(dir, "embeddings", "use-lite"))];
    assertEquals(files.length, 2, "two distinct texts, two cached vectors");
    const second = await enc.embed(texts);
    assertEquals(second.map((v) => [...v]), first.map((v) => [...v]));
    assertAllClose([...second[1]], golden.embeddings[0], { atol: 1e-5, rtol: 0 });
    const [t1] = await enc.tokenFeatures([["Peter", "Blackburn"]]);
    const [t2] = await enc.tokenFeatures([["Peter", "Blackburn"]]);
    assertEquals([...Deno.readDirSync(embeddingCacheDir("use-lite#tokens", dir))].length, 1);
    assertEquals(t2.features.map((f) => [...f]), t1.features.map((f) => [...f]));
    assertEquals(t2.wordIds, [0, 1, 1]);
  } finally {
    before === undefined ? Deno.env.delete("KIT_CACHE_DIR") : Deno.env.set("KIT_CACHE_DIR", before);
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("USE-lite token features are the vectors the model pools into its embedding", async () => {
  const enc = await use();
  const sentences = [
    ["EU", "rejects", "German", "call", "to", "boycott", "British", "lamb", "."],
    ["Peter", "Blackburn"],
  ];
  const [feats, short] = await enc.tokenFeatures(sentences, { cache: false });
  assertEquals(feats.features.length, 13);
  assertEquals(feats.tokens.slice(-5), ["▁British", "▁la", "mb", "▁", "."]);
  assertEquals(feats.wordIds, [0, 1, 1, 2, 3, 4, 5, 5, 6, 7, 7, 8, 8]);
  assertEquals(short.tokens, ["▁Peter", "▁Black", "burn"]);
  assertEquals(feats.features[0].length, 512);
  // The graph pools the same vectors: mean over pieces → tanh layer → l2 normalisation.
  const [pooled] = await enc.embed([sentences[0].join(" ")], { cache: false });
  const w = enc.model.weights["module/Encoder_en/hidden_layers/tanh_layer_0/weights"][0];
  const b = enc.model.weights["module/Encoder_en/hidden_layers/tanh_layer_0/bias"][0];
  const mine = tf.tidy(() => {
    const mean = tf.stack(feats.features.map((f) => tf.tensor1d(f))).mean(0, true);
    const h = tf.tanh(tf.add(tf.matMul(mean, w), b));
    return tf.div(h, tf.norm(h)).dataSync();
  });
  assertAllClose([...mine], [...pooled], { atol: 1e-5, rtol: 0 });
  // Features do not depend on the batch's padding (up to float32 rounding: they reach ~10).
  const [alone] = await enc.tokenFeatures([sentences[1]], { cache: false });
  assertAllClose(alone.features.map((f) => [...f]), short.features.map((f) => [...f]), {
    atol: 1e-5,
    rtol: 1e-5,
  });
});

Deno.test("USE-lite pieces of pre-split words equal the pieces of the joined sentence", async () => {
  const enc = await use();
  const words = ["JAPAN", "BEGIN", "THE", "DEFENCE", "(", "1-0", ")", "naïve", "😀", "ﬁne"];
  const byWords = enc.tokenizeWords(words);
  assertEquals(byWords.inputIds, enc.tokenize(words.join(" ")).inputIds);
  assertEquals(byWords.wordIds, enc.tokenize(words.join(" ")).wordIds);
  assertEquals(byWords.tokens.slice(0, 3), ["▁J", "AP", "AN"]);
});

dataTest("USE-lite word ids on CoNLL-2003 valid match the joined sentence", async (dir) => {
  const enc = await use();
  const sentences = await readConll(join(dir, "conll2003", "data", "valid.txt"));
  let words = 0;
  for (const { tokens } of sentences) {
    const a = enc.tokenizeWords(tokens, { maxLength: 128 });
    const b = enc.tokenize(tokens.join(" "));
    assertEquals(a.inputIds, b.inputIds, tokens.join(" "));
    assertEquals(a.wordIds, b.wordIds, tokens.join(" "));
    words += tokens.length;
  }
  assertGreater(words, 50_000);
});

Deno.test("USE-lite pairs: A </s> B with token types 0 then 1 and word ids per text", async () => {
  const enc = await use();
  const pair = enc.tokenizePair(
    "A man is playing guitar on stage.",
    "A musician is performing live.",
  );
  const sep = pair.tokens.indexOf("</s>");
  assertEquals(pair.tokens.slice(0, 3), ["▁A", "▁man", "▁is"]);
  assertEquals(pair.tokenTypeIds, pair.tokens.map((_, i) => i <= sep ? 0 : 1));
  assertEquals(pair.wordIds[sep], null);
  assertEquals(pair.wordIds.slice(sep + 1, sep + 4), [0, 1, 1]); // "▁A", "▁music", "ian"
  const cut = enc.tokenizePair("one two three four five six", "seven", { maxLength: 5 });
  assertEquals(cut.tokens, ["▁one", "▁two", "▁three", "</s>", "▁seven"]);
});

Deno.test("USE-lite bad input: empty text, too long without truncation, bad batchSize", async () => {
  const enc = await use();
  const long = golden.sentences[golden.sentences.length - 1];
  assertEquals(enc.tokenize(long).inputIds.length, 128);
  assertThrows(() => enc.tokenize(long, { truncation: false }), Error, "more than maxLength 128");
  assertThrows(() => enc.tokenize(""), Error, 'text = "": is empty');
  assertThrows(() => enc.tokenize("x", { maxLength: 129 }), Error, "options.maxLength = 129");
  assertThrows(() => enc.tokenizeWords(["a", ""]), Error, 'words[1] = "": is empty');
  await enc.embed(["fine", ""], { cache: false }).then(
    () => assert(false, "empty text must be rejected"),
    (e: Error) =>
      assertEquals(
        e.message,
        'texts[1] = "": is empty: USE-lite needs at least one character; drop empty texts',
      ),
  );
  await enc.embed(["fine"], { cache: false, batchSize: 0 }).then(
    () => assert(false, "batchSize 0 must be rejected"),
    (e: Error) => assertEquals(e.message, "batchSize = 0: is not a positive integer; use e.g. 32"),
  );
});

Deno.test("USE-lite dispose frees the model's tensors", async () => {
  const enc = await use();
  const before = tf.memory().numTensors;
  await enc.embed(["a quick check"], { cache: false });
  assertEquals(tf.memory().numTensors, before, "embed leaks no tensors");
  enc.dispose();
  shared = undefined;
  assert(tf.memory().numTensors < before, "dispose freed the weights");
});
