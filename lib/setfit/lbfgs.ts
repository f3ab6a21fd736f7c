/**
 * Limited-memory BFGS on Float64Array, with the stopping rules of SciPy's L-BFGS-B as
 * scikit-learn calls it (`gtol` on the largest gradient entry, `ftol` on the relative decrease).
 * @module
 */
import { ArgumentError } from "../errors.ts";

/** Options of {@link minimizeLbfgs}. */
export interface LbfgsOptions {
  /** Most iterations (default 100). */
  maxIter?: number;
  /** Stop when every gradient entry is at most this in absolute value (default 1e-5). */
  gtol?: number;
  /** Stop when (f_k − f_k+1) / max(|f_k|, |f_k+1|, 1) ≤ ftol (default SciPy's 2.22e-9). */
  ftol?: number;
  /** Number of correction pairs kept (default 10, as SciPy). */
  m?: number;
}

/** What {@link minimizeLbfgs} found. */
export interface LbfgsResult {
  x: Float64Array;
  f: number;
  /** Iterations done. */
  nIter: number;
  converged: boolean;
  message: string;
}

/** The objective: returns f(x) and writes ∇f(x) into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

interface Point {
  x: Float64Array;
  f: number;
  g: Float64Array;
}

/** A point of the line search: step length and the directional derivative there. */
interface Trial extends Point {
  alpha: number;
  d: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** Strong-Wolfe line search (Nocedal & Wright, algorithms 3.5 and 3.6). */
function lineSearch(
  fg: Objective,
  start: Point,
  dir: Float64Array,
  alpha0: number,
): Point | undefined {
  const c1 = 1e-4;
  const c2 = 0.9;
  const d0 = dot(start.g, dir);
  let evals = 0;
  const at = (alpha: number): Trial => {
    evals++;
    const x = new Float64Array(start.x.length);
    for (let i = 0; i < x.length; i++) x[i] = start.x[i] + alpha * dir[i];
    const g = new Float64Array(x.length);
    const f = fg(x, g);
    return { alpha, x, f, g, d: dot(g, dir) };
  };
  const armijo = (t: Trial) => t.f <= start.f + c1 * t.alpha * d0;
  const curvature = (t: Trial) => Math.abs(t.d) <= -c2 * d0;
  const zoom = (lo: Trial, hi: Trial): Trial | undefined => {
    while (evals < 40) {
      // Minimizer of the cubic through both ends, kept away from them; else bisection.
      const d1 = lo.d + hi.d - 3 * (lo.f - hi.f) / (lo.alpha - hi.alpha);
      const sq = d1 * d1 - lo.d * hi.d;
      let alpha = (lo.alpha + hi.alpha) / 2;
      if (sq >= 0) {
        const d2 = Math.sign(hi.alpha - lo.alpha) * Math.sqrt(sq);
        const c = hi.alpha - (hi.alpha - lo.alpha) * (hi.d + d2 - d1) / (hi.d - lo.d + 2 * d2);
        const [a, b] = [Math.min(lo.alpha, hi.alpha), Math.max(lo.alpha, hi.alpha)];
        if (Number.isFinite(c) && c > a + 0.1 * (b - a) && c < b - 0.1 * (b - a)) alpha = c;
      }
      const t = at(alpha);
      if (!armijo(t) || t.f >= lo.f) hi = t;
      else {
        if (curvature(t)) return t;
        if (t.d * (hi.alpha - lo.alpha) >= 0) hi = lo;
        lo = t;
      }
      if (Math.abs(hi.alpha - lo.alpha) < 1e-16 * Math.max(1, lo.alpha)) break;
    }
    return lo.alpha > 0 && lo.f < start.f ? lo : undefined;
  };
  let prev: Trial = { alpha: 0, x: start.x, f: start.f, g: start.g, d: d0 };
  let alpha = alpha0;
  while (evals < 40) {
    const t = at(alpha);
    if (!Number.isFinite(t.f)) {
      alpha = (prev.alpha + alpha) / 2;
      continue;
    }
    if (!armijo(t) || (prev.alpha > 0 && t.f >= prev.f)) return zoom(prev, t);
    if (curvature(t)) return t;
    if (t.d >= 0) return zoom(t, prev);
    prev = t;
    alpha *= 2;
  }
  return undefined;
}

/**
 * Minimizes a smooth function with L-BFGS (two-loop recursion, strong-Wolfe line search).
 * Stops on the projected-gradient and relative-decrease rules of SciPy's L-BFGS-B, which
 * scikit-learn's `lbfgs` solver uses with `gtol = tol`.
 *
 * @example
 * ```ts
 * import { minimizeLbfgs } from "./lbfgs.ts";
 * // f(x, y) = (x − 3)² + 10 (y + 1)²
 * const r = minimizeLbfgs((p, g) => {
 *   g[0] = 2 * (p[0] - 3);
 *   g[1] = 20 * (p[1] + 1);
 *   return (p[0] - 3) ** 2 + 10 * (p[1] + 1) ** 2;
 * }, new Float64Array(2), { gtol: 1e-10 });
 * console.log(r.converged, r.x[0].toFixed(6), r.x[1].toFixed(6)); // true 3.000000 -1.000000
 * ```
 */
export function minimizeLbfgs(
  fg: Objective,
  x0: Float64Array,
  { maxIter = 100, gtol = 1e-5, ftol = 2.220446049250313e-9, m = 10 }: LbfgsOptions = {},
): LbfgsResult {
  const n = x0.length;
  const g0 = new Float64Array(n);
  let cur: Point = { x: Float64Array.from(x0), f: fg(Float64Array.from(x0), g0), g: g0 };
  const done = (nIter: number, converged: boolean, message: string): LbfgsResult => ({
    x: cur.x,
    f: cur.f,
    nIter,
    converged,
    message,
  });
  if (!Number.isFinite(cur.f)) {
    throw new ArgumentError(
      "fg(x0)",
      cur.f,
      "the objective is not finite at the start",
      "check the objective and the starting point x0",
    );
  }
  if (maxAbs(cur.g) <= gtol) return done(0, true, "gradient below gtol");
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alphas = new Float64Array(m);
  for (let k = 0; k < maxIter; k++) {
    // Two-loop recursion: dir = −H·g.
    const q = Float64Array.from(cur.g);
    for (let i = S.length - 1; i >= 0; i--) {
      alphas[i] = rho[i] * dot(S[i], q);
      for (let j = 0; j < n; j++) q[j] -= alphas[i] * Y[i][j];
    }
    const gamma = S.length
      ? dot(S[S.length - 1], Y[S.length - 1]) / dot(Y[S.length - 1], Y[S.length - 1])
      : 1;
    for (let j = 0; j < n; j++) q[j] *= gamma;
    for (let i = 0; i < S.length; i++) {
      const b = rho[i] * dot(Y[i], q);
      for (let j = 0; j < n; j++) q[j] += S[i][j] * (alphas[i] - b);
    }
    for (let j = 0; j < n; j++) q[j] = -q[j];
    const first = S.length === 0;
    const step0 = first ? Math.min(1, 1 / Math.sqrt(dot(cur.g, cur.g))) : 1;
    let next = dot(q, cur.g) < 0 ? lineSearch(fg, cur, q, step0) : undefined;
    if (next === undefined && !first) {
      // The quasi-Newton direction failed: forget the history and try steepest descent.
      S.length = Y.length = rho.length = 0;
      const sd = cur.g.map((v) => -v);
      next = lineSearch(fg, cur, sd, Math.min(1, 1 / Math.sqrt(dot(cur.g, cur.g))));
    }
    if (next === undefined) return done(k, false, "line search failed");
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      s[j] = next.x[j] - cur.x[j];
      y[j] = next.g[j] - cur.g[j];
    }
    const sy = dot(s, y);
    if (sy > 2.2e-16 * dot(y, y)) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    const fOld = cur.f;
    cur = next;
    if (maxAbs(cur.g) <= gtol) return done(k + 1, true, "gradient below gtol");
    if ((fOld - cur.f) / Math.max(Math.abs(fOld), Math.abs(cur.f), 1) <= ftol) {
      return done(k + 1, true, "relative reduction of f below ftol");
    }
  }
  return done(maxIter, false, "maximum number of iterations reached");
}
