/**
 * # Entity-level F1, the NER metric (Section 16.6.3.3)
 *
 * Write `entityF1(yTrue, yPred, average)` as seqeval's `f1_score` (default mode): both are lists
 * of sentences of BIO tags. An entity counts as found only if the prediction has an entity of
 * the **same type, start and end** in the same sentence (use lenient BIO reading — you may use
 * the kit's `getEntities` from lib/seqeval/chunks.ts, or your own from the `entities`
 * exercise). Token-level agreement earns nothing.
 *
 * - `"micro"` (default): P = TP / #predicted entities, R = TP / #true entities,
 *   F1 = 2PR / (P + R); any 0/0 counts as 0.
 * - `"macro"`: the unweighted mean of the per-type F1 over every type that occurs in yTrue or
 *   yPred.
 * - Sentences must pair up: different numbers of sentences, or a sentence pair of different
 *   lengths, is an error whose message contains `length`.
 *
 * Example: yTrue `[["B-PER", "I-PER", "O", "B-LOC"]]`, yPred `[["B-PER", "O", "O", "B-LOC"]]` →
 * the LOC entity is found, the PER entity is not (its span differs): P = R = F1 = 0.5, while a
 * token-level score would be 0.8.
 *
 * Off limits: every seqeval score of the kit (`entityCounts`, `prfsFromCounts`, `scoreCounts`,
 * `precisionRecallFscoreSupport`, `f1Score`, `precisionScore`, `recallScore` in
 * lib/seqeval/scores.ts, `classificationReport` in lib/seqeval/report.ts) and the shared precision /
 * recall / F arithmetic (`prfFromCounts` in lib/metrics/prf.ts). The grader replaces each with a
 * function that throws, so kit code that calls them throws too.
 * Self-check: `deno test exercises/entity_f1/`.
 * @module
 */
import { NotImplementedError } from "../../lib/grade/spec.ts";

/** Entity-level F1 over sentences of BIO tags. */
export function entityF1(
  _yTrue: string[][],
  _yPred: string[][],
  _average: "micro" | "macro" = "micro",
): number {
  throw new NotImplementedError("entity_f1: entityF1");
}
