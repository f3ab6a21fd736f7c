/**
 * A small zip reader for submissions (stored and deflated entries). A submission is a few small
 * source files, so an archive is refused — with the reason — when an entry path would leave the
 * extraction folder, when it holds too many entries, when an entry or the whole inflates past a
 * cap or past a plausible compression ratio (a zip bomb stops at the cap, not after inflating),
 * or when a path is both a file and a folder.
 * @module
 */
import { FileFormatError } from "../errors.ts";

/** One file of a zip archive. */
export interface ZipEntry {
  /** Path inside the archive, `/`-separated. */
  path: string;
  /** Uncompressed bytes. */
  data: Uint8Array;
}

/** What a submission archive may hold. */
export const ZIP_LIMITS = {
  /** Entries (files and folders). */
  entries: 1000,
  /** Inflated bytes of one entry. */
  entryBytes: 4 * 1024 * 1024,
  /** Inflated bytes of all entries. */
  totalBytes: 32 * 1024 * 1024,
  /** Inflated size over compressed size, for entries over 64 KB inflated. */
  ratio: 100,
};

/** How a zip's errors name it: the bytes come without a file name. */
const ZIP = "the zip archive";

/** Inflates `bytes`, stopping with an error as soon as the output passes `cap` bytes. */
async function inflateRaw(bytes: Uint8Array, cap: number, path: string): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new DecompressionStream("deflate-raw"));
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of stream) {
    size += part.length;
    if (size > cap) {
      throw new FileFormatError(ZIP, `entry ${path} inflates past ${cap} bytes (a zip bomb?)`);
    }
    parts.push(part);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) out.set(p, at), at += p.length;
  return out;
}

/**
 * The files of a zip archive (folders skipped), from its central directory.
 *
 * @example
 * ```ts
 * import { assertRejects } from "@std/assert";
 * import { FileFormatError } from "../errors.ts";
 * import { readZip } from "./zip.ts";
 * await assertRejects(() => readZip(new TextEncoder().encode("not a zip")), FileFormatError, "not a zip");
 * ```
 */
export async function readZip(bytes: Uint8Array): Promise<ZipEntry[]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new FileFormatError(ZIP, "not a zip archive (no end of central directory)");
  const count = view.getUint16(eocd + 10, true);
  if (count > ZIP_LIMITS.entries) {
    throw new FileFormatError(ZIP, `${count} entries, more than the ${ZIP_LIMITS.entries} allowed`);
  }
  let at = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  const files = new Set<string>();
  const folders = new Set<string>();
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) {
      throw new FileFormatError(ZIP, `bad central directory entry ${n} at byte ${at}`);
    }
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const declaredSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const path = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    const parts = path.replace(/\/$/, "").split(/[\\/]/);
    if (
      path.startsWith("/") || /^[A-Za-z]:/.test(path) || parts.includes("..") ||
      parts.some((p) => p === "" || p === ".") || path.includes("\0")
    ) {
      throw new FileFormatError(
        ZIP,
        `entry ${JSON.stringify(path)} would leave the submission folder`,
      );
    }
    // Every parent is a folder; a path may not be both a file and a folder.
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join("/"));
    if (path.endsWith("/")) {
      folders.add(parts.join("/"));
      continue;
    }
    if (files.has(path)) throw new FileFormatError(ZIP, `entry ${path} appears twice`);
    files.add(path);
    if (declaredSize > ZIP_LIMITS.entryBytes) {
      throw new FileFormatError(
        ZIP,
        `entry ${path} is ${declaredSize} bytes inflated, over the cap`,
      );
    }
    if (local + 30 > bytes.length) throw new FileFormatError(ZIP, `entry ${path} is cut off`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(start, start + compressedSize);
    // The declared size may lie: the cap holds for what actually comes out.
    const cap = Math.min(
      ZIP_LIMITS.entryBytes,
      ZIP_LIMITS.totalBytes - total,
      Math.max(64 * 1024, ZIP_LIMITS.ratio * compressedSize),
    );
    let data: Uint8Array;
    if (method === 0) data = raw.slice();
    else if (method === 8) data = await inflateRaw(raw, cap, path);
    else throw new FileFormatError(ZIP, `entry ${path} uses compression method ${method}`);
    if (data.length > cap) throw new FileFormatError(ZIP, `entry ${path} is larger than allowed`);
    total += data.length;
    entries.push({ path, data });
  }
  const both = [...files].find((f) => folders.has(f));
  if (both) throw new FileFormatError(ZIP, `${both} is both a file and a folder`);
  return entries;
}

/**
 * Extracts the zip archive `bytes` into the folder `dir` (see {@link readZip} for what is
 * refused).
 *
 * @example
 * ```ts ignore
 * await extractZip(await Deno.readFile("submission.zip"), "/tmp/unzipped");
 * ```
 */
export async function extractZip(bytes: Uint8Array, dir: string): Promise<void> {
  for (const { path, data } of await readZip(bytes)) {
    const file = `${dir}/${path}`;
    await Deno.mkdir(file.slice(0, file.lastIndexOf("/")), { recursive: true });
    await Deno.writeFile(file, data, { createNew: true });
  }
}
