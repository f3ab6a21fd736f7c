/**
 * 16.6.5 (handling class imbalance): the class weights of Code Fragment 16.6.6a (an erratum),
 * the focal loss of Exercise 14.6.2's answer sketch against the kit's `focalLoss`, and Table
 * 16.6.1c's synthetic-data row as a seeded augmentation baseline (the chapter's LLM-generated
 * data needs a generator model, out of reach offline), compared on SMS spam at 1 % spam.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { loadDataset } from "../../lib/data/load.ts";
import { type SingleLabelDataset, withInputs } from "../../lib/data/dataset.ts";
import { loadUseLite } from "../../lib/encoders/use_lite/mod.ts";
import { featureBody } from "../../lib/encoders/body.ts";
import { augmentMinority, loadSynonyms } from "../../lib/imbalance/augment.ts";
import { computeClassWeights } from "../../lib/imbalance/class_weights.ts";
import { subsampleMinority } from "../../lib/imbalance/minority_share.ts";
import { crossEntropyLoss, focalLoss } from "../../lib/losses.ts";
import { f1Score } from "../../lib/metrics/mod.ts";
import { fitPredict } from "../../lib/train/fit_predict.ts";
import { argmax } from "../../lib/train/predict.ts";
import type { TrainingArguments } from "../../lib/train/training_args.ts";
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

/**
 * Spam F1 at `share` spam (seed 0, the notebook's 300 steps of 32): cross-entropy, oversampling,
 * and cross-entropy on the training rows plus 10 augmented copies of each spam message. SMS
 * spam from the data directory, else kit/fraud (at 1 %, its natural share).
 */
export async function augmentationBaseline(share = 0.01, seed = 0): Promise<{
  data: string;
  minority: number;
  added: number;
  example: [string, string];
  f1: Record<"cross-entropy" | "oversampling" | "augmentation", number>;
}> {
  let train: SingleLabelDataset, test: SingleLabelDataset;
  try {
    [train, test] = await Promise.all(
      ["train", "test"].map((split) => loadDataset("sms_spam", { split, source: "local" })),
    );
  } catch {
    [train, test] = await Promise.all(
      ["train", "test"].map((split) => loadDataset("kit/fraud", { split })),
    );
  }
  const rows = subsampleMinority(train.labels, share, { minority: 1, seed });
  const texts = rows.map((i) => train.inputs[i]);
  const labels = rows.map((i) => train.labels[i]);
  const extra = augmentMinority(texts, labels, {
    minority: 1,
    copies: 10,
    seed,
    synonyms: await loadSynonyms(),
  });
  const use = await loadUseLite();
  const embed = (t: string[]) => use.embed(t, { progress: false });
  const [trainX, extraX, testX] = [
    await embed(texts),
    await embed(extra.inputs),
    await embed(test.inputs),
  ];
  const body = featureBody({ name: use.name, hiddenSize: use.hiddenSize });
  const run = async (inputs: Float32Array[], y: number[], args: TrainingArguments) => {
    const { logits } = await fitPredict({
      body,
      task: { labels: train.labelNames },
      train: { inputs, labels: y },
      predict: [withInputs(test, testX)],
      args: {
        maxSteps: 300,
        perDeviceTrainBatchSize: 32,
        learningRate: 1e-2,
        disableTqdm: true,
        ...args,
      },
      seed,
    });
    return f1Score(test.labels, argmax(logits[0]), { posLabel: 1, zeroDivision: 0 });
  };
  const firstSpam = labels.indexOf(1);
  return {
    data: train.name,
    minority: labels.filter((y) => y === 1).length,
    added: extra.inputs.length,
    example: [texts[firstSpam], extra.inputs[0]],
    f1: {
      "cross-entropy": await run(trainX, labels, {}),
      oversampling: await run(trainX, labels, { sampler: "oversample" }),
      augmentation: await run([...trainX, ...extraX], [...labels, ...extra.labels], {}),
    },
  };
}

/** The section's worked examples. */
export async function rows(): Promise<ReproRow[]> {
  const w = chapterWeights();
  const f = sketchFocal();
  const a = await augmentationBaseline();
  const f1 = (x: number) => (x * 100).toFixed(1);
  return [
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
    {
      part: "16.6.5",
      example: `Table 16.6.1c synthetic data: ${a.data} at 1 % minority (${a.minority} ` +
        `examples, + ${a.added} augmented), minority F1, seed 0`,
      chapter: "generate additional minority examples with LLMs",
      kit: `cross-entropy ${f1(a.f1["cross-entropy"])}, oversampling ` +
        `${f1(a.f1.oversampling)}, augmentation ${f1(a.f1.augmentation)}`,
      agrees: a.f1.augmentation > a.f1["cross-entropy"],
      note: "an LLM generator is out of reach offline: the kit's stand-in is seeded word " +
        "dropout + synonym swap (augmentMinority, data/augment/synonyms.tsv), e.g. " +
        `${JSON.stringify(a.example[0].slice(0, 60))} → ${
          JSON.stringify(a.example[1].slice(0, 60))
        }` +
        "; notebook 16_6_5 compares it over seeds and shares",
    },
  ];
}
