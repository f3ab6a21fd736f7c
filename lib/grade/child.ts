/**
 * The sandboxed side of the grader: `deno run` this with least privilege. It reads one request
 * line from stdin (`{nonce, module, calls}`), imports the submission, calls its exports and
 * writes one framed result line per call to stdout, then a final line with the sandbox
 * violations it saw. The nonce is read before any student code runs and lives only in this
 * module's scope; the grader ignores every line that does not carry it, and it checks the
 * answers itself, so printed text cannot change a score.
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

const realExit = Deno.exit;
const stdoutWrite = Deno.stdout.write.bind(Deno.stdout);
const encoder = new TextEncoder();
const violations: string[] = [];

async function readRequest(): Promise<Request> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of Deno.stdin.readable) chunks.push(chunk);
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) bytes.set(c, at), at += c.length;
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** Records permission failures of the APIs a hostile submission would try, then rethrows. */
function guard(): void {
  const isDenied = (e: unknown) =>
    e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied;
  const note = (what: string, e: unknown) => {
    violations.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  };
  const wrap = <T extends object>(owner: T, key: string, label: string) => {
    const o = owner as Record<string, unknown>;
    const orig = o[key];
    if (typeof orig !== "function") return;
    o[key] = function (this: unknown, ...args: unknown[]) {
      try {
        const r = (orig as (...a: unknown[]) => unknown).apply(this, args);
        if (r instanceof Promise) {
          return r.catch((e) => {
            if (isDenied(e)) note(label, e);
            throw e;
          });
        }
        return r;
      } catch (e) {
        if (isDenied(e)) note(label, e);
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
    violations.push(`called exit(${code ?? ""}): a submission must return, not end the grader`);
    throw new Error("the grading sandbox does not allow ending the process");
  };
  Object.assign(Deno, { exit });
  Object.defineProperty(Deno, "Command", {
    value: function () {
      violations.push("tried to start a subprocess (Deno.Command)");
      throw new Deno.errors.NotCapable("the grading sandbox does not allow subprocesses");
    },
  });
}

async function main(): Promise<void> {
  const request = await readRequest();
  const nonce = request.nonce;
  const frame = (payload: unknown) =>
    stdoutWrite(encoder.encode(`\n${FRAME_MARK}${nonce}@@${encodeJson(payload)}\n`));
  guard();
  let module: Record<string, unknown>;
  try {
    module = await import(request.module);
  } catch (e) {
    await frame({ importError: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    await frame({ done: true, violations });
    return realExit(0);
  }
  for (const { id, call, args } of request.calls) {
    const outcome = await invoke(module, call, args);
    await frame({ id, outcome });
  }
  await frame({ done: true, violations });
  // Pending timers of the submission must not keep the process (and the grader) waiting.
  realExit(0);
}

if (import.meta.main) await main();
