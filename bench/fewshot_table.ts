/**
 * The few-shot benchmark's results file and table: one JSON line per finished
 * (dataset, k, seed, method) run, and a markdown table of mean ± std accuracy, mean training time
 * and the paired SetFit − baseline differences per seed (same few-shot sample, same test subsample).
 * @module
 */

/** One finished run, as one line of the results file. */
export interface FewshotResult {
  dataset: string;
  /** Labelled examples per class. */
  k: number;
  seed: number;
  method: string;
  /** Everything else that changes the number (test size, SetFit settings). */
  config: string;
  /** Accuracy on the test subsample, in [0, 1]. */
  accuracy: number;
  /** Training time in seconds (see the table's note for what each method's time covers). */
  seconds: number;
  /** SetFit only: stage-1 steps taken. */
  steps?: number;
  /** ISO date-time the run finished. */
  finished: string;
}

/** The identity of a run: a re-run skips it when this key is already in the file. */
export function resultKey(r: Pick<FewshotResult, "dataset" | "k" | "seed" | "method" | "config">) {
  return JSON.stringify([r.dataset, r.k, r.seed, r.method, r.config]);
}

/** Reads a results file (missing file: no results); a malformed line names the file and line. */
export async function readResults(path: string): Promise<FewshotResult[]> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
  return text.split("\n").flatMap((line, i) => {
    if (line.trim() === "") return [];
    try {
      return [JSON.parse(line) as FewshotResult];
    } catch {
      throw new Error(`${path}:${i + 1}: not a JSON result line: ${line.slice(0, 80)}`);
    }
  });
}

/** Appends one result as a JSON line (one write, so an interrupted run leaves whole lines). */
export async function appendResult(path: string, r: FewshotResult): Promise<void> {
  await Deno.writeTextFile(path, JSON.stringify(r) + "\n", { append: true });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Sample standard deviation (n − 1), 0 for one value. */
const std = (xs: number[]) => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};
const pm = (xs: number[]) => `${mean(xs).toFixed(1)} ± ${std(xs).toFixed(1)}`;
const time = (s: number) => (s < 0.1 ? "< 0.1" : s < 10 ? s.toFixed(1) : s.toFixed(0));

/** Names of the three methods, in table order. */
export const METHODS = {
  frozen: "frozen + logistic regression",
  headOnly: "frozen + head-only fine-tune",
  setfit: "SetFit",
} as const;

/**
 * Markdown table rows (header included) for the results whose `config` a method maps to in
 * `configs`: per (dataset, k, method) the seeds run, mean ± std accuracy (%), mean training time,
 * then paired rows SetFit − frozen and SetFit − head-only over the seeds that have both (wins:
 * seeds where SetFit is strictly better).
 */
export function fewshotTable(
  results: readonly FewshotResult[],
  configs: Record<string, string>,
  datasetOrder: readonly string[],
): string[] {
  const wanted = results.filter((r) => configs[r.method] === r.config);
  const lines = [
    "| dataset | per class | method | seeds | accuracy (%) | train time (s) |",
    "| ------- | --------- | ------ | ----- | ------------ | -------------- |",
  ];
  const ks = [...new Set(wanted.map((r) => r.k))].sort((a, b) => a - b);
  for (const dataset of datasetOrder) {
    for (const k of ks) {
      const cell = wanted.filter((r) => r.dataset === dataset && r.k === k);
      if (cell.length === 0) continue;
      for (const method of Object.values(METHODS)) {
        const runs = cell.filter((r) => r.method === method).sort((a, b) => a.seed - b.seed);
        if (runs.length === 0) continue;
        const steps = runs.filter((r) => r.steps !== undefined).map((r) => r.steps!);
        const label = steps.length > 0
          ? `${method} (${Math.min(...steps)}${
            Math.max(...steps) > Math.min(...steps) ? `–${Math.max(...steps)}` : ""
          } steps)`
          : method;
        lines.push(
          `| ${dataset} | ${k} | ${label} | ${runs.length} | ${
            pm(runs.map((r) => r.accuracy * 100))
          } | ${time(mean(runs.map((r) => r.seconds)))} |`,
        );
      }
      const bySeed = (m: string) =>
        new Map(cell.filter((r) => r.method === m).map((r) => [r.seed, r.accuracy * 100]));
      const sf = bySeed(METHODS.setfit);
      for (const [name, method] of [["frozen", METHODS.frozen], ["head-only", METHODS.headOnly]]) {
        const base = bySeed(method);
        const diffs = [...sf].filter(([s]) => base.has(s)).map(([s, a]) => a - base.get(s)!);
        if (diffs.length === 0) continue;
        const wins = diffs.filter((d) => d > 0).length;
        lines.push(
          `| ${dataset} | ${k} | SetFit − ${name}, paired (wins) | ${diffs.length} | ${
            pm(diffs).replace(/^(\d)/, "+$1")
          } (${wins}/${diffs.length}) | |`,
        );
      }
    }
  }
  return lines;
}
