/**
 * Section 16.6.1 and Exercise 14.6.1: the pooled → dropout → linear head, its size on BERT-base
 * (the chapter's figure: a 768-d [CLS] state and 3 labels) and what trains under each freezing
 * choice on the kit's embedded encoder, USE-lite.
 * @module
 */
import { ClassificationHead } from "../../lib/heads/classification_head.ts";
import { createClassifier } from "../../lib/heads/model.ts";
import { TrainableUseLite, type UseLitePart } from "../../lib/encoders/use_lite/mod.ts";
import type { ParameterCounts } from "../../lib/heads/model.ts";
import { Random } from "../../lib/random.ts";
import type { ReproRow } from "./types.ts";

/** Parameters of a plain linear head on `hiddenSize`-d vectors with `numLabels` logits. */
export function headParameters(hiddenSize: number, numLabels: number): number {
  const head = new ClassificationHead({ hiddenSize, numLabels }, new Random(0));
  const n = head.numParameters();
  head.dispose();
  return n;
}

/** Exercise 14.6.1's freezing choices, from the head alone to the whole model, top down. */
export const FREEZING_CHOICES: { name: string; trainable: UseLitePart[] }[] = [
  { name: "head only", trainable: [] },
  { name: "+ pooler", trainable: ["pooler"] },
  { name: "+ layer1", trainable: ["pooler", "layer1"] },
  { name: "+ layer0", trainable: ["pooler", "layer1", "layer0"] },
  { name: "all (+ embeddings)", trainable: ["pooler", "layer1", "layer0", "embeddings"] },
];

/** Trainable / frozen counts of USE-lite + a `numLabels` head under each freezing choice. */
export async function freezingCounts(
  numLabels: number,
): Promise<{ name: string; counts: ParameterCounts }[]> {
  const body = await TrainableUseLite.load();
  const labels = Array.from({ length: numLabels }, (_, i) => `label${i}`);
  const model = createClassifier(body, { labels });
  try {
    return FREEZING_CHOICES.map(({ name, trainable }) => {
      body.freeze("embeddings", "layer0", "layer1", "pooler");
      body.unfreeze(...trainable);
      return { name, counts: model.parameterCounts() };
    });
  } finally {
    model.dispose();
    body.dispose();
  }
}

const int = (n: number) => n.toLocaleString("en-US");

/** The head's size on BERT-base and the freezing choices on USE-lite. */
export async function rows(): Promise<ReproRow[]> {
  const bert = headParameters(768, 3);
  const choices = await freezingCounts(3);
  const head = headParameters(512, 3);
  const [headOnly, all] = [choices[0].counts, choices.at(-1)!.counts];
  return [
    {
      part: "16.6.1",
      example: "linear head on BERT-base's 768-d [CLS], num_labels=3",
      chapter: "768-d [CLS] -> 3 logits",
      kit: `${int(bert)} parameters`,
      agrees: bert === 768 * 3 + 3,
      note: "the chapter gives the sizes (hidden 768, 3 labels); the count is weights plus biases",
    },
    {
      part: "Ex. 14.6.1",
      example: "frozen encoder: only the head trains (USE-lite, 3 labels)",
      chapter: "head always trainable",
      kit: `trainable ${int(headOnly.trainable)} of ${int(headOnly.total)}`,
      agrees: headOnly.trainable === head && headOnly.total === all.total,
    },
    {
      part: "Ex. 14.6.1",
      example: "fully trainable: encoder and head (USE-lite, 3 labels)",
      chapter: "all layers fine-tune",
      kit: `trainable ${int(all.trainable)} of ${int(all.total)}`,
      agrees: all.frozen === 0 && all.trainable === all.total,
      note: choices.map((c) => `${c.name}: ${int(c.counts.trainable)}`).join("; "),
    },
  ];
}
