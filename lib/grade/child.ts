/**
 * The sandboxed side of the grader: `deno run` this with least privilege. It reads one request
 * from stdin (`{nonce, module, calls}`), says hello, imports the submission, and for each call
 * writes a start line, then the answer; sandbox violations are written as they happen. Every
 * line it writes is framed with the nonce, which is read before any student code runs and lives
 * only in this module's scope; the grader ignores every line that does not carry it, checks the
 * answers itself, and treats a malformed frame as the submission's fault, so printed text
 * cannot change a score. What it writes with is taken before student code runs, so patching
 * `TextEncoder.prototype.encode` or `JSON` cannot bend the frames (only break them).
 * @module
 */
import { encodeJson, invoke } from "./invoke.ts";
import type { Json } from "./spec.ts";

/** What the grader sends. */
interface Request {
  nonce: string;
  module: string;
  calls: { id: number; call: string; args: Json[] }[];
}

/** The marker that opens every result line; the grader also uses it to spot forgeries. */
export const FRAME_MARK = "@@kit-grade:";

/** Largest frame the child writes (and the grader reads), in characters of JSON. */
export const MAX_FRAME = 8 * 1024 * 1024;

const realExit = Deno.exit;
const writeSync = Deno.stdout.writeSync.bind(Deno.stdout);
const apply = Reflect.apply;
const encode = TextEncoder.prototype.encode;
const encoder = new TextEncoder();
/** -1 while the submission loads, then the id of the call running. */
let phase = -1;
let send: (payload: unknown) => void = () => {};

function writeAll(bytes: Uint8Array): void {
  let at = 0;
  while (at < bytes.length) at += writeSync(bytes.subarray(at));
}

async function readRequest(): Promise<Request> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of Deno.stdin.readable) chunks.push(chunk);
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) bytes.set(c, at), at += c.length;
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** Records a rule the submission broke, with the call it happened in. */
function violation(what: string): void {
  send({ violation: what, at: phase });
}

/** Records permission failures of the APIs a hostile submission would try, then rethrows. */
function guard(): () => never {
  const isDenied = (e: unknown) =>
    e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied;
  // A denial met by the kit's own code (a package probing the environment while it loads) is
  // not the submission's: it is denied all the same, and not held against the student.
  const kitLib = new URL("../", import.meta.url).href;
  const byKit = (stack: string) => {
    // The first frame that is neither this guard nor Deno's own code (node:process, …).
    const caller = stack.split("\n").slice(1)
      .find((l) => !l.includes(import.meta.url) && !/\((ext|node):|at (ext|node):/.test(l)) ?? "";
    return caller.includes("/node_modules/") ||
      (caller.includes(kitLib) && !caller.includes(`${kitLib}grade/`));
  };
  const note = (what: string, e: unknown, stack: string) => {
    if (!byKit(stack)) violation(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  };
  const wrap = <T extends object>(owner: T, key: string, label: string) => {
    const o = owner as Record<string, unknown>;
    const orig = o[key];
    if (typeof orig !== "function") return;
    o[key] = function (this: unknown, ...args: unknown[]) {
      const stack = new Error().stack ?? "";
      try {
        const r = (orig as (...a: unknown[]) => unknown).apply(this, args);
        if (r instanceof Promise) {
          return r.catch((e) => {
            if (isDenied(e)) note(label, e, stack);
            throw e;
          });
        }
        return r;
      } catch (e) {
        if (isDenied(e)) note(label, e, stack);
        throw e;
      }
    };
  };
  const denoFns = [
    "readFile",
    "readFileSync",
    "readTextFile",
    "readTextFileSync",
    "open",
    "openSync",
    "readDir",
    "readDirSync",
    "stat",
    "statSync",
    "lstat",
    "lstatSync",
    "realPath",
    "realPathSync",
    "writeFile",
    "writeFileSync",
    "writeTextFile",
    "writeTextFileSync",
    "create",
    "createSync",
    "mkdir",
    "mkdirSync",
    "remove",
    "removeSync",
    "rename",
    "renameSync",
    "copyFile",
    "copyFileSync",
    "makeTempDir",
    "makeTempDirSync",
    "makeTempFile",
    "makeTempFileSync",
    "connect",
    "connectTls",
    "listen",
    "listenTls",
    "listenDatagram",
    "resolveDns",
    "dlopen",
    "openKv",
    "chdir",
    "kill",
    "symlink",
    "link",
    "truncate",
  ];
  for (const name of denoFns) wrap(Deno, name, `Deno.${name}`);
  for (const name of ["get", "set", "toObject", "has", "delete"]) {
    wrap(Deno.env, name, `Deno.env.${name}`);
  }
  for (const name of ["fetch", "WebSocket", "EventSource"]) {
    wrap(globalThis, name, name);
  }
  const exit = (code?: number) => {
    violation(`called exit(${code ?? ""}): a submission must return, not end the grader`);
    throw new Error("the grading sandbox does not allow ending the process");
  };
  Object.assign(Deno, { exit });
  Object.defineProperty(Deno, "Command", {
    value: function () {
      violation("tried to start a subprocess (Deno.Command)");
      throw new Deno.errors.NotCapable("the grading sandbox does not allow subprocesses");
    },
  });
  // A Worker would run student code this guard does not watch: starting one is the violation.
  const worker = function (): never {
    violation("tried to start a Worker");
    throw new Deno.errors.NotCapable("the grading sandbox does not allow Workers");
  };
  Object.defineProperty(globalThis, "Worker", { value: worker });
  return worker;
}

async function main(): Promise<void> {
  const request = await readRequest();
  const mark = `\n${FRAME_MARK}${request.nonce}@@`;
  send = (payload) => writeAll(apply(encode, encoder, [`${mark}${encodeJson(payload)}\n`]));
  send({ hello: true });
  const worker = guard();
  // CommonJS `require("worker_threads")` shares this object; the import map covers ESM.
  const threads = (await import("node:worker_threads")).default;
  Object.defineProperty(threads, "Worker", { value: worker });
  let module: Record<string, unknown>;
  try {
    module = await import(request.module);
  } catch (e) {
    send({ importError: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    send({ done: true });
    return realExit(0);
  }
  for (const { id, call, args } of request.calls) {
    phase = id;
    send({ start: id });
    const outcome = await invoke(module, call, args);
    const text = encodeJson(outcome);
    send({
      id,
      outcome: text.length <= MAX_FRAME - 100 ? outcome : {
        ok: false,
        error: {
          name: "AnswerTooLarge",
          message: `the answer is ${text.length} characters of JSON`,
        },
      },
    });
  }
  send({ done: true });
  // Pending timers of the submission must not keep the process (and the grader) waiting.
  realExit(0);
}

if (import.meta.main) await main();
