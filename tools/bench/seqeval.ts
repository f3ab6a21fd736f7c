/**
 * seqeval rows: the kit's seqeval on the CoNLL-2003 test set (gold tags against the seeded
 * corruption of tests/golden/seqeval/perturb.ts), beside Python seqeval's times measured on the
 * course machine (Python seqeval is not a Debian package, so it is not rerun here).
 * @module
 */
import { join } from "node:path";
import { readConll } from "../../lib/data/conll.ts";
import { dataDir } from "../../lib/data/datadir.ts";
import { setFastPath } from "../../lib/fast/switch.ts";
import * as seqeval from "../../lib/seqeval/mod.ts";
import { perturb } from "../../tests/golden/seqeval/perturb.ts";
import { type BenchRow, median, ratio } from "./table.ts";

/** Python seqeval 1.2.2 on the course machine (bench/seqeval_bench.ts), ms. */
const PYTHON_MS = { f1: 84, report: 398, strict: 122 };

/** The seqeval rows (none, with a note, without the CoNLL-2003 test set). */
export async function seqevalRows(): Promise<BenchRow[]> {
  const dir = dataDir();
  let gold: string[][];
  try {
    gold = (await readConll(join(dir ?? "", "conll2003", "data", "test.txt"))).map((s) => s.tags);
  } catch {
    console.error(
      "bench: seqeval skipped: no conll2003 test set in the data dir (set KIT_DATA_DIR)",
    );
    return [];
  }
  const pred = perturb(gold, 2003);
  const time = (fn: () => unknown) => {
    fn();
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      fn();
      times.push(performance.now() - t);
    }
    return median(times);
  };
  const work = `seqeval on CoNLL-2003 test (${gold.length} sentences)`;
  // Each measurement on both paths: the packed chunker (fast path, the default) and the
  // reference chunker written as seqeval's rules.
  const rows = (what: string, fn: () => unknown, python: number): BenchRow[] =>
    [true, false].map((fast) => {
      setFastPath(fast);
      const ms = time(fn);
      setFastPath(true);
      return {
        work: `${work}: ${what}`,
        path: fast ? "kit, packed chunker (fast path)" : "kit, reference chunker",
        speed: `${ms.toFixed(1)} ms`,
        vsTorch: `${ratio(ms, python)} of Python seqeval (${python} ms, quoted)`,
        gflops: "—",
        diff: fast
          ? "same numbers (tests/seqeval_test.ts)"
          : "same entities as the packed one (tests/seqeval_chunks_test.ts)",
      };
    });
  return [
    ...rows("f1Score", () => seqeval.f1Score(gold, pred), PYTHON_MS.f1),
    ...rows(
      "classificationReport",
      () => seqeval.classificationReport(gold, pred),
      PYTHON_MS.report,
    ),
    ...rows(
      "f1Score strict IOB2",
      () => seqeval.f1Score(gold, pred, { mode: "strict", scheme: "IOB2" }),
      PYTHON_MS.strict,
    ),
  ];
}
