/**
 * The fine-tuning course kit: everything public, in the order of the chapter.
 * @module
 */
export { initBackend } from "./backend.ts";
export { ArgumentError, FileFormatError, NotFittedError, SetupError, showValue } from "./errors.ts";
export { dataDir } from "./data/datadir.ts";
export type {
  EmbedOptions,
  Encoder,
  Encoding,
  TokenFeatures,
  TokenizeOptions,
} from "./encoders/types.ts";
export { Random } from "./random.ts";
export {
  barChart,
  confusionMatrixPlot,
  Figure,
  type Layout,
  lineChart,
  type PlotOptions,
  reliabilityDiagram,
  saveHtml,
  scatterPlot,
  type Series,
  type Trace,
  trainingCurves,
} from "./plot.ts";
export {
  bceWithLogitsLoss,
  crossEntropyLoss,
  focalLoss,
  mseLoss,
  sigmoidFocalLoss,
} from "./losses.ts";
export type {
  BceWithLogitsOptions,
  BroadcastableWeights,
  ClassLabels,
  CrossEntropyOptions,
  FocalLossOptions,
  Reduction,
  SigmoidFocalOptions,
} from "./losses.ts";
export {
  augmentMinority,
  type AugmentMinorityOptions,
  augmentText,
  type AugmentTextOptions,
  type ClassWeightOptions,
  type ClassWeightStrategy,
  computeClassWeights,
  loadSynonyms,
  oversample,
  type SeedOptions,
  type Synonyms,
  SYNONYMS_PATH,
  undersample,
  weightedRandomSampler,
  type WeightedRandomSamplerOptions,
} from "./imbalance/mod.ts";
export {
  formatProgress,
  Progress,
  progress,
  type ProgressMode,
  type ProgressOptions,
  type ProgressState,
  track,
} from "./progress.ts";
export * as seqeval from "./seqeval/mod.ts";
export {
  type AccuracyOptions,
  accuracyScore,
  type Average,
  type CalibrationCurve,
  calibrationCurve,
  type CalibrationCurveOptions,
  checkTargets,
  classificationReport,
  type ClassificationReportDict,
  type ClassificationReportOptions,
  confusionMatrix,
  type ConfusionMatrixOptions,
  expectedCalibrationError,
  type ExpectedCalibrationErrorOptions,
  f1Score,
  type FbetaOptions,
  fbetaScore,
  fitTemperature,
  type Id2Label,
  type IndicatorMatrix,
  type Label,
  pearsonCorrelation,
  type PerClassOptions,
  precisionRecallFscoreSupport,
  type PrecisionRecallFscoreSupportOptions,
  precisionScore,
  type PrfAveraged,
  type PrfCounts,
  prfFromCounts,
  type PrfFromCountsOptions,
  type PrfOptions,
  type PrfPerClass,
  rankData,
  recallScore,
  type ReportRow,
  spearmanCorrelation,
  type Target,
  type TargetType,
  TEMPERATURE_BOUNDS,
  temperatureNll,
  temperatureScale,
  type ZeroDivision,
} from "./metrics/mod.ts";
export {
  type FeatureRows,
  LogisticRegression,
  type LogisticRegressionOptions,
  type LogisticRegressionState,
} from "./setfit/logistic_regression.ts";
export {
  alignLabels,
  type AlignLabelsOptions,
  type AlignStrategy,
  checkLabelList,
  type WordAggregation,
  wordPredictions,
  type WordPredictionsOptions,
  wordToTokens,
} from "./ner/align.ts";
export {
  type DecodeOptions,
  formatPair,
  type FormatPairOptions,
  type Pooling,
  type PretrainedSourceOptions,
  TransformersEncoder,
  type TransformersEncoderOptions,
  TransformersTokenizer,
} from "./encoders/transformers/mod.ts";
export { cacheDir } from "./cache_dir.ts";
export {
  cachedEmbed,
  type CacheOptions,
  clearEmbeddingCache,
  embeddingCacheDir,
} from "./encoders/cache.ts";
export {
  loadUseLite,
  SentencePieceTokenizer,
  TrainableUseLite,
  type TrainableUseLiteOptions,
  USE_LITE_PARTS,
  UseLiteEncoder,
  type UseLiteLoadOptions,
  type UseLitePart,
} from "./encoders/use_lite/mod.ts";
export { registerKitGradients } from "./tf/gradients.ts";
export { Linear } from "./heads/linear.ts";
export {
  ClassificationHead,
  type ClassificationHeadConfig,
  type HeadActivation,
} from "./heads/classification_head.ts";
export { checkProblemType, type LabelMaps, labelMaps, type ProblemType } from "./heads/labels.ts";
export {
  type Body,
  type BodyLevel,
  featureBody,
  type FeatureBodyOptions,
  type ForwardOptions,
  tokenFeatureBody,
  type WordsBody,
} from "./encoders/body.ts";
export {
  ClassifierModel,
  createClassifier,
  createMultiTaskModel,
  DEFAULT_TASK,
  type ModelConfig,
  type ParameterCounts,
  type TaskConfig,
  type TaskHead,
} from "./heads/model.ts";
export {
  type IntervalStrategy,
  type LossName,
  type ResolvedTrainingArguments,
  resolveTrainingArguments,
  type SamplerName,
  type TrainingArguments,
} from "./train/training_args.ts";
export {
  AdamW,
  type AdamWOptions,
  type ParamGroup,
  type ParamGroupOptions,
} from "./train/optimizer.ts";
export { getLinearScheduleWithWarmup, LambdaLR, linearWarmupLambda } from "./train/schedule.ts";
export { clipGradNorm, type ClippedGrads } from "./train/clip.ts";
export {
  type StepPosition,
  type StepResult,
  trainingStep,
  type TrainingStepOptions,
} from "./train/step.ts";
export { type EncodedLabels, encodeLabels, IGNORE_INDEX, type LabelInput } from "./train/data.ts";
export { type LossFunction, makeLoss } from "./train/loss.ts";
export {
  type ComputeMetrics,
  type Datasets,
  type EvalPrediction,
  type LogEntry,
  type PredictionOutput,
  type PredictionShapes,
  type TaskKind,
  Trainer,
  type TrainerOptions,
  type TrainOutput,
} from "./train/trainer.ts";
export { atomicWriteFile, atomicWriteTarget } from "./atomic_write.ts";
export {
  encodeSafetensors,
  readSafetensors,
  type SafetensorsFile,
  type TensorData,
  writeSafetensors,
} from "./safetensors.ts";
export {
  CHECKPOINT_FORMAT,
  type CheckpointConfig,
  loadCheckpoint,
  loadWeights,
  readCheckpointConfig,
  saveCheckpoint,
} from "./train/checkpoint.ts";
export { scaledSoftmax, softmax } from "./softmax.ts";
export {
  argmax,
  checkEncoder,
  checkLevel,
  type LabelPrediction,
  logitsToPredictions,
  type MultiLabelPrediction,
  predict,
  type PredictOptions,
} from "./train/predict.ts";
export {
  type EntitySpan,
  predictEntities,
  type PredictEntitiesOptions,
  type TokenPrediction,
} from "./ner/predict.ts";
export {
  column,
  type ConllOptions,
  type ConllSentence,
  type CsvOptions,
  DataFileError,
  type JsonlRows,
  type MultiLabelRow,
  parseConll,
  parseCsv,
  parseJsonl,
  parseMultiLabelTsv,
  parseTsv,
  readConll,
  readCsv,
  readJsonl,
  readMultiLabelTsv,
  readTsv,
  type Table,
  type TsvOptions,
} from "./data/readers.ts";
export {
  checkTextColumns,
  type Dataset,
  type DatasetTask,
  fromDict,
  type LoadedDataset,
  type MultiLabelDataset,
  numRows,
  type PairDataset,
  selectRows,
  type SingleLabelDataset,
  type TaskDataset,
  type TextLabelColumns,
  type TokenDataset,
  validateDataset,
  type WithInputs,
  withInputs,
} from "./data/dataset.ts";
export {
  kitDataDir,
  type KnownDatasets,
  listDatasets,
  loadDataset,
  type LoadDatasetOptions,
} from "./data/load.ts";
export { COMPLIANCE_TAGS, CONLL_TAGS, KIT_LABELS } from "./data/registry.ts";
export {
  datasetCacheDir,
  type HubOptions,
  type HubRows,
  HubUnreachableError,
  loadHubRows,
} from "./data/hub.ts";
export {
  sampleDataset,
  type SampleDatasetOptions,
  type SplitIndices,
  subsample,
  type SubsampleOptions,
  trainTestSplit,
  trainTestSplitIndices,
  type TrainTestSplitOptions,
} from "./data/split.ts";
export {
  type ClassDistribution,
  classDistribution,
  formatClassDistribution,
} from "./data/distribution.ts";
export {
  contrastiveLoss,
  type ContrastiveLossName,
  type ContrastiveLossOptions,
  type ContrastivePair,
  type ContrastiveTrainingOptions,
  type ContrastiveTrainingResult,
  cosineSimilarity,
  cosineSimilarityLoss,
  type DifferentiableHeadOptions,
  type DistanceMetric,
  generatePairs,
  type GeneratePairsOptions,
  LogisticHead,
  type LogisticHeadOptions,
  type LogisticHeadState,
  type PairLabels,
  type PairLabelsInput,
  pca,
  type SamplingStrategy,
  SETFIT_FORMAT,
  type SetFitFromPretrainedOptions,
  type SetFitMetric,
  SetFitModel,
  type SetFitModelOptions,
  SetFitTrainer,
  type SetFitTrainerOptions,
  type SetFitTrainOutput,
  trainContrastive,
  trainDifferentiableHead,
  type UniquePairs,
  uniquePairs,
  USE_LITE_ID,
} from "./setfit/mod.ts";
export {
  embedPairFeatures,
  pairFeatures,
  pairFeatureSize,
  type PairFeaturesOptions,
} from "./encoders/pair_features.ts";
export { wordFeatures, type WordFeaturesOptions, type WordPooling } from "./ner/word_features.ts";
export {
  fitPredictTags,
  type FitPredictTagsOptions,
  type TaggedFeatures,
  TOKEN_HEAD_INPUTS,
  type TokenHeadInputs,
} from "./ner/token_head.ts";
export { selfCheck } from "./grade/local.ts";
export { subsampleMinority, type SubsampleMinorityOptions } from "./imbalance/minority_share.ts";
export {
  oversampleRareLabels,
  type OversampleRareLabelsOptions,
} from "./imbalance/multilabel_oversample.ts";
export { IMBALANCE_STRATEGIES, type ImbalanceStrategy } from "./train/imbalance_strategies.ts";
export {
  applyThresholds,
  tuneThresholds,
  type TuneThresholdsOptions,
} from "./metrics/thresholds.ts";
export { formatMeanStd, type MeanStd, meanStd } from "./metrics/summary.ts";
export { median } from "./metrics/summary.ts";
export { errorBarChart, type ErrorBarGroup } from "./plot.ts";
export { fitPredict, type FitPredictOptions, type FitPredictResult } from "./train/fit_predict.ts";
export {
  type OverSeeds,
  runSeeds,
  type RunSeedsOptions,
  type SeedRuns,
} from "./train/experiments.ts";
export {
  saveUseLiteOnnx,
  type UseLiteEncoderOptions,
  useLiteOnnx,
  type UseLiteRuntime,
  UseLiteSession,
} from "./encoders/use_lite/mod.ts";
export { OnnxGraph } from "./onnx/graph.ts";
export { loadOnnxRuntime } from "./onnx/runtime.ts";
export {
  AutoModel,
  AutoModelForSequenceClassification,
  AutoModelForTokenClassification,
  exportOnnx,
  type FromPretrainedOptions,
  type LoadingInfo,
  type ModelPart,
  PreTrainedClassifier,
  PreTrainedModel,
  type TextInput,
} from "./models/mod.ts";
export { registerKitKernels } from "./fast/wasm_kernels.ts";
export { type InitBackendOptions } from "./backend.ts";
export { fastPathOn, setFastPath, withFastPath } from "./fast/switch.ts";
export {
  type AlignedSentences,
  tokenizeAndAlignLabels,
  type TokenizeAndAlignOptions,
  type TrainedTokenClassifier,
  trainTokenClassifier,
  type TrainTokenClassifierOptions,
  type TruncatedSentence,
} from "./ner/fine_tune.ts";
export { computeNerMetrics } from "./ner/metrics.ts";
export { dataCollatorForTokenClassification, type TokenCollatorOptions } from "./train/collator.ts";
