/**
 * The NER table of docs/results_sequence_imbalance.md: notebook 16_6_3's linear token
 * head on cached, frozen USE-lite token features, over seeds, on kit/ner and on CoNLL-2003
 * (a seeded sample of its training split, the full test split), printed as Markdown rows (data,
 * features, entity F1 and token F1 as mean ± std over seeds), with BERT-base's published
 * CoNLL-2003 score beside them for context.
 *
 * A seed sets the head's initial weights, dropout and batch order, and, on CoNLL-2003, which
 * training sentences are sampled (kit/ner trains on its whole training split).
 *
 * Usage: `deno run -A bench/results_ner.ts [--seeds 3] [--train-size 2000]`. CoNLL-2003 comes
 * from the data directory; without it only the kit/ner rows are printed. Per-seed values go to
 * stderr.
 * @module
 */
import {
  CONLL_TAGS,
  fitPredictTags,
  formatMeanStd,
  initBackend,
  loadDataset,
  loadUseLite,
  seqeval,
  subsample,
  type TokenDataset,
  tokenFeatureBody,
  type TokenHeadInputs,
} from "../lib/mod.ts";

const arg = (name: string, fallback: number): number => {
  const i = Deno.args.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(Deno.args[i + 1]);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} must be a positive integer, got ${Deno.args[i + 1]}`);
  }
  return value;
};
const SEEDS = Array.from({ length: arg("--seeds", 3) }, (_, i) => i);
const CONLL_TRAIN = arg("--train-size", 2000);
/** Devlin et al. (2019), Table 3: BERT-base, CoNLL-2003 test F1 (fine-tuned end to end). */
const BERT_BASE_F1 = 92.4;

/** Notebook 16_6_3's training arguments. */
const NER_ARGS = {
  numTrainEpochs: 10,
  learningRate: 3e-3,
  perDeviceTrainBatchSize: 16,
  perDeviceEvalBatchSize: 64,
  disableTqdm: true,
};
const FEATURES: TokenHeadInputs[] = ["pieces, first", "words, mean"];

const start = performance.now();
const backend = await initBackend({ quiet: true });
const use = await loadUseLite();
const body = tokenFeatureBody({ name: use.name, hiddenSize: use.tokenHiddenSize });

const rows: string[][] = [];

/** Scores both feature kinds over the seeds; `trainOf(seed)` gives that seed's training set. */
async function evaluate(
  data: string,
  trainOf: (seed: number) => TokenDataset,
  test: TokenDataset,
  reference: string,
): Promise<void> {
  const testF = await use.tokenFeatures(test.tokens);
  const truth = test.labels.map((row) => row.map((id) => CONLL_TAGS[id]));
  const scores = Object.fromEntries(
    FEATURES.map((f) => [f, { entity: [] as number[], token: [] as number[] }]),
  );
  for (const seed of SEEDS) {
    const train = trainOf(seed);
    const trainF = await use.tokenFeatures(train.tokens);
    for (const features of FEATURES) {
      const pred = await fitPredictTags({
        inputs: features,
        body,
        train: { features: trainF, tags: train.labels },
        test: { features: testF, tags: test.labels },
        labelList: CONLL_TAGS,
        args: NER_ARGS,
        seed,
      });
      const entity = seqeval.f1Score(truth, pred);
      const token = seqeval.tokenF1Score(truth, pred);
      scores[features].entity.push(entity);
      scores[features].token.push(token);
      console.error(
        `${data}, ${features}, seed ${seed}: entity F1 ${entity.toFixed(4)}, ` +
          `token F1 ${token.toFixed(4)}`,
      );
    }
  }
  for (const features of FEATURES) {
    const { entity, token } = scores[features];
    rows.push([data, features, formatMeanStd(entity), formatMeanStd(token), reference]);
  }
}

const [kitTrain, kitTest] = await Promise.all(
  ["train", "test"].map((split) => loadDataset("kit/ner", { split })),
) as TokenDataset[];
await evaluate(
  `kit/ner (${kitTrain.tokens.length} train / ${kitTest.tokens.length} test sentences)`,
  () => kitTrain,
  kitTest,
  "—",
);

let conll: TokenDataset[] | undefined;
try {
  conll = await Promise.all(
    ["train", "test"].map((split) => loadDataset("conll2003", { split, source: "local" })),
  ) as TokenDataset[];
} catch (e) {
  console.error(`CoNLL-2003 skipped: ${(e as Error).message}`);
}
if (conll) {
  const [conllTrain, conllTest] = conll;
  const size = Math.min(CONLL_TRAIN, conllTrain.tokens.length);
  await evaluate(
    `CoNLL-2003 (${size.toLocaleString("en-US")} of ${
      conllTrain.tokens.length.toLocaleString("en-US")
    } train, full test ${conllTest.tokens.length.toLocaleString("en-US")})`,
    (seed) => subsample(conllTrain, size, { seed }),
    conllTest,
    `${BERT_BASE_F1} (BERT-base, Devlin et al. 2019)`,
  );
}

const seconds = ((performance.now() - start) / 1000).toFixed(0);
console.log(`\n${SEEDS.length} seeds; backend ${backend}; ${seconds} s\n`);
console.log("| data | features | entity F1 | token F1 | entity F1, fine-tuned reference |");
console.log("|---|---|---:|---:|---|");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
use.dispose();
