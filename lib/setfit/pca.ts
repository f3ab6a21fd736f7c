/**
 * Principal component analysis for plots: project embeddings onto their top principal
 * components, as scikit-learn's `PCA(n_components).fit_transform` (same signs: each component
 * is flipped so that its largest-magnitude score is positive, scikit-learn's `svd_flip`).
 * @module
 */
import { ArgumentError } from "../errors.ts";

/**
 * The scores of `X` (rows are samples) on its first `nComponents` principal components.
 * Eigen-decomposes the smaller of the Gram and covariance matrices with cyclic Jacobi rotations:
 * exact, and fast for the few hundred points or dimensions of a plot.
 *
 * @example
 * ```ts
 * import { assertAllClose } from "@std/assert";
 * import { pca } from "./pca.ts";
 * // points on a line in the direction (3, 4): the first component carries everything
 * const Z = pca([[0, 0], [0, 0], [3, 4]], 2);
 * assertAllClose(Z.map((z) => z[0]), [-5 / 3, -5 / 3, 10 / 3], { atol: 1e-9 });
 * assertAllClose(Z.map((z) => Math.abs(z[1])), [0, 0, 0], { atol: 1e-9 });
 * ```
 */
export function pca(X: readonly ArrayLike<number>[], nComponents = 2): number[][] {
  const n = X.length;
  const d = X[0]?.length ?? 0;
  if (n < 2 || d === 0) {
    throw new ArgumentError("X", X, "pca needs at least 2 non-empty rows", "pass more embeddings");
  }
  if (!(Number.isInteger(nComponents) && nComponents >= 1 && nComponents <= Math.min(n, d))) {
    throw new ArgumentError(
      "nComponents",
      nComponents,
      `is not an integer in [1, ${Math.min(n, d)}]`,
      "use e.g. 2 for a plot",
    );
  }
  const mean = new Float64Array(d);
  X.forEach((row, i) => {
    if (row.length !== d) {
      throw new ArgumentError(
        `X[${i}]`,
        row,
        `has ${row.length} values, X[0] has ${d}`,
        "give every row the same length",
      );
    }
    for (let j = 0; j < d; j++) mean[j] += row[j] / n;
  });
  const Xc = X.map((row) => Float64Array.from({ length: d }, (_, j) => row[j] - mean[j]));
  let scores: number[][];
  if (n <= d) {
    // Gram matrix XcXcᵀ = U S² Uᵀ: the scores are U S.
    const G = Xc.map((a) => Xc.map((b) => dot(a, b)));
    const { values, vectors } = topEigen(G, nComponents);
    scores = Xc.map((_, i) => values.map((v, k) => vectors[k][i] * Math.sqrt(Math.max(v, 0))));
  } else {
    // Covariance XcᵀXc = V S² Vᵀ: the scores are Xc V.
    const C = Array.from(
      { length: d },
      (_, a) => Array.from({ length: d }, (_, b) => Xc.reduce((s, r) => s + r[a] * r[b], 0)),
    );
    const { vectors } = topEigen(C, nComponents);
    scores = Xc.map((r) => vectors.map((v) => dot(r, v)));
  }
  for (let k = 0; k < nComponents; k++) {
    let big = 0;
    for (let i = 0; i < n; i++) if (Math.abs(scores[i][k]) > Math.abs(scores[big][k])) big = i;
    if (scores[big][k] < 0) { for (const s of scores) s[k] = -s[k]; }
  }
  return scores;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

/** The `k` largest eigenvalues of symmetric `M` and their unit eigenvectors (cyclic Jacobi). */
function topEigen(M: number[][], k: number): { values: number[]; vectors: number[][] } {
  const m = M.length;
  const A = M.map((r) => Float64Array.from(r));
  const V = Array.from(
    { length: m },
    (_, i) => Float64Array.from({ length: m }, (_, j) => +(i === j)),
  );
  const scale = A.reduce((s, r) => s + dot(r, r), 0);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += A[p][q] * A[p][q];
    if (off <= 1e-26 * scale) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        if (A[p][q] === 0) continue;
        const theta = (A[q][q] - A[p][p]) / (2 * A[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < m; r++) {
          const arp = A[r][p];
          const arq = A[r][q];
          A[r][p] = c * arp - s * arq;
          A[r][q] = s * arp + c * arq;
        }
        for (let r = 0; r < m; r++) {
          const apr = A[p][r];
          const aqr = A[q][r];
          A[p][r] = c * apr - s * aqr;
          A[q][r] = s * apr + c * aqr;
        }
        for (let r = 0; r < m; r++) {
          const vrp = V[r][p];
          const vrq = V[r][q];
          V[r][p] = c * vrp - s * vrq;
          V[r][q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => A[b][b] - A[a][a]);
  const top = order.slice(0, k);
  return {
    values: top.map((i) => A[i][i]),
    vectors: top.map((i) => Array.from({ length: m }, (_, r) => V[r][i])),
  };
}
