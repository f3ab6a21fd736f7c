/**
 * Progress bars for long loops (embedding, training), with count, rate and ETA. In the Deno
 * Jupyter kernel the bar is one display updated in place; on a terminal it is one line on stderr
 * redrawn with `\r`; anywhere else (CI logs, pipes) only a final summary line is written.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { progress, track } from "./progress.ts";
 * const bar = progress(3, { label: "batches", mode: "quiet", write: () => {} });
 * for (let i = 0; i < 3; i++) bar.tick();
 * await bar.done();
 * let sum = 0;
 * for (const x of track([1, 2, 3], { label: "sum", mode: "quiet", write: () => {} })) sum += x;
 * assert(sum === 6);
 * ```
 * @module
 */
import { ArgumentError } from "./errors.ts";

/** Where a bar draws: `auto` picks jupyter, then terminal (stderr is a TTY), then quiet. */
export type ProgressMode = "auto" | "jupyter" | "terminal" | "quiet";

/** Options of {@link progress} and {@link track}. */
export interface ProgressOptions {
  /** What is counted, shown before the numbers. */
  label?: string;
  /** Where to draw (default `auto`). */
  mode?: ProgressMode;
  /** Least milliseconds between redraws (default 100 on a terminal, 250 in Jupyter). */
  minIntervalMs?: number;
  /** Receives the terminal and quiet modes' text (default: written to stderr). */
  write?: (text: string) => void;
  /** Clock in milliseconds (default `performance.now`). */
  now?: () => number;
}

/** What {@link formatProgress} shows. */
export interface ProgressState {
  label?: string;
  count: number;
  /** `undefined` when the total is unknown: no percentage, bar or ETA then. */
  total?: number;
  elapsedMs: number;
}

const WIDTH = 20;

/**
 * One line of progress: label, count/total, percent, bar, rate, ETA (or elapsed when finished).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { formatProgress } from "./progress.ts";
 * const line = formatProgress({ label: "embed", count: 50, total: 200, elapsedMs: 2000 });
 * assert(line === "embed 50/200 25% [█████               ] 25.0/s ETA 6s", line);
 * ```
 */
export function formatProgress(state: ProgressState): string {
  const { label, count, total, elapsedMs } = state;
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? count / seconds : 0;
  const parts = label ? [label] : [];
  if (total === undefined) {
    parts.push(`${count}`);
  } else {
    const fraction = total === 0 ? 1 : Math.min(1, count / total);
    const filled = Math.round(fraction * WIDTH);
    parts.push(
      `${count}/${total}`,
      `${Math.floor(fraction * 100)}%`,
      `[${"█".repeat(filled)}${" ".repeat(WIDTH - filled)}]`,
    );
  }
  parts.push(`${rate.toFixed(1)}/s`);
  const finished = total !== undefined && count >= total;
  if (finished) parts.push(`in ${duration(seconds)}`);
  else if (total !== undefined && rate > 0) parts.push(`ETA ${duration((total - count) / rate)}`);
  return parts.join(" ");
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m${String(Math.round(seconds % 60)).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/** The Deno kernel's Jupyter API, or `undefined` outside `deno jupyter` (where it throws). */
function jupyterApi(): typeof Deno.jupyter | undefined {
  try {
    return Deno.jupyter;
  } catch {
    return undefined;
  }
}

function resolveMode(mode: ProgressMode): Exclude<ProgressMode, "auto"> {
  if (mode !== "auto") return mode;
  if (jupyterApi()) return "jupyter";
  return Deno.stderr.isTerminal() ? "terminal" : "quiet";
}

const encoder = new TextEncoder();

/**
 * A running progress bar; make one with {@link progress}.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Progress } from "./progress.ts";
 * const bar = new Progress(10, { mode: "quiet", write: () => {} });
 * bar.tick(3);
 * assertEquals(bar.count, 3);
 * await bar.done();
 * ```
 */
export class Progress {
  /** Items counted so far. */
  count = 0;
  readonly #mode: Exclude<ProgressMode, "auto">;
  readonly #interval: number;
  readonly #write: (text: string) => void;
  readonly #now: () => number;
  readonly #start: number;
  readonly #displayId = `kit-progress-${crypto.randomUUID()}`;
  #lastDraw = -Infinity;
  #shown = false;
  #finished = false;
  // Jupyter displays are asynchronous: chained so updates arrive in order.
  #sent: Promise<void> = Promise.resolve();

  /** Starts a bar over `total` items (`undefined`: unknown total). */
  constructor(readonly total: number | undefined, readonly options: ProgressOptions = {}) {
    if (total !== undefined && !(Number.isInteger(total) && total >= 0)) {
      throw new ArgumentError(
        "total",
        total,
        "is not a non-negative integer",
        "pass the item count, or undefined if unknown",
      );
    }
    this.#mode = resolveMode(options.mode ?? "auto");
    this.#interval = options.minIntervalMs ?? (this.#mode === "jupyter" ? 250 : 100);
    this.#write = options.write ??
      ((text) => Deno.stderr.writeSync(encoder.encode(text)));
    this.#now = options.now ?? (() => performance.now());
    this.#start = this.#now();
    if (this.#mode !== "quiet") {
      this.#lastDraw = this.#start;
      this.#draw(false);
    }
  }

  /** Counts `n` more items (default 1) and redraws if the last redraw is old enough. */
  tick(n = 1): void {
    if (this.#finished) throw new Error("progress: tick() after done()");
    this.count += n;
    const now = this.#now();
    if (now - this.#lastDraw >= this.#interval) {
      this.#lastDraw = now;
      this.#draw(false);
    }
  }

  /** Draws the final state; resolves once Jupyter has it. Calling it again does nothing. */
  done(): Promise<void> {
    if (!this.#finished) {
      this.#finished = true;
      this.#draw(true);
    }
    return this.#sent;
  }

  /** The line the bar shows now. */
  line(): string {
    return formatProgress({
      label: this.options.label,
      count: this.count,
      total: this.total,
      elapsedMs: this.#now() - this.#start,
    });
  }

  #draw(final: boolean): void {
    const line = this.line();
    if (this.#mode === "terminal") {
      this.#write(`\r${line}\x1b[K${final ? "\n" : ""}`);
    } else if (this.#mode === "quiet") {
      if (final) this.#write(`${line}\n`);
    } else {
      const update = this.#shown;
      this.#shown = true;
      const bundle = jupyterBundle(line, this.count, this.total);
      const api = jupyterApi();
      if (!api) {
        throw new ArgumentError(
          "options.mode",
          "jupyter",
          "needs the Deno Jupyter kernel",
          'use mode "auto" outside a notebook',
        );
      }
      this.#sent = this.#sent.then(() =>
        api.display(bundle, { raw: true, display_id: this.#displayId, update })
      );
    }
  }
}

function jupyterBundle(line: string, count: number, total?: number): Record<string, string> {
  const bar = total === undefined
    ? "<progress></progress>"
    : `<progress value="${count}" max="${total}" style="width:16em"></progress>`;
  const text = line.replace(/ \[[█ ]*\]/, "").replaceAll("&", "&amp;").replaceAll("<", "&lt;");
  return {
    "text/plain": line,
    "text/html": `<div style="font-family:monospace">${bar} ${text}</div>`,
  };
}

/**
 * Starts a progress bar over `total` items (`undefined` when unknown). Call `tick()` per item
 * (or `tick(n)` per batch of n) and `done()` at the end.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { progress } from "./progress.ts";
 * const lines: string[] = [];
 * const bar = progress(4, { label: "epochs", mode: "quiet", write: (t) => lines.push(t) });
 * bar.tick(4);
 * await bar.done();
 * assert(lines.length === 1 && lines[0].startsWith("epochs 4/4 100%"));
 * ```
 */
export function progress(total: number | undefined, options: ProgressOptions = {}): Progress {
  return new Progress(total, options);
}

/**
 * Iterates `items` with a progress bar; the total is the array's length (or `options.total`).
 * The bar finishes when the loop ends, also by `break` or a throw.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { track } from "./progress.ts";
 * const seen: string[] = [];
 * for (const s of track(["a", "b"], { mode: "quiet", write: () => {} })) seen.push(s);
 * assert(seen.join("") === "ab");
 * ```
 */
export function* track<T>(
  items: Iterable<T>,
  options: ProgressOptions & { total?: number } = {},
): Generator<T> {
  const total = options.total ?? (Array.isArray(items) ? items.length : undefined);
  const bar = progress(total, options);
  try {
    for (const item of items) {
      yield item;
      bar.tick();
    }
  } finally {
    void bar.done();
  }
}
