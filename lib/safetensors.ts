/**
 * The safetensors file format, written and read here for float32 tensors: an 8-byte
 * little-endian header length, a JSON header (`dtype`, `shape`, `data_offsets` per tensor,
 * sorted by name, optional `__metadata__` of strings, padded with spaces to 8 bytes), then the
 * raw little-endian data, as the reference implementation writes them.
 * @module
 */
import { atomicWriteFile } from "./atomic_write.ts";
import { ArgumentError, FileFormatError } from "./errors.ts";

/** A float32 tensor: its dimensions and row-major values. */
export interface TensorData {
  /** Dimensions. */
  shape: number[];
  /** The values, row-major. */
  data: Float32Array;
}

/** What {@linkcode readSafetensors} returns. */
export interface SafetensorsFile {
  /** Tensors by name. */
  tensors: Map<string, TensorData>;
  /** The `__metadata__` strings (empty when absent). */
  metadata: Record<string, string>;
}

/** Options of {@linkcode readSafetensors}. */
export interface ReadSafetensorsOptions {
  /**
   * Leave out tensors that are not floats (e.g. the int64 `position_ids` buffers of older
   * Hugging Face checkpoints) instead of refusing the file (default `false`).
   */
  skipNonFloat?: boolean;
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Encodes float32 tensors as one safetensors file (tensors sorted by name).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { encodeSafetensors } from "./safetensors.ts";
 * const bytes = encodeSafetensors({ w: { shape: [2], data: new Float32Array([1, 2]) } });
 * const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
 * assert(headerLength % 8 === 0 && bytes.length === 8 + headerLength + 8);
 * ```
 */
export function encodeSafetensors(
  tensors: Record<string, TensorData>,
  metadata: Record<string, string> = {},
): Uint8Array<ArrayBuffer> {
  const names = Object.keys(tensors).sort();
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) {
    for (const [k, v] of Object.entries(metadata)) {
      if (typeof v !== "string") {
        throw new ArgumentError(
          `metadata.${k}`,
          v,
          "is not a string: safetensors metadata holds strings only",
          "convert the value, e.g. with String() or JSON.stringify()",
        );
      }
    }
    header.__metadata__ = metadata;
  }
  let offset = 0;
  for (const name of names) {
    const at = `tensors[${JSON.stringify(name)}]`;
    if (name === "__metadata__") {
      throw new ArgumentError(
        at,
        tensors[name],
        "names a tensor __metadata__, which safetensors keeps for the metadata",
        "rename the tensor",
      );
    }
    const { shape, data } = tensors[name];
    if (!shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new ArgumentError(
        `${at}.shape`,
        shape,
        "is not a list of integers >= 0",
        "give each dimension as an integer >= 0",
      );
    }
    const size = shape.reduce((a, b) => a * b, 1);
    if (!(data instanceof Float32Array) || data.length !== size) {
      throw new ArgumentError(
        `${at}.data`,
        data,
        `is not the ${size} float32 values that shape [${shape}] needs`,
        "give a Float32Array whose length is the product of the shape's dimensions",
      );
    }
    header[name] = { dtype: "F32", shape, data_offsets: [offset, offset + 4 * size] };
    offset += 4 * size;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (new TextEncoder().encode(json).length % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const name of names) {
    const bytes = littleEndianBytes(tensors[name].data);
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}

/**
 * Writes `tensors` to `path` as safetensors, atomically (see {@linkcode atomicWriteFile}).
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { readSafetensors, writeSafetensors } from "./safetensors.ts";
 * const path = await Deno.makeTempFile({ suffix: ".safetensors" });
 * await writeSafetensors(path, { w: { shape: [2], data: new Float32Array([1, 2]) } }, { format: "pt" });
 * const { tensors, metadata } = await readSafetensors(path);
 * assert(tensors.get("w")!.data[1] === 2 && metadata.format === "pt");
 * await Deno.remove(path);
 * ```
 */
export async function writeSafetensors(
  path: string,
  tensors: Record<string, TensorData>,
  metadata: Record<string, string> = {},
): Promise<void> {
  await atomicWriteFile(path, encodeSafetensors(tensors, metadata));
}

/**
 * Reads a safetensors file of float tensors, checking the header against the file size; F16
 * and BF16 tensors (half-precision hub checkpoints) are widened to float32.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { readSafetensors, writeSafetensors } from "./safetensors.ts";
 * const path = await Deno.makeTempFile();
 * await writeSafetensors(path, { b: { shape: [1, 2], data: new Float32Array([3, 4]) } });
 * assert((await readSafetensors(path)).tensors.get("b")!.shape.join() === "1,2");
 * await Deno.remove(path);
 * ```
 */
export async function readSafetensors(
  path: string,
  { skipNonFloat = false }: ReadSafetensorsOptions = {},
): Promise<SafetensorsFile> {
  const bytes = await Deno.readFile(path);
  const bad = (why: string) => new FileFormatError(path, `not a valid safetensors file: ${why}`);
  if (bytes.length < 8) throw bad(`${bytes.length} bytes, shorter than the 8-byte header length`);
  const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  if (headerLength > bytes.length - 8) {
    throw bad(`header length ${headerLength} exceeds the file (${bytes.length} bytes)`);
  }
  let header: Record<string, HeaderEntry | Record<string, string>>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch (e) {
    throw bad(`header is not JSON (${(e as Error).message})`);
  }
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const tensors = new Map<string, TensorData>();
  for (const [name, entry] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const { dtype, shape, data_offsets: offsets } = entry as HeaderEntry;
    const width = FLOAT_WIDTHS[dtype];
    if (width === undefined) {
      if (skipNonFloat) continue;
      throw bad(`tensor "${name}" has dtype ${dtype}; only F32, F16 and BF16 are supported`);
    }
    const [begin, end] = offsets ?? [];
    const size = (shape ?? []).reduce((a, b) => a * b, 1);
    if (!(begin >= 0 && end <= dataLength && end - begin === width * size)) {
      throw bad(
        `tensor "${name}": data_offsets [${offsets}] do not fit shape [${shape}] in ${dataLength} data bytes`,
      );
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset + dataStart + begin, end - begin);
    const data = new Float32Array(size);
    if (dtype === "F32") { for (let i = 0; i < size; i++) data[i] = view.getFloat32(4 * i, true); }
    else if (dtype === "F16") {
      for (let i = 0; i < size; i++) data[i] = half(view.getUint16(2 * i, true));
    } else for (let i = 0; i < size; i++) data[i] = bfloat16(view.getUint16(2 * i, true));
    tensors.set(name, { shape, data });
  }
  return { tensors, metadata: (header.__metadata__ as Record<string, string>) ?? {} };
}

const FLOAT_WIDTHS: Record<string, number> = { F32: 4, F16: 2, BF16: 2 };

const widen = new DataView(new ArrayBuffer(4));

/** A bfloat16 is the top half of a float32. */
function bfloat16(bits: number): number {
  widen.setUint32(0, bits << 16);
  return widen.getFloat32(0);
}

/** IEEE half precision: sign, 5 exponent bits (bias 15), 10 mantissa bits. */
function half(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

function littleEndianBytes(values: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat32(4 * i, v, true));
  return out;
}
