/**
 * One error style across lib/: a bad argument throws `ArgumentError`, whose message names the
 * argument, the value and what to do; other failures have their own class. The scan below fails
 * on a new `throw new Error(` / `RangeError(` / `TypeError(` outside the allow-list.
 */
import { assert, assertEquals, assertInstanceOf, assertThrows } from "@std/assert";
import { join, relative } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { trainTestSplitIndices } from "../lib/data/split.ts";
import { ArgumentError, NotFittedError, showValue } from "../lib/errors.ts";
import { featureBody } from "../lib/encoders/body.ts";
import { createClassifier, createMultiTaskModel } from "../lib/heads/model.ts";
import { computeClassWeights } from "../lib/imbalance/class_weights.ts";
import { crossEntropyLoss } from "../lib/losses.ts";
import { f1Score } from "../lib/metrics/mod.ts";
import { Random } from "../lib/random.ts";
import * as seqeval from "../lib/seqeval/mod.ts";
import { LogisticRegression } from "../lib/setfit/logistic_regression.ts";
import { generatePairs } from "../lib/setfit/pairs.ts";
import { resolveTrainingArguments } from "../lib/train/training_args.ts";

const LIB = new URL("../lib/", import.meta.url).pathname;

/** Each allowed plain throw, by file, with why it is not an ArgumentError (nor a special class). */
const ALLOWED: Record<string, string> = {
  // Not about an argument:
  "onnx/proto.ts": "internal invariant: the ONNX writer only sees integers the kit computed",
  "models/pretrained.ts": "internal invariant: every parameter the kit builds belongs to a part",
  "models/auto.ts": "internal invariant: every head parameter got a value a line above",
  "tf/grad_util.ts": "internal invariant: tfjs lacks the gradient the kit wraps",
  "encoders/use_lite/session.ts":
    "onnxruntime returned a tensor of the wrong size (not the caller)",
  "progress.ts": "wrong order of calls (tick after done), not a bad argument",
  "grade/release.ts": "a failing subprocess (git ls-files)",
  "grade/confine.ts": "internal invariant: a forbidden function the kit names must exist",
  "grade/child.ts": "thrown into a submission that calls exit; the report shows its text",
  "grade/invoke.ts": "what a submission did wrong, reported to the student by class and text",
  "train/step.ts":
    "a training step failed: tfjs's error re-thrown with the step, or the loss went non-finite",
};

function* tsFiles(dir: string): Generator<string> {
  for (const e of Deno.readDirSync(dir)) {
    const path = join(dir, e.name);
    if (e.isDirectory) yield* tsFiles(path);
    else if (e.name.endsWith(".ts")) yield path;
  }
}

const allowed = (file: string) =>
  Object.keys(ALLOWED).find((k) => k.endsWith("/") ? file.startsWith(k) : file === k);

Deno.test("lib/ throws no plain Error, RangeError or TypeError outside the allow-list", () => {
  const found: string[] = [];
  const used = new Set<string>();
  for (const path of tsFiles(LIB)) {
    const file = relative(LIB, path);
    Deno.readTextFileSync(path).split("\n").forEach((line, i) => {
      if (!/throw new (Error|RangeError|TypeError)\(/.test(line)) return;
      const key = allowed(file);
      if (key) used.add(key);
      else found.push(`lib/${file}:${i + 1}: ${line.trim()}`);
    });
  }
  assertEquals(found, [], "use ArgumentError (lib/errors.ts) or a special class");
  // An entry whose throws are gone must leave the list, so the list stays the truth.
  const stale = Object.keys(ALLOWED).filter((k) => !used.has(k));
  assertEquals(stale, [], "allow-list entries without a plain throw left");
});

/** Runs `f`, checks it throws an ArgumentError naming `argument` and showing `value`. */
function refuses(f: () => unknown, argument: string, value: string): ArgumentError {
  const e = assertThrows(f, ArgumentError);
  assertEquals(e.name, "ArgumentError");
  assertEquals(e.argument, argument);
  assert(e.message.startsWith(`${argument} = ${value}: `), e.message);
  assert(e.message.includes("; "), `no fix in: ${e.message}`);
  assertInstanceOf(e, RangeError);
  return e;
}

Deno.test("ArgumentError: one message format, values shown compactly", () => {
  const e = new ArgumentError("options.lr", -1, "must be > 0", "use e.g. 5e-5");
  assertEquals(e.message, "options.lr = -1: must be > 0; use e.g. 5e-5");
  assertEquals([e.argument, e.value, e.problem, e.fix], [
    "options.lr",
    -1,
    "must be > 0",
    "use e.g. 5e-5",
  ]);
  assertEquals(showValue("x".repeat(100)), JSON.stringify("x".repeat(59) + "…"));
  assertEquals(showValue([1, 2, 3, 4, 5, 6, 7]), "[1, 2, 3, 4, 5, … 2 more]");
  assertEquals(showValue(new Float32Array(3)), "Float32Array[0, 0, 0]");
  assertEquals(showValue([[1, 2], "a"]), '[[1, 2], "a"]');
  assertEquals(showValue([[1, 2, 3, 4], [[5]]]), "[[1, 2, 3, …], [[1]]]");
  assertEquals(showValue(undefined), "undefined");
  assertEquals(showValue(NaN), "NaN");
  assertEquals(showValue({ a: 1 }), '{"a":1}');
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assertEquals(showValue(cyclic), "a Object");
});

Deno.test("real calls across modules throw ArgumentError naming argument and value", () => {
  // metrics
  refuses(() => f1Score(["a", "b"], ["a", "b"], { average: "most" as never }), "average", '"most"');
  refuses(() => f1Score([1, 2.5], [1, 2]), "yTrue[1]", "2.5");
  // seqeval
  refuses(
    () => seqeval.f1Score([["B-PER"]], [["B-PER"]], { mode: "lax" as never }),
    "mode",
    '"lax"',
  );
  refuses(() => seqeval.f1Score([["B-PER"]], [[1 as never]]), "yPred[0][0]", "1");
  // setfit
  refuses(() => generatePairs([0, 0, 1, 1], { strategy: "most" as never }), "strategy", '"most"');
  refuses(() => new LogisticRegression({ C: -1 }), "C", "-1");
  assertThrows(() => new LogisticRegression().predict([[1]]), NotFittedError, "call fit");
  // losses
  const logits = tf.tensor2d([[1, 2]]);
  refuses(() => crossEntropyLoss(logits, [5]), "labels[0]", "5");
  refuses(() => crossEntropyLoss(logits, [0], { reduction: "avg" as never }), "reduction", '"avg"');
  logits.dispose();
  // data
  refuses(() => trainTestSplitIndices(10, { testSize: 2.5 }), "testSize", "2.5");
  // heads
  const body = featureBody({ name: "toy", hiddenSize: 4 });
  refuses(() => createClassifier(body, { labels: ["a"], dropout: 1 }), "dropout", "1");
  refuses(() => createClassifier(body, { labels: ["a", "a"] }), "labels[1]", '"a"');
  refuses(
    () => createMultiTaskModel(body, { sentiment: { labels: ["a"] }, topic: { labels: [] } }),
    "tasks.topic.labels",
    "[]",
  );
  // train options
  refuses(() => resolveTrainingArguments({ learningRate: -1 }), "learningRate", "-1");
  refuses(
    () => resolveTrainingArguments({ evalStrategy: "often" as never }),
    "evalStrategy",
    '"often"',
  );
  // imbalance, random
  refuses(() => computeClassWeights([0, 1], "most" as never), "strategy", '"most"');
  refuses(() => new Random(0.5), "seed", "0.5");
});
