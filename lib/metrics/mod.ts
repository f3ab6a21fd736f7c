/**
 * scikit-learn-compatible classification metrics: scores, confusion matrix, report, calibration,
 * multi-label decision thresholds, and mean ± std over seeds.
 * Every score validates its targets once (`checkTargets`) and then computes.
 * @module
 */
export {
  type AccuracyOptions,
  accuracyScore,
  type Average,
  f1Score,
  type FbetaOptions,
  fbetaScore,
  type PerClassOptions,
  precisionRecallFscoreSupport,
  type PrecisionRecallFscoreSupportOptions,
  precisionScore,
  type PrfAveraged,
  type PrfOptions,
  type PrfPerClass,
  recallScore,
} from "./classification.ts";
export { confusionMatrix, type ConfusionMatrixOptions } from "./confusion.ts";
export {
  classificationReport,
  type ClassificationReportDict,
  type ClassificationReportOptions,
  type ReportRow,
} from "./report.ts";
export {
  type CalibrationCurve,
  calibrationCurve,
  type CalibrationCurveOptions,
  expectedCalibrationError,
  type ExpectedCalibrationErrorOptions,
} from "./calibration.ts";
export {
  checkTargets,
  type Id2Label,
  type IndicatorMatrix,
  type Label,
  type Target,
  type TargetType,
} from "./validation.ts";
export {
  type PrfCounts,
  prfFromCounts,
  type PrfFromCountsOptions,
  type ZeroDivision,
} from "./prf.ts";
export { applyThresholds, tuneThresholds, type TuneThresholdsOptions } from "./thresholds.ts";
export { formatMeanStd, type MeanStd, meanStd } from "./summary.ts";
export { median } from "./summary.ts";
export { pearsonCorrelation, rankData, spearmanCorrelation } from "./correlation.ts";
export {
  fitTemperature,
  TEMPERATURE_BOUNDS,
  temperatureNll,
  temperatureScale,
} from "./temperature.ts";
