/**
 * Hugging Face BERT, DistilBERT and RoBERTa checkpoints, fine-tuned end to end in tfjs:
 * `AutoModel…fromPretrained` from a folder in the Hugging Face layout, the loading report
 * transformers gives, freezing by part.
 * @module
 */
export {
  AutoModel,
  AutoModelForSequenceClassification,
  AutoModelForTokenClassification,
  type FromPretrainedOptions,
  PreTrainedClassifier,
  resolveLabels,
} from "./auto.ts";
export { type PaddedBatch, type TextInput, type TruncationStrategy } from "./batch.ts";
export {
  type HiddenAct,
  MODEL_TYPES,
  type ModelType,
  parseConfig,
  type TransformerConfig,
} from "./config.ts";
export { type EncoderOutput } from "./encoder.ts";
export { exportOnnx } from "./export_onnx.ts";
export { type HubModelOptions } from "./hub.ts";
export { type ModelPart, PreTrainedModel, type SequencePooling } from "./pretrained.ts";
export { type LoadingInfo, loadingMessages } from "./weights.ts";
