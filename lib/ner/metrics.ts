/**
 * Entity-level metrics inside the Trainer's evaluation: the chapter's `compute_ner_metrics`
 * (Code Fragment 16.6.3b) as a `computeMetrics` for token classification.
 * @module
 */
import { argmaxRow } from "../argmax.ts";
import { MetricWarnings } from "../metrics/warnings.ts";
import { entityCounts, f1Score, scoreCounts } from "../seqeval/scores.ts";
import { accuracyScore, tokenF1Score } from "../seqeval/token_scores.ts";
import { IGNORE_INDEX } from "../train/data.ts";
import type { ComputeMetrics } from "../train/trainer.ts";
import { checkLabelList } from "./align.ts";

/** The metrics precisionRecallFscoreSupport warns for (never here: zeroDivision is 0). */
const ALL = ["precision", "recall", "f-score"] as const;

/**
 * The chapter's `compute_ner_metrics` for the kit's `Trainer`: argmax of every token's logits,
 * the -100 positions dropped from both the gold and the predicted rows, and seqeval on what is
 * left. Returns `precision`, `recall`, `f1` (entity level, seqeval's default lenient mode),
 * `f1_strict` (strict IOB2), `token_f1` (micro F1 over the tags without O), `accuracy` (tag
 * accuracy) and `<TYPE>_f1` per entity type; the Trainer prefixes `eval_`.
 *
 * What is scored is one tag per *labelled token*: with `alignLabels`' `"first"` strategy that is
 * one per word, exactly the word-level tags; with `"all"` continuation pieces keep their I- labels
 * and are scored too, so the numbers count pieces. Score the final model on words
 * (`predictEntities`) either way.
 *
 * @param labelList tag names by id (the model's `id2label` order).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { computeNerMetrics } from "./metrics.ts";
 * const metrics = computeNerMetrics(["O", "B-PER", "I-PER"]);
 * // One sentence: [-100 "Han" "s" "spoke"] labelled [-100, B-PER, -100, O].
 * const logits = [[9, 0, 0], [0, 9, 0], [0, 0, 9], [9, 0, 0]];
 * const m = metrics({
 *   kind: "token",
 *   predictions: [logits],
 *   labelIds: [[-100, 1, -100, 0]],
 *   task: "default",
 * });
 * assertEquals([m.f1, m.accuracy, m.PER_f1], [1, 1, 1]);
 * ```
 */
export function computeNerMetrics(labelList: readonly string[]): ComputeMetrics<"token"> {
  checkLabelList(labelList);
  return ({ predictions: logits, labelIds: labels }) => {
    const trueLabels: string[][] = [];
    const predLabels: string[][] = [];
    logits.forEach((sentence, i) => {
      const predIds = sentence.map(argmaxRow);
      // Drop the -100 positions (special tokens, continuation pieces, padding) from both rows.
      const keep = labels[i].flatMap((label, t) => label === IGNORE_INDEX ? [] : [t]);
      trueLabels.push(keep.map((t) => labelList[labels[i][t]]));
      predLabels.push(keep.map((t) => labelList[predIds[t]]));
    });
    const options = { zeroDivision: 0 as const };
    // The entities are read once for both the per-type and the micro scores (calling
    // precisionRecallFscoreSupport twice would read them twice).
    const counts = entityCounts(trueLabels, predLabels);
    const warnings = new MetricWarnings();
    const perType = scoreCounts(counts, { ...options, average: null }, null, ALL, warnings);
    const micro = scoreCounts(counts, { ...options, average: "micro" }, null, ALL, warnings);
    return {
      precision: micro.precision,
      recall: micro.recall,
      f1: micro.fscore,
      f1_strict: f1Score(trueLabels, predLabels, { ...options, mode: "strict", scheme: "IOB2" }),
      token_f1: tokenF1Score(trueLabels, predLabels, options),
      accuracy: trueLabels.flat().length === 0 ? 0 : accuracyScore(trueLabels, predLabels),
      ...Object.fromEntries(perType.labels.map((type, k) => [`${type}_f1`, perType.fscore[k]])),
    };
  };
}
