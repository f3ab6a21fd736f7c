/**
 * transformers.js encoders: Hugging Face models with ONNX weights (hub or local folder), their
 * tokenizers with word ids and pairs, and the chapter's pair display.
 * @module
 */
export { TransformersEncoder, type TransformersEncoderOptions } from "./encoder.ts";
export { type DecodeOptions, TransformersTokenizer } from "./tokenizer.ts";
export { formatPair, type FormatPairOptions } from "./pair.ts";
export type { Pooling } from "./pooling.ts";
export type { PretrainedSourceOptions } from "./source.ts";
