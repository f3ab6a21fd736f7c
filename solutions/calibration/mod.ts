/**
 * Reference solution of exercises/calibration.
 * @module
 */

/** Expected calibration error of multi-class probabilities. */
export function expectedCalibrationError(yTrue: number[], probs: number[][], nBins = 10): number {
  if (!Number.isInteger(nBins) || nBins < 1) throw new Error(`nBins must be >= 1, got ${nBins}`);
  if (yTrue.length !== probs.length) {
    throw new Error(`yTrue has length ${yTrue.length}, probs ${probs.length}`);
  }
  const count = new Array<number>(nBins).fill(0);
  const correct = new Array<number>(nBins).fill(0);
  const confidence = new Array<number>(nBins).fill(0);
  probs.forEach((row, i) => {
    let best = 0;
    row.forEach((p, c) => {
      if (p > row[best]) best = c;
    });
    const conf = row[best];
    const bin = Math.min(nBins - 1, Math.max(0, Math.ceil(conf * nBins) - 1));
    count[bin]++;
    confidence[bin] += conf;
    if (best === yTrue[i]) correct[bin]++;
  });
  return count.reduce(
    (s, n, b) => (n ? s + (n / probs.length) * Math.abs(correct[b] / n - confidence[b] / n) : s),
    0,
  );
}
