/**
 * Exercise 14.6.5 (evaluation beyond accuracy): the answer sketch's example — when 90 % of the
 * examples are "neutral", always predicting "neutral" scores 90 % accuracy — with the numbers
 * that expose it; its item (4), calibration, with temperature scaling (Guo et al. 2017) on a
 * head trained on kit/intents; and self-checks Q1 (softmax or sigmoid) and Q5 (a 95/5 split).
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import { withInputs } from "../../lib/data/dataset.ts";
import { loadDataset } from "../../lib/data/load.ts";
import { loadUseLite } from "../../lib/encoders/use_lite/mod.ts";
import { featureBody } from "../../lib/encoders/body.ts";
import { createClassifier } from "../../lib/heads/model.ts";
import {
  accuracyScore,
  expectedCalibrationError,
  f1Score,
  fitTemperature,
  recallScore,
  temperatureScale,
} from "../../lib/metrics/mod.ts";
import { argmax } from "../../lib/train/predict.ts";
import { Trainer } from "../../lib/train/trainer.ts";
import type { ReproRow } from "./types.ts";

/** Accuracy, macro F1 and minority recall of "always the majority" on `majority`:`minority`. */
export function alwaysMajority(majority = 90, minority = 10): {
  accuracy: number;
  f1Macro: number;
  f1PerClass: number[];
  minorityRecall: number;
} {
  const yTrue = [...Array(majority).fill("neutral"), ...Array(minority).fill("negative")];
  const yPred = yTrue.map(() => "neutral");
  return {
    accuracy: accuracyScore(yTrue, yPred),
    f1Macro: f1Score(yTrue, yPred, { average: "macro", zeroDivision: 0 }),
    f1PerClass: f1Score(yTrue, yPred, {
      average: null,
      labels: ["neutral", "negative"],
      zeroDivision: 0,
    }),
    minorityRecall: recallScore(yTrue, yPred, { average: null, labels: ["negative"] })[0],
  };
}

/** Self-check Q1's logits: a document about two of three topics, scored by one head. */
export const Q1_LOGITS = [2.0, 1.8, -3.0];

/** Q1: the same logits through softmax (single-label) and sigmoid (multi-label). */
export function softmaxVersusSigmoid(logits: number[] = Q1_LOGITS): {
  softmax: number[];
  sigmoid: number[];
} {
  return tf.tidy(() => ({
    softmax: Array.from(tf.softmax(tf.tensor1d(logits)).dataSync()),
    sigmoid: Array.from(tf.sigmoid(tf.tensor1d(logits)).dataSync()),
  }));
}

/** Temperature scaling on kit/intents: a linear head on frozen USE-lite, T fitted on validation. */
export async function temperatureScaling(): Promise<{
  temperature: number;
  eceBefore: number;
  eceAfter: number;
  accuracyBefore: number;
  accuracyAfter: number;
}> {
  const [train, validation, test] = await Promise.all(
    ["train", "validation", "test"].map((split) => loadDataset("kit/intents", { split })),
  );
  const use = await loadUseLite();
  const embed = (texts: string[]) => use.embed(texts, { progress: false });
  const model = createClassifier(featureBody({ name: use.name, hiddenSize: use.hiddenSize }), {
    labels: train.labelNames,
  });
  try {
    const trainer = new Trainer({
      model,
      args: {
        numTrainEpochs: 10,
        perDeviceTrainBatchSize: 32,
        learningRate: 3e-3,
        weightDecay: 0.01,
        warmupRatio: 0.1,
        disableTqdm: true,
      },
      trainDataset: withInputs(train, await embed(train.inputs)),
    });
    await trainer.train();
    const logitsOf = async (texts: string[], labels: number[]) =>
      trainer.predict({ inputs: await embed(texts), labels }).predictions;
    const validationLogits = await logitsOf(validation.inputs, validation.labels);
    const testLogits = await logitsOf(test.inputs, test.labels);
    const temperature = fitTemperature(validationLogits, validation.labels);
    const before = temperatureScale(testLogits, 1);
    const after = temperatureScale(testLogits, temperature);
    return {
      temperature,
      eceBefore: expectedCalibrationError(test.labels, before, { nBins: 10 }),
      eceAfter: expectedCalibrationError(test.labels, after, { nBins: 10 }),
      accuracyBefore: accuracyScore(test.labels, argmax(before)),
      accuracyAfter: accuracyScore(test.labels, argmax(after)),
    };
  } finally {
    model.dispose();
  }
}

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const list = (xs: number[]) => `[${xs.map((x) => x.toFixed(2)).join(", ")}]`;

/** The answer sketch's 90 % accuracy, temperature scaling, and self-checks Q1 and Q5. */
export async function rows(): Promise<ReproRow[]> {
  const r = alwaysMajority();
  const q5 = alwaysMajority(95, 5);
  const q1 = softmaxVersusSigmoid();
  const t = await temperatureScaling();
  return [
    {
      part: "Ex. 14.6.5",
      example: "always 'neutral' on 90% neutral data",
      chapter: "accuracy 90%",
      kit: `accuracy ${pct(r.accuracy)}, macro F1 ${r.f1Macro.toFixed(3)}, ` +
        `negative recall ${r.minorityRecall}`,
      agrees: Math.abs(r.accuracy - 0.9) < 1e-12,
      note: `macro F1 = (F1 neutral ${r.f1PerClass[0].toFixed(3)} + F1 negative ` +
        `${r.f1PerClass[1]}) / 2; notebook 16_6_evaluation adds the per-class report, confusion ` +
        "matrix and calibration of a trained model",
    },
    {
      part: "Ex. 14.6.5",
      example: "(4) calibration: temperature scaling, kit/intents (T fitted on validation)",
      chapter: "does 80% confidence mean 80% correct?",
      kit: `T = ${t.temperature.toFixed(3)}: test ECE ${t.eceBefore.toFixed(4)} → ` +
        `${t.eceAfter.toFixed(4)}, accuracy ${t.accuracyBefore.toFixed(4)} → ` +
        `${t.accuracyAfter.toFixed(4)}`,
      agrees: t.accuracyAfter === t.accuracyBefore && t.eceAfter < t.eceBefore,
      note: "fitTemperature minimises the validation NLL (Guo et al. 2017); dividing logits by " +
        "one T changes no arg-max. Notebook 16_6_evaluation draws the reliability diagrams",
    },
    {
      part: "Self-check Q1",
      example: `one document, logits ${list(Q1_LOGITS)} (topics A and B both present)`,
      chapter: "softmax sums to 1; sigmoid scores each class on its own",
      kit: `softmax ${list(q1.softmax)}; sigmoid ${list(q1.sigmoid)}`,
      agrees: Math.abs(q1.softmax.reduce((a, b) => a + b, 0) - 1) < 1e-6 &&
        q1.softmax.filter((p) => p >= 0.5).length <= 1 &&
        q1.sigmoid.filter((p) => p >= 0.5).length === 2,
      note: "at a 0.5 threshold softmax can pass at most one class, sigmoid passes both",
    },
    {
      part: "Self-check Q5",
      example: "always the majority class on a 95% / 5% split",
      chapter: "95% accuracy, fails the minority",
      kit: `accuracy ${pct(q5.accuracy)}, macro F1 ${q5.f1Macro.toFixed(3)}, ` +
        `minority recall ${q5.minorityRecall}`,
      agrees: Math.abs(q5.accuracy - 0.95) < 1e-12 && q5.minorityRecall === 0,
    },
  ];
}
