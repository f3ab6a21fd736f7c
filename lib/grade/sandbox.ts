/**
 * Runs one exercise of a submission in its own least-privilege Deno process (see child.ts):
 * read access only to the staged submission folder, the kit's `lib/`, its npm packages and the
 * generated stand-ins for forbidden functions; no network, environment, writes, subprocesses
 * or FFI; a heap limit and a wall-time limit (the process is killed when it runs over).
 * @module
 */
import { FRAME_MARK } from "./child.ts";
import { exists } from "../fs.ts";
import { decodeJson } from "./invoke.ts";
import type { Case, ExerciseSpec, Outcome } from "./spec.ts";

/** Where the kit lives and how to limit a child. */
export interface SandboxOptions {
  /** The kit's root folder (holds deno.json, lib/, node_modules/). */
  kitRoot: string;
  /** Heap limit of the child in MB (default 512). */
  memoryMb?: number;
  /** Overrides the exercise's own wall-time limit (ms). */
  timeoutMs?: number;
}

/** Why an exercise got 0 whatever its answers, or null. */
export interface SandboxRun {
  /** The answer of each case, by index; missing when the child never answered it. */
  outcomes: (Outcome | undefined)[];
  /** A reason that voids the whole exercise (violation, timeout, crash, forgery), or null. */
  failure: string | null;
  /** What the submission printed (stdout and stderr, without the result lines), shortened. */
  output: string;
  /** Wall time of the child in seconds. */
  seconds: number;
}

const OUTPUT_CAP = 64 * 1024;
/** The error name of the stand-ins for forbidden kit functions. */
const FORBIDDEN = "ForbiddenKitFunction";

/** Deno's own cache folders, from `deno info --json`. */
let denoInfo: Promise<{ npmCache: string; denoDir: string }> | undefined;
function denoDirs(): Promise<{ npmCache: string; denoDir: string }> {
  denoInfo ??= (async () => {
    const out = await new Deno.Command(Deno.execPath(), { args: ["info", "--json"] }).output();
    const info = JSON.parse(new TextDecoder().decode(out.stdout));
    return { npmCache: info.npmCache, denoDir: info.denoDir };
  })();
  return denoInfo;
}

/**
 * The import map of the child: deno.json's imports with paths made absolute, plus, for each
 * forbidden kit module, a stand-in that re-exports it except the forbidden names, which throw.
 */
async function writeImportMap(
  kitRoot: string,
  spec: ExerciseSpec,
  dir: string,
): Promise<string> {
  const config = JSON.parse(await Deno.readTextFile(`${kitRoot}/deno.json`));
  const kitUrl = new URL(`file://${kitRoot}/`);
  const imports: Record<string, string> = {};
  for (const [k, v] of Object.entries(config.imports ?? {}) as [string, string][]) {
    imports[k] = v.startsWith(".") ? new URL(v, kitUrl).href : v;
  }
  const scopes: Record<string, Record<string, string>> = {};
  for (const [path, names] of Object.entries(spec.forbid ?? {})) {
    const real = new URL(path, kitUrl).href;
    const standIn = `${dir}/forbidden_${path.replace(/[^A-Za-z0-9]+/g, "_")}`;
    const lines = [`export * from ${JSON.stringify(real)};`];
    for (const name of names) {
      const message = `exercise ${spec.name}: write ${name} yourself — the kit's own ${name} ` +
        `(${path}) is off limits in this exercise`;
      lines.push(
        `export function ${name}() { const e = new Error(${JSON.stringify(message)}); ` +
          `e.name = ${JSON.stringify(FORBIDDEN)}; throw e; }`,
      );
    }
    await Deno.writeTextFile(standIn, lines.join("\n") + "\n");
    imports[real] = `file://${standIn}`;
    scopes[`file://${dir}/`] = { ...scopes[`file://${dir}/`], [real]: real };
  }
  const mapPath = `${dir}/import_map.json`;
  await Deno.writeTextFile(mapPath, JSON.stringify({ imports, scopes }, null, 2));
  return mapPath;
}

/**
 * Collects a stream into text, keeping the first `cap` characters of what the submission printed
 * but every line that starts with `frame` (the result lines) whole: a submission that prints a
 * lot must not push its own answers out.
 */
async function collect(
  stream: ReadableStream<Uint8Array>,
  cap: number,
  frame?: string,
): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  let printed = 0;
  let dropped = 0;
  let line = "";
  const add = (piece: string) => {
    if (frame && piece.startsWith(frame)) {
      // On a line of its own even when the cut took the end of the line before it.
      text += (text === "" || text.endsWith("\n") ? "" : "\n") + piece;
    } else {
      const kept = piece.slice(0, Math.max(0, cap - printed));
      text += kept;
      printed += kept.length;
      dropped += piece.length - kept.length;
    }
  };
  for await (const chunk of stream) {
    const s = decoder.decode(chunk, { stream: true });
    const end = s.lastIndexOf("\n");
    if (end < 0) {
      line += s;
    } else {
      for (const l of (line + s.slice(0, end + 1)).split(/(?<=\n)/)) add(l);
      line = s.slice(end + 1);
    }
    // Only result lines need their end; a long line of anything else goes now.
    if (line.length > cap && !(frame && line.startsWith(frame))) {
      add(line);
      line = "";
    }
  }
  add(line + decoder.decode());
  return dropped ? `${text}\n… (${dropped} more characters cut)` : text;
}

/**
 * Runs `cases` against the staged submission module `modulePath` in a sandboxed child.
 *
 * @example
 * ```ts ignore
 * const run = await runSandboxed("/kit/.grade-1/focal_loss/mod.ts", spec, cases, { kitRoot: "/kit" });
 * ```
 */
export async function runSandboxed(
  modulePath: string,
  spec: ExerciseSpec,
  cases: readonly Case[],
  { kitRoot, memoryMb = 512, timeoutMs }: SandboxOptions,
): Promise<SandboxRun> {
  const limit = timeoutMs ?? spec.timeoutMs ?? 20_000;
  const work = await Deno.makeTempDir({ prefix: "kit-grade-" });
  const started = performance.now();
  try {
    const mapPath = await writeImportMap(kitRoot, spec, work);
    const { npmCache, denoDir } = await denoDirs();
    const nodeModules = `${kitRoot}/node_modules`;
    const readable = [
      modulePath.slice(0, modulePath.lastIndexOf("/")),
      `${kitRoot}/lib`,
      (await exists(nodeModules)) ? nodeModules : npmCache,
      work,
    ];
    const nonce = crypto.randomUUID().replaceAll("-", "");
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-check",
        "--no-prompt",
        "--no-lock",
        `--config=${kitRoot}/deno.json`,
        `--import-map=${mapPath}`,
        `--allow-read=${readable.join(",")}`,
        `--v8-flags=--max-old-space-size=${memoryMb}`,
        `${kitRoot}/lib/grade/child.ts`,
      ],
      cwd: work,
      clearEnv: true,
      env: { DENO_DIR: denoDir, NO_COLOR: "1", HOME: work, PATH: "/usr/bin:/bin" },
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        child.kill("SIGKILL");
      } catch { /* already gone */ }
    }, limit);
    const request = {
      nonce,
      module: `file://${modulePath}`,
      calls: cases.map((c, id) => ({ id, call: c.call, args: c.args })),
    };
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(JSON.stringify(request)));
    await writer.close();
    const [stdout, stderr, status] = await Promise.all([
      collect(child.stdout, OUTPUT_CAP, `${FRAME_MARK}${nonce}@@`),
      collect(child.stderr, OUTPUT_CAP),
      child.status,
    ]);
    clearTimeout(timer);
    return {
      ...parse(stdout, stderr, nonce, cases.length, { timedOut, limit, status, memoryMb }),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await Deno.remove(work, { recursive: true });
  }
}

/** Reads the framed lines that carry `nonce`; judges everything else as the student's text. */
function parse(
  stdout: string,
  stderr: string,
  nonce: string,
  count: number,
  end: { timedOut: boolean; limit: number; status: Deno.CommandStatus; memoryMb: number },
): Omit<SandboxRun, "seconds"> {
  const outcomes: (Outcome | undefined)[] = new Array(count);
  const mine = `${FRAME_MARK}${nonce}@@`;
  const printed: string[] = [];
  let done: { violations: string[] } | undefined;
  let importError: string | undefined;
  let forged = false;
  for (const line of stdout.split("\n")) {
    if (line.startsWith(mine)) {
      const frame = decodeJson(line.slice(mine.length));
      if (frame.done) done = frame;
      else if (frame.importError) importError = frame.importError;
      else if (Number.isInteger(frame.id) && frame.id < count) outcomes[frame.id] = frame.outcome;
      continue;
    }
    if (line.includes(FRAME_MARK)) forged = true;
    printed.push(line);
  }
  // Each stream is already cut to OUTPUT_CAP by collect(), with a note saying so.
  const output = printed.join("\n").trim() + (stderr.trim() ? `\n${stderr.trim()}` : "");
  const fail = (failure: string) => ({ outcomes, failure, output });
  if (end.timedOut) {
    const at = outcomes.findIndex((o) => o === undefined);
    return fail(
      `ran past the time limit of ${end.limit / 1000} s` +
        (at >= 0 ? ` (in test ${at + 1})` : "") + ": an endless loop?",
    );
  }
  if (/heap out of memory|Reached heap limit|Allocation failed/i.test(stderr)) {
    return fail(`ran out of memory (heap limit ${end.memoryMb} MB)`);
  }
  if (forged) return fail("printed text that imitates the grader's result lines (forgery)");
  if (!done) {
    return fail(
      `the process ended before the grader got all answers (exit code ${end.status.code}` +
        `${end.status.signal ? `, signal ${end.status.signal}` : ""}): did it call exit()?`,
    );
  }
  if (done.violations.length) {
    return fail(`broke the sandbox rules: ${[...new Set(done.violations)].join("; ")}`);
  }
  if (importError) return fail(`could not be loaded: ${importError}`);
  const forbidden = outcomes.find((o) => o && !o.ok && o.error.name === FORBIDDEN);
  if (forbidden && !forbidden.ok) return fail(forbidden.error.message);
  return { outcomes, failure: null, output };
}
