/**
 * The benchmark table: one row per (work, path), printed as aligned text and as Markdown.
 * @module
 */

/** One measured row. */
export interface BenchRow {
  /** What is computed, e.g. "USE-lite embed, batch 32". */
  work: string;
  /** How, e.g. "onnxruntime-node (2 threads)". */
  path: string;
  /** Throughput or time per step, with its unit. */
  speed: string;
  /** Ratio to the PyTorch reference of the same work in the same run ("—" when none). */
  vsTorch: string;
  /** Achieved GFLOP/s (encoder rows), "—" elsewhere. */
  gflops: string;
  /** Numerical difference from the reference path. */
  diff: string;
}

const HEADER: Record<keyof BenchRow, string> = {
  work: "work",
  path: "path",
  speed: "throughput / time per step",
  vsTorch: "vs PyTorch",
  gflops: "GFLOP/s",
  diff: "difference from reference",
};
const KEYS = Object.keys(HEADER) as (keyof BenchRow)[];

/** Markdown table of the rows. */
export function markdownTable(rows: BenchRow[]): string {
  const esc = (s: string) => s.replaceAll("|", "\\|");
  return [
    `| ${KEYS.map((k) => HEADER[k]).join(" | ")} |`,
    `|${
      KEYS.map((k) => (k === "work" || k === "path" || k === "diff" ? "---" : "---:")).join("|")
    }|`,
    ...rows.map((r) => `| ${KEYS.map((k) => esc(r[k])).join(" | ")} |`),
  ].join("\n");
}

/** The rows as columns aligned with spaces, for the terminal. */
export function textTable(rows: BenchRow[]): string {
  const all = [HEADER, ...rows];
  const width = KEYS.map((k) => Math.max(...all.map((r) => r[k].length)));
  const line = (r: BenchRow) => KEYS.map((k, i) => r[k].padEnd(width[i])).join("  ").trimEnd();
  return [line(HEADER), width.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** Median of a non-empty list. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** `kit / torch` as "3.2×" (or "—" when either is missing). */
export function ratio(kit: number | undefined, torch: number | undefined): string {
  if (kit === undefined || torch === undefined || !(torch > 0)) return "—";
  const r = kit / torch;
  return `${r >= 10 ? r.toFixed(1) : r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}×`;
}
