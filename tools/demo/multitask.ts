/**
 * Exercise 14.6.4 (multi-task fine-tuning): the answer sketch's two heads on one body, their
 * sizes on BERT-base and on the kit's encoder with the kit's two tasks, and what summing the task
 * losses does to a head's gradient when the shared body is frozen.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { featureBody } from "../../lib/encoders/body.ts";
import { createMultiTaskModel } from "../../lib/heads/model.ts";
import { KIT_LABELS } from "../../lib/data/registry.ts";
import { crossEntropyLoss } from "../../lib/losses.ts";
import { Random } from "../../lib/random.ts";
import type { ReproRow } from "./types.ts";

/** Parameters of each head of a two-task model with `labels[task]` labels on `hiddenSize`. */
export function multiTaskHeadSizes(
  hiddenSize: number,
  labels: Record<string, readonly string[]>,
): Record<string, number> {
  const tasks = Object.fromEntries(Object.entries(labels).map(([t, l]) => [t, { labels: [...l] }]));
  const model = createMultiTaskModel(featureBody({ name: "sizes", hiddenSize }), tasks);
  try {
    return Object.fromEntries(model.tasks.map((t) => [t, model.task(t).head.numParameters()]));
  } finally {
    model.dispose();
  }
}

/**
 * Largest difference between the sentiment head's gradient of `sentiment_loss + topic_loss` and
 * of `sentiment_loss` alone, on one seeded batch per task over a frozen 8-d body.
 */
export function sumVersusAloneGradient(): number {
  const rng = new Random(3);
  const batch = (n: number, numLabels: number) => ({
    inputs: Array.from(
      { length: n },
      () => Float32Array.from({ length: 8 }, () => rng.random() * 2 - 1),
    ),
    labels: Array.from({ length: n }, () => rng.randInt(numLabels)),
  });
  const model = createMultiTaskModel(featureBody({ name: "toy", hiddenSize: 8 }), {
    sentiment: { labels: ["negative", "neutral", "positive"] },
    topic: { labels: Array.from({ length: 10 }, (_, i) => `topic${i}`) },
  });
  const s = batch(6, 3);
  const t = batch(6, 10);
  const loss = (task: string, b: { inputs: Float32Array[]; labels: number[] }) =>
    crossEntropyLoss(model.forward(b.inputs, { task }), b.labels);
  const vars = model.headVariables("sentiment");
  const summed = tf.variableGrads(
    () => tf.add(loss("sentiment", s), loss("topic", t)) as tf.Scalar,
    vars,
  );
  const alone = tf.variableGrads(() => loss("sentiment", s) as tf.Scalar, vars);
  const diff = Math.max(
    ...vars.map((v) =>
      tf.tidy(() => tf.abs(tf.sub(summed.grads[v.name], alone.grads[v.name])).max().dataSync()[0])
    ),
  );
  tf.dispose([summed.value, alone.value, summed.grads, alone.grads]);
  model.dispose();
  return diff;
}

const int = (n: number) => n.toLocaleString("en-US");

/** Head sizes on BERT-base and USE-lite, and the summed loss's gradient on one head. */
export function rows(): Promise<ReproRow[]> {
  const topics = Array.from({ length: 10 }, (_, i) => `topic${i}`);
  const bert = multiTaskHeadSizes(768, { sentiment: ["neg", "neu", "pos"], topic: topics });
  const kit = multiTaskHeadSizes(512, {
    sentiment: KIT_LABELS.sentiment,
    intent: KIT_LABELS.intents,
  });
  const diff = sumVersusAloneGradient();
  return Promise.resolve([
    {
      part: "Ex. 14.6.4",
      example: "two heads on BERT-base's 768-d [CLS]: sentiment (3) and topic (10)",
      chapter: "nn.Linear(hidden, 3), nn.Linear(hidden, 10)",
      kit: `${int(bert.sentiment)} + ${int(bert.topic)} parameters`,
      agrees: bert.sentiment === 768 * 3 + 3 && bert.topic === 768 * 10 + 10,
      note: "the chapter gives the shapes; the counts are weights plus biases",
    },
    {
      part: "Ex. 14.6.4",
      example: "the kit's two heads on USE-lite's 512-d vector: kit/sentiment, kit/intents",
      chapter: "one head per task on a shared body",
      kit: `${int(kit.sentiment)} + ${int(kit.intent)} parameters`,
      agrees: kit.sentiment === 512 * 3 + 3 && kit.intent === 512 * 8 + 8,
      note: "512 x 3 + 3 and 512 x 8 + 8; notebook 16_6_multitask trains them",
    },
    {
      part: "Ex. 14.6.4",
      example: "loss = sentiment_loss + topic_loss: gradient on the sentiment head (frozen body)",
      chapter: "sum the losses (or alternate batches)",
      kit: `max |grad(sum) - grad(sentiment)| = ${diff}`,
      agrees: diff === 0,
      note: "the topic loss never reaches the sentiment head: only a trainable shared body " +
        "sees both tasks, so with a frozen body sum and alternation train the same heads",
    },
  ]);
}
