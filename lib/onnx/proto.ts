/**
 * The ONNX `ModelProto` in protobuf wire format, written by hand: the few messages a plain
 * inference graph needs (model, graph, node, attribute, tensor, value info), so the kit can write
 * `.onnx` files in TypeScript without Python or a protobuf library. Field numbers are those of
 * onnx/onnx.proto; repeated scalars are written unpacked, as proto2 parsers expect.
 * @module
 */

/** ONNX element types the kit writes (`TensorProto.DataType`). */
export const DataType = { FLOAT: 1, INT32: 6, INT64: 7, FLOAT16: 10 } as const;
/** One of {@linkcode DataType}'s values. */
export type DataTypeCode = (typeof DataType)[keyof typeof DataType];

/** A constant tensor (initializer or attribute value); `data` holds little-endian bytes. */
export interface TensorSpec {
  name: string;
  dataType: DataTypeCode;
  dims: number[];
  /** Raw little-endian values. */
  data: Uint8Array;
}

/** An attribute value: number (int unless `float`), string, number list, or tensor. */
export type AttributeValue =
  | { int: number }
  | { float: number }
  | { string: string }
  | { ints: number[] }
  | { floats: number[] }
  | { tensor: TensorSpec };

/** One operator application. */
export interface NodeSpec {
  opType: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  attributes?: Record<string, AttributeValue>;
}

/** A graph input or output: element type and dimensions (a string names a dynamic dimension). */
export interface ValueInfoSpec {
  name: string;
  dataType: DataTypeCode;
  dims: (number | string)[];
}

/** A whole model: one graph at one opset of the default domain. */
export interface ModelSpec {
  graphName: string;
  nodes: NodeSpec[];
  initializers: TensorSpec[];
  inputs: ValueInfoSpec[];
  outputs: ValueInfoSpec[];
  opsetVersion: number;
  irVersion: number;
  producerName: string;
  /** `metadata_props` key/value pairs. */
  metadata?: Record<string, string>;
}

/**
 * Encodes a model as the bytes of an `.onnx` file.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { DataType, encodeModel } from "./proto.ts";
 * const bytes = encodeModel({
 *   graphName: "g", producerName: "kit", irVersion: 8, opsetVersion: 17, initializers: [],
 *   nodes: [{ opType: "Relu", inputs: ["x"], outputs: ["y"] }],
 *   inputs: [{ name: "x", dataType: DataType.FLOAT, dims: ["n"] }],
 *   outputs: [{ name: "y", dataType: DataType.FLOAT, dims: ["n"] }],
 * });
 * assertEquals(bytes[0], 0x08); // field 1 (ir_version), varint
 * ```
 */
export function encodeModel(model: ModelSpec): Uint8Array {
  const w = new Writer();
  w.varintField(1, model.irVersion);
  w.stringField(2, model.producerName);
  w.messageField(7, graph(model));
  w.messageField(8, (o) => o.varintField(2, model.opsetVersion));
  for (const [key, value] of Object.entries(model.metadata ?? {})) {
    w.messageField(14, (m) => {
      m.stringField(1, key);
      m.stringField(2, value);
    });
  }
  return w.finish();
}

function graph(model: ModelSpec): (w: Writer) => void {
  return (w) => {
    for (const n of model.nodes) w.messageField(1, node(n));
    w.stringField(2, model.graphName);
    for (const t of model.initializers) w.messageField(5, tensor(t));
    for (const v of model.inputs) w.messageField(11, valueInfo(v));
    for (const v of model.outputs) w.messageField(12, valueInfo(v));
  };
}

function node(n: NodeSpec): (w: Writer) => void {
  return (w) => {
    for (const i of n.inputs) w.stringField(1, i);
    for (const o of n.outputs) w.stringField(2, o);
    if (n.name) w.stringField(3, n.name);
    w.stringField(4, n.opType);
    for (const [name, value] of Object.entries(n.attributes ?? {})) {
      w.messageField(5, attribute(name, value));
    }
  };
}

/** AttributeProto.AttributeType codes. */
const ATTR = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 } as const;

function attribute(name: string, v: AttributeValue): (w: Writer) => void {
  return (w) => {
    w.stringField(1, name);
    if ("float" in v) {
      w.float32Field(2, v.float);
      w.varintField(20, ATTR.FLOAT);
    } else if ("int" in v) {
      w.varintField(3, v.int);
      w.varintField(20, ATTR.INT);
    } else if ("string" in v) {
      w.stringField(4, v.string);
      w.varintField(20, ATTR.STRING);
    } else if ("tensor" in v) {
      w.messageField(5, tensor(v.tensor));
      w.varintField(20, ATTR.TENSOR);
    } else if ("floats" in v) {
      for (const f of v.floats) w.float32Field(7, f);
      w.varintField(20, ATTR.FLOATS);
    } else {
      for (const i of v.ints) w.varintField(8, i);
      w.varintField(20, ATTR.INTS);
    }
  };
}

function tensor(t: TensorSpec): (w: Writer) => void {
  return (w) => {
    for (const d of t.dims) w.varintField(1, d);
    w.varintField(2, t.dataType);
    w.stringField(8, t.name);
    w.bytesField(9, t.data);
  };
}

function valueInfo(v: ValueInfoSpec): (w: Writer) => void {
  return (w) => {
    w.stringField(1, v.name);
    w.messageField(2, (type) =>
      type.messageField(1, (tt) => {
        tt.varintField(1, v.dataType);
        tt.messageField(2, (shape) => {
          for (const d of v.dims) {
            shape.messageField(1, (dim) =>
              typeof d === "number" ? dim.varintField(1, d) : dim.stringField(2, d));
          }
        });
      }));
  };
}

const WIRE = { VARINT: 0, LEN: 2, FIXED32: 5 } as const;

/**
 * Protobuf writer over a list of chunks: nested messages are written to their own writer and
 * prefixed with their length, so large raw tensors are copied only once, at `finish`.
 */
class Writer {
  #chunks: Uint8Array[] = [];
  #bytes: number[] = [];
  #length = 0;

  get length(): number {
    return this.#length + this.#bytes.length;
  }

  varintField(field: number, value: number): void {
    this.#tag(field, WIRE.VARINT);
    this.#varint(value);
  }

  float32Field(field: number, value: number): void {
    this.#tag(field, WIRE.FIXED32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.#bytes.push(...b);
  }

  stringField(field: number, value: string): void {
    this.bytesField(field, new TextEncoder().encode(value));
  }

  bytesField(field: number, value: Uint8Array): void {
    this.#tag(field, WIRE.LEN);
    this.#varint(value.byteLength);
    this.#raw(value);
  }

  messageField(field: number, write: (w: Writer) => void): void {
    const inner = new Writer();
    write(inner);
    this.#tag(field, WIRE.LEN);
    this.#varint(inner.length);
    inner.#flush();
    for (const c of inner.#chunks) this.#raw(c);
  }

  finish(): Uint8Array {
    this.#flush();
    const out = new Uint8Array(this.#length);
    let offset = 0;
    for (const c of this.#chunks) {
      out.set(c, offset);
      offset += c.byteLength;
    }
    return out;
  }

  #tag(field: number, wire: number): void {
    this.#varint(field * 8 + wire);
  }

  /** Base-128 varint; negative int64 values take ten bytes (two's complement). */
  #varint(value: number): void {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer for a varint: ${value}`);
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.#bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.#bytes.push(Number(v));
  }

  #raw(b: Uint8Array): void {
    if (b.byteLength < 64) {
      this.#bytes.push(...b);
      return;
    }
    this.#flush();
    this.#chunks.push(b);
    this.#length += b.byteLength;
  }

  #flush(): void {
    if (this.#bytes.length === 0) return;
    this.#chunks.push(Uint8Array.from(this.#bytes));
    this.#length += this.#bytes.length;
    this.#bytes = [];
  }
}
