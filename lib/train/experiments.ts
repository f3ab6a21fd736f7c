/**
 * Experiments over seeds: every setting of a grid run once per seed, each run's results
 * collected per setting, ready for `meanStd` / `formatMeanStd` and error bars. A single run
 * says little about a small head on a few hundred examples; the spread over seeds says how
 * much of a difference between settings is noise.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { progress, type ProgressOptions } from "../progress.ts";

/** Each field of a run's result, one value per seed (in the order of the seeds). */
export type OverSeeds<R> = { [K in keyof R]: R[K][] };

/** One setting's runs: the setting, the seeds, and each result field over the seeds. */
export interface SeedRuns<S, R> {
  /** The setting, as given. */
  setting: S;
  /** The seeds, in run order. */
  seeds: number[];
  /** `values.f[k]` is field `f` of the run with `seeds[k]`. */
  values: OverSeeds<R>;
}

/** Options of {@link runSeeds}. */
export interface RunSeedsOptions {
  /** The progress bar over all runs (label default `"runs"`); `false` for none. */
  progress?: ProgressOptions | false;
}

/**
 * Runs `run(setting, seed)` for every setting and seed — settings in order, each over all
 * `seeds` — and returns, per setting, each field of the results over the seeds. A run must
 * return an object with the same fields every time.
 *
 * @param settings what varies between rows of the results table (a loss, a share, a setup…).
 * @param seeds the seeds each setting runs with.
 * @param run one run: trains and scores, returns named results (numbers, arrays, objects).
 * @returns one entry per setting, in the order of `settings`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { runSeeds } from "./experiments.ts";
 * const rows = await runSeeds(["a", "b"], [0, 1], (setting, seed) => ({
 *   score: setting === "a" ? seed : 10 + seed,
 * }), { progress: false });
 * assertEquals(rows.map((r) => [r.setting, r.values.score]), [["a", [0, 1]], ["b", [10, 11]]]);
 * ```
 */
export async function runSeeds<S, R extends Record<string, unknown>>(
  settings: readonly S[],
  seeds: readonly number[],
  run: (setting: S, seed: number) => R | Promise<R>,
  options: RunSeedsOptions = {},
): Promise<SeedRuns<S, R>[]> {
  const fn = "runSeeds";
  if (!Array.isArray(settings) || settings.length === 0) {
    throw new ArgumentError(
      "settings",
      settings,
      `${fn} needs a non-empty array`,
      "give at least one setting",
    );
  }
  if (!Array.isArray(seeds) || seeds.length === 0) {
    throw new ArgumentError(
      "seeds",
      seeds,
      `${fn} needs a non-empty array of integers`,
      "use e.g. [1, 2, 3]",
    );
  }
  const bad = seeds.findIndex((s) => !Number.isInteger(s));
  if (bad >= 0) {
    throw new ArgumentError(
      `seeds[${bad}]`,
      seeds[bad],
      `is not an integer (${fn})`,
      "use integer seeds",
    );
  }
  if (typeof run !== "function") {
    throw new ArgumentError("run", run, `${fn} needs a function`, "pass (setting, seed) => result");
  }
  const bar = options.progress === false
    ? undefined
    : progress(settings.length * seeds.length, { label: "runs", ...options.progress });
  let fields: string[] | undefined;
  const out: SeedRuns<S, R>[] = [];
  try {
    for (const [i, setting] of settings.entries()) {
      const values: Record<string, unknown[]> = {};
      for (const seed of seeds) {
        const result = await run(setting, seed);
        const keys = result !== null && typeof result === "object" ? Object.keys(result) : [];
        fields ??= keys;
        if (keys.length === 0 || keys.join() !== fields.join()) {
          throw new ArgumentError(
            `run(settings[${i}], seed ${seed})`,
            result,
            `${fn}: every run must return an object with the fields ${
              fields.join(", ") || "(some)"
            }`,
            "return the same numeric fields from every run",
          );
        }
        for (const k of keys) (values[k] ??= []).push(result[k]);
        bar?.tick();
      }
      out.push({ setting, seeds: [...seeds], values: values as OverSeeds<R> });
    }
  } finally {
    await bar?.done();
  }
  return out;
}
