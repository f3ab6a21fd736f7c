/**
 * 16.6.5 (handling class imbalance): the class weights of Code Fragment 16.6.6a (an erratum)
 * and the focal loss of Exercise 14.6.2's answer sketch against the kit's `focalLoss`.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { computeClassWeights } from "../../lib/imbalance/class_weights.ts";
import { crossEntropyLoss, focalLoss } from "../../lib/losses.ts";
import type { ReproRow } from "./types.ts";

/** `"sqrt_inverse"` weights of the fragment's 9000 / 800 / 200 labels, to 2 decimals. */
export function chapterWeights(): string[] {
  const labels = [...Array(9000).fill(0), ...Array(800).fill(1), ...Array(200).fill(2)];
  return computeClassWeights(labels, "sqrt_inverse").map((w) => w.toFixed(2));
}

/**
 * The answer sketch's focal loss, `ce = cross_entropy(reduction='none'); pt = exp(-ce);
 * ((1 - pt) ** gamma * ce).mean()`, written with the kit's cross-entropy, and the kit's
 * `focalLoss`, on the same logits.
 */
export function sketchFocal(): { sketch: number; kit: number } {
  return tf.tidy(() => {
    const logits = tf.tensor2d([[2, 0.5, -1], [0.1, 0.2, 0.3], [-1, 3, 0], [1, 1, 1]]);
    const targets = [0, 2, 0, 1];
    const ce = crossEntropyLoss(logits, targets, { reduction: "none" });
    const pt = tf.exp(tf.neg(ce));
    const sketch = tf.mean(tf.mul(tf.pow(tf.sub(1, pt), 2), ce)).dataSync()[0];
    const kit = focalLoss(logits, targets, { gamma: 2 }).dataSync()[0];
    return { sketch, kit };
  });
}

/** The section's worked examples. */
export function rows(): Promise<ReproRow[]> {
  const w = chapterWeights();
  const f = sketchFocal();
  return Promise.resolve([
    {
      part: "16.6.5",
      example: "sqrt_inverse class weights, 9000/800/200",
      chapter: "[0.58, 1.23, 2.46]",
      kit: `[${w.join(", ")}]`,
      agrees: "erratum",
      note: "the fragment's code gives the kit's numbers (sqrt of n / (K · count)); no strategy " +
        "gives the printed ones, and as printed it returns nothing for sqrt_inverse",
    },
    {
      part: "Ex. 14.6.2",
      example: "focal loss (γ = 2) of the answer sketch, 4 examples",
      chapter: "((1 - pt)**γ * ce).mean()",
      kit: `sketch ${f.sketch.toFixed(6)}, focalLoss ${f.kit.toFixed(6)}`,
      agrees: Math.abs(f.sketch - f.kit) < 1e-6,
    },
  ]);
}
