/**
 * seqeval on the CoNLL-2003 test set (46,435 tokens, 3,453 sentences), predictions the seeded
 * corruption of tests/golden/seqeval/perturb.ts. Python seqeval 1.2.2 on the course machine:
 * f1_score 84 ms, classification_report 398 ms, f1_score(mode="strict", scheme=IOB2) 122 ms.
 *
 * Run: deno bench -A bench/seqeval_bench.ts (skipped, with a message, without the data dir).
 */
import { join } from "node:path";
import { seqeval } from "../lib/mod.ts";
import { dataDir } from "../lib/data/datadir.ts";
import { readConll } from "../lib/data/conll.ts";
import { perturb } from "../tests/golden/seqeval/perturb.ts";

const dir = dataDir();
const file = dir && join(dir, "conll2003", "data", "test.txt");
let gold: string[][] = [];
try {
  gold = file ? (await readConll(file)).map((s) => s.tags) : [];
} catch (e) {
  if (!(e instanceof Deno.errors.NotFound)) throw e;
}
const ignore = gold.length === 0;
if (ignore) {
  console.log("seqeval bench skipped: no conll2003 test set in the data dir (set KIT_DATA_DIR)");
}
const pred = perturb(gold, 2003);

Deno.bench(
  { name: "seqeval f1Score (default mode)", group: "seqeval", baseline: true, ignore },
  () => {
    seqeval.f1Score(gold, pred);
  },
);

Deno.bench(
  { name: "seqeval classificationReport (default mode)", group: "seqeval", ignore },
  () => {
    seqeval.classificationReport(gold, pred);
  },
);

Deno.bench({ name: "seqeval f1Score (strict, IOB2)", group: "seqeval", ignore }, () => {
  seqeval.f1Score(gold, pred, { mode: "strict", scheme: "IOB2" });
});

Deno.bench({ name: "seqeval f1Score (strict, scheme detected)", group: "seqeval", ignore }, () => {
  seqeval.f1Score(gold, pred, { mode: "strict" });
});

Deno.bench({ name: "seqeval tokenF1Score", group: "seqeval", ignore }, () => {
  seqeval.tokenF1Score(gold, pred);
});
