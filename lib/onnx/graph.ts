/**
 * A small builder for ONNX inference graphs: add inputs, weights and operators by name, get the
 * `.onnx` bytes ({@linkcode encodeModel}). Intermediate names are generated.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import {
  type AttributeValue,
  DataType,
  type DataTypeCode,
  encodeModel,
  type NodeSpec,
  type TensorSpec,
  type ValueInfoSpec,
} from "./proto.ts";

/** Options of {@linkcode OnnxGraph.toBytes}. */
export interface OnnxBuildOptions {
  /** Opset of the default domain (default 17: the first with `LayerNormalization`). */
  opsetVersion?: number;
  /** `producer_name` (default "finetune-course-kit"). */
  producerName?: string;
  /** `metadata_props`. */
  metadata?: Record<string, string>;
}

/**
 * An ONNX graph under construction.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { OnnxGraph } from "./graph.ts";
 * const g = new OnnxGraph("affine");
 * const x = g.input("x", "float32", ["batch", 2]);
 * const w = g.weight("w", new Float32Array([1, 2, 3, 4]), [2, 2]);
 * g.output(g.op("Add", [g.op("MatMul", [x, w]), g.scalar(1)]), "y", "float32", ["batch", 2]);
 * const bytes = g.toBytes();
 * assertEquals(bytes.length > 40, true);
 * ```
 */
export class OnnxGraph {
  readonly name: string;
  #nodes: NodeSpec[] = [];
  #initializers: TensorSpec[] = [];
  #inputs: ValueInfoSpec[] = [];
  #outputs: ValueInfoSpec[] = [];
  #names = new Set<string>();
  #count = 0;

  constructor(name: string) {
    this.name = name;
  }

  /** Declares a graph input; returns its name. */
  input(name: string, type: ElementType, dims: (number | string)[]): string {
    this.#claim(name);
    this.#inputs.push({ name, dataType: CODES[type], dims });
    return name;
  }

  /** Exposes `value` as the graph output `name`. */
  output(value: string, name: string, type: ElementType, dims: (number | string)[]): void {
    this.#claim(name);
    this.#nodes.push({ opType: "Identity", inputs: [value], outputs: [name] });
    this.#outputs.push({ name, dataType: CODES[type], dims });
  }

  /** A float32 weight (initializer); returns its name. */
  weight(name: string, data: Float32Array, dims: number[]): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (data.length !== size) {
      throw new ArgumentError(
        "data.length",
        data.length,
        `weight ${name} has shape [${dims}] (${size} values)`,
        "pass one value per element of the shape",
      );
    }
    return this.#initializer(name, DataType.FLOAT, dims, bytesOf(data));
  }

  /** A float32 scalar constant. */
  scalar(value: number): string {
    return this.#initializer(this.#fresh("const"), DataType.FLOAT, [], bytesOf([value], "f32"));
  }

  /** An int64 vector constant (shapes, axes, split sizes). */
  ints(values: number[]): string {
    const name = this.#fresh("ints");
    return this.#initializer(name, DataType.INT64, [values.length], bytesOf(values, "i64"));
  }

  /** Applies an operator; returns its output names (`outputs` of them). */
  ops(
    opType: string,
    inputs: string[],
    attributes: Record<string, AttributeValue> = {},
    outputs = 1,
  ): string[] {
    const names = Array.from({ length: outputs }, () => {
      const name = this.#fresh(opType);
      this.#claim(name);
      return name;
    });
    this.#nodes.push({ opType, inputs, outputs: names, attributes, name: names[0] });
    return names;
  }

  /** Applies a one-output operator; returns the output's name. */
  op(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}): string {
    return this.ops(opType, inputs, attributes)[0];
  }

  /** The `.onnx` file's bytes. */
  toBytes(options: OnnxBuildOptions = {}): Uint8Array {
    return encodeModel({
      graphName: this.name,
      nodes: this.#nodes,
      initializers: this.#initializers,
      inputs: this.#inputs,
      outputs: this.#outputs,
      opsetVersion: options.opsetVersion ?? 17,
      irVersion: 8,
      producerName: options.producerName ?? "finetune-course-kit",
      metadata: options.metadata,
    });
  }

  #initializer(name: string, dataType: DataTypeCode, dims: number[], data: Uint8Array): string {
    this.#claim(name);
    this.#initializers.push({ name, dataType, dims, data });
    return name;
  }

  #claim(name: string): void {
    if (this.#names.has(name)) {
      throw new ArgumentError(
        "name",
        name,
        `is used twice in ONNX graph ${this.name}`,
        "give each node and tensor its own name",
      );
    }
    this.#names.add(name);
  }

  /** An unused name; claimed by whoever adds it. */
  #fresh(prefix: string): string {
    let name: string;
    do name = `${prefix}_${this.#count++}`; while (this.#names.has(name));
    return name;
  }
}

/** Element types by their tfjs-style names. */
export type ElementType = "float32" | "int32" | "int64";

const CODES: Record<ElementType, DataTypeCode> = {
  float32: DataType.FLOAT,
  int32: DataType.INT32,
  int64: DataType.INT64,
};

/** Little-endian bytes of float32 data or of number lists as float32 or int64. */
function bytesOf(values: Float32Array | number[], as: "f32" | "i64" = "f32"): Uint8Array {
  if (values instanceof Float32Array) {
    return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  }
  const out = as === "f32"
    ? new Float32Array(values)
    : BigInt64Array.from(values, (v) => BigInt(v));
  return new Uint8Array(out.buffer);
}
