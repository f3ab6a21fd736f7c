/**
 * Universal Sentence Encoder Lite, the kit's embedded default encoder: frozen
 * ({@linkcode UseLiteEncoder}) or trainable ({@linkcode TrainableUseLite}), and its
 * SentencePiece tokenizer.
 * @module
 */
export { loadUseLite, UseLiteEncoder, type UseLiteLoadOptions } from "./encoder.ts";
export { SentencePieceTokenizer, type Vocabulary } from "./tokenizer.ts";
export {
  TrainableUseLite,
  type TrainableUseLiteOptions,
  USE_LITE_PARTS,
  type UseLitePart,
} from "./trainable.ts";
export { readUseLiteArtifacts, type UseLiteArtifacts, useLiteModelDir } from "./model.ts";
