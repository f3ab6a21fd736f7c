import * as tf from "@tensorflow/tfjs";
import { assert, assertAllClose, assertEquals, assertThrows } from "@std/assert";
import { join } from "node:path";
import { dataDir } from "../lib/data/datadir.ts";
import { column } from "../lib/data/table.ts";
import { readTsv } from "../lib/data/tsv.ts";
import { loadUseLite } from "../lib/encoders/use_lite/encoder.ts";
import { NODES, runGraph } from "../lib/encoders/use_lite/model.ts";
import { ONNX_IO, saveUseLiteOnnx, weightLookup } from "../lib/encoders/use_lite/onnx.ts";
import { UseLiteSession } from "../lib/encoders/use_lite/session.ts";
import { TrainableUseLite } from "../lib/encoders/use_lite/trainable.ts";
import { OnnxGraph } from "../lib/onnx/graph.ts";
import { DataType, encodeModel } from "../lib/onnx/proto.ts";
import { loadOnnxRuntime } from "../lib/onnx/runtime.ts";

const ort = await loadOnnxRuntime();
const noOrt = ort ? "" : " (skipped: onnxruntime-node did not load)";
const dir = dataDir();

/** Golden sentences (short, long, > 128 pieces, unknown characters) plus SST-2 when present. */
async function sentences(): Promise<string[]> {
  const golden: { sentences: string[] } = JSON.parse(
    await Deno.readTextFile(new URL("./golden/use_lite/use_lite.json", import.meta.url)),
  );
  if (!dir) return golden.sentences;
  const sst2 = await readTsv(join(dir, "sst2", "SST-2", "dev.tsv"));
  return [...golden.sentences, ...column(sst2, "content").slice(0, 120)];
}

/** Largest |a - b| / (1 + |b|) over two arrays: absolute near 0, relative for large values. */
function maxScaledDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assertEquals(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  return m;
}

Deno.test({
  name: `USE-lite on onnxruntime equals the tfjs graph to 1e-4 (embeddings, token states)${noOrt}`,
  ignore: !ort,
  fn: async () => {
    const onnx = await loadUseLite({ runtime: "onnx" });
    const ref = await loadUseLite({ runtime: "tfjs" });
    assertEquals([onnx.runtime, ref.runtime], ["onnx", "tfjs"]);
    const texts = await sentences();
    const a = await onnx.embed(texts, { cache: false, progress: false });
    const b = await ref.embed(texts, { cache: false, progress: false });
    assertAllClose(a.map((v) => [...v]), b.map((v) => [...v]), { atol: 1e-4, rtol: 0 });
    // Unsorted batches (more padding) give the same vectors.
    const c = await onnx.embedIds(texts.slice(0, 40).map((t) => onnx.tokenize(t).inputIds), {
      batchSize: 40,
    });
    assertAllClose(c.map((v) => [...v]), b.slice(0, 40).map((v) => [...v]), { atol: 1e-4 });
    const words = texts.slice(0, 60).map((t) => t.split(/\s+/).filter((w) => w))
      .filter((w) => w.length > 0);
    const ta = await onnx.tokenFeatures(words, { cache: false, progress: false });
    const tb = await ref.tokenFeatures(words, { cache: false, progress: false });
    ta.forEach((f, i) => {
      assertEquals(f.wordIds, tb[i].wordIds);
      const diff = maxScaledDiff(
        f.features.flatMap((v) => [...v]),
        tb[i].features.flatMap((v) => [...v]),
      );
      assert(diff < 1e-4, `sentence ${i}: token states differ by ${diff} (scaled)`);
    });
    onnx.dispose();
    ref.dispose();
  },
});

Deno.test({
  name: `a fine-tuned USE-lite exported to ONNX gives the trainable model's outputs${noOrt}`,
  ignore: !ort,
  fn: async () => {
    const use = await TrainableUseLite.load();
    // Stand-in for fine-tuning: move every layer-1 and pooler weight.
    tf.tidy(() => {
      for (const v of use.trainableVariables()) {
        if (v.name.includes("Layer_1") || v.name.includes("tanh_layer_0")) {
          v.assign(tf.mul(v, 1.05));
        }
      }
    });
    const texts = ["a gorgeous, witty film", "dull", "the plot goes nowhere fast ."];
    const expected = tf.tidy(() => use.forward(texts).arraySync());
    const path = await Deno.makeTempFile({ suffix: ".onnx" });
    try {
      await saveUseLiteOnnx(path, use);
      const session = await ort!.InferenceSession.create(path);
      assertEquals(session.inputNames, [ONNX_IO.inputIds, ONNX_IO.attentionMask]);
      assertEquals(session.outputNames, [ONNX_IO.tokens, ONNX_IO.pooled]);
      const ids = texts.map((t) => use.tokenizer.tokenize(t).inputIds);
      const len = Math.max(...ids.map((s) => s.length));
      const flat = (f: (s: number[], p: number) => number) =>
        BigInt64Array.from(
          ids.flatMap((s) => Array.from({ length: len }, (_, p) => BigInt(f(s, p)))),
        );
      const out = await session.run({
        [ONNX_IO.inputIds]: new ort!.Tensor("int64", flat((s, p) => s[p] ?? 0), [3, len]),
        [ONNX_IO.attentionMask]: new ort!.Tensor("int64", flat((s, p) => p < s.length ? 1 : 0), [
          3,
          len,
        ]),
      });
      const got = out[ONNX_IO.pooled].data as Float32Array;
      assertAllClose([...got], expected.flat(), { atol: 1e-4 });
      await session.release();
    } finally {
      await Deno.remove(path);
      use.dispose();
    }
  },
});

Deno.test({
  name: `UseLiteSession rejects empty and over-long sequences${noOrt}`,
  ignore: !ort,
  fn: async () => {
    const use = await loadUseLite({ runtime: "tfjs" });
    const session = await UseLiteSession.create(ort!, weightLookup(use.model.weights));
    await session.run([[5], []], "pooled").then(
      () => assert(false, "an empty sequence must be rejected"),
      (e: Error) =>
        assertEquals(
          e.message,
          "batch[1] = []: has 0 pieces; USE-lite needs 1 to 128; tokenize with truncation",
        ),
    );
    await session.run([new Array(129).fill(5)], "pooled").then(
      () => assert(false, "129 pieces must be rejected"),
      (e: Error) =>
        assertEquals(
          e.message,
          "batch[0] = [5, 5, 5, 5, 5, … 124 more]: has 129 pieces; USE-lite needs 1 to 128; " +
            "tokenize with truncation",
        ),
    );
    const [tokens] = runGraph(use.model, [[74, 337]], [NODES.tokens]);
    const { data, maxLen } = await session.run([[74, 337]], "tokens");
    assertEquals(maxLen, 2);
    assertAllClose([...data], [...tokens.dataSync()], { atol: 1e-4, rtol: 1e-5 });
    tokens.dispose();
    await session.release();
    use.dispose();
  },
});

Deno.test("ONNX writer: negative int64 attributes, metadata, duplicate names", async () => {
  const g = new OnnxGraph("softmax");
  const x = g.input("x", "float32", ["n", 3]);
  g.output(g.op("Softmax", [x], { axis: { int: -1 } }), "y", "float32", ["n", 3]);
  const bytes = g.toBytes({ metadata: { note: "kit" } });
  assertThrows(() => g.input("x", "float32", [1]), Error, 'name = "x": is used twice');
  assertThrows(
    () => g.weight("w", new Float32Array(3), [2, 2]),
    Error,
    "data.length = 3: weight w has shape [2,2]",
  );
  // int64 -1 is ten varint bytes: 0xff × 9, 0x01.
  const minusOne = [0x18, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
  const at = bytes.findIndex((_, i) => minusOne.every((b, k) => bytes[i + k] === b));
  assert(at > 0, "the axis attribute is a ten-byte varint");
  if (ort) {
    const session = await ort.InferenceSession.create(bytes);
    const out = await session.run({
      x: new ort.Tensor("float32", new Float32Array([0, 0, 0]), [1, 3]),
    });
    assertAllClose([...(out.y.data as Float32Array)], [1 / 3, 1 / 3, 1 / 3], { atol: 1e-7 });
    await session.release();
  }
  const empty = encodeModel({
    graphName: "g",
    producerName: "p",
    irVersion: 8,
    opsetVersion: 17,
    nodes: [],
    initializers: [],
    inputs: [{ name: "a", dataType: DataType.FLOAT, dims: [] }],
    outputs: [],
  });
  assertEquals([...empty.slice(0, 5)], [0x08, 8, 0x12, 1, 0x70]); // ir_version 8, producer "p"
});

Deno.test({
  name: `KIT_ORT_THREADS must be a positive integer${noOrt}`,
  ignore: !ort,
  fn: async () => {
    const use = await loadUseLite({ runtime: "tfjs" });
    const before = Deno.env.get("KIT_ORT_THREADS");
    Deno.env.set("KIT_ORT_THREADS", "0");
    try {
      await UseLiteSession.create(ort!, weightLookup(use.model.weights)).then(
        () => assert(false, "KIT_ORT_THREADS=0 must be rejected"),
        (e: Error) =>
          assertEquals(
            e.message,
            'KIT_ORT_THREADS is "0": set it to a positive integer, or unset it',
          ),
      );
    } finally {
      before === undefined
        ? Deno.env.delete("KIT_ORT_THREADS")
        : Deno.env.set("KIT_ORT_THREADS", before);
      use.dispose();
    }
  },
});
