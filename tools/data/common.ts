/**
 * Helpers shared by the generators of the kit's synthetic datasets.
 * @module
 */
import { Random } from "../../lib/random.ts";
import { trainTestSplitIndices } from "../../lib/data/split.ts";

/** A seeded source of choices for template filling. */
export class Gen {
  readonly rng: Random;
  /** @param seed the generator's seed */
  constructor(seed: number) {
    this.rng = new Random(seed);
  }
  /** One element, uniformly. */
  pick<T>(xs: readonly T[]): T {
    return this.rng.choice(xs);
  }
  /** `true` with probability `p`. */
  maybe(p: number): boolean {
    return this.rng.random() < p;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + this.rng.randInt(hi - lo + 1);
  }
  /** Fills `{a|b|c}` alternatives (innermost first), choosing one uniformly. */
  fill(template: string): string {
    let s = template;
    for (;;) {
      const m = /\{([^{}]*)\}/.exec(s);
      if (!m) break;
      s = s.slice(0, m.index) + this.pick(m[1].split("|")) + s.slice(m.index + m[0].length);
    }
    return s.replace(/\s+/g, " ").replace(/\s+([,.?!])/g, "$1").trim();
  }
}

/** Upper-cases the first letter. */
export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The kit's split sizes: 70 % train, 10 % validation, 20 % test. */
export const SPLIT_FRACTIONS = { validation: 0.1, test: 0.2 } as const;

/**
 * Row indices of train / validation / test, stratified by `labels` when given (seeded).
 * The parts keep the generation order within them, so files read naturally.
 */
export function splitIndices(
  n: number,
  seed: number,
  labels?: readonly number[],
): Record<"train" | "validation" | "test", number[]> {
  const testN = Math.round(SPLIT_FRACTIONS.test * n);
  const valN = Math.round(SPLIT_FRACTIONS.validation * n);
  const outer = trainTestSplitIndices(labels ?? n, { testSize: testN, seed });
  const rest = outer.train;
  const inner = trainTestSplitIndices(labels ? rest.map((i) => labels[i]) : rest.length, {
    testSize: valN,
    seed,
  });
  const sorted = (xs: number[]) => xs.slice().sort((a, b) => a - b);
  return {
    train: sorted(inner.train.map((k) => rest[k])),
    validation: sorted(inner.test.map((k) => rest[k])),
    test: sorted(outer.test),
  };
}

/** A CSV field, quoted when it must be (RFC 4180). */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A Markdown table of per-class counts for each split. */
export function countsTable(
  labelNames: readonly string[],
  parts: Record<string, number[][] | number[]>,
): string {
  const splits = Object.keys(parts);
  const header = `| label | ${splits.join(" | ")} | all |\n|---|${
    splits.map(() => "---:|").join("")
  }---:|`;
  const rows = labelNames.map((name, k) => {
    const counts = splits.map((s) =>
      (parts[s] as (number | number[])[]).filter((l) => Array.isArray(l) ? l.includes(k) : l === k)
        .length
    );
    return `| ${name} | ${counts.join(" | ")} | ${counts.reduce((a, b) => a + b, 0)} |`;
  });
  const totals = splits.map((s) => parts[s].length);
  return [
    header,
    ...rows,
    `| **rows** | ${totals.join(" | ")} | ${totals.reduce((a, b) => a + b, 0)} |`,
  ].join("\n");
}

/** The licence paragraph of every kit dataset README. */
export const LICENCE =
  "Synthetic, written by the kit's generator `tools/make_data.ts` from its own templates; no real " +
  "person, company or transaction is described (names and figures are invented; real place and " +
  "regulation names are used as vocabulary). Licence: CC0-1.0 (public domain dedication).";

/**
 * `plan[label]` distinct rows of each label, label by label: `draw(label)` makes a candidate
 * (`undefined` rejects it) and one whose `key` was already drawn is drawn again.
 */
export function distinctRows<R>(
  name: string,
  plan: readonly number[],
  draw: (label: number) => R | undefined,
  key: (row: R) => string,
): R[] {
  const rows: R[] = [];
  const seen = new Set<string>();
  plan.forEach((count, label) => {
    for (let made = 0, tries = 0; made < count;) {
      if (++tries > 100000) throw new Error(`${name}: too few distinct rows of label ${label}`);
      const row = draw(label);
      if (row === undefined || seen.has(key(row))) continue;
      seen.add(key(row));
      rows.push(row);
      made++;
    }
  });
  return rows;
}

/** How {@linkcode writeSplits} names and writes a split's file. */
export interface SplitFiles<R> {
  /** The seed of {@linkcode splitIndices}. */
  seed: number;
  /** The file of a split, relative to `data/`. */
  path: (split: string) => string;
  /** The file's first line(s), e.g. a CSV header. */
  header?: string;
  /** One row's line, newline included. */
  line: (row: R) => string;
}

/**
 * Splits single-label `rows` 70 / 10 / 20 (stratified, seeded) into one file per split and
 * returns each split's labels, for {@linkcode countsTable}.
 */
export function writeSplits<R extends { label: number }>(
  files: Map<string, string>,
  rows: readonly R[],
  { seed, path, header = "", line }: SplitFiles<R>,
): Record<string, number[]> {
  const parts = splitIndices(rows.length, seed, rows.map((r) => r.label));
  const labelsBySplit: Record<string, number[]> = {};
  for (const [split, idx] of Object.entries(parts)) {
    labelsBySplit[split] = idx.map((i) => rows[i].label);
    files.set(path(split), header + idx.map((i) => line(rows[i])).join(""));
  }
  return labelsBySplit;
}
