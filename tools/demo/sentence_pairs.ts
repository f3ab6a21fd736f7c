/**
 * Section 16.6.4, Code Fragment 16.6.5: the chapter's NLI pair through BERT's uncased WordPiece
 * tokenizer (all-MiniLM-L6-v2's copy in ../shared/models, else the kit's tiny-bert, whose
 * vocabulary splits this pair the same way), printed as the chapter prints it; and the
 * section's STS use of a pair model: a regression head (`problemType: "regression"`, one output,
 * MSE) on SICK's relatedness scores, when SICK is in the data directory.
 * @module
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dataDir } from "../../lib/data/datadir.ts";
import { loadDataset } from "../../lib/data/load.ts";
import { subsample } from "../../lib/data/split.ts";
import { embedPairFeatures, pairFeatureSize } from "../../lib/encoders/pair_features.ts";
import { formatPair } from "../../lib/encoders/transformers/pair.ts";
import { TransformersTokenizer } from "../../lib/encoders/transformers/tokenizer.ts";
import { loadUseLite } from "../../lib/encoders/use_lite/mod.ts";
import { featureBody } from "../../lib/encoders/body.ts";
import { createClassifier } from "../../lib/heads/model.ts";
import { pearsonCorrelation, spearmanCorrelation } from "../../lib/metrics/correlation.ts";
import { Trainer } from "../../lib/train/trainer.ts";
import type { ReproRow } from "./types.ts";

/** The chapter's pair. */
export const PREMISE = "A man is playing guitar on stage.";
/** The chapter's hypothesis. */
export const HYPOTHESIS = "A musician is performing live.";

const CHAPTER_INPUT =
  "[CLS] a man is playing guitar on stage. [SEP] a musician is performing live. [SEP]";
const CHAPTER_TYPES = "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]";

/** The WordPiece tokenizer folder: BERT's vocabulary when ../shared/models has it. */
export function pairTokenizerFolder(): { folder: string; name: string } {
  const shared = fileURLToPath(
    new URL("../../../shared/models/all-MiniLM-L6-v2-tokenizer", import.meta.url),
  );
  return existsSync(`${shared}/tokenizer.json`)
    ? { folder: shared, name: "bert-base-uncased WordPiece" }
    : {
      folder: fileURLToPath(new URL("../../data/models/tiny-bert", import.meta.url)),
      name: "tiny-bert",
    };
}

/** The chapter's two printed lines, and its token type ids padded as `max_length` would. */
export async function chapterPair(): Promise<{
  input: string;
  typeIds: string;
  padded: string;
  tokenizer: string;
}> {
  const { folder, name } = pairTokenizerFolder();
  const tok = await TransformersTokenizer.fromPretrained(folder);
  const pair = tok.tokenizePair(PREMISE, HYPOTHESIS);
  const [input, typeIds] = formatPair(tok, pair).split("\n");
  // padding="max_length" appends [PAD] tokens, whose token type id is 0
  const padded = [
    ...pair.tokenTypeIds,
    ...Array(Math.max(0, 20 - pair.tokenTypeIds.length)).fill(0),
  ];
  return {
    input: input.replace(/^Input: /, ""),
    typeIds: typeIds.replace(/^Token type IDs: /, ""),
    padded: `[${padded.slice(0, 20).join(", ")}]`,
    tokenizer: name,
  };
}

/** Whether SICK (with its relatedness scores) is in the data directory. */
export function hasSick(): boolean {
  const dir = dataDir();
  return dir !== undefined && existsSync(join(dir, "sick/SICK.txt"));
}

/**
 * SICK relatedness (1 to 5) as regression: frozen USE-lite pair features `[u, v, |u − v|, u * v]`
 * of `trainSize` training pairs, a linear head with one output trained with MSE, scored on
 * `testSize` test pairs by Pearson's r and Spearman's ρ.
 */
export async function sickRelatedness(
  { trainSize = 1000, testSize = 500, seed = 0, learningRate = 1e-2 } = {},
): Promise<{ pearson: number; spearman: number; trainSize: number; testSize: number }> {
  const [train, test] = await Promise.all(
    ["train", "test"].map(async (split, i) =>
      subsample(await loadDataset("sick", { split, source: "local" }), [trainSize, testSize][i], {
        seed,
      })
    ),
  );
  const use = await loadUseLite();
  const options = { concatenationSentMultiplication: true, progress: false };
  const model = createClassifier(
    featureBody({
      name: `${use.name}:sbert-product`,
      hiddenSize: pairFeatureSize(use.hiddenSize, options),
    }),
    { labels: ["relatedness"], problemType: "regression" },
    { seed },
  );
  try {
    const trainer = new Trainer({
      model,
      args: {
        numTrainEpochs: 20,
        perDeviceTrainBatchSize: 32,
        learningRate,
        weightDecay: 0.01,
        warmupRatio: 0.1,
        disableTqdm: true,
        seed,
      },
      kind: "regression",
      trainDataset: {
        inputs: await embedPairFeatures(use, train.inputs, options),
        labels: train.relatedness!,
      },
    });
    await trainer.train();
    const out = trainer.predict({
      inputs: await embedPairFeatures(use, test.inputs, options),
      labels: test.relatedness!,
    });
    const predicted = out.predictions.map((r) => r[0]);
    return {
      pearson: pearsonCorrelation(predicted, test.relatedness!),
      spearman: spearmanCorrelation(predicted, test.relatedness!),
      trainSize: train.labels.length,
      testSize: test.labels.length,
    };
  } finally {
    model.dispose();
  }
}

/** The decoded input (agrees) and the token type ids (an erratum: 17 values, not 20). */
export async function rows(): Promise<ReproRow[]> {
  const p = await chapterPair();
  const count = p.typeIds.split(",").length;
  const sts: ReproRow[] = [];
  if (hasSick()) {
    const r = await sickRelatedness();
    sts.push({
      part: "16.6.4",
      example: `STS as regression: SICK relatedness, ${r.trainSize} train / ${r.testSize} test ` +
        "pairs, numLabels 1, MSE",
      chapter: "STS scores the similarity of two sentences, same model class",
      kit: `Pearson ${r.pearson.toFixed(3)}, Spearman ${r.spearman.toFixed(3)}`,
      agrees: r.pearson > 0.5 && r.spearman > 0.5,
      note: "frozen USE-lite [u, v, |u-v|, u*v] + a linear regression head (the kit's " +
        'problemType "regression", HF\'s num_labels=1 with MSELoss); notebook 16_6_4 runs it on ' +
        "its NLI samples",
    });
  }
  return [
    {
      part: "16.6.4",
      example: `NLI pair, decoded input (${p.tokenizer})`,
      chapter: CHAPTER_INPUT,
      kit: p.input,
      agrees: p.input === CHAPTER_INPUT,
    },
    {
      part: "16.6.4",
      example: `NLI pair, token_type_ids[:20] (${p.tokenizer})`,
      chapter: `${CHAPTER_TYPES} (20 values)`,
      kit: `${p.typeIds} (${count} values)`,
      agrees: p.padded === CHAPTER_TYPES && count === 17 ? "erratum" : false,
      note: "the unpadded pair has 17 tokens: [CLS] + 8 premise tokens + [SEP] (type 0), 6 " +
        "hypothesis tokens + [SEP] (type 1). The chapter's three trailing 0s are [PAD] tokens, " +
        "which only padding='max_length' (its tokenize_nli, not the printed sample) adds; " +
        "padded, the kit prints the chapter's line exactly. The same output is also printed, " +
        "misplaced, under the Trainer fragment 16.6.1b",
    },
    ...sts,
  ];
}
