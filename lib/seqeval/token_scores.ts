/**
 * Token-level scores: each tag judged on its own, no entities. seqeval's `accuracy_score` and
 * `performance_measure`, and a token-level F1 to set beside the entity-level one: the chapter's
 * "token-level F1 is not entity-level F1", in numbers.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { f1Score as sklearnF1 } from "../metrics/classification.ts";
import { checkPair, type Sequences } from "./input.ts";
import type { Average, ZeroDivision } from "./scores.ts";

function flatten(seqs: Sequences, name: string): string[] {
  const out: string[] = [];
  seqs.forEach((sentence, k) =>
    sentence.forEach((tag, j) => {
      if (typeof tag !== "string") {
        throw new ArgumentError(
          `${name}[${k}][${j}]`,
          tag,
          `is a ${typeof tag}: tags must be strings`,
          'use tags such as "B-PER" or "O"',
        );
      }
      out.push(tag);
    })
  );
  return out;
}

/**
 * The fraction of tags predicted exactly (seqeval's `accuracy_score`), `O` included, so a tagger
 * that predicts `O` everywhere already scores high.
 *
 * @example
 * ```ts
 * import { accuracyScore } from "./token_scores.ts";
 * const yTrue = [["O", "O", "O", "B-MISC", "I-MISC", "I-MISC", "O"], ["B-PER", "I-PER", "O"]];
 * const yPred = [["O", "O", "B-MISC", "I-MISC", "I-MISC", "I-MISC", "O"], ["B-PER", "I-PER", "O"]];
 * console.log(accuracyScore(yTrue, yPred)); // 0.8
 * ```
 */
export function accuracyScore(yTrue: Sequences, yPred: Sequences): number {
  const total = checkPair(yTrue, yPred);
  const t = flatten(yTrue, "yTrue");
  const p = flatten(yPred, "yPred");
  let correct = 0;
  for (let i = 0; i < total; i++) if (t[i] === p[i]) correct++;
  return correct / total;
}

/** Token counts of {@linkcode performanceMeasure}. */
export interface PerformanceMeasure {
  /** Tags not `O` predicted exactly. */
  TP: number;
  /** Predicted tags not `O` that differ from the gold tag. */
  FP: number;
  /** Gold tags not `O` predicted as `O`. */
  FN: number;
  /** `O` predicted as `O`. */
  TN: number;
}

/**
 * Token-level TP / FP / FN / TN with `O` as the negative class (seqeval's
 * `performance_measure`). A wrong entity tag (`B-PER` for `B-LOC`) counts as FP only, as in seqeval.
 *
 * @example
 * ```ts
 * import { performanceMeasure } from "./token_scores.ts";
 * const yTrue = [["O", "O", "O", "B-MISC", "I-MISC", "O", "B-ORG"], ["B-PER", "I-PER", "O", "B-PER"]];
 * const yPred = [["O", "O", "B-MISC", "I-MISC", "I-MISC", "O", "O"], ["B-PER", "I-PER", "O", "B-MISC"]];
 * console.log(performanceMeasure(yTrue, yPred)); // { TP: 3, FP: 3, FN: 1, TN: 4 }
 * ```
 */
export function performanceMeasure(yTrue: Sequences, yPred: Sequences): PerformanceMeasure {
  const total = checkPair(yTrue, yPred);
  const t = flatten(yTrue, "yTrue");
  const p = flatten(yPred, "yPred");
  const m = { TP: 0, FP: 0, FN: 0, TN: 0 };
  for (let i = 0; i < total; i++) {
    const to = t[i] === "O";
    const po = p[i] === "O";
    if (t[i] === p[i]) {
      if (to) m.TN++;
      else m.TP++;
    } else if (!po) m.FP++;
    if (!to && po) m.FN++;
  }
  return m;
}

/** Options of {@linkcode tokenF1Score}. */
export interface TokenF1Options {
  /** `"micro"` (default), `"macro"`, `"weighted"`, or `null` (one score per tag, tags sorted). */
  average?: Average | null;
  /**
   * Leave the `O` tag out of the classes scored (default `true`): with `O` in, micro F1 is
   * just accuracy.
   */
  ignoreO?: boolean;
  /** Value of an ill-defined ratio: `"warn"` (0, with a warning), 0 or 1. */
  zeroDivision?: ZeroDivision;
}

/**
 * Token-level F1: every tag a class of its own (`B-PER` and `I-PER` are different classes), as
 * scikit-learn's `f1_score` on the flattened tags, with `labels` = every tag but `O` when
 * `ignoreO`. It credits the tokens of a half-found entity that entity-level F1 counts as wrong.
 *
 * @example
 * ```ts
 * import { tokenF1Score } from "./token_scores.ts";
 * import { f1Score } from "./scores.ts";
 * const yTrue = [["B-PER", "I-PER", "I-PER", "O", "O", "O"]];
 * const yPred = [["B-PER", "I-PER", "O", "O", "O", "O"]];
 * console.log(tokenF1Score(yTrue, yPred)); // 0.8: 2 of 3 entity tokens, no false alarm
 * console.log(f1Score(yTrue, yPred)); // 0: the one entity is not found whole
 * ```
 */
export function tokenF1Score(
  yTrue: Sequences,
  yPred: Sequences,
  options: TokenF1Options & { average: null },
): number[];
export function tokenF1Score(yTrue: Sequences, yPred: Sequences, options?: TokenF1Options): number;
export function tokenF1Score(
  yTrue: Sequences,
  yPred: Sequences,
  options: TokenF1Options = {},
): number | number[] {
  const { average = "micro", ignoreO = true, zeroDivision = "warn" } = options;
  checkPair(yTrue, yPred);
  const t = flatten(yTrue, "yTrue");
  const p = flatten(yPred, "yPred");
  const labels = [...new Set([...t, ...p])].filter((x) => !(ignoreO && x === "O")).sort();
  if (labels.length === 0) {
    throw new ArgumentError(
      "yTrue",
      yTrue,
      "yTrue and yPred hold only O tags: token-level F1 without O has no class to score",
      "score sentences that hold entities",
    );
  }
  return sklearnF1(t, p, { average, labels, zeroDivision });
}
