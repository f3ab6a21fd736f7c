/**
 * The one interface every encoder of the kit implements (USE-lite, transformers.js models).
 * @module
 */

/** A tokenized input, named as Hugging Face tokenizers name their outputs (camelCase). */
export interface Encoding {
  /** Token ids, special tokens included. */
  inputIds: number[];
  /** 1 for real tokens, 0 for padding. */
  attentionMask: number[];
  /** 0 for the first segment, 1 for the second of a pair. */
  tokenTypeIds: number[];
  /** For each token, the index of the word it came from; `null` for special tokens. */
  wordIds: (number | null)[];
  /** The token strings, for display. */
  tokens: string[];
}

/** Options every tokenizer accepts. */
export interface TokenizeOptions {
  /** Longest sequence in tokens, special tokens included. */
  maxLength?: number;
  /** Cut inputs longer than `maxLength` (default `true`); when `false`, too-long input throws. */
  truncation?: boolean;
}

/** Options for batched embedding. */
export interface EmbedOptions {
  /** Sentences per forward pass. */
  batchSize?: number;
  /** Show a progress bar (default: true when more than one batch). */
  progress?: boolean;
  /** Read and write the on-disk embedding cache (default `true`). */
  cache?: boolean;
}

/** Per-token features of one pre-split sentence. */
export interface TokenFeatures {
  /** One vector per token. */
  features: Float32Array[];
  /** For each token, the index of its word; `null` for special tokens. */
  wordIds: (number | null)[];
  /** The token strings. */
  tokens: string[];
}

/** A pretrained text encoder. */
export interface Encoder {
  /** Model identifier, also the embedding cache key. */
  readonly name: string;
  /** Size of the pooled sentence vector. */
  readonly hiddenSize: number;
  /** Size of each token feature vector. */
  readonly tokenHiddenSize: number;
  /** Tokenizes one text. */
  tokenize(text: string, options?: TokenizeOptions): Encoding;
  /** Tokenizes a pair (premise, hypothesis) as one sequence with `tokenTypeIds` 0 then 1. */
  tokenizePair(textA: string, textB: string, options?: TokenizeOptions): Encoding;
  /** Tokenizes pre-split words, recording the word of every token in `wordIds`. */
  tokenizeWords(words: string[], options?: TokenizeOptions): Encoding;
  /** Pooled sentence embeddings, one per text. */
  embed(texts: string[], options?: EmbedOptions): Promise<Float32Array[]>;
  /** Token-level features for pre-split sentences (for token classification). */
  tokenFeatures(sentences: string[][], options?: EmbedOptions): Promise<TokenFeatures[]>;
  /** Frees the model's memory. */
  dispose(): void;
}
