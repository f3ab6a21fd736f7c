/**
 * Reference solution of exercises/multilabel_thresholds (see the exercise for the task).
 * @module
 */

/** 0.05, 0.10, …, 0.95. */
export const DEFAULT_CANDIDATES = Array.from(
  { length: 19 },
  (_, i) => Math.round((i + 1) * 5) / 100,
);

function checkTargets(targets: number[][]): void {
  targets.forEach((row, i) =>
    row.forEach((y, k) => {
      if (y !== 0 && y !== 1) throw new Error(`targets[${i}][${k}] = ${y} is not 0 or 1`);
    })
  );
}

/** 1 where a probability reaches its label's threshold (`>=`), else 0. */
export function applyThresholds(probs: number[][], thresholds: number | number[]): number[][] {
  const width = probs[0]?.length ?? 0;
  const t = typeof thresholds === "number" ? Array(width).fill(thresholds) : thresholds;
  if (t.length !== width) {
    throw new Error(`thresholds has ${t.length} entries for ${width} labels`);
  }
  return probs.map((row) => row.map((p, k) => (p >= t[k] ? 1 : 0)));
}

/** F1 of one label from its counts (0 when it has no true positive). */
function f1(tp: number, fp: number, fn: number): number {
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/** Counts of one label. */
function counts(targets: number[][], preds: number[][], k: number): [number, number, number] {
  let tp = 0, fp = 0, fn = 0;
  targets.forEach((row, i) => {
    if (row[k] === 1 && preds[i][k] === 1) tp++;
    else if (preds[i][k] === 1) fp++;
    else if (row[k] === 1) fn++;
  });
  return [tp, fp, fn];
}

/** Per label, the candidate with the best F1 on the given data; ties: closest to 0.5, then first. */
export function tuneThresholds(
  probs: number[][],
  targets: number[][],
  candidates: number[] = DEFAULT_CANDIDATES,
): number[] {
  checkTargets(targets);
  if (targets.length !== probs.length) {
    throw new Error(`targets has ${targets.length} rows, probs ${probs.length}`);
  }
  const width = probs[0]?.length ?? 0;
  return Array.from({ length: width }, (_, k) => {
    let best = candidates[0];
    let bestF1 = -1;
    for (const t of candidates) {
      const [tp, fp, fn] = counts(targets, applyThresholds(probs, Array(width).fill(t)), k);
      const score = f1(tp, fp, fn);
      if (score > bestF1 || (score === bestF1 && Math.abs(t - 0.5) < Math.abs(best - 0.5))) {
        best = t;
        bestF1 = score;
      }
    }
    return best;
  });
}

/** Micro, macro (every label, zero-division 0) and per-label F1 of multi-hot predictions. */
export function f1Scores(
  targets: number[][],
  preds: number[][],
): { micro: number; macro: number; perLabel: number[] } {
  checkTargets(targets);
  const width = targets[0]?.length ?? 0;
  const all = Array.from({ length: width }, (_, k) => counts(targets, preds, k));
  const perLabel = all.map(([tp, fp, fn]) => f1(tp, fp, fn));
  const sum = [0, 1, 2].map((j) => all.reduce((s, c) => s + c[j], 0));
  return {
    micro: f1(sum[0], sum[1], sum[2]),
    macro: perLabel.reduce((a, b) => a + b, 0) / width,
    perLabel,
  };
}

/** Global 0.5 against thresholds tuned on validation, both scored on the test set. */
export function compareThresholds(
  valProbs: number[][],
  valTargets: number[][],
  testProbs: number[][],
  testTargets: number[][],
): {
  thresholds: number[];
  global: { micro: number; macro: number };
  tuned: { micro: number; macro: number };
} {
  const thresholds = tuneThresholds(valProbs, valTargets);
  const score = (t: number | number[]) => {
    const { micro, macro } = f1Scores(testTargets, applyThresholds(testProbs, t));
    return { micro, macro };
  };
  return { thresholds, global: score(0.5), tuned: score(thresholds) };
}
