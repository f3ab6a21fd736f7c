/**
 * Stored notebook outputs: what a run produced, with its volatile parts removed (timings, progress
 * rates, absolute paths, the random ids of plot HTML), and the comparison that decides whether a
 * stored output still says what the notebook computes now.
 *
 * Tolerance, as the README states it: the text around numbers must match exactly (runs of spaces
 * count as one, so table padding may move); integers must be equal; a decimal like `0.474` may
 * differ by one unit in its last printed place (floating-point order can flip the last digit);
 * numbers in exponent notation and numbers inside plot data may differ by 1e-5 relative
 * (1e-7 absolute). In a cell tagged `volatile` (timings) only the text around numbers is compared.
 * @module
 */
import { dirname } from "node:path";

/** One nbformat 4 output. */
export interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  execution_count?: number | null;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

/** The MIME type of a plotly figure. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";
/** The tag that marks a cell whose numbers are timings: stored once, compared without numbers. */
export const VOLATILE_TAG = "volatile";
/** Stands where a duration was. */
export const TIME_MASK = "…";

// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
/** A progress bar's rate and its time left or taken: "133.4/s in 0s", "25.0/s ETA 6s". */
const PROGRESS_RATE = / \d+(?:\.\d+)?\/s(?: (?:in|ETA) [\dhms]+)?/g;
/** A printed duration: "in 3.2 s", "12 ms". The number goes, the unit stays. */
const DURATION = /\b\d+(?:\.\d+)? ?(ms|s)\b(?![\w/])/g;

/** A string or nbformat's list of lines as one string. */
export function joinText(text: unknown): string {
  return Array.isArray(text) ? text.join("") : typeof text === "string" ? text : "";
}

/** A string as nbformat stores multi-line text: a list of lines, each keeping its "\n". */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * Removes what changes from run to run or machine to machine: ANSI colours, absolute paths
 * (the repository becomes relative, its parent `../`), temp dirs, progress rates and durations.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { scrub } from "./outputs.ts";
 * assertEquals(scrub("embed 4/4 100% 133.4/s in 0s; 500 vectors in 3.2 s", "/r/kit/"), "embed 4/4 100%; 500 vectors in … s");
 * assertEquals(scrub("read /r/kit/data/a.csv and /r/shared/x", "/r/kit/"), "read data/a.csv and ../shared/x");
 * ```
 */
export function scrub(text: string, root: string): string {
  const rootDir = root.endsWith("/") ? root : `${root}/`;
  const parent = `${dirname(rootDir.slice(0, -1))}/`;
  return text
    .replace(ANSI, "")
    .replaceAll(`file://${rootDir}`, "")
    .replaceAll(rootDir, "")
    .replaceAll(rootDir.slice(0, -1), ".")
    .replaceAll(parent, "../")
    .replace(/\/tmp\/[\w.-]+/g, "<tmp>")
    .replace(PROGRESS_RATE, "")
    .replace(DURATION, `${TIME_MASK} $1`);
}

/**
 * A run's outputs as they are stored: scrubbed text, plot bundles without their HTML part (it
 * carries a random element id and loads plotly.js from a CDN; GitHub would show it blank), text
 * as nbformat's lists of lines, and `execute_result` numbered as its cell.
 */
export function normalizeOutputs(
  outputs: Output[],
  executionCount: number | null,
  root: string,
): Output[] {
  return outputs.map((out): Output => {
    if (out.output_type === "stream") {
      return {
        name: out.name,
        output_type: "stream",
        text: splitLines(scrub(joinText(out.text), root)),
      };
    }
    if (out.output_type === "display_data" || out.output_type === "execute_result") {
      const data: Record<string, unknown> = {};
      const source = out.data ?? {};
      for (const mime of Object.keys(source).sort()) {
        if (mime === "text/html" && PLOTLY_MIME in source) continue;
        const value = source[mime];
        data[mime] = mime.startsWith("text/") || mime === "image/svg+xml"
          ? splitLines(scrub(joinText(value), root))
          : value;
      }
      const base: Output = { data, metadata: out.metadata ?? {}, output_type: out.output_type };
      return out.output_type === "execute_result"
        ? {
          data,
          execution_count: executionCount,
          metadata: base.metadata,
          output_type: "execute_result",
        }
        : base;
    }
    if (out.output_type === "error") {
      return {
        ename: out.ename,
        evalue: scrub(out.evalue ?? "", root),
        output_type: "error",
        traceback: (out.traceback ?? []).map((line) => scrub(line, root)),
      };
    }
    return out;
  });
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g;

/** Why two printed texts differ beyond the tolerance, or undefined when they agree. */
export function textDifference(stored: string, now: string, volatile = false): string | undefined {
  const skeleton = (s: string) => s.replace(NUMBER, "#").replace(/[ \t]+/g, " ");
  const storedLines = stored.split("\n"), nowLines = now.split("\n");
  if (storedLines.length !== nowLines.length || skeleton(stored) !== skeleton(now)) {
    return firstLineDifference(storedLines, nowLines, (a, b) => skeleton(a) === skeleton(b));
  }
  if (volatile) return undefined;
  return firstLineDifference(storedLines, nowLines, (a, b) => {
    const x = a.match(NUMBER) ?? [], y = b.match(NUMBER) ?? [];
    return x.every((v, i) => numbersAgree(v, y[i]));
  });
}

function firstLineDifference(
  a: string[],
  b: string[],
  same: (a: string, b: string) => boolean,
): string | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (!same(a[i] ?? "", b[i] ?? "")) {
      return `line ${i + 1}: stored ${JSON.stringify(a[i] ?? "(none)")}, now ${
        JSON.stringify(b[i] ?? "(none)")
      }`;
    }
  }
  return undefined;
}

/**
 * Whether two printed numbers agree: integers exactly, decimals within one unit of the last
 * printed place, exponent notation within 1e-5 relative.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { numbersAgree } from "./outputs.ts";
 * assert(numbersAgree("0.474", "0.475") && !numbersAgree("0.474", "0.476"));
 * assert(!numbersAgree("84", "85") && numbersAgree("1.5e-3", "1.500001e-3"));
 * ```
 */
export function numbersAgree(a: string, b: string | undefined): boolean {
  if (b === undefined) return false;
  if (a === b) return true;
  const x = Number(a), y = Number(b);
  if (/[eE]/.test(a + b)) return closeEnough(x, y);
  const places = Math.max(decimals(a), decimals(b));
  if (places === 0) return false;
  return Math.abs(x - y) <= 10 ** -places * (1 + 1e-9);
}

function decimals(s: string): number {
  return s.includes(".") ? s.length - s.indexOf(".") - 1 : 0;
}

function closeEnough(x: number, y: number): boolean {
  return Math.abs(x - y) <= 1e-7 + 1e-5 * Math.max(Math.abs(x), Math.abs(y));
}

/** Where two JSON values (plot data) differ beyond 1e-5 relative, or undefined. */
export function jsonDifference(a: unknown, b: unknown, path = ""): string | undefined {
  if (typeof a === "number" && typeof b === "number") {
    return closeEnough(a, b) ? undefined : `${path || "value"}: stored ${a}, now ${b}`;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: stored ${a.length} items, now ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = jsonDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (
    a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) &&
    !Array.isArray(b)
  ) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const d = jsonDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (d) return d;
    }
    return undefined;
  }
  return a === b
    ? undefined
    : `${path || "value"}: stored ${JSON.stringify(a)}, now ${JSON.stringify(b)}`;
}

/** A progress bar's line: "embed use-lite 40/40 100% [████…]" (rates already scrubbed). */
const PROGRESS_LINE = /^.*\b\d+\/\d+ \d+% \[[█ ]*\].*(?:\n|$)/gm;

/**
 * The outputs without progress bars: whether a loop shows one depends on the run (a warm
 * embedding cache skips the loop), not on its result.
 */
export function withoutProgress(outputs: Output[]): Output[] {
  return outputs.flatMap((o): Output[] => {
    if (o.output_type === "stream") {
      const text = joinText(o.text).replace(PROGRESS_LINE, "");
      return text ? [{ ...o, text }] : [];
    }
    return joinText(o.data?.["text/html"]).includes("<progress") ? [] : [o];
  });
}

/**
 * Why a cell's stored outputs do not say what it produced now, or undefined when they agree.
 * Static images are not compared: they are drawn from the plot data, which is. Neither are
 * progress bars ({@link withoutProgress}).
 */
export function outputsDifference(
  storedOutputs: Output[],
  nowOutputs: Output[],
  volatile = false,
): string | undefined {
  const stored = withoutProgress(storedOutputs), now = withoutProgress(nowOutputs);
  if (stored.length !== now.length) {
    return `stored ${stored.length} outputs (${kinds(stored)}), now ${now.length} (${kinds(now)})`;
  }
  for (let i = 0; i < stored.length; i++) {
    const [a, b] = [stored[i], now[i]];
    const where = `output ${i + 1}`;
    if (a.output_type !== b.output_type || a.name !== b.name) {
      return `${where}: stored ${kinds([a])}, now ${kinds([b])}`;
    }
    if (a.output_type === "stream" || a.output_type === "error") {
      const d = textDifference(
        joinText(a.text ?? [a.ename, a.evalue].join(": ")),
        joinText(b.text ?? [b.ename, b.evalue].join(": ")),
        volatile,
      );
      if (d) return `${where} (${a.name ?? a.output_type}), ${d}`;
      continue;
    }
    const da = a.data ?? {}, db = b.data ?? {};
    const mimes = (d: Record<string, unknown>) =>
      Object.keys(d).filter((m) => !m.startsWith("image/"));
    if (mimes(da).join() !== mimes(db).join()) {
      return `${where}: stored ${mimes(da).join(", ")}, now ${mimes(db).join(", ")}`;
    }
    for (const mime of mimes(da)) {
      const d = mime.endsWith("json")
        ? (volatile ? undefined : jsonDifference(da[mime], db[mime]))
        : textDifference(joinText(da[mime]), joinText(db[mime]), volatile);
      if (d) return `${where} ${mime}, ${d}`;
    }
  }
  return undefined;
}

function kinds(outputs: Output[]): string {
  return outputs.map((o) => o.name ?? o.output_type).join(", ") || "none";
}
