/**
 * Where a checkpoint's files are: a local folder in the Hugging Face layout, or a hub id
 * (`owner/name`, at a `revision`) downloaded once into the kit's cache — each file written
 * atomically, a manifest written last, so an interrupted download is never taken for whole.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import { join, resolve } from "node:path";
import { atomicWriteFile } from "../atomic_write.ts";
import { fetchOrThrow, HubUnreachableError } from "../data/hub.ts";
import { hubCacheDir } from "../cache_dir.ts";
import { isDirectory, isFile, looksLikePath } from "../fs.ts";
import { progress, type ProgressMode } from "../progress.ts";
import { TOKENIZER_FILES } from "./save_pretrained.ts";

/** Hub options of `fromPretrained` (transformers' names, camelCase). */
export interface HubModelOptions {
  /** Hub revision: branch, tag or commit (default `"main"`). */
  revision?: string;
  /** Where hub downloads are kept (default `<kit cache>/huggingface`; see `KIT_CACHE_DIR`). */
  cacheDir?: string;
  /** Never download: only the cache (HF `local_files_only`; default: env `HF_HUB_OFFLINE` is `1`). */
  localFilesOnly?: boolean;
  /** The hub's base URL (default env `HF_ENDPOINT`, else `https://huggingface.co`). */
  endpoint?: string;
  /** Where the download's progress bar draws (default `auto`). */
  progress?: ProgressMode;
}

/** Files a checkpoint needs, and those fetched when the repository has them. */
const REQUIRED = ["config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"];
const OPTIONAL = TOKENIZER_FILES.filter((f) => !REQUIRED.includes(f));
const MANIFEST = ".kit-complete.json";

/**
 * The cache folder of `repo` at `revision`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { modelCacheFolder } from "./hub.ts";
 * assertEquals(modelCacheFolder("prajjwal1/bert-tiny", "main", "/c"), "/c/prajjwal1--bert-tiny/main");
 * ```
 */
export function modelCacheFolder(repo: string, revision: string, cacheDir: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/.test(repo)) {
    throw new ArgumentError(
      "repo",
      repo,
      "is neither a model folder nor a hub id",
      'use a folder or an id like "prajjwal1/bert-tiny"',
    );
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(revision) || revision.split("/").includes("..")) {
    throw new ArgumentError("revision", revision, "is not a valid hub revision", 'use e.g. "main"');
  }
  return join(cacheDir, repo.replace("/", "--"), revision.replaceAll("/", "--"));
}

/**
 * The local folder of `source`: the folder itself, or the cached download of a hub id (fetched
 * on first use).
 *
 * @example
 * ```ts
 * import { assertRejects } from "@std/assert";
 * import { resolveModelFolder } from "./hub.ts";
 * await assertRejects(() => resolveModelFolder("./no/such/model"), Error, "no such model folder");
 * ```
 */
export async function resolveModelFolder(
  source: string,
  options: HubModelOptions = {},
): Promise<string> {
  if (typeof source !== "string" || source.trim() === "") {
    throw new ArgumentError(
      "source",
      source,
      "is not a folder or a hub id",
      'use e.g. "prajjwal1/bert-tiny"',
    );
  }
  if (isDirectory(source)) return resolve(source);
  if (looksLikePath(source)) {
    throw new ArgumentError(
      "source",
      source,
      "is a path, but no such model folder exists",
      "give a Hugging Face model folder (config.json, model.safetensors, tokenizer.json and tokenizer_config.json)",
    );
  }
  const revision = options.revision ?? "main";
  const cache = options.cacheDir ?? hubCacheDir();
  const folder = modelCacheFolder(source, revision, cache);
  if (isFile(join(folder, MANIFEST))) return folder;
  const offline = options.localFilesOnly ?? Deno.env.get("HF_HUB_OFFLINE") === "1";
  if (offline) {
    throw new HubUnreachableError(
      `${source}@${revision} is not in the cache (${folder}) and downloads are off ` +
        `(localFilesOnly / HF_HUB_OFFLINE=1): download it once online, or pass a local folder`,
    );
  }
  await download(source, revision, folder, options);
  return folder;
}

async function download(
  repo: string,
  revision: string,
  folder: string,
  options: HubModelOptions,
): Promise<void> {
  const endpoint = (options.endpoint ?? Deno.env.get("HF_ENDPOINT") ?? "https://huggingface.co")
    .replace(/\/+$/, "");
  const url = (file: string) =>
    `${endpoint}/${repo}/resolve/${encodeURIComponent(revision)}/${file}`;
  await Deno.mkdir(folder, { recursive: true });
  const written: string[] = [];
  for (const file of [...REQUIRED, ...OPTIONAL]) {
    const response = await fetchOrThrow(url(file), () => undefined);
    if (!response) {
      if (!REQUIRED.includes(file)) continue;
      throw new ArgumentError(
        "revision",
        revision,
        `${repo}@${revision} has no ${file}` +
          (file === "model.safetensors"
            ? ": the kit loads safetensors weights only and never unpickles pytorch_model.bin"
            : ""),
        file === "model.safetensors"
          ? "pick a revision with model.safetensors (many repos have one under refs/pr/…)"
          : "pick a repo or revision that has it",
      );
    }
    await atomicWriteFile(join(folder, file), await readWithProgress(response, file, options));
    written.push(file);
  }
  // Last: its presence says every file above is whole.
  const manifest = { repo, revision, files: written };
  await atomicWriteFile(
    join(folder, MANIFEST),
    new TextEncoder().encode(JSON.stringify(manifest, null, 2)),
  );
}

async function readWithProgress(
  response: Response,
  file: string,
  options: HubModelOptions,
): Promise<Uint8Array> {
  const length = Number(response.headers.get("content-length") ?? NaN);
  const bar = progress(Number.isFinite(length) ? length : undefined, {
    label: `download ${file} (bytes)`,
    mode: options.progress,
  });
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body!) {
    chunks.push(chunk);
    size += chunk.length;
    bar.tick(chunk.length);
  }
  await bar.done();
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
