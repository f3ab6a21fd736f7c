/**
 * Runs bench/torch_ref.py with Debian's python3-torch (/usr/bin/python3, override with
 * `KIT_PYTHON`). Every benchmark still runs without it: the PyTorch columns then read "—".
 * @module
 */
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("../../bench/torch_ref.py", import.meta.url));

/** What a reference run reports: median ms, and more per command. */
export interface TorchResult {
  torch: string;
  threads: number;
  ms: number;
  gflops?: number;
  sentences?: number;
  params?: number;
}

let missing: string | undefined;
let version: string | undefined;

/** PyTorch's version, once a reference has run. */
export function torchVersion(): string | undefined {
  return version;
}

/** Why PyTorch could not run (after a failed {@linkcode torchRef}), else undefined. */
export function torchMissing(): string | undefined {
  return missing;
}

let probed = false;

/** Whether `python` imports torch (checked once; the reason is kept for the table's header). */
async function torchAvailable(python: string): Promise<boolean> {
  if (!probed) {
    probed = true;
    try {
      const out = await new Deno.Command(python, { args: ["-c", "import torch"], stderr: "piped" })
        .output();
      if (!out.success) missing = `${python} cannot import torch (apt-get install python3-torch)`;
    } catch (e) {
      missing = `${python}: ${(e as Error).message}`;
    }
  }
  return missing === undefined;
}

/** Runs one reference command; `undefined` (and a note) when python3-torch is not there. */
export async function torchRef(
  command: string,
  args: Record<string, string | number> = {},
): Promise<TorchResult | undefined> {
  const python = Deno.env.get("KIT_PYTHON") ?? "/usr/bin/python3";
  if (!(await torchAvailable(python))) return undefined;
  const flags = Object.entries(args).flatMap(([k, v]) => [`--${k}`, `${v}`]);
  const out = await new Deno.Command(python, {
    args: [SCRIPT, command, ...flags],
    stderr: "piped",
  }).output();
  if (!out.success) {
    const stderr = new TextDecoder().decode(out.stderr);
    throw new Error(`bench/torch_ref.py ${command} failed:\n${stderr}`);
  }
  const result: TorchResult = JSON.parse(new TextDecoder().decode(out.stdout));
  version = `PyTorch ${result.torch}`;
  return result;
}

/**
 * The fastest of one reference command run with each thread count (other processes on a small
 * machine can make PyTorch's extra threads slower than one): the strongest reference.
 */
export async function torchBest(
  command: string,
  args: Record<string, string | number>,
  threads: number[],
): Promise<TorchResult | undefined> {
  let best: TorchResult | undefined;
  for (const t of [...new Set(threads)]) {
    const r = await torchRef(command, { ...args, threads: t });
    if (r && (!best || r.ms < best.ms)) best = r;
  }
  return best;
}
