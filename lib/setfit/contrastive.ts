/**
 * SetFit's first stage: fine-tune a sentence encoder (the body) on contrastive pairs, as
 * sentence-transformers' `fit` does it for SetFit: shuffled batches of pairs each epoch, AdamW
 * (weight decay 0.01), linear warmup over the first 10 % of steps then linear decay, gradients
 * clipped to global norm 1. Each step is the Trainer's `trainingStep` (lib/train/step.ts), so a
 * non-finite loss stops training here as it does there.
 * @module
 */
import * as tf from "@tensorflow/tfjs";
import type { Body } from "../encoders/body.ts";
import { ArgumentError } from "../errors.ts";
import { progress as progressBar } from "../progress.ts";
import { Random } from "../random.ts";
import { AdamW } from "../train/optimizer.ts";
import { getLinearScheduleWithWarmup } from "../train/schedule.ts";
import { trainingStep } from "../train/step.ts";
import { contrastiveLoss, cosineSimilarityLoss, type DistanceMetric } from "./losses.ts";
import type { ContrastivePair } from "./pairs.ts";

/** SetFit's two losses: sentence-transformers' `CosineSimilarityLoss`, or the chapter's margin loss. */
export type ContrastiveLossName = "cosineSimilarity" | "contrastive";

/** Options of {@linkcode trainContrastive}, SetFit's names and defaults. */
export interface ContrastiveTrainingOptions {
  /** Passes over the pairs (default 1). */
  numEpochs?: number;
  /** Pairs per step (default 16). */
  batchSize?: number;
  /** Peak learning rate of the body (default 2e-5, SetFit's `body_learning_rate`). */
  learningRate?: number;
  /** AdamW's decoupled weight decay (default 0.01). */
  weightDecay?: number;
  /** Share of the steps with a linear warmup (default 0.1). */
  warmupProportion?: number;
  /** Global gradient-norm clip (default 1; 0 turns clipping off, as in the Trainer). */
  maxGradNorm?: number;
  /** `"cosineSimilarity"` (default) or `"contrastive"`. */
  loss?: ContrastiveLossName;
  /** Margin of the contrastive loss (default 0.5). */
  margin?: number;
  /** Distance of the contrastive loss (default `"euclidean"`). */
  distanceMetric?: DistanceMetric;
  /** Stop after this many steps (default: all epochs). */
  maxSteps?: number;
  /** Seed of the batch order (default 42). */
  seed?: number;
  /** Show a progress bar (default `true`). */
  progress?: boolean;
}

/** What {@linkcode trainContrastive} returns. */
export interface ContrastiveTrainingResult {
  /** Optimizer steps taken. */
  steps: number;
  /** The loss of every step. */
  losses: number[];
  /** Wall time in seconds. */
  runtimeS: number;
}

/**
 * Fine-tunes `body`'s trainable variables so that embeddings of positive pairs of `texts` come
 * together and those of negative pairs move apart. Each step embeds the batch's distinct texts
 * once. Resolves when done; the body's variables hold the new weights.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { TrainableUseLite } from "../encoders/use_lite/mod.ts";
 * import { generatePairs } from "./pairs.ts";
 * import { trainContrastive } from "./contrastive.ts";
 * const body = await TrainableUseLite.load({ freeze: ["embeddings", "layer0", "layer1"] });
 * const texts = ["great", "lovely", "awful", "terrible"];
 * const pairs = generatePairs([1, 1, 0, 0], { strategy: "unique" });
 * const out = await trainContrastive(body, texts, pairs, { batchSize: 6, progress: false });
 * assertEquals(out.steps, 1);
 * body.dispose();
 * ```
 */
export async function trainContrastive(
  body: Body<string>,
  texts: readonly string[],
  pairs: readonly ContrastivePair[],
  options: ContrastiveTrainingOptions = {},
): Promise<ContrastiveTrainingResult> {
  const {
    numEpochs = 1,
    batchSize = 16,
    learningRate = 2e-5,
    weightDecay = 0.01,
    warmupProportion = 0.1,
    maxGradNorm = 1,
    loss = "cosineSimilarity",
    margin = 0.5,
    distanceMetric = "euclidean",
    maxSteps,
    seed = 42,
    progress = true,
  } = options;
  positiveInteger("numEpochs", numEpochs, 1);
  positiveInteger("batchSize", batchSize, 16);
  if (maxSteps !== undefined) positiveInteger("maxSteps", maxSteps, 100);
  if (!(warmupProportion >= 0 && warmupProportion <= 1)) {
    throw new ArgumentError(
      "warmupProportion",
      warmupProportion,
      "is not in [0, 1]",
      "use the share of steps that warm up, e.g. 0.1",
    );
  }
  // trainingStep skips clipping unless maxGradNorm > 0: a negative or NaN value would
  // silently train unclipped.
  if (!(maxGradNorm >= 0)) {
    throw new ArgumentError(
      "maxGradNorm",
      maxGradNorm,
      "is not a number >= 0",
      "use e.g. 1 (the default), or 0 to turn clipping off",
    );
  }
  if (loss !== "cosineSimilarity" && loss !== "contrastive") {
    throw new ArgumentError(
      "loss",
      loss,
      "is not a contrastive loss",
      'use "cosineSimilarity" or "contrastive"',
    );
  }
  if (pairs.length === 0) {
    throw new ArgumentError(
      "pairs",
      pairs,
      "is empty: nothing to train on",
      "generate pairs from the labels with generatePairs",
    );
  }
  pairs.forEach((pair, k) => {
    if (!(texts[pair.i] !== undefined && texts[pair.j] !== undefined)) {
      throw new ArgumentError(
        `pairs[${k}]`,
        pair,
        `points outside the ${texts.length} texts`,
        "give indices i and j of texts",
      );
    }
  });
  const variables = body.trainableVariables();
  if (variables.length === 0) {
    throw new ArgumentError(
      "body.trainableVariables()",
      variables,
      `is empty: the body ${body.name} has nothing to train`,
      "unfreeze some part first",
    );
  }

  const perEpoch = Math.ceil(pairs.length / batchSize);
  const total = Math.min(maxSteps ?? Infinity, perEpoch * numEpochs);
  const optimizer = new AdamW(variables, { lr: learningRate, weightDecay });
  const scheduler = getLinearScheduleWithWarmup(
    optimizer,
    Math.ceil(total * warmupProportion),
    total,
  );
  const pairLoss: PairLoss = (u, v, y) =>
    loss === "cosineSimilarity"
      ? cosineSimilarityLoss(u, v, y)
      : contrastiveLoss(u, v, y, { margin, distanceMetric });
  const rng = new Random(seed);
  const bar = progress ? progressBar(total, { label: "contrastive steps" }) : undefined;
  const losses: number[] = [];
  const start = performance.now();
  try {
    for (let epoch = 0; epoch < numEpochs && losses.length < total; epoch++) {
      const order = rng.permutation(pairs.length);
      for (let b = 0; b < order.length && losses.length < total; b += batchSize) {
        const batch = order.slice(b, b + batchSize).map((k) => pairs[k]);
        const { loss: value } = trainingStep(
          batchLoss(body, texts, batch, pairLoss),
          variables,
          optimizer,
          scheduler,
          { step: losses.length, epoch },
          { maxGradNorm, learningRate },
        );
        losses.push(value);
        bar?.tick();
        // Let the event loop draw the progress bar and keep a notebook responsive.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
  } finally {
    optimizer.dispose();
    await bar?.done();
  }
  return { steps: losses.length, losses, runtimeS: (performance.now() - start) / 1000 };
}

type PairLoss = (u: tf.Tensor2D, v: tf.Tensor2D, y: number[]) => tf.Scalar;

/** The loss of a batch of pairs, each distinct text embedded once. */
function batchLoss(
  body: Body<string>,
  texts: readonly string[],
  batch: ContrastivePair[],
  lossFn: PairLoss,
): () => tf.Scalar {
  const distinct = [...new Set(batch.flatMap((p) => [p.i, p.j]))];
  const row = new Map(distinct.map((k, r) => [k, r]));
  const y = batch.map((p) => p.label);
  // Called inside the gradient tape, which disposes the index tensors with the rest.
  return () => {
    const emb = body.forward(distinct.map((k) => texts[k])) as tf.Tensor2D;
    const rows = (side: "i" | "j") => tf.tensor1d(batch.map((p) => row.get(p[side])!), "int32");
    return lossFn(tf.gather(emb, rows("i")), tf.gather(emb, rows("j")), y);
  };
}

function positiveInteger(name: string, v: number, example: number): void {
  if (!(Number.isInteger(v) && v > 0)) {
    throw new ArgumentError(name, v, "is not a positive integer", `use e.g. ${example}`);
  }
}
