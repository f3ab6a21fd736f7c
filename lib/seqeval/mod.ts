/**
 * Entity-level evaluation of sequence labelling, seqeval-compatible (chapter 16.6.3.3):
 * entities from tags (`getEntities`), entity-level precision / recall / F1 in conlleval's
 * lenient mode or a scheme's strict mode, the classification report, and token-level scores to
 * compare against. Import as a namespace: `import { seqeval } from "../lib/mod.ts"`.
 *
 * @example
 * ```ts
 * import * as seqeval from "./mod.ts";
 * const yTrue = [["B-PER", "I-PER", "O", "B-LOC"]];
 * const yPred = [["B-PER", "I-PER", "O", "B-ORG"]];
 * console.log(seqeval.f1Score(yTrue, yPred)); // 0.5
 * console.log(seqeval.getEntities(yPred[0])); // [["PER", 0, 1], ["ORG", 3, 3]]
 * ```
 * @module
 */
export {
  type ChunkOptions,
  endOfChunk,
  type Entity,
  getEntities,
  type Mode,
  startOfChunk,
} from "./chunks.ts";
export type { Sequences } from "./input.ts";
export { type Scheme, type SchemeRules, schemeRules } from "./schemes.ts";
export {
  type Average,
  type EntityCounts,
  entityCounts,
  f1Score,
  type PerTypeOptions,
  precisionRecallFscoreSupport,
  precisionScore,
  type PrfAveraged,
  type PrfPerType,
  recallScore,
  type ScoreOptions,
  type ZeroDivision,
} from "./scores.ts";
export {
  classificationReport,
  type ReportDict,
  type ReportOptions,
  type ReportRow,
} from "./report.ts";
export {
  accuracyScore,
  type PerformanceMeasure,
  performanceMeasure,
  type TokenF1Options,
  tokenF1Score,
} from "./token_scores.ts";
