/**
 * # Calibration: does 80 % confidence mean 80 % correct? (Exercise 14.6.5 (4))
 *
 * Write `expectedCalibrationError(yTrue, probs, nBins)` for a multi-class classifier (Guo et
 * al. 2017): each row of `probs` holds the class probabilities of one example; its
 * **confidence** is the row's largest probability and it is **correct** when that arg-max
 * class (the first one on ties) equals yTrue. Split [0, 1] into `nBins` (default 10) bins of
 * equal width, closed on the right: bin b holds confidences in (b/nBins, (b+1)/nBins], and 0
 * goes to bin 0 (a confidence exactly on an inner edge goes to the lower bin). Then
 *
 *     ECE = Σ_b (n_b / N) · |accuracy_b − mean confidence_b|     (empty bins contribute 0)
 *
 * `nBins` must be a positive integer (error naming `nBins`); yTrue and probs of different
 * lengths are an error containing `length`.
 *
 * Example: `expectedCalibrationError([0, 1, 1], [[0.9, 0.1], [0.3, 0.7], [0.6, 0.4]], 10)` ≈
 * 0.3333: bins 0.9 (correct), 0.7 (correct), 0.6 (wrong) → (0.1 + 0.3 + 0.6) / 3.
 *
 * Off limits: the kit's `expectedCalibrationError` and `calibrationCurve`
 * (lib/metrics/calibration.ts).
 * Self-check: `deno test exercises/calibration/`.
 * @module
 */
import { NotImplementedError } from "../../lib/grade/spec.ts";

/** Expected calibration error of multi-class probabilities. */
export function expectedCalibrationError(
  _yTrue: number[],
  _probs: number[][],
  _nBins = 10,
): number {
  throw new NotImplementedError("calibration: expectedCalibrationError");
}
