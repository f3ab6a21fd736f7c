/**
 * Faster wasm kernels for what the kit's models run most: `BatchMatMul` on batches of matrices
 * (attention: [batch, heads, n, d]) and `Transpose` of two common layouts.
 *
 * tfjs-backend-wasm runs a matrix product through XNNPACK only when both operands are a single
 * matrix without transposition; any batch takes a generic loop that reaches ~2-3 GFLOP/s on this
 * kit's machines, against ~20-40 for XNNPACK. The kernel registered here copies each pair of
 * matrices into scratch buffers and runs the original kernel on them one at a time (XNNPACK),
 * then copies the product into place: the same sums per output element, 5-8× faster for
 * USE-lite's and the bench encoder's attention (a transposed operand is transposed while it is
 * copied). Other cases (one matrix, broadcast batches) go to the original kernel unchanged.
 * @module
 */
import * as tf from "@tensorflow/tfjs";

/** The parts of tfjs-backend-wasm's backend object these kernels use. */
interface WasmBackend {
  dataIdMap: { get(dataId: unknown): { memoryOffset: number } };
  wasm: { HEAPF32: Float32Array; HEAP32: Int32Array };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  disposeData(dataId: unknown): boolean;
}

type KernelFunc = (args: {
  inputs: { [name: string]: tf.TensorInfo };
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}) => tf.TensorInfo | tf.TensorInfo[];

let registered = false;

/**
 * Replaces the wasm backend's `BatchMatMul` and `Transpose` kernels with the kit's (idempotent;
 * nothing happens on other backends). Call it after the wasm backend is initialised —
 * `initBackend` does.
 *
 * @example
 * ```ts
 * import * as tf from "@tensorflow/tfjs";
 * import { assertAllClose } from "@std/assert";
 * import { initBackend } from "../backend.ts";
 * import { registerKitKernels } from "./wasm_kernels.ts";
 * await initBackend({ quiet: true });
 * registerKitKernels();
 * const a = tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]);
 * assertAllClose(tf.matMul(a, a).arraySync(), [[[7, 10], [15, 22]], [[67, 78], [91, 106]]]);
 * ```
 */
export function registerKitKernels(): void {
  if (registered || tf.getBackend() !== "wasm") return;
  const original = tf.getKernel("BatchMatMul", "wasm");
  if (!original) return;
  registered = true;
  const run = original.kernelFunc as unknown as KernelFunc;
  tf.unregisterKernel("BatchMatMul", "wasm");
  tf.registerKernel({
    ...original,
    kernelFunc: ((args: Parameters<KernelFunc>[0]) =>
      batchedMatMul(args, run) ?? run(args)) as unknown as tf.KernelFunc,
  });
  const transposeKernel = tf.getKernel("Transpose", "wasm");
  if (!transposeKernel) return;
  const runTranspose = transposeKernel.kernelFunc as unknown as KernelFunc;
  tf.unregisterKernel("Transpose", "wasm");
  tf.registerKernel({
    ...transposeKernel,
    kernelFunc: ((args: Parameters<KernelFunc>[0]) =>
      fastTranspose(args) ?? runTranspose(args)) as unknown as tf.KernelFunc,
  });
}

/**
 * Transposes in JavaScript on the wasm heap the two layouts the kit's models use — swapping the
 * last two axes (weight gradients), and permutations that keep the last axis (attention heads)
 * — 5-10× faster than wasm's generic kernel; `undefined` for anything else.
 */
function fastTranspose(args: Parameters<KernelFunc>[0]): tf.TensorInfo | undefined {
  const { x } = args.inputs;
  const perm = (args.attrs as { perm: number[] }).perm;
  const r = x.shape.length;
  if ((x.dtype !== "float32" && x.dtype !== "int32") || r < 2 || perm.length !== r) return;
  const size = x.shape.reduce((a, b) => a * b, 1);
  if (size === 0) return;
  const swapsLastTwo = perm[r - 1] === r - 2 && perm[r - 2] === r - 1 &&
    perm.slice(0, -2).every((p, i) => p === i);
  const keepsLast = perm[r - 1] === r - 1 && perm.some((p, i) => p !== i);
  if (!swapsLastTwo && !keepsLast) return;
  const backend = args.backend as WasmBackend;
  const out = backend.makeOutput(perm.map((p) => x.shape[p]), x.dtype);
  const heap = backend.wasm.HEAP32; // bit copies, so int32 and float32 alike
  const from = backend.dataIdMap.get(x.dataId).memoryOffset / 4;
  const to = backend.dataIdMap.get(out.dataId).memoryOffset / 4;
  if (swapsLastTwo) {
    const [rows, cols] = x.shape.slice(-2);
    for (let b = 0; b < size / (rows * cols); b++) {
      transpose2d(heap, from + b * rows * cols, to + b * rows * cols, rows, cols);
    }
    return out;
  }
  // Last axis kept: copy runs of it; the input stride of each output axis drives the loop.
  const run = x.shape[r - 1];
  const strides = new Array<number>(r).fill(1);
  for (let i = r - 2; i >= 0; i--) strides[i] = strides[i + 1] * x.shape[i + 1];
  const outShape = perm.slice(0, -1).map((p) => x.shape[p]);
  const inStride = perm.slice(0, -1).map((p) => strides[p]);
  const index = new Array<number>(r - 1).fill(0);
  let src = from;
  for (let dst = to; dst < to + size; dst += run) {
    heap.copyWithin(dst, src, src + run);
    for (let d = r - 2; d >= 0; d--) {
      src += inStride[d];
      if (++index[d] < outShape[d]) break;
      src -= inStride[d] * outShape[d];
      index[d] = 0;
    }
  }
  return out;
}

/** rows × cols at `from` → cols × rows at `to`, in 32 × 32 tiles (cache-friendly). */
function transpose2d(heap: Int32Array, from: number, to: number, rows: number, cols: number) {
  const T = 32;
  for (let i0 = 0; i0 < rows; i0 += T) {
    const i1 = Math.min(i0 + T, rows);
    for (let j0 = 0; j0 < cols; j0 += T) {
      const j1 = Math.min(j0 + T, cols);
      for (let j = j0; j < j1; j++) {
        const outRow = to + j * rows;
        let src = from + i0 * cols + j;
        for (let i = i0; i < i1; i++, src += cols) heap[outRow + i] = heap[src];
      }
    }
  }
}

/** The product one matrix pair at a time, or `undefined` where the original kernel is as good. */
function batchedMatMul(
  args: Parameters<KernelFunc>[0],
  run: KernelFunc,
): tf.TensorInfo | undefined {
  const { a, b } = args.inputs;
  const { transposeA, transposeB } = (args.attrs ?? {}) as {
    transposeA?: boolean;
    transposeB?: boolean;
  };
  if (a.dtype !== "float32" || b.dtype !== "float32") return;
  const ra = a.shape.length;
  const rb = b.shape.length;
  if (ra < 3 || ra !== rb) return;
  const batchShape = a.shape.slice(0, -2);
  if (!batchShape.every((d, i) => d === b.shape[i])) return;
  const batch = batchShape.reduce((x, y) => x * y, 1);
  const [m, k] = transposeA ? a.shape.slice(-2).reverse() : a.shape.slice(-2);
  const [kb, n] = transposeB ? b.shape.slice(-2).reverse() : b.shape.slice(-2);
  if (batch < 2 || kb !== k) return;

  const backend = args.backend as WasmBackend;
  const out = backend.makeOutput([...batchShape, m, n], "float32");
  const aBuf = backend.makeOutput([1, m, k], "float32");
  // Offsets are in bytes; the heap view is re-read after every allocation (memory may grow).
  const at = (t: tf.TensorInfo) => backend.dataIdMap.get(t.dataId).memoryOffset / 4;
  try {
    for (let i = 0; i < batch; i++) {
      // A fresh right operand each time: the wasm kernel caches XNNPACK's packed copy of `b`
      // by tensor id until that tensor is disposed.
      const bBuf = backend.makeOutput([1, k, n], "float32");
      let heap = backend.wasm.HEAPF32;
      copyMatrix(heap, at(a) + i * m * k, at(aBuf), m, k, transposeA);
      copyMatrix(heap, at(b) + i * k * n, at(bBuf), k, n, transposeB);
      const product = run({
        ...args,
        inputs: { a: aBuf, b: bBuf },
        attrs: { ...args.attrs, transposeA: false, transposeB: false },
      }) as tf.TensorInfo;
      heap = backend.wasm.HEAPF32;
      heap.copyWithin(at(out) + i * m * n, at(product), at(product) + m * n);
      backend.disposeData(product.dataId);
      backend.disposeData(bBuf.dataId);
    }
  } finally {
    backend.disposeData(aBuf.dataId);
  }
  return out;
}

/**
 * Copies a rows × cols matrix from `from` to `to` (offsets in floats); with `transposed`, the
 * source holds it as cols × rows and it is transposed on the way (XNNPACK's fast path takes
 * no transposition).
 */
function copyMatrix(
  heap: Float32Array,
  from: number,
  to: number,
  rows: number,
  cols: number,
  transposed = false,
): void {
  if (!transposed) {
    heap.copyWithin(to, from, from + rows * cols);
    return;
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) heap[to + r * cols + c] = heap[from + c * rows + r];
  }
}
