import * as tf from "@tensorflow/tfjs";
import { assert, assertAlmostEquals, assertEquals } from "@std/assert";
import { CONLL_TAGS } from "../lib/data/registry.ts";
import { TrainableUseLite } from "../lib/encoders/use_lite/trainable.ts";
import { createClassifier } from "../lib/heads/model.ts";
import { alignLabels } from "../lib/ner/align.ts";
import { makeLoss } from "../lib/train/loss.ts";
import { resolveTrainingArguments } from "../lib/train/training_args.ts";
import { headWeights, STRATEGIES, TAGS, WORDS } from "./golden/ner/batch.ts";

interface GradSummary {
  sum: number;
  norm: number;
  probe: number;
  indices: number[];
  values: number[];
}
const golden: {
  pieceIds: number[][];
  labels: number[][];
  loss: number;
  grads: Record<string, GradSummary>;
} = JSON.parse(
  await Deno.readTextFile(new URL("./golden/ner/token_loss.json", import.meta.url)),
);

/** |a − b| ≤ 1e-4 · max(1, |b|): the 1e-4, relative for large sums. */
function close(actual: number, expected: number, what: string): void {
  assertAlmostEquals(actual, expected, 1e-4 * Math.max(1, Math.abs(expected)), what);
}

Deno.test("token classification through USE-lite: loss and gradients match PyTorch (golden, 1e-4)", async () => {
  const use = await TrainableUseLite.load();
  const body = use.tokenBody();
  const model = createClassifier(body, { labels: CONLL_TAGS });
  const { weight, bias } = headWeights(CONLL_TAGS.length, body.hiddenSize);
  const head = model.namedVariables();
  head.get("classifier.weight")!.assign(tf.tensor2d(weight, [CONLL_TAGS.length, body.hiddenSize]));
  head.get("classifier.bias")!.assign(tf.tensor1d(bias));

  // The kit tokenizes and aligns as the golden's batch did: padding (lengths differ) and -100.
  const encodings = WORDS.map((w) => body.tokenizeWords(w));
  assertEquals(encodings.map((e) => e.inputIds), golden.pieceIds);
  const labels = encodings.map((e, i) =>
    alignLabels(TAGS[i], e.wordIds, { labelList: CONLL_TAGS, strategy: STRATEGIES[i] })
  );
  assertEquals(labels, golden.labels);
  const lengths = labels.map((r) => r.length);
  assert(new Set(lengths).size > 1 && labels.flat().includes(-100), "padding and -100 are tested");

  // The Trainer's own loss on the model's logits, every variable of the token model trainable.
  const loss = makeLoss(model.task(), resolveTrainingArguments({}), { kind: "token", ids: labels });
  const names = new Map([...model.namedVariables()].map(([k, v]) => [v.name, k]));
  const variables = [...body.trainableVariables(), ...model.headVariables()];
  const { value, grads } = tf.variableGrads(
    () => loss(model.forward(WORDS), { kind: "token", ids: labels }),
    variables,
  );
  close(value.dataSync()[0], golden.loss, "loss");
  const byName = new Map(
    Object.entries(grads).map(([id, g]) => [names.get(id)!.replace(/^body\./, ""), g]),
  );
  assertEquals([...byName.keys()].sort(), Object.keys(golden.grads).sort());
  for (const [name, want] of Object.entries(golden.grads)) {
    const g = byName.get(name)!.dataSync();
    let sum = 0, sq = 0, probe = 0;
    for (let k = 0; k < g.length; k++) {
      sum += g[k];
      sq += g[k] * g[k];
      probe += g[k] * Math.sin(0.1 * k + 1);
    }
    close(sum, want.sum, `${name}: sum`);
    close(Math.sqrt(sq), want.norm, `${name}: norm`);
    close(probe, want.probe, `${name}: probe`);
    want.indices.forEach((k, j) => close(g[k], want.values[j], `${name}[${k}]`));
  }
  tf.dispose([value, grads] as tf.TensorContainer);
  model.dispose();
  use.dispose();
});
