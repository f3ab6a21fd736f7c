/**
 * Datasets from the Hugging Face hub as parquet: the hub's listing
 * `GET {endpoint}/api/datasets/{repo}/parquet/{config}/{split}` gives the URLs of the split's
 * parquet files; they are downloaded once into a cache folder and read with `hyparquet`.
 * A second load reads the cache and needs no network.
 * @module
 */
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { join } from "node:path";
import { atomicWriteFile } from "../atomic_write.ts";
import { cacheDir } from "../cache_dir.ts";
import { ArgumentError, FileFormatError } from "../errors.ts";

/** Where and how to reach the hub. */
export interface HubOptions {
  /** The hub's base URL (default env `HF_ENDPOINT`, else `https://huggingface.co`). */
  endpoint?: string;
  /** Cache folder for parquet files (default `<kit cache>/datasets`, see `KIT_CACHE_DIR`). */
  cacheDir?: string;
  /** Use only the cache, never the network (default: env `HF_HUB_OFFLINE` is `1`). */
  offline?: boolean;
}

/** The rows of one split of a hub dataset, and its `datasets` features when the files carry them. */
export interface HubRows {
  /** One object per row; parquet int64 values are converted to numbers. */
  rows: Record<string, unknown>[];
  /**
   * The `features` of the `huggingface` key in the parquet metadata (e.g.
   * `{ label: { _type: "ClassLabel", names: [...] } }`), or `undefined`.
   */
  features: Record<string, unknown> | undefined;
  /** The parquet files read, in the cache. */
  files: string[];
}

/**
 * The hub could not be reached (offline, or a network error): the caller can say what else to do.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { HubUnreachableError } from "./hub.ts";
 * const e = new HubUnreachableError("offline");
 * assert(e instanceof Error && e.name === "HubUnreachableError");
 * ```
 */
export class HubUnreachableError extends Error {
  /**
   * @param message what failed
   * @param options the underlying error
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "HubUnreachableError";
  }
}

/**
 * The default cache folder for hub datasets: `<kit cache>/datasets`.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { datasetCacheDir } from "./hub.ts";
 * assert(datasetCacheDir().endsWith("datasets"));
 * ```
 */
export function datasetCacheDir(): string {
  return join(cacheDir(), "datasets");
}

function safe(argument: string, part: string): string {
  if (!/^[A-Za-z0-9._/-]+$/.test(part) || part.split("/").some((p) => p === "" || p === "..")) {
    throw new ArgumentError(
      argument,
      part,
      "is not a valid hub name",
      'use letters, digits, ".", "_", "-" and "/" between non-empty parts, e.g. "stanfordnlp/sst2"',
    );
  }
  return part.replaceAll("/", "--");
}

function toNumbers(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(toNumbers);
  return value;
}

async function readCached(folder: string): Promise<string[] | undefined> {
  try {
    const manifest = JSON.parse(await Deno.readTextFile(join(folder, "files.json")));
    return (manifest as string[]).map((f) => join(folder, f));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}

/**
 * GETs `url` from the hub. A 404 gives what `notFound(answer)` gives: an error is thrown,
 * `undefined` (an optional file) is returned; without `notFound`, and for any other failure, it
 * throws {@linkcode HubUnreachableError}.
 *
 * @example
 * ```ts
 * import { assertRejects } from "@std/assert";
 * import { fetchOrThrow, HubUnreachableError } from "./hub.ts";
 * await assertRejects(() => fetchOrThrow("http://127.0.0.1:9/x"), HubUnreachableError, "could not reach");
 * ```
 */
export async function fetchOrThrow(
  url: string,
  notFound?: (answer: string) => Error,
): Promise<Response>;
export async function fetchOrThrow(
  url: string,
  notFound: (answer: string) => undefined,
): Promise<Response | undefined>;
export async function fetchOrThrow(
  url: string,
  notFound?: (answer: string) => Error | undefined,
): Promise<Response | undefined> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new HubUnreachableError(
      `could not reach ${url}: ${(e as Error).message}; offline, use the cache or local files`,
      { cause: e },
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    const answer = `GET ${url} answered ${response.status} ${response.statusText}`;
    if (response.status === 404 && notFound) {
      const error = notFound(answer);
      if (error === undefined) return undefined;
      throw error;
    }
    throw new HubUnreachableError(answer);
  }
  return response;
}

async function download(
  endpoint: string,
  repo: string,
  config: string,
  split: string,
  folder: string,
): Promise<string[]> {
  const listing = `${endpoint.replace(/\/+$/, "")}/api/datasets/${repo}/parquet/${
    encodeURIComponent(config)
  }/${encodeURIComponent(split)}`;
  // The hub answers 404 for a repo, config or split it does not have: the caller's names.
  const missing = (answer: string) =>
    new ArgumentError(
      "split",
      split,
      `is not a split of ${repo} (${config}) on the hub: ${answer}`,
      "check the repo, config and split names on the dataset's hub page",
    );
  const urls: unknown = await (await fetchOrThrow(listing, missing)).json();
  if (!Array.isArray(urls) || urls.length === 0 || !urls.every((u) => typeof u === "string")) {
    throw new FileFormatError(
      listing,
      `not a list of parquet file URLs: ${JSON.stringify(urls).slice(0, 200)}`,
    );
  }
  await Deno.mkdir(folder, { recursive: true });
  const names: string[] = [];
  for (const [k, url] of (urls as string[]).entries()) {
    const bytes = new Uint8Array(await (await fetchOrThrow(url)).arrayBuffer());
    const name = `${k}.parquet`;
    // Atomic: an interrupted download leaves no file that a later run would take for whole.
    await atomicWriteFile(join(folder, name), bytes);
    names.push(name);
  }
  await atomicWriteFile(
    join(folder, "files.json"),
    new TextEncoder().encode(JSON.stringify(names)),
  );
  return names.map((n) => join(folder, n));
}

/**
 * The rows of `repo` / `config` / `split` on the hub, from the cache or downloaded into it.
 * Offline with nothing cached, or with the hub unreachable, it throws
 * {@linkcode HubUnreachableError}, as it does for any failed request but a 404; a repo, config or
 * split the hub does not have (404) is an `ArgumentError` naming `split`, with the hub's answer.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { HubUnreachableError, loadHubRows } from "./hub.ts";
 * // Offline with an empty cache: a clear error instead of a network call.
 * const cacheDir = await Deno.makeTempDir();
 * const error = await loadHubRows("stanfordnlp/sst2", "default", "validation", { offline: true, cacheDir })
 *   .catch((e) => e);
 * assert(error instanceof HubUnreachableError);
 * await Deno.remove(cacheDir, { recursive: true });
 * ```
 */
export async function loadHubRows(
  repo: string,
  config: string,
  split: string,
  options: HubOptions = {},
): Promise<HubRows> {
  const {
    endpoint = Deno.env.get("HF_ENDPOINT") || "https://huggingface.co",
    cacheDir = datasetCacheDir(),
    offline = Deno.env.get("HF_HUB_OFFLINE") === "1",
  } = options;
  const folder = join(cacheDir, safe("repo", repo), safe("config", config), safe("split", split));
  let files = await readCached(folder);
  if (!files) {
    if (offline) {
      throw new HubUnreachableError(
        `${repo} (${config}/${split}) is not in the cache ${folder} and the hub is offline`,
      );
    }
    files = await download(endpoint, repo, config, split, folder);
  }
  const rows: Record<string, unknown>[] = [];
  let features: Record<string, unknown> | undefined;
  for (const file of files) {
    const buffer = (await Deno.readFile(file)).buffer as ArrayBuffer;
    const hf = parquetMetadata(buffer).key_value_metadata?.find((kv) => kv.key === "huggingface");
    if (hf?.value && !features) {
      features = JSON.parse(hf.value)?.info?.features;
    }
    for (const row of await parquetReadObjects({ file: buffer })) {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(row)) out[key] = toNumbers(value);
      rows.push(out);
    }
  }
  return { rows, features, files };
}
