/**
 * 16.6.4b SetFit rows: the worked example "How 8 Examples Become Thousands of Training Pairs"
 * (its unique pair counts, and its num_iterations = 20 figure, an erratum) and Code Fragment
 * 16.6.4a, the minimal SetFit run, on the embedded USE-lite.
 * @module
 */
import { generatePairs, SetFitModel, SetFitTrainer, uniquePairs } from "../../lib/setfit/mod.ts";
import type { ReproRow } from "./types.ts";

/** K = 8 examples in each of 3 classes. */
const CHAPTER_LABELS = Array.from({ length: 24 }, (_, i) => Math.floor(i / 8));

/** Code Fragment 16.6.4a on USE-lite: its prediction for "the staff were wonderful". */
export async function minimalExample(): Promise<number> {
  const model = await SetFitModel.fromPretrained("use-lite");
  try {
    const trainer = new SetFitTrainer({
      model,
      trainDataset: {
        text: ["loved the support", "worst flight ever", "fast and friendly", "lost my luggage"],
        label: [1, 0, 1, 0],
      },
      numIterations: 20,
      progress: false,
    });
    await trainer.train();
    const [label] = await model.predict(["the staff were wonderful"]);
    return label as number;
  } finally {
    model.dispose();
  }
}

/** The worked example's pair counts and the minimal example's prediction. */
export async function rows(): Promise<ReproRow[]> {
  const { positive, negative } = uniquePairs(CHAPTER_LABELS);
  const perEpoch = generatePairs(CHAPTER_LABELS, { numIterations: 20 }).length;
  const predicted = await minimalExample();
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
      kit: `[${predicted}]`,
      agrees: predicted === 1,
      note: "USE-lite body instead of all-MiniLM-L6-v2",
    },
  ];
}
