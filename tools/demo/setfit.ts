/**
 * 16.6.4b SetFit rows: the worked example "How 8 Examples Become Thousands of Training Pairs"
 * (its unique pair counts, and its num_iterations = 20 figure, an erratum) and Code Fragment
 * 16.6.4a, the minimal SetFit run, on the embedded USE-lite — with SetFit's default cosine loss
 * and with the chapter's margin contrastive loss (m = 0.5), same seed.
 * @module
 */
import { fromDict } from "../../lib/data/dataset.ts";
import { generatePairs, SetFitModel, SetFitTrainer, uniquePairs } from "../../lib/setfit/mod.ts";
import type { ReproRow } from "./types.ts";

/** K = 8 examples in each of 3 classes. */
const CHAPTER_LABELS = Array.from({ length: 24 }, (_, i) => Math.floor(i / 8));

/**
 * Code Fragment 16.6.4a on USE-lite: its prediction for "the staff were wonderful", and the
 * last stage-1 loss. `loss: "contrastive"` is the chapter's margin loss (m = 0.5, Euclidean).
 */
export async function minimalExample(
  loss: "cosineSimilarity" | "contrastive" = "cosineSimilarity",
): Promise<{ label: number; lastLoss: number }> {
  const model = await SetFitModel.fromPretrained("use-lite");
  try {
    const trainer = new SetFitTrainer({
      model,
      trainDataset: fromDict({
        text: ["loved the support", "worst flight ever", "fast and friendly", "lost my luggage"],
        label: [1, 0, 1, 0],
      }),
      numIterations: 20,
      loss,
      margin: 0.5,
      seed: 42,
      progress: false,
    });
    const out = await trainer.train();
    const [label] = await model.predict(["the staff were wonderful"]);
    return { label: label as number, lastLoss: out.contrastive!.losses.at(-1)! };
  } finally {
    model.dispose();
  }
}

/** The worked example's pair counts and the minimal example's prediction. */
export async function rows(): Promise<ReproRow[]> {
  const { positive, negative } = uniquePairs(CHAPTER_LABELS);
  const perEpoch = generatePairs(CHAPTER_LABELS, { numIterations: 20 }).length;
  const cosine = await minimalExample("cosineSimilarity");
  const margin = await minimalExample("contrastive");
  return [
    {
      part: "16.6.4b",
      example: "unique pairs, K = 8 per class, 3 classes",
      chapter: "84 positive, 192 negative",
      kit: `${positive.length} positive, ${negative.length} negative`,
      agrees: positive.length === 84 && negative.length === 192,
    },
    {
      part: "16.6.4b",
      example: "training pairs with num_iterations = 20, 24 examples",
      chapter: "about 5,500",
      kit: perEpoch.toLocaleString("en-US"),
      agrees: "erratum",
      note: "num_iterations = N draws N positive and N negative pairs per example: " +
        "2 · 20 · 24 = 960 pairs per epoch (SetFit's docs and code). The chapter multiplies " +
        "the 276 unique pairs by 20 instead.",
    },
    {
      part: "16.6.4b",
      example: 'Code Fragment 16.6.4a, predict "the staff were wonderful"',
      chapter: "tensor([1])",
      kit: `[${cosine.label}]`,
      agrees: cosine.label === 1,
      note: "USE-lite body instead of all-MiniLM-L6-v2",
    },
    {
      part: "16.6.4b",
      example: "the same run with the chapter's margin loss, m = 0.5 (Euclidean), same seed",
      chapter: "y·d² + (1 − y)·max(0, m − d)²",
      kit: `[${margin.label}]; last stage-1 loss ${margin.lastLoss.toFixed(4)} ` +
        `(cosine loss run: ${cosine.lastLoss.toFixed(4)})`,
      agrees: margin.label === 1,
      note: "contrastiveLoss matches PyTorch (tests/golden/setfit/); notebook 16_6_4b compares " +
        "both losses on kit/sentiment, 8 per class",
    },
  ];
}
