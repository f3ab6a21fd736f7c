/**
 * The tour's row: the chapter's epigraph. "My classifier achieves 99% accuracy. Unfortunately,
 * 99% of my data belongs to one class." A classifier that always answers the majority class
 * scores exactly the majority's share, and finds none of the minority.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { ReproRow } from "./types.ts";

/** Accuracy and minority recall of the majority-class predictor on 990 vs 10 examples. */
export function majorityBaseline(): { accuracy: number; minorityRecall: number } {
  return tf.tidy(() => {
    const labels = tf.concat([tf.zeros([990], "int32"), tf.ones([10], "int32")]);
    const predictions = tf.zerosLike(labels);
    const correct = tf.equal(labels, predictions);
    const accuracy = correct.mean().dataSync()[0];
    const minority = tf.equal(labels, 1);
    const found = tf.logicalAnd(minority, correct).sum().dataSync()[0];
    return { accuracy, minorityRecall: found / minority.sum().dataSync()[0] };
  });
}

/** The epigraph's numbers, on whatever tfjs backend is in use. */
export function rows(): Promise<ReproRow[]> {
  const { accuracy, minorityRecall } = majorityBaseline();
  return Promise.resolve([
    {
      part: "16.6 epigraph",
      example: "always predict the majority class, 99:1 data",
      chapter: "accuracy 99%",
      kit: `accuracy ${(accuracy * 100).toFixed(0)}%, minority recall ${minorityRecall}`,
      agrees: Math.abs(accuracy - 0.99) < 1e-6 && minorityRecall === 0,
    },
  ]);
}
