/**
 * The NER table of docs/results_sequence_imbalance.md: notebook 16_6_3's token classification on
 * kit/ner and CoNLL-2003 (a seeded sample of its training split, the full test split), over
 * seeds, printed as Markdown rows (entity F1 in seqeval's default and strict IOB2 modes, token
 * F1, as mean ± std over seeds; training sentences and time per run), with BERT-base's
 * published CoNLL-2003 score beside them for context. Two regimes on the same sentences:
 *
 * - **frozen**: a linear token head on cached, frozen USE-lite token features (`fitPredictTags`;
 *   "pieces, first" is the chapter's recipe, "words, mean" the best frozen variant);
 * - **end to end**: the chapter's recipe through the whole encoder — USE-lite's `tokenBody()`,
 *   `alignLabels` "first", the kit's `Trainer` training every layer with the head
 *   (`trainTokenClassifier`), word tags from `predictEntities`.
 *
 * A seed sets the head's initial weights, dropout and batch order, and, on CoNLL-2003, which
 * training sentences are sampled (kit/ner trains on its whole training split). End-to-end runs
 * only on CoNLL-2003 (kit/ner's frozen scores are already near 97).
 *
 * Usage: `deno run -A bench/results_ner.ts [--seeds 3] [--train-size 2000] [--epochs 2]
 * [--no-e2e]`. CoNLL-2003 comes from the data directory; without it only the kit/ner rows are
 * printed. Per-seed values go to stderr.
 * @module
 */
import {
  CONLL_TAGS,
  fitPredictTags,
  formatMeanStd,
  initBackend,
  loadDataset,
  loadUseLite,
  predictEntities,
  seqeval,
  subsample,
  type TokenDataset,
  tokenFeatureBody,
  type TokenHeadInputs,
  TrainableUseLite,
  trainTokenClassifier,
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
const E2E = !Deno.args.includes("--no-e2e");
/** Devlin et al. (2019), Table 3: BERT-base, CoNLL-2003 test F1 (fine-tuned end to end). */
const BERT_BASE_F1 = 92.4;

/** Notebook 16_6_3's training arguments for the frozen head. */
const NER_ARGS = {
  numTrainEpochs: 10,
  learningRate: 3e-3,
  perDeviceTrainBatchSize: 16,
  perDeviceEvalBatchSize: 64,
  disableTqdm: true,
};
/**
 * End to end: the head at the frozen head's order of learning rate, the encoder slower
 * (`bodyLearningRate`), warmup over the first 10 % of the steps, then linear decay.
 */
const E2E_ARGS = {
  numTrainEpochs: arg("--epochs", 2),
  learningRate: 2e-3,
  bodyLearningRate: 5e-4,
  warmupRatio: 0.1,
  weightDecay: 0.01,
  perDeviceTrainBatchSize: 16,
  disableTqdm: true,
};
const FEATURES: TokenHeadInputs[] = ["pieces, first", "words, mean"];

const start = performance.now();
const backend = await initBackend({ quiet: true });
const use = await loadUseLite();
const body = tokenFeatureBody({ name: use.name, hiddenSize: use.tokenHiddenSize });

interface Scores {
  entity: number[];
  strict: number[];
  token: number[];
  seconds: number[];
}
const rows: string[][] = [];

/** Scores every regime over the seeds; `trainOf(seed)` gives that seed's training set. */
async function evaluate(
  data: string,
  trainOf: (seed: number) => TokenDataset,
  test: TokenDataset,
  reference: string,
  e2e: boolean,
): Promise<void> {
  const testF = await use.tokenFeatures(test.inputs);
  const truth = test.labels.map((row) => row.map((id) => CONLL_TAGS[id]));
  const regimes = [
    ...FEATURES.map((f) => `frozen, ${f}`),
    ...(e2e ? ["end to end, pieces, first"] : []),
  ];
  const scores: Record<string, Scores> = Object.fromEntries(
    regimes.map((r) => [r, { entity: [], strict: [], token: [], seconds: [] }]),
  );
  const record = (regime: string, seed: number, pred: string[][], seconds: number) => {
    const s = scores[regime];
    s.entity.push(seqeval.f1Score(truth, pred));
    s.strict.push(seqeval.f1Score(truth, pred, { mode: "strict", scheme: "IOB2" }));
    s.token.push(seqeval.tokenF1Score(truth, pred));
    s.seconds.push(seconds);
    console.error(
      `${data}, ${regime}, seed ${seed}: entity F1 ${s.entity.at(-1)!.toFixed(4)}, strict ` +
        `${s.strict.at(-1)!.toFixed(4)}, token F1 ${s.token.at(-1)!.toFixed(4)}, ` +
        `${seconds.toFixed(0)} s`,
    );
  };
  let trainSize = 0;
  for (const seed of SEEDS) {
    const train = trainOf(seed);
    trainSize = train.inputs.length;
    const trainF = await use.tokenFeatures(train.inputs);
    for (const features of FEATURES) {
      const t = performance.now();
      const pred = await fitPredictTags({
        inputs: features,
        body,
        train: { features: trainF, tags: train.labels },
        test: { features: testF, tags: test.labels },
        labelList: CONLL_TAGS,
        args: NER_ARGS,
        seed,
      });
      record(`frozen, ${features}`, seed, pred, (performance.now() - t) / 1000);
    }
    if (!e2e) continue;
    const t = performance.now();
    const encoder = await TrainableUseLite.load();
    const { model } = await trainTokenClassifier({
      body: encoder.tokenBody(),
      train,
      labelList: CONLL_TAGS,
      strategy: "first",
      args: E2E_ARGS,
      seed,
    });
    const seconds = (performance.now() - t) / 1000;
    const pred = (await predictEntities(model, test.inputs, { batchSize: 64 })).map((p) =>
      p.labels
    );
    record("end to end, pieces, first", seed, pred, seconds);
    model.dispose();
    encoder.dispose();
  }
  for (const regime of regimes) {
    const s = scores[regime];
    const seconds = s.seconds.reduce((a, b) => a + b, 0) / s.seconds.length;
    rows.push([
      data,
      regime,
      trainSize.toLocaleString("en-US"),
      formatMeanStd(s.entity),
      formatMeanStd(s.strict),
      formatMeanStd(s.token),
      seconds.toFixed(0),
      reference,
    ]);
  }
}

const [kitTrain, kitTest] = await Promise.all(
  ["train", "test"].map((split) => loadDataset("kit/ner", { split })),
) as TokenDataset[];
await evaluate(
  `kit/ner (${kitTest.inputs.length} test sentences)`,
  () => kitTrain,
  kitTest,
  "—",
  false,
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
  const size = Math.min(CONLL_TRAIN, conllTrain.inputs.length);
  await evaluate(
    `CoNLL-2003 (of ${conllTrain.inputs.length.toLocaleString("en-US")} train; full test ${
      conllTest.inputs.length.toLocaleString("en-US")
    })`,
    (seed) => subsample(conllTrain, size, { seed }),
    conllTest,
    `${BERT_BASE_F1} (BERT-base, Devlin et al. 2019)`,
    E2E,
  );
}

const seconds = ((performance.now() - start) / 1000).toFixed(0);
console.log(
  `\n${SEEDS.length} seeds; end to end: ${E2E_ARGS.numTrainEpochs} epochs, batch 16, ` +
    `head lr ${E2E_ARGS.learningRate}, encoder lr ${E2E_ARGS.bodyLearningRate}; backend ${backend}; ` +
    `${seconds} s\n`,
);
console.log(
  "| data | model | train sentences | entity F1 | entity F1, strict IOB2 | token F1 | " +
    "train s / run | entity F1, fine-tuned reference |",
);
console.log("|---|---|---:|---:|---:|---:|---:|---|");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
use.dispose();
