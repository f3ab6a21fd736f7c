/**
 * Universal Sentence Encoder Lite, the kit's embedded default encoder: frozen
 * ({@linkcode UseLiteEncoder}) or trainable ({@linkcode TrainableUseLite}), and its
 * SentencePiece tokenizer.
 * @module
 */
export {
  loadUseLite,
  UseLiteEncoder,
  type UseLiteEncoderOptions,
  type UseLiteLoadOptions,
  type UseLiteRuntime,
} from "./encoder.ts";
export { ONNX_IO, saveUseLiteOnnx, useLiteOnnx, weightLookup } from "./onnx.ts";
export { UseLiteSession } from "./session.ts";
export { SentencePieceTokenizer, type Vocabulary } from "./tokenizer.ts";
export {
  TrainableUseLite,
  type TrainableUseLiteOptions,
  USE_LITE_PARTS,
  type UseLitePart,
} from "./trainable.ts";
export { readUseLiteArtifacts, type UseLiteArtifacts, useLiteModelDir } from "./model.ts";
