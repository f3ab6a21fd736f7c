/**
 * Runs one exercise of a submission in its own least-privilege Deno process (see child.ts) on
 * the small kit of confine.ts: read access only to that small kit and the kit's installed
 * `node_modules`; no network (`--cached-only`, the kit's lockfile `--frozen`, an empty Deno
 * cache of the grader's own), environment, writes, subprocesses, Workers or FFI; a heap limit, a
 * resident-memory limit (typed arrays live outside the heap) and a wall-time limit.
 *
 * A child that cannot start, or whose kit modules or packages fail to load, is a grader error
 * (the kit's fault), never the student's 0. Everything else it does — stall, crash, exit,
 * malformed or oversized answers — scores that exercise and nothing else.
 * @module
 */
import { FRAME_MARK, MAX_FRAME } from "./child.ts";
import { FORBIDDEN, OUTSIDE } from "./confine.ts";
import { decodeJson } from "./invoke.ts";
import type { Case, ExerciseSpec, Outcome } from "./spec.ts";

/** A failure of the grader or the kit, not of the submission: grading cannot go on. */
export class GraderError extends Error {
  /** @param message what failed, with the child's output tail when there is one. */
  constructor(message: string) {
    super(message);
    this.name = "GraderError";
  }
}

/** Where the kit lives and how to limit a child. */
export interface SandboxOptions {
  /** The kit's root folder (holds deno.json, deno.lock, node_modules/). */
  kitRoot: string;
  /** The Deno cache the children use (the grader's own; it never holds downloads). */
  denoDir: string;
  /** Heap limit of the child in MB (default 512). */
  memoryMb?: number;
  /** Resident-memory limit of the child in MB, heap included (default memoryMb + 512). */
  residentMb?: number;
  /** Wall-time limit (ms); default the exercise's own, else 20 s. */
  timeoutMs?: number;
  /** Why the time limit is what it is, when not the exercise's own (shown on a stall). */
  timeoutReason?: string;
  /** Index of the first hidden case: nothing of a hidden case is shown before it is published. */
  hiddenFrom?: number;
}

/** What a sandboxed run gave. */
export interface SandboxRun {
  /** The answer of each case, by index; missing when the child never answered it. */
  outcomes: (Outcome | undefined)[];
  /** Why the cases without an answer failed (or, when `voided`, all of them), or null. */
  failure: string | null;
  /** The failure breaks the rules: answered cases score 0 too. */
  voided: boolean;
  /** The kit's fault (the child could not start or load the kit), with the output tail. */
  graderError: string | null;
  /** What the submission printed while loading and during visible cases, shortened. */
  output: string;
  /** What it printed during each case, shortened. */
  printed: string[];
  /** Wall time of the child in seconds. */
  seconds: number;
}

/** Characters of printed text kept per case (and for loading). */
const SHOWN = 2000;
/** Characters of output kept for a grader error. */
const TAIL = 3000;

/** The children's flags: no network, the kit's lockfile and installed packages only. */
export function childFlags(kitRoot: string): string[] {
  return [
    "--no-check",
    "--no-prompt",
    "--cached-only",
    "--frozen",
    `--lock=${kitRoot}/deno.lock`,
    `--config=${kitRoot}/deno.json`,
  ];
}

/** Printed text of one phase (loading, or one case), kept up to SHOWN characters. */
class Segment {
  text = "";
  dropped = 0;
  add(s: string): void {
    const kept = s.slice(0, Math.max(0, SHOWN - this.text.length));
    this.text += kept;
    this.dropped += s.length - kept.length;
  }
  toString(): string {
    const t = this.text.trim();
    return this.dropped ? `${t}\n… (${this.dropped} more characters cut)` : t;
  }
}

/** What the child's frames said. */
interface Frames {
  hello: boolean;
  done: boolean;
  importError?: string;
  violations: { what: string; at: number }[];
  outcomes: (Outcome | undefined)[];
  phase: number;
  forged: boolean;
  bad?: string;
  segments: Map<number, Segment>;
  tail: string;
}

const isOutcome = (o: unknown): o is Outcome => {
  if (o === null || typeof o !== "object") return false;
  const x = o as Record<string, unknown>;
  if (x.ok === true) return "value" in x;
  const e = x.error as Record<string, unknown> | undefined;
  return x.ok === false && typeof e === "object" && e !== null &&
    typeof e.name === "string" && typeof e.message === "string";
};

/** Applies one frame; returns why it is malformed, or null. */
function apply(f: Frames, payload: unknown, count: number): string | null {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    return "a result that is not an object";
  }
  const p = payload as Record<string, unknown>;
  const keys = Object.keys(p).sort().join(",");
  const id = (v: unknown) => Number.isInteger(v) && (v as number) >= -1 && (v as number) < count;
  if (keys === "hello" && p.hello === true && !f.hello) f.hello = true;
  else if (!f.hello || f.done) return "a result line outside the run";
  else if (keys === "start" && id(p.start) && (p.start as number) >= 0) f.phase = p.start as number;
  else if (keys === "id,outcome" && p.id === f.phase && isOutcome(p.outcome)) {
    if (f.outcomes[p.id as number]) return `a second answer to test ${(p.id as number) + 1}`;
    f.outcomes[p.id as number] = p.outcome;
  } else if (keys === "at,violation" && typeof p.violation === "string" && id(p.at)) {
    f.violations.push({ what: p.violation.slice(0, 500), at: p.at as number });
  } else if (keys === "importError" && typeof p.importError === "string") {
    f.importError = p.importError.slice(0, TAIL);
  } else if (keys === "done" && p.done === true) f.done = true;
  else return `an unexpected result line {${keys.slice(0, 80)}}`;
  return null;
}

/**
 * Reads the child's output (stdout and stderr together, in order): frames carrying `nonce` go to
 * `apply`, everything else is the submission's printed text, kept per phase up to SHOWN
 * characters. No line is held beyond MAX_FRAME characters, however long it is.
 */
async function readOutput(
  stream: ReadableStream<Uint8Array>,
  nonce: string,
  count: number,
): Promise<Frames> {
  const f: Frames = {
    hello: false,
    done: false,
    violations: [],
    outcomes: new Array(count),
    phase: -1,
    forged: false,
    segments: new Map(),
    tail: "",
  };
  const mine = `${FRAME_MARK}${nonce}@@`;
  const decoder = new TextDecoder();
  let line = "";
  let overflow = false; // the current line ran past MAX_FRAME: skip to its end
  const text = (s: string) => {
    if (s.includes(FRAME_MARK)) f.forged = true;
    if (!f.segments.has(f.phase)) f.segments.set(f.phase, new Segment());
    f.segments.get(f.phase)!.add(s);
    f.tail = (f.tail + s).slice(-TAIL);
  };
  const endLine = (l: string) => {
    if (!l.startsWith(mine)) return text(l + "\n");
    let payload: unknown;
    try {
      payload = decodeJson(l.slice(mine.length));
    } catch {
      f.bad ??= "a result line that is not JSON";
      return;
    }
    const why = apply(f, payload, count);
    if (why) f.bad ??= why;
  };
  for await (const chunk of stream) {
    const parts = decoder.decode(chunk, { stream: true }).split("\n");
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      if (!overflow) line += parts[i];
      if (!overflow && line.length > MAX_FRAME + mine.length) {
        if (line.startsWith(mine)) f.bad ??= `an answer over ${MAX_FRAME} characters`;
        else text(line.slice(0, SHOWN));
        overflow = true;
        line = "";
      }
      if (last) break;
      if (!overflow) endLine(line);
      overflow = false;
      line = "";
    }
  }
  if (!overflow && line) endLine(line + decoder.decode());
  return f;
}

/** Resident memory of a process in MB (0 when it is gone). */
async function residentMb(pid: number): Promise<number> {
  try {
    const status = await Deno.readTextFile(`/proc/${pid}/status`);
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/**
 * Runs `cases` against the submission staged in the small kit `kitDir` (see confine.ts) in a
 * sandboxed child.
 *
 * @example
 * ```ts ignore
 * const run = await runSandboxed("/kit/.grade-1/focal_loss", spec, cases, { kitRoot: "/kit", denoDir });
 * ```
 */
export async function runSandboxed(
  kitDir: string,
  spec: ExerciseSpec,
  cases: readonly Case[],
  options: SandboxOptions,
): Promise<SandboxRun> {
  const { kitRoot, denoDir, memoryMb = 512 } = options;
  const residentCap = options.residentMb ?? memoryMb + 512;
  const limit = options.timeoutMs ?? spec.timeoutMs ?? 20_000;
  const hiddenFrom = options.hiddenFrom ?? cases.length;
  const started = performance.now();
  const nonce = crypto.randomUUID().replaceAll("-", "");
  const deno = [
    Deno.execPath(),
    "run",
    ...childFlags(kitRoot),
    `--import-map=${kitDir}/import_map.json`,
    `--allow-read=${kitDir}/lib,${kitDir}/exercises/${spec.name},${kitRoot}/node_modules`,
    `--v8-flags=--max-old-space-size=${memoryMb}`,
    `${kitDir}/lib/grade/child.ts`,
  ];
  // One stream for stdout and stderr keeps what the submission printed in order with the frames.
  const child = new Deno.Command("/bin/sh", {
    args: ["-c", 'exec "$@" 2>&1', "sh", ...deno],
    cwd: kitDir,
    clearEnv: true,
    env: {
      DENO_DIR: denoDir,
      DENO_NO_UPDATE_CHECK: "1",
      NO_COLOR: "1",
      HOME: kitDir,
      PATH: "/usr/bin:/bin",
    },
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  let ended: "time" | "memory" | null = null;
  const kill = (why: "time" | "memory") => {
    ended ??= why;
    try {
      child.kill("SIGKILL");
    } catch { /* already gone */ }
  };
  const timer = setTimeout(() => kill("time"), limit);
  let peak = 0;
  const watch = setInterval(async () => {
    peak = Math.max(peak, await residentMb(child.pid));
    if (peak > residentCap) kill("memory");
  }, 50);
  try {
    const request = {
      nonce,
      module: `file://${kitDir}/exercises/${spec.name}/mod.ts`,
      calls: cases.map((c, id) => ({ id, call: c.call, args: c.args })),
    };
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(JSON.stringify(request))).catch(() => {});
    await writer.close().catch(() => {});
    const [frames, status] = await Promise.all([
      readOutput(child.stdout, nonce, cases.length),
      child.status,
    ]);
    return {
      ...judge(frames, status, ended, {
        cases,
        hiddenFrom,
        limit,
        timeoutReason: options.timeoutReason,
        memoryMb,
        residentCap,
        kitDir,
        kitRoot,
      }),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    clearTimeout(timer);
    clearInterval(watch);
  }
}

/** Whether an import error is the kit's: it happened in a kit module or a kit package. */
function kitsFault(message: string, kitDir: string, kitRoot: string, specifiers: string[]) {
  const inKit = new RegExp(`(?:\\bat|\\bfrom) "?file://${RegExp.escape(kitDir)}/lib/`);
  return inKit.test(message) || message.includes(`${kitRoot}/node_modules`) ||
    specifiers.some((s) => message.includes(`"${s}"`) || message.includes(`"npm:${s}"`));
}

function judge(
  f: Frames,
  status: Deno.CommandStatus,
  ended: "time" | "memory" | null,
  c: {
    cases: readonly Case[];
    hiddenFrom: number;
    limit: number;
    timeoutReason?: string;
    memoryMb: number;
    residentCap: number;
    kitDir: string;
    kitRoot: string;
  },
): Omit<SandboxRun, "seconds"> {
  const hidden = (at: number) => at >= c.hiddenFrom;
  const where = (at: number) =>
    at < 0 ? "while loading" : `in ${hidden(at) ? "hidden " : ""}test ${at + 1}`;
  const printed = c.cases.map((_, i) => f.segments.get(i)?.toString() ?? "");
  const output = [-1, ...c.cases.keys()]
    .filter((i) => !hidden(i))
    .map((i) => f.segments.get(i)?.toString() ?? "")
    .filter(Boolean)
    .join("\n");
  const base = { outcomes: f.outcomes, output, printed, graderError: null };
  const keep = (failure: string) => ({ ...base, failure, voided: false });
  const voids = (failure: string) => ({ ...base, failure, voided: true });
  const code = `exit code ${status.code}${status.signal ? `, signal ${status.signal}` : ""}`;

  if (!f.hello) {
    if (ended === "time" && c.timeoutReason) {
      return voids(`not run: ${c.timeoutReason} was too short to start it`);
    }
    if (ended === "time") {
      return { ...voids(""), graderError: `the sandbox did not start within ${c.limit / 1000} s` };
    }
    return {
      ...voids(""),
      graderError: `the sandbox could not start (${code}):\n${f.tail.trim()}`,
    };
  }
  if (f.violations.length) {
    // A hidden case's violation may quote paths built from its arguments: name only the API.
    const list = f.violations.map(({ what, at }) =>
      hidden(at) ? `${what.split(":")[0]} ${where(at)} (details withheld)` : `${what} ${where(at)}`
    );
    return voids(`broke the sandbox rules: ${[...new Set(list)].join("; ")}`);
  }
  if (f.forged) return voids("printed text that imitates the grader's result lines (forgery)");
  if (f.bad) {
    return voids(
      `sent ${f.bad} ${where(f.phase)}: answers must be plain data under ` +
        `${MAX_FRAME / 1024 / 1024} MB, and the runtime (JSON, TextEncoder, stdout) left alone`,
    );
  }
  if (f.importError) {
    const map = JSON.parse(Deno.readTextFileSync(`${c.kitDir}/import_map.json`));
    const specifiers = Object.entries(map.imports as Record<string, string>)
      .filter(([k]) => !k.includes(":"))
      .flatMap(([k, v]) => [k, v.replace(/^npm:/, "")]);
    if (kitsFault(f.importError, c.kitDir, c.kitRoot, specifiers)) {
      return { ...voids(""), graderError: `the kit failed to load:\n${f.importError}` };
    }
    const outside = f.importError.includes(`${c.kitDir}/${OUTSIDE}/`)
      ? " (a submission may import only its own folder and the kit's lib/)"
      : "";
    const why = f.importError.split("\n").slice(0, 3).map((l) => l.trim()).join(" ");
    return voids(`could not be loaded${outside}: ${why}`);
  }
  const forbidden = f.outcomes.find((o) => o && !o.ok && o.error.name === FORBIDDEN);
  if (forbidden && !forbidden.ok) return voids(forbidden.error.message);
  if (ended === "time") {
    return keep(
      `stalled: ran past the time limit of ${c.limit / 1000} s ${where(f.phase)}` +
        (c.timeoutReason ? ` (${c.timeoutReason})` : ": an endless loop?"),
    );
  }
  if (ended === "memory") {
    return keep(`used more than ${c.residentCap} MB of memory ${where(f.phase)}`);
  }
  if (/heap out of memory|Reached heap limit|Allocation failed/i.test(f.tail)) {
    return keep(`ran out of memory (heap limit ${c.memoryMb} MB) ${where(f.phase)}`);
  }
  if (!f.done) {
    const uncaught = /error: Uncaught[^\n]*/.exec(f.tail)?.[0];
    if (uncaught) {
      return keep(
        `crashed ${where(f.phase)}: ${hidden(f.phase) ? "an uncaught error" : uncaught}`,
      );
    }
    if (status.signal) return keep(`crashed ${where(f.phase)} (${code})`);
    return keep(`the process ended ${where(f.phase)} (${code}): did it call exit()?`);
  }
  return { ...base, failure: null, voided: false };
}
