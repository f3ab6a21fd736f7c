/**
 * # The classification head and what to freeze (Exercise 14.6.1, made concrete)
 *
 * A classification head maps the encoder's pooled vector (size `hiddenSize`) to one logit per
 * label: dropout + Linear, or an MLP (Linear → activation → … → Linear) when `hiddenSizes`
 * lists hidden layer widths. Every Linear(in, out) has in·out weights and out biases.
 *
 * 1. `headParameters(hiddenSize, numLabels, hiddenSizes = [])`: the head's parameter count.
 *    `headParameters(768, 2)` = 1538; `headParameters(768, 3, [256])` = 197 635.
 *    (The kit's own head, `createClassifier` in lib/heads/model.ts, must agree with you: you
 *    may build it and read `parameterCounts()`.)
 *
 * 2. `parameterCounts(encoder, head, freeze)` → `{ trainable, frozen, total }` for a model of
 *    `encoder = { embeddings, layers: number[], pooler }` (parameter counts of the embedding
 *    block, each transformer layer from the bottom up, and the pooler) plus the head
 *    `{ hiddenSize, numLabels, hiddenSizes? }`. The head is always trainable. `freeze`:
 *    - `"none"`: everything trains (full fine-tuning);
 *    - `"encoder"`: embeddings, all layers and the pooler are frozen (only the head trains);
 *    - a number k: embeddings and the lowest k layers are frozen; the upper layers, the pooler
 *      and the head train. k must be an integer in [0, layers.length] — otherwise an error
 *      whose message names `freeze`.
 *
 * Example (BERT-base: embeddings 23 837 184, 12 layers of 7 087 872, pooler 590 592) with a
 * 2-label linear head: `"encoder"` → trainable 1538, frozen 109 482 240.
 *
 * Self-check: `deno test exercises/head_freezing/`.
 * @module
 */
import { NotImplementedError } from "../../lib/grade/spec.ts";

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
  _hiddenSize: number,
  _numLabels: number,
  _hiddenSizes: number[] = [],
): number {
  throw new NotImplementedError("head_freezing: headParameters");
}

/** Trainable, frozen and total parameters under a freezing choice. */
export function parameterCounts(
  _encoder: EncoderSizes,
  _head: HeadShape,
  _freeze: "none" | "encoder" | number,
): { trainable: number; frozen: number; total: number } {
  throw new NotImplementedError("head_freezing: parameterCounts");
}
