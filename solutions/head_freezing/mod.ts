/**
 * Reference solution of exercises/head_freezing.
 * @module
 */

/** Parameter counts of the encoder's parts. */
export interface EncoderSizes {
  embeddings: number;
  layers: number[];
  pooler: number;
}

/** The head's shape. */
export interface HeadShape {
  hiddenSize: number;
  numLabels: number;
  hiddenSizes?: number[];
}

/** Parameters of a dropout + Linear / MLP head. */
export function headParameters(
  hiddenSize: number,
  numLabels: number,
  hiddenSizes: number[] = [],
): number {
  const widths = [hiddenSize, ...hiddenSizes, numLabels];
  let n = 0;
  for (let i = 1; i < widths.length; i++) n += widths[i - 1] * widths[i] + widths[i];
  return n;
}

/** Trainable, frozen and total parameters under a freezing choice. */
export function parameterCounts(
  encoder: EncoderSizes,
  head: HeadShape,
  freeze: "none" | "encoder" | number,
): { trainable: number; frozen: number; total: number } {
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  const encoderTotal = encoder.embeddings + sum(encoder.layers) + encoder.pooler;
  const headTotal = headParameters(head.hiddenSize, head.numLabels, head.hiddenSizes);
  let frozen: number;
  if (freeze === "none") frozen = 0;
  else if (freeze === "encoder") frozen = encoderTotal;
  else if (Number.isInteger(freeze) && freeze >= 0 && freeze <= encoder.layers.length) {
    frozen = encoder.embeddings + sum(encoder.layers.slice(0, freeze));
  } else {
    throw new Error(
      `freeze must be "none", "encoder" or 0…${encoder.layers.length}, got ${freeze}`,
    );
  }
  const total = encoderTotal + headTotal;
  return { trainable: total - frozen, frozen, total };
}
