/**
 * Entity-level precision, recall and F1 (seqeval's `precision_recall_fscore_support` and the
 * score functions built on it). An entity counts as found only when its type, first and last
 * token all match a gold entity. Counting happens once, in {@linkcode entityCounts}; every score
 * and the report (`report.ts`) divide those same counts.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import {
  type Average as AnyAverage,
  type PrfAveraged,
  prfFromCounts,
  type PrfPerClass,
  type ZeroDivision,
} from "../metrics/prf.ts";
import { type Metric, MetricWarnings } from "../metrics/warnings.ts";
import { type ChunkOptions, spanPair, type Spans } from "./chunks.ts";
import { checkPair, type Sequences } from "./input.ts";

export type { PrfAveraged, ZeroDivision } from "../metrics/prf.ts";

/** The averages seqeval takes: `"micro"`, `"macro"`, `"weighted"` (`null` keeps one per type). */
export type Average = Exclude<AnyAverage, "binary" | "samples">;

/** Options of the entity-level scores: seqeval's parameters in camelCase. */
export interface ScoreOptions extends ChunkOptions {
  /** `"micro"` (default of the score functions), `"macro"`, `"weighted"`, or `null` (one score per type). */
  average?: Average | null;
  /**
   * Value of precision when nothing was predicted, of recall when nothing is true: `"warn"`
   * (0 and a console warning, as seqeval), 0 or 1.
   */
  zeroDivision?: ZeroDivision;
}

/** Entity counts per type, types sorted by name: what every score and the report divide. */
export interface EntityCounts {
  /** Entity types found in `yTrue` or `yPred`, sorted. */
  labels: string[];
  /** Correctly predicted entities per type. */
  tp: number[];
  /** Predicted entities per type. */
  pred: number[];
  /** Gold entities per type (the support). */
  true: number[];
}

/**
 * Counts gold, predicted and correct entities per type.
 *
 * @example
 * ```ts
 * import { entityCounts } from "./scores.ts";
 * const c = entityCounts([["B-PER", "I-PER", "O", "B-LOC"]], [["B-PER", "I-PER", "B-LOC", "I-LOC"]]);
 * console.log(c); // { labels: ["LOC", "PER"], tp: [0, 1], pred: [1, 1], true: [1, 1] }
 * ```
 */
export function entityCounts(
  yTrue: Sequences,
  yPred: Sequences,
  options: ChunkOptions = {},
): EntityCounts {
  checkPair(yTrue, yPred);
  const { types, trueSpans, predSpans } = spanPair(yTrue, yPred, options);
  const n = types.length;
  const tp = new Array<number>(n).fill(0);
  const pred = new Array<number>(n).fill(0);
  const gold = new Array<number>(n).fill(0);
  tally(trueSpans, gold);
  tally(predSpans, pred);
  // Both lists are sorted by start and never overlap, so one merge finds the exact matches.
  let i = 0;
  let j = 0;
  while (i < trueSpans.length && j < predSpans.length) {
    const a = trueSpans[i + 1];
    const b = predSpans[j + 1];
    if (a < b) i += 3;
    else if (a > b) j += 3;
    else {
      if (trueSpans[i] === predSpans[j] && trueSpans[i + 2] === predSpans[j + 2]) {
        tp[trueSpans[i]]++;
      }
      i += 3;
      j += 3;
    }
  }
  const ids = [...types.keys()].filter((t) => gold[t] > 0 || pred[t] > 0);
  ids.sort((x, y) => (types[x] < types[y] ? -1 : types[x] > types[y] ? 1 : 0));
  return {
    labels: ids.map((t) => types[t]),
    tp: ids.map((t) => tp[t]),
    pred: ids.map((t) => pred[t]),
    true: ids.map((t) => gold[t]),
  };
}

function tally(spans: Spans, counts: number[]) {
  for (let i = 0; i < spans.length; i += 3) counts[spans[i]]++;
}

/** Per-type results (`average: null`): per-class scores with the entity types they belong to. */
export interface PrfPerType extends PrfPerClass {
  /** Entity types, sorted. */
  labels: string[];
}

export type { Metric } from "../metrics/warnings.ts";

/**
 * Precision, recall and F1 from entity counts: the shared arithmetic of `../metrics/prf.ts`,
 * as seqeval's `_precision_recall_fscore_support` hands its counts to scikit-learn's. Difference:
 * with no entity anywhere, `"macro"` gives the `zeroDivision` value where seqeval gives NaN.
 *
 * @example
 * ```ts
 * import { prfsFromCounts } from "./scores.ts";
 * import { MetricWarnings } from "../metrics/warnings.ts";
 * const counts = { labels: ["LOC", "PER"], tp: [1, 1], pred: [2, 1], true: [1, 1] };
 * const micro = prfsFromCounts(counts, "micro", 0, ["f-score"], new MetricWarnings());
 * console.log(micro); // { precision: 0.6666666666666666, recall: 1, fscore: 0.8, support: 2 }
 * ```
 */
export function prfsFromCounts(
  counts: EntityCounts,
  average: Average | null,
  zeroDivision: ZeroDivision,
  warnFor: readonly Metric[],
  warnings: MetricWarnings,
): PrfPerType | PrfAveraged {
  if (average === null) {
    const perType = prfFromCounts(counts, { average, zeroDivision, warnFor, warnings });
    return { labels: counts.labels, ...perType };
  }
  return prfFromCounts(counts, { average, zeroDivision, warnFor, warnings });
}

function checkOptions(options: ScoreOptions, fallback: Average | null) {
  const average = options.average === undefined ? fallback : options.average;
  if (average !== null && average !== "micro" && average !== "macro" && average !== "weighted") {
    throw new ArgumentError(
      "average",
      average,
      "is not an averaging",
      'use "micro", "macro", "weighted" or null',
    );
  }
  const zeroDivision = options.zeroDivision ?? "warn";
  if (zeroDivision !== "warn" && zeroDivision !== 0 && zeroDivision !== 1) {
    throw new ArgumentError(
      "zeroDivision",
      zeroDivision,
      "is not a zero-division policy",
      'use "warn", 0 or 1',
    );
  }
  return { average, zeroDivision };
}

/**
 * Counts, then scores: the one path behind every public score and the report.
 * `warnFor` names the metrics whose ill-defined values warn, as in seqeval.
 *
 * @example
 * ```ts
 * import { scoreCounts } from "./scores.ts";
 * import { MetricWarnings } from "../metrics/warnings.ts";
 * const counts = { labels: ["PER"], tp: [1], pred: [2], true: [1] };
 * const micro = scoreCounts(counts, { average: "micro" }, null, ["precision"], new MetricWarnings());
 * console.log(micro.precision); // 0.5
 * ```
 */
export function scoreCounts(
  counts: EntityCounts,
  options: ScoreOptions & { average: null },
  fallback: Average | null,
  warnFor: readonly Metric[],
  warnings: MetricWarnings,
): PrfPerType;
export function scoreCounts(
  counts: EntityCounts,
  options: ScoreOptions & { average: Average },
  fallback: Average | null,
  warnFor: readonly Metric[],
  warnings: MetricWarnings,
): PrfAveraged;
export function scoreCounts(
  counts: EntityCounts,
  options: ScoreOptions,
  fallback: Average | null,
  warnFor: readonly Metric[],
  warnings: MetricWarnings,
): PrfPerType | PrfAveraged {
  const { average, zeroDivision } = checkOptions(options, fallback);
  return prfsFromCounts(counts, average, zeroDivision, warnFor, warnings);
}

function run(
  yTrue: Sequences,
  yPred: Sequences,
  options: ScoreOptions,
  fallback: Average | null,
  warnFor: readonly Metric[],
): PrfPerType | PrfAveraged {
  const { average, zeroDivision } = checkOptions(options, fallback);
  const warnings = new MetricWarnings();
  try {
    const counts = entityCounts(yTrue, yPred, options);
    return prfsFromCounts(counts, average, zeroDivision, warnFor, warnings);
  } finally {
    warnings.flush();
  }
}

/**
 * Entity-level precision, recall, F1 and support (seqeval's
 * `precision_recall_fscore_support`): per type with `average: null` (the default here), else
 * averaged. `mode: "strict"` reads entities by the scheme's rules; without `scheme` it is
 * detected from `yTrue` (seqeval ignores `mode="strict"` in the score functions when `scheme`
 * is absent; the kit detects, so scores and report agree).
 *
 * @example
 * ```ts
 * import { precisionRecallFscoreSupport } from "./scores.ts";
 * const yTrue = [["O", "O", "B-MISC", "I-MISC", "B-MISC", "O", "O"], ["B-PER", "I-PER", "O"]];
 * const yPred = [["O", "O", "B-MISC", "I-MISC", "B-MISC", "I-MISC", "O"], ["B-PER", "I-PER", "O"]];
 * const perType = precisionRecallFscoreSupport(yTrue, yPred);
 * console.log(perType.labels, perType.fscore); // ["MISC", "PER"] [0.5, 1]
 * const macro = precisionRecallFscoreSupport(yTrue, yPred, { average: "macro" });
 * console.log(macro.fscore, macro.support); // 0.75 3
 * ```
 */
export function precisionRecallFscoreSupport(
  yTrue: Sequences,
  yPred: Sequences,
  options?: ScoreOptions & { average?: null },
): PrfPerType;
export function precisionRecallFscoreSupport(
  yTrue: Sequences,
  yPred: Sequences,
  options: ScoreOptions & { average: Average },
): PrfAveraged;
export function precisionRecallFscoreSupport(
  yTrue: Sequences,
  yPred: Sequences,
  options?: ScoreOptions,
): PrfPerType | PrfAveraged;
export function precisionRecallFscoreSupport(
  yTrue: Sequences,
  yPred: Sequences,
  options: ScoreOptions = {},
): PrfPerType | PrfAveraged {
  return run(yTrue, yPred, options, null, ["precision", "recall", "f-score"]);
}

/** The options of a score function when it returns one score per entity type. */
export type PerTypeOptions = ScoreOptions & { average: null };

/**
 * Entity-level F1 (seqeval's `f1_score`): the harmonic mean of precision and recall over exact
 * entity matches. `average` defaults to `"micro"`; `null` gives one score per type, types sorted.
 *
 * @example
 * ```ts
 * import { f1Score } from "./scores.ts";
 * const yTrue = [["O", "O", "B-MISC", "I-MISC", "B-MISC", "O", "O"], ["B-PER", "I-PER", "O"]];
 * const yPred = [["O", "O", "B-MISC", "I-MISC", "B-MISC", "I-MISC", "O"], ["B-PER", "I-PER", "O"]];
 * console.log(f1Score(yTrue, yPred)); // 0.6666666666666666
 * console.log(f1Score(yTrue, yPred, { average: "macro" })); // 0.75
 * console.log(f1Score(yTrue, yPred, { average: null })); // [0.5, 1]
 * ```
 */
export function f1Score(yTrue: Sequences, yPred: Sequences, options: PerTypeOptions): number[];
export function f1Score(yTrue: Sequences, yPred: Sequences, options?: ScoreOptions): number;
export function f1Score(
  yTrue: Sequences,
  yPred: Sequences,
  options: ScoreOptions = {},
): number | number[] {
  return run(yTrue, yPred, options, "micro", ["f-score"]).fscore;
}

/**
 * Entity-level precision (seqeval's `precision_score`): correct entities over predicted ones.
 *
 * @example
 * ```ts
 * import { precisionScore } from "./scores.ts";
 * const yTrue = [["B-PER", "I-PER", "O", "B-LOC"]];
 * const yPred = [["B-PER", "I-PER", "O", "B-ORG"]];
 * console.log(precisionScore(yTrue, yPred)); // 0.5
 * ```
 */
export function precisionScore(
  yTrue: Sequences,
  yPred: Sequences,
  options: PerTypeOptions,
): number[];
export function precisionScore(yTrue: Sequences, yPred: Sequences, options?: ScoreOptions): number;
export function precisionScore(
  yTrue: Sequences,
  yPred: Sequences,
  options: ScoreOptions = {},
): number | number[] {
  return run(yTrue, yPred, options, "micro", ["precision"]).precision;
}

/**
 * Entity-level recall (seqeval's `recall_score`): correct entities over gold ones.
 *
 * @example
 * ```ts
 * import { recallScore } from "./scores.ts";
 * const yTrue = [["B-PER", "I-PER", "O", "B-LOC"]];
 * const yPred = [["B-PER", "O", "O", "B-LOC"]];
 * console.log(recallScore(yTrue, yPred)); // 0.5
 * ```
 */
export function recallScore(yTrue: Sequences, yPred: Sequences, options: PerTypeOptions): number[];
export function recallScore(yTrue: Sequences, yPred: Sequences, options?: ScoreOptions): number;
export function recallScore(
  yTrue: Sequences,
  yPred: Sequences,
  options: ScoreOptions = {},
): number | number[] {
  return run(yTrue, yPred, options, "micro", ["recall"]).recall;
}
