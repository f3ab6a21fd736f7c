/**
 * The transformers.js encoder path end to end on the kit's tiny BERT (data/models/tiny-bert):
 * tokens, ids, token_type_ids and word_ids against the generator's reference tokenizer, and the
 * ONNX last hidden state against the torch model's (tests/golden/tiny_bert/outputs.json, 1e-4).
 * Then the tokenizer against transformers.js's own encoding on real sentences and pairs.
 */
import {
  assert,
  assertAllClose,
  assertAlmostEquals,
  assertEquals,
  assertNotEquals,
  assertRejects,
  assertStringIncludes,
  assertThrows,
} from "@std/assert";
import { join } from "node:path";
import { fileURLToPath as fromFileUrl } from "node:url";
import { ArgumentError } from "../lib/errors.ts";
import { TransformersEncoder } from "../lib/encoders/transformers/encoder.ts";
import { TransformersTokenizer } from "../lib/encoders/transformers/tokenizer.ts";
import { truncatedLengths } from "../lib/encoders/transformers/truncate.ts";
import { dataDir } from "../lib/data/datadir.ts";
import { parseConll } from "../lib/data/conll.ts";
import { parseTsv } from "../lib/data/tsv.ts";
import { haveMiniLM, MINILM, NO_MINILM } from "./helpers/shared_data.ts";

const TINY = fromFileUrl(new URL("../data/models/tiny-bert", import.meta.url));

interface GoldenCase {
  kind: "single" | "pair" | "words";
  input: string | [string, string] | string[];
  tokens: string[];
  input_ids: number[];
  token_type_ids: number[];
  word_ids: (number | null)[] | null;
  last_hidden_state: number[][];
}
const golden: { cases: GoldenCase[] } = JSON.parse(
  await Deno.readTextFile(new URL("./golden/tiny_bert/outputs.json", import.meta.url)),
);

function encodeCase(enc: TransformersEncoder, c: GoldenCase) {
  if (c.kind === "single") return enc.tokenize(c.input as string);
  if (c.kind === "pair") {
    const [a, b] = c.input as [string, string];
    return enc.tokenizePair(a, b);
  }
  return enc.tokenizeWords(c.input as string[]);
}

const rows = (vs: Float32Array[]) => vs.map((v) => Array.from(v));
const sanitize = { sanitizeResources: false, sanitizeOps: false };

Deno.test("tiny-bert: tokens, ids, token_type_ids and word_ids equal the reference tokenizer's", async () => {
  const enc = await TransformersEncoder.fromPretrained(TINY);
  try {
    for (const c of golden.cases) {
      const e = encodeCase(enc, c);
      const what = `${c.kind} ${JSON.stringify(c.input)}`;
      assertEquals(e.tokens, c.tokens, what);
      assertEquals(e.inputIds, c.input_ids, what);
      assertEquals(e.tokenTypeIds, c.token_type_ids, what);
      assertEquals(e.attentionMask, c.input_ids.map(() => 1), what);
      if (c.word_ids !== null) assertEquals(e.wordIds, c.word_ids, what);
    }
  } finally {
    enc.dispose();
  }
});

Deno.test("tiny-bert: the ONNX last_hidden_state equals torch's to 1e-4, alone and in a padded batch", async () => {
  const enc = await TransformersEncoder.fromPretrained(TINY);
  try {
    const encodings = golden.cases.map((c) => encodeCase(enc, c));
    // batchSize 1: no padding; batchSize 16: one batch, every sentence but the longest padded.
    for (const batchSize of [1, 16]) {
      const states = await enc.lastHiddenState(encodings, { batchSize, progress: false });
      golden.cases.forEach((c, i) =>
        assertAllClose(rows(states[i]), c.last_hidden_state, { atol: 1e-4, rtol: 0 }, c.kind)
      );
    }
  } finally {
    enc.dispose();
  }
});

Deno.test("tiny-bert: mean / cls pooling and normalize, from the torch states", async () => {
  const singles = golden.cases.filter((c) => c.kind === "single");
  const texts = singles.map((c) => c.input as string);
  const mean = (m: number[][]) => m[0].map((_, d) => m.reduce((s, r) => s + r[d], 0) / m.length);
  const opts = { cache: false, progress: false, batchSize: 2 };

  const meanEnc = await TransformersEncoder.fromPretrained(TINY);
  const clsEnc = await TransformersEncoder.fromPretrained(TINY, {
    pooling: "cls",
    normalize: true,
  });
  try {
    assertEquals([meanEnc.hiddenSize, meanEnc.tokenHiddenSize], [32, 32]);
    const m = await meanEnc.embed(texts, opts);
    assertAllClose(rows(m), singles.map((c) => mean(c.last_hidden_state)), { atol: 1e-4, rtol: 0 });

    const cls = await clsEnc.embed(texts, opts);
    singles.forEach((c, i) => {
      const row = c.last_hidden_state[0];
      const norm = Math.hypot(...row);
      assertAllClose(Array.from(cls[i]), row.map((x) => x / norm), { atol: 1e-5, rtol: 0 });
      assertAlmostEquals(Math.hypot(...cls[i]), 1, 1e-5);
    });
    assertNotEquals(meanEnc.name, clsEnc.name); // different vectors, different cache keys
  } finally {
    meanEnc.dispose();
    clsEnc.dispose();
  }
});

Deno.test("tiny-bert: embedPairs reads the pair with token_type_ids 0 then 1", async () => {
  const enc = await TransformersEncoder.fromPretrained(TINY, { pooling: "cls" });
  try {
    const pairs = golden.cases.filter((c) => c.kind === "pair");
    const vs = await enc.embedPairs(pairs.map((c) => c.input as [string, string]), {
      cache: false,
    });
    assertAllClose(rows(vs), pairs.map((c) => c.last_hidden_state[0]), { atol: 1e-4, rtol: 0 });
    // The same tokens as one segment (all type 0) give another vector: segments reach the model.
    const flat = enc.tokenizePair(...(pairs[0].input as [string, string]));
    const [asOne] = await enc.embedEncodings([{
      ...flat,
      tokenTypeIds: flat.inputIds.map(() => 0),
    }]);
    assert(Math.abs(asOne[0] - vs[0][0]) > 1e-3, "token_type_ids changed nothing");
  } finally {
    enc.dispose();
  }
});

Deno.test("tiny-bert: tokenFeatures gives every token's state and its word", async () => {
  const enc = await TransformersEncoder.fromPretrained(TINY);
  try {
    const words = golden.cases.filter((c) => c.kind === "words");
    const feats = await enc.tokenFeatures(words.map((c) => c.input as string[]), { cache: false });
    words.forEach((c, i) => {
      assertEquals(feats[i].tokens, c.tokens);
      assertEquals(feats[i].wordIds, c.word_ids);
      assertAllClose(rows(feats[i].features), c.last_hidden_state, { atol: 1e-4, rtol: 0 });
    });
  } finally {
    enc.dispose();
  }
});

Deno.test("embedding cache: a second embed reads the vectors back from disk", async () => {
  const dir = await Deno.makeTempDir();
  const enc = await TransformersEncoder.fromPretrained(TINY, { embeddingCacheDir: dir });
  try {
    const texts = ["The refund arrived.", "Nobody answered."];
    const first = await enc.embed(texts);
    const files: string[] = [];
    for await (const d of Deno.readDir(join(dir, "embeddings"))) files.push(d.name);
    assertEquals(files.length, 1);
    assertStringIncludes(files[0], "tiny-bert--mean");
    assertEquals(rows(await enc.embed(texts)), rows(first));
    const words = [["EU", "rejects", "it"]];
    const tf = await enc.tokenFeatures(words);
    assertEquals(rows((await enc.tokenFeatures(words))[0].features), rows(tf[0].features));
  } finally {
    enc.dispose();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("truncation keeps the special tokens: longest_first for pairs; off, too long throws", async () => {
  const tok = await TransformersTokenizer.fromPretrained(TINY);
  const long = Array.from({ length: 200 }, (_, i) => `word${i % 7}`).join(" ");
  // Default maxLength: the tokenizer's model_max_length (128 = the model's positions).
  assertEquals(tok.tokenize(long).inputIds.length, 128);
  const e = tok.tokenize(long, { maxLength: 8 });
  assertEquals(e.tokens.length, 8);
  assertEquals([e.tokens[0], e.tokens[7]], ["[CLS]", "[SEP]"]);
  assertEquals(e.tokens.slice(1, 3), ["word", "##0"]);
  assertEquals(e.wordIds, [null, 0, 0, 1, 1, 2, 2, null]);
  const p = tok.tokenizePair("one two three four five six seven", "the man", { maxLength: 9 });
  assertEquals(p.tokens, [
    "[CLS]",
    "one",
    "two",
    "three",
    "four",
    "[SEP]",
    "the",
    "man",
    "[SEP]",
  ]);
  assertEquals(truncatedLengths(7, 2, 6), [4, 2]);
  const w = tok.tokenizeWords(["Peter", "Blackburn", "visited"], { maxLength: 5 });
  assertEquals(w.tokens, ["[CLS]", "peter", "black", "##b", "[SEP]"]);
  assertEquals(w.wordIds, [null, 0, 1, 1, null]);
  assertThrows(
    () => tok.tokenize(long, { maxLength: 8, truncation: false }),
    Error,
    "more than maxLength 8",
  );
  assertThrows(() => tok.tokenize("a", { maxLength: 0 }), Error, "options.maxLength = 0");
  await assertRejects(
    () => TransformersEncoder.fromPretrained(TINY, { maxLength: 512 }),
    Error,
    "options.maxLength = 512: is not an integer from 1 to 128",
  );
});

Deno.test("a missing model says how to get it", async () => {
  await assertRejects(
    () => TransformersEncoder.fromPretrained("./no/such/model"),
    Error,
    "config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx",
  );
  const dir = await Deno.makeTempDir();
  try {
    for (const f of ["config.json", "tokenizer.json", "tokenizer_config.json"]) {
      await Deno.copyFile(join(TINY, f), join(dir, f));
    }
    const err = await assertRejects(() => TransformersEncoder.fromPretrained(dir));
    assertStringIncludes((err as Error).message, "lacks onnx/model.onnx");
    assertStringIncludes((err as Error).message, "Xenova/all-MiniLM-L6-v2");
    await assertRejects(
      () => TransformersEncoder.fromPretrained(dir, { dtype: "q8" }),
      Error,
      "lacks onnx/model_quantized.onnx",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("bad input names the argument", async () => {
  const enc = await TransformersEncoder.fromPretrained(TINY);
  try {
    assertThrows(() => enc.tokenize(""), ArgumentError, 'text = "": is empty');
    assertThrows(() => enc.tokenizePair("fine", " "), ArgumentError, 'textB = " ": is empty');
    assertThrows(() => enc.tokenizeWords([]), ArgumentError, "words = []: is not a non-empty");
    assertThrows(() => enc.tokenizeWords(["ok", ""]), ArgumentError, 'words[1] = "": is empty');
    await assertRejects(() => enc.embed(["fine", ""]), ArgumentError, 'texts[1] = "": is empty');
    await assertRejects(
      () => enc.embedPairs([["a", "b"], ["c"] as unknown as [string, string]]),
      Error,
      "pairs[1]",
    );
    await assertRejects(() => enc.embed(["a"], { batchSize: 0, cache: false }), Error, "batchSize");
    await assertRejects(
      () => TransformersEncoder.fromPretrained(TINY, { pooling: "max" as "mean" }),
      Error,
      'options.pooling = "max": is not a pooling; use "mean" or "cls"',
    );
  } finally {
    enc.dispose();
  }
});

// ---- The tokenizer against transformers.js's own encoding, on real text ----

const data = dataDir();
const skipReason = !haveMiniLM
  ? NO_MINILM
  : data === undefined
  ? " (skipped: no data dir: set KIT_DATA_DIR)"
  : "";

Deno.test({
  name:
    `all-MiniLM-L6-v2 tokenizer: ids and token_type_ids equal transformers.js's on RTE pairs and SST-2${skipReason}`,
  ignore: skipReason !== "",
  fn: async () => {
    const tok = await TransformersTokenizer.fromPretrained(MINILM);
    const rte = parseTsv(await Deno.readTextFile(join(data!, "rte/RTE/dev.tsv"))).rows;
    for (const [a, b] of rte.slice(0, 150)) {
      const ours = tok.tokenizePair(a, b);
      const theirs = tok.tokenizer(a, {
        text_pair: b,
        return_token_type_ids: true,
        return_tensor: false,
      }) as unknown as {
        input_ids: number[];
        token_type_ids: number[];
      };
      assertEquals(ours.inputIds, theirs.input_ids, a);
      assertEquals(ours.tokenTypeIds, theirs.token_type_ids, a);
    }
    const sst = parseTsv(await Deno.readTextFile(join(data!, "sst2/SST-2/dev.tsv"))).rows;
    for (const [sentence] of sst.slice(0, 300)) {
      const ours = tok.tokenize(sentence);
      assertEquals(ours.inputIds, tok.tokenizer.encode(sentence), sentence);
      // word_ids never decrease and number every content token.
      const content = ours.wordIds.slice(1, -1) as number[];
      assert(content.every((w, i) => w !== null && (i === 0 || w >= content[i - 1])), sentence);
    }
  },
});

Deno.test({
  name:
    `all-MiniLM-L6-v2 tokenizer: word-by-word tokens equal the joined sentence's on CoNLL-2003${skipReason}`,
  ignore: skipReason !== "",
  fn: async () => {
    const tok = await TransformersTokenizer.fromPretrained(MINILM);
    const text = await Deno.readTextFile(join(data!, "conll2003/data/valid.txt"));
    for (const s of parseConll(text).slice(0, 300)) {
      const words = tok.tokenizeWords(s.tokens);
      const joined = tok.tokenize(s.tokens.join(" "));
      assertEquals(words.inputIds, joined.inputIds, s.tokens.join(" "));
      // Every word keeps at least one token, so each word label has a first subword.
      assertEquals(new Set(words.wordIds.filter((w) => w !== null)).size, s.tokens.length);
    }
  },
});

// ---- A hub model, when online ----

async function online(): Promise<boolean> {
  try {
    const res = await fetch("https://huggingface.co/api/models/Xenova/all-MiniLM-L6-v2", {
      signal: AbortSignal.timeout(3000),
    });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}
const hub = Deno.env.get("KIT_OFFLINE") ? false : await online();

Deno.test({
  name: `Xenova/all-MiniLM-L6-v2 from the hub: 384-d, paraphrases closer${
    hub ? "" : " (skipped: huggingface.co unreachable)"
  }`,
  ignore: !hub,
  ...sanitize,
  fn: async () => {
    const enc = await TransformersEncoder.fromPretrained("Xenova/all-MiniLM-L6-v2", {
      normalize: true,
    });
    try {
      assertEquals(enc.hiddenSize, 384);
      const [a, b, c] = await enc.embed([
        "A man is playing guitar on stage.",
        "A musician is performing live.",
        "The invoice is due on Friday.",
      ], { cache: false });
      const dot = (u: Float32Array, v: Float32Array) => u.reduce((s, x, i) => s + x * v[i], 0);
      assert(dot(a, b) > dot(a, c) + 0.2, `${dot(a, b)} vs ${dot(a, c)}`);
    } finally {
      enc.dispose();
    }
  },
});
