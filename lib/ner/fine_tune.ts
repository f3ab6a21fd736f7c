/**
 * Token classification end to end (Section 16.6.3, the chapter's recipe): pre-split words
 * tokenized by the body's own tokenizer, word tags aligned to its tokens (`alignLabels`), a
 * token head trained with the whole encoder by the kit's `Trainer` (the loss skips -100), and
 * entity metrics from seqeval in its evaluation. Generic over any {@linkcode WordsBody}: the
 * trainable USE-lite's `tokenBody()`, or a Hugging Face model's token body.
 * @module
 */
import type { Dataset } from "../data/dataset.ts";
import type { WordsBody } from "../encoders/body.ts";
import { ArgumentError } from "../errors.ts";
import { type ClassifierModel, createClassifier } from "../heads/model.ts";
import { type ComputeMetrics, Trainer, type TrainOutput } from "../train/trainer.ts";
import type { TrainingArguments } from "../train/training_args.ts";
import { alignLabels, type AlignStrategy, checkLabelList } from "./align.ts";
import { computeNerMetrics } from "./metrics.ts";

/** Options of {@linkcode tokenizeAndAlignLabels}. */
export interface TokenizeAndAlignOptions {
  /** Tag names by id (the data's `labelNames`, when it has them). */
  labelList: readonly string[];
  /** `"first"` (default, the chapter's) or `"all"` (continuation pieces get the I- tag). */
  strategy?: AlignStrategy;
  /** The data's name in errors and warnings (default `"dataset"`). */
  name?: string;
  /** Where the truncation warning goes (default `console.warn`). */
  warn?: (message: string) => void;
}

/** A sentence the encoder's length limit cut: which, and how many word labels it lost. */
export interface TruncatedSentence {
  /** Index of the sentence. */
  sentence: number;
  /** Its number of words. */
  words: number;
  /** Words left without any token, whose labels the model never sees. */
  lostWords: number;
}

/** What the Trainer takes (`inputs`, `labels`), plus the alignment behind it. */
export interface AlignedSentences extends Dataset<string[], number[]> {
  /** The words of each sentence: the body's inputs. */
  inputs: string[][];
  /** One label id per token, -100 where the loss skips it. */
  labels: number[][];
  /** The word of every token (`null` for special tokens). */
  wordIds: (number | null)[][];
  /** Sentences longer than the encoder's maximum. */
  truncated: TruncatedSentence[];
}

/**
 * The chapter's `tokenize_and_align_labels` over a dataset of words (`inputs`) and one tag per
 * word (`labels`: names, or ids into `labelList`), e.g. a loaded `TokenDataset`: each sentence's words go through
 * the body's tokenizer (`tokenizeWords`, HF's `is_split_into_words=True`) and its tags through
 * `alignLabels`. Bad input is an error naming the sentence: words and tags of different
 * lengths, a tag not in `labelList`, an empty sentence. A sentence longer than the encoder's
 * maximum is truncated, with one warning that names those sentences and counts the words that
 * lost their labels.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { TrainableUseLite } from "../encoders/use_lite/trainable.ts";
 * import { tokenizeAndAlignLabels } from "./fine_tune.ts";
 * const use = await TrainableUseLite.load();
 * const data = { inputs: [["Hans", "spoke"]], labels: [["B-PER", "O"]] };
 * const aligned = tokenizeAndAlignLabels(use.tokenBody(), data, {
 *   labelList: ["O", "B-PER", "I-PER"],
 * });
 * assertEquals(aligned.labels, [[1, -100, 0]]); // ▁Han s ▁spoke
 * use.dispose();
 * ```
 */
export function tokenizeAndAlignLabels(
  body: Pick<WordsBody, "tokenizeWords">,
  data: Dataset<string[], (string | number)[]>,
  options: TokenizeAndAlignOptions,
): AlignedSentences {
  const { labelList, strategy = "first", name = "dataset", warn = console.warn } = options;
  checkLabelList(labelList);
  const { inputs: sentences, labels, labelNames } = data ?? {};
  if (labelNames && labelNames.join("\n") !== labelList.join("\n")) {
    throw new ArgumentError(
      `${name}.labelNames`,
      labelNames,
      `are not the labelList (${labelList.join(", ")}), but tag ids index both`,
      "give labelList: dataset.labelNames",
    );
  }
  if (!Array.isArray(sentences) || !Array.isArray(labels)) {
    throw new ArgumentError(
      name,
      data,
      'has no arrays "inputs" (words) and "labels" (tags)',
      "pass { inputs, labels } with one tag row per sentence",
    );
  }
  if (sentences.length !== labels.length) {
    throw new ArgumentError(
      `${name}.labels`,
      labels,
      `has ${labels.length} tag rows for ${sentences.length} sentences`,
      "give one tag row per sentence",
    );
  }
  const out: AlignedSentences = { inputs: [], labels: [], wordIds: [], truncated: [] };
  sentences.forEach((words, i) => {
    const tags = labels[i];
    if (!Array.isArray(words) || words.length === 0) {
      throw new ArgumentError(
        `${name}.inputs[${i}]`,
        words,
        "is not a non-empty array of words",
        "drop empty sentences from the data",
      );
    }
    if (!Array.isArray(tags) || tags.length !== words.length) {
      throw new ArgumentError(
        `${name}.labels[${i}]`,
        tags,
        `has ${Array.isArray(tags) ? tags.length : "no"} tags for the ${words.length} words ` +
          preview(words),
        "give one tag per word",
      );
    }
    tags.forEach((tag, w) => {
      const known = typeof tag === "string"
        ? labelList.includes(tag)
        : Number.isInteger(tag) && tag >= 0 && tag < labelList.length;
      if (!known) {
        throw new ArgumentError(
          `${name}.labels[${i}][${w}]`,
          tag,
          `is not in the label list (${labelList.join(", ")}); it tags ` +
            `${JSON.stringify(words[w])} in ${preview(words)}`,
          "use a tag name of labelList or its id",
        );
      }
    });
    let encoding;
    try {
      encoding = body.tokenizeWords([...words]);
    } catch (e) {
      if (!(e instanceof ArgumentError)) throw e;
      // The tokenizer calls the sentence "words": name it by its place in the data.
      throw new ArgumentError(
        e.argument.replace(/^words/, `${name}.inputs[${i}]`),
        e.value,
        e.problem,
        e.fix,
        { cause: e },
      );
    }
    const covered = new Set(encoding.wordIds.filter((w) => w !== null)).size;
    if (covered < words.length) {
      out.truncated.push({ sentence: i, words: words.length, lostWords: words.length - covered });
    }
    out.inputs.push([...words]);
    out.wordIds.push(encoding.wordIds);
    out.labels.push(alignLabels(tags, encoding.wordIds, { labelList, strategy }));
  });
  if (out.truncated.length > 0) {
    const lost = out.truncated.reduce((n, t) => n + t.lostWords, 0);
    warn(
      `${name}: ${out.truncated.length} sentence(s) longer than the encoder's maximum were ` +
        `truncated; ${lost} word(s) lost their labels: ` +
        out.truncated.map((t) => `sentence ${t.sentence} (${t.lostWords} of ${t.words} words)`)
          .join(", "),
    );
  }
  return out;
}

function preview(words: readonly string[]): string {
  const head = words.slice(0, 6).join(" ");
  return words.length > 6 ? `"${head} …"` : `"${head}"`;
}

/** Options of {@linkcode trainTokenClassifier}. */
export interface TrainTokenClassifierOptions {
  /** The token body to fine-tune under a new head (its trainable variables train). */
  body?: WordsBody;
  /**
   * Instead of `body`: a ready token classifier on a words body, e.g.
   * `AutoModelForTokenClassification.fromPretrained(dir, { id2label: labelList })`; its own
   * head trains (no new head is made).
   */
  model?: ClassifierModel<string[]>;
  /** Training sentences. */
  train: Dataset<string[], (string | number)[]>;
  /** Evaluation sentences: `eval_f1`, `eval_f1_strict`… during training (optional). */
  eval?: Dataset<string[], (string | number)[]>;
  /**
   * Tag names by id (IOB2 for `"all"`); default: with `model`, its `id2label`, else the
   * training data's `labelNames`.
   */
  labelList?: readonly string[];
  /** Label alignment (default `"first"`, the chapter's). */
  strategy?: AlignStrategy;
  /** Training arguments (HF names); `seed` below overrides `args.seed`. */
  args?: TrainingArguments;
  /** Seeds the head's weights, dropout and batch order (default 42). */
  seed?: number;
  /** Evaluation metrics (default `computeNerMetrics(labelList)`). */
  computeMetrics?: ComputeMetrics<"token">;
}

/** What {@linkcode trainTokenClassifier} returns. */
export interface TrainedTokenClassifier {
  /** Body and head: `predictEntities(model, sentences)` tags new words. */
  model: ClassifierModel<string[]>;
  /** The Trainer, for `evaluate()` and `predict()`. */
  trainer: Trainer<string[], "token">;
  /** Steps, losses, log history. */
  output: TrainOutput;
}

/**
 * Fine-tunes a token classifier end to end: `tokenizeAndAlignLabels`, `createClassifier` on
 * the body (or the given `model`, e.g. a Hugging Face `AutoModelForTokenClassification`), and
 * the kit's `Trainer` with `computeNerMetrics` for evaluation. Free a new model with
 * `model.dispose()` (the body belongs to its creator; a given model stays the caller's).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { TrainableUseLite } from "../encoders/use_lite/trainable.ts";
 * import { trainTokenClassifier } from "./fine_tune.ts";
 * const use = await TrainableUseLite.load({ freeze: ["embeddings", "layer0"] });
 * const data = { inputs: [["Hans", "spoke"], ["Ada", "left"]], labels: [["B-PER", "O"], ["B-PER", "O"]] };
 * const { model, output } = await trainTokenClassifier({
 *   body: use.tokenBody(),
 *   train: data,
 *   labelList: ["O", "B-PER", "I-PER"],
 *   args: { numTrainEpochs: 2, learningRate: 1e-3, disableTqdm: true },
 * });
 * assert(output.globalStep === 2);
 * model.dispose();
 * use.dispose();
 * ```
 */
export async function trainTokenClassifier(
  options: TrainTokenClassifierOptions,
): Promise<TrainedTokenClassifier> {
  const { strategy = "first", args = {}, seed = args.seed ?? 42 } = options;
  if ((options.body === undefined) === (options.model === undefined)) {
    throw new ArgumentError(
      "options",
      { body: options.body !== undefined, model: options.model !== undefined },
      "needs exactly one of body and model",
      "give either a body (a new head is made) or a model",
    );
  }
  const body = (options.model?.body ?? options.body) as Partial<WordsBody> | undefined;
  if (body?.level !== "token" || typeof body.tokenizeWords !== "function") {
    throw new ArgumentError(
      options.model ? "model.body" : "body",
      body?.name,
      `is not a token body over words: its level is ${JSON.stringify(body?.level)} (not ` +
        `"token") or it has no tokenizeWords`,
      "use e.g. TrainableUseLite's tokenBody() or AutoModelForTokenClassification.fromPretrained(dir)",
    );
  }
  const words = body as WordsBody;
  const labelList = options.labelList ??
    (options.model ? Object.values(options.model.id2label) : options.train?.labelNames);
  if (!labelList) {
    throw new ArgumentError(
      "labelList",
      labelList,
      "is required with a body and data without labelNames",
      "pass { labelList } (the tag names by id)",
    );
  }
  if (options.model) checkModelLabels(options.model, labelList);
  const align = (data: Dataset<string[], (string | number)[]>, name: string) => {
    const { inputs, labels } = tokenizeAndAlignLabels(words, data, { labelList, strategy, name });
    return { inputs, labels };
  };
  const model = options.model ?? createClassifier(words, { labels: [...labelList] }, { seed });
  const trainer = new Trainer({
    model,
    args: { ...args, seed },
    kind: "token",
    trainDataset: align(options.train, "train"),
    evalDataset: options.eval ? align(options.eval, "eval") : undefined,
    computeMetrics: options.computeMetrics ?? computeNerMetrics(labelList),
  });
  const output = await trainer.train();
  return { model, trainer, output };
}

/** A given model's tags must be the label list in the same order: label ids index both. */
function checkModelLabels(model: ClassifierModel<string[]>, labelList: readonly string[]): void {
  const names = Object.values(model.id2label);
  if (names.length !== labelList.length || names.some((n, i) => n !== labelList[i])) {
    throw new ArgumentError(
      "labelList",
      labelList,
      `is not the model's labels (${names.join(", ")}), but label ids index both`,
      "load the model with { id2label: labelList } (and ignoreMismatchedSizes: true when the " +
        "checkpoint's head has another size)",
    );
  }
}
