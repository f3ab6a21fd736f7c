import { assert, assertAllClose, assertEquals, assertThrows } from "@std/assert";
import { LogisticRegression } from "../lib/setfit/logistic_regression.ts";
import { minimizeLbfgs } from "../lib/setfit/lbfgs.ts";
import type { Label } from "../lib/metrics/validation.ts";

interface Fit {
  classes: Label[];
  coef: number[][];
  intercept: number[];
  proba: number[][];
  predict: Label[];
  nIter: number;
  converged: boolean;
}
interface Golden {
  sklearn: string;
  problems: Record<string, { X: number[][]; y: Label[]; Xtest: number[][] }>;
  fits: { problem: string; C: number; default: Fit; exact: Fit }[];
}

const golden: Golden = JSON.parse(
  await Deno.readTextFile(new URL("./golden/logreg/logreg.json", import.meta.url)),
);

Deno.test("golden vectors: scikit-learn 1.2, binary / 3 / 10 classes, string labels, C 0.1 / 1 / 100", () => {
  assertEquals(golden.sklearn.split(".").slice(0, 2).join("."), "1.2");
  assertEquals(new Set(golden.fits.map((f) => f.C)), new Set([0.1, 1, 100]));
  assertEquals(
    new Set(golden.fits.map((f) => f.default.classes.length)),
    new Set([2, 3, 4, 10]),
  );
});

Deno.test("LogisticRegression matches scikit-learn's LogisticRegression(C) to 1e-4 in probability", () => {
  for (const f of golden.fits) {
    const p = golden.problems[f.problem];
    const what = `${f.problem} C=${f.C}`;
    const clf = new LogisticRegression({ C: f.C }).fit(p.X, p.y);
    assertEquals(clf.classes, f.default.classes, what);
    assert(clf.converged, what);
    assertAllClose(clf.predictProba(p.Xtest), f.default.proba, { atol: 1e-4, rtol: 0 }, what);
    // Against the optimum of the objective (newton-cg to 1e-10): scikit-learn's own default
    // stopping point is up to 1.05e-4 away from it on these problems.
    assertAllClose(clf.predictProba(p.Xtest), f.exact.proba, { atol: 2e-4, rtol: 0 }, what);
    assertAllClose(clf.coef, f.default.coef, { atol: 1e-3, rtol: 0 }, what);
    assertAllClose(clf.intercept, f.default.intercept, { atol: 1e-3, rtol: 0 }, what);
    assertEquals(clf.predict(p.Xtest), f.default.predict, what);
  }
});

Deno.test("binary models keep one coefficient row and use the sigmoid, as scikit-learn", () => {
  const f = golden.fits.find((f) => f.default.classes.length === 2)!;
  const p = golden.problems[f.problem];
  const clf = new LogisticRegression({ C: f.C }).fit(p.X, p.y);
  assertEquals(clf.coef.length, 1);
  assertEquals(clf.intercept.length, 1);
  const z = clf.decisionFunction(p.Xtest).map((r) => r[0]);
  assertAllClose(clf.predictProba(p.Xtest).map((r) => r[1]), z.map((v) => 1 / (1 + Math.exp(-v))));
  assertEquals(clf.predict(p.Xtest), z.map((v) => clf.classes[v > 0 ? 1 : 0]));
});

Deno.test("multinomial intercepts and coefficient columns sum to zero (the L-BFGS path from zeros)", () => {
  const f = golden.fits.find((f) => f.default.classes.length === 10)!;
  const p = golden.problems[f.problem];
  const clf = new LogisticRegression({ C: f.C }).fit(p.X, p.y);
  assertEquals(clf.coef.length, 10);
  assertAllClose([clf.intercept.reduce((a, b) => a + b, 0)], [0], { atol: 1e-9, rtol: 0 });
  const colSums = clf.coef[0].map((_, j) => clf.coef.reduce((s, row) => s + row[j], 0));
  assertAllClose(colSums, colSums.map(() => 0), { atol: 1e-9, rtol: 0 });
});

Deno.test("fitIntercept false fits no intercept", () => {
  const p = golden.problems["3-class"];
  const clf = new LogisticRegression({ fitIntercept: false }).fit(p.X, p.y);
  assertEquals(clf.intercept, [0, 0, 0]);
});

Deno.test("typed-array rows give the same model as plain arrays", () => {
  const p = golden.problems["binary"];
  const a = new LogisticRegression().fit(p.X, p.y);
  const b = new LogisticRegression().fit(p.X.map((r) => Float64Array.from(r)), p.y);
  assertEquals(a.coef, b.coef);
});

Deno.test("minimizeLbfgs finds the minimum of the Rosenbrock function", () => {
  const r = minimizeLbfgs(
    (x, g) => {
      const [a, b] = [x[0], x[1]];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    },
    Float64Array.from([-1.2, 1]),
    { maxIter: 500, gtol: 1e-10, ftol: 0 },
  );
  assert(r.converged, r.message);
  assertAllClose(Array.from(r.x), [1, 1], { atol: 1e-7, rtol: 0 });
});

Deno.test("bad input: clear errors naming the argument and the value", () => {
  const X = [[0, 1], [1, 0], [1, 1]];
  const fitted = new LogisticRegression().fit(X, ["a", "b", "a"]);
  const cases: [() => unknown, string][] = [
    [() => new LogisticRegression().fit(X, [0, 1]), "X has 3 rows but y has 2 labels"],
    [() => new LogisticRegression().fit(X, [1, 1, 1]), "y = [1, 1, 1]: has only one class"],
    [() => new LogisticRegression().fit([[0, 1], [NaN, 0]], [0, 1]), "X[1][0] = NaN"],
    [
      () => new LogisticRegression().fit([[0, 1], [0]], [0, 1]),
      "X[1] = [0]: has 1 features, X[0] has 2",
    ],
    [() => new LogisticRegression().fit([], []), "X = []: is empty"],
    [() => new LogisticRegression().fit(X, [0, NaN, 1]), "y[1] = NaN"],
    [
      () => fitted.predict([[0, 1, 2]]),
      "LogisticRegression was fitted on 2 features, got 3 in X[0]",
    ],
    [() => fitted.predictProba([[0, Infinity]]), "X[0][1] = Infinity"],
    [() => new LogisticRegression().predict(X), "not fitted yet"],
    [() => new LogisticRegression({ C: 0 }), "C = 0"],
    [() => new LogisticRegression({ maxIter: 1.5 }), "maxIter = 1.5"],
  ];
  for (const [fn, message] of cases) assertThrows(fn, Error, message);
});

Deno.test("stopping at maxIter warns like scikit-learn's ConvergenceWarning", () => {
  const p = golden.problems["10-class"];
  const original = console.warn;
  const warnings: string[] = [];
  console.warn = (m: string) => warnings.push(m);
  try {
    const clf = new LogisticRegression({ maxIter: 3 }).fit(p.X, p.y);
    assertEquals([clf.nIter, clf.converged], [3, false]);
  } finally {
    console.warn = original;
  }
  assertEquals(warnings.length, 1);
  assert(warnings[0].startsWith("ConvergenceWarning: lbfgs failed to converge"), warnings[0]);
});

Deno.test("toJSON / fromJSON: a rebuilt model predicts exactly as the fitted one", () => {
  for (const [name, p] of Object.entries(golden.problems)) {
    for (const fitIntercept of [true, false]) {
      const clf = new LogisticRegression({ C: 0.5, fitIntercept }).fit(p.X, p.y);
      const state = JSON.parse(JSON.stringify(clf));
      assertEquals(state.options, { C: 0.5, maxIter: 100, tol: 1e-4, fitIntercept });
      const copy = LogisticRegression.fromJSON(state);
      assertEquals(copy.classes, clf.classes, name);
      assertEquals(copy.predictProba(p.Xtest), clf.predictProba(p.Xtest), name);
      assertEquals(copy.decisionFunction(p.Xtest), clf.decisionFunction(p.Xtest), name);
      assertEquals(copy.predict(p.Xtest), clf.predict(p.Xtest), name);
      assertThrows(() => copy.predict([[...p.Xtest[0], 1]]), Error, "fitted on");
    }
  }
});

Deno.test("fromJSON: bad states are refused, naming what is wrong", () => {
  const good = new LogisticRegression().fit([[0], [1], [2], [3]], [0, 0, 1, 1]).toJSON();
  const three = new LogisticRegression().fit([[0], [1], [2]], ["a", "b", "c"]).toJSON();
  const cases = [
    { ...good, classes: [0] },
    { ...good, coef: [[1], [2]] },
    { ...good, coef: [[]] },
    { ...good, coef: [[NaN]] },
    { ...good, intercept: [] },
    { ...three, coef: [[1], [2, 3], [4]] },
  ];
  for (const state of cases) {
    assertThrows(
      () => LogisticRegression.fromJSON(state),
      Error,
      "not a fitted LogisticRegression",
    );
  }
  assertThrows(() => new LogisticRegression().toJSON(), Error, "not fitted yet");
  assertThrows(
    () => LogisticRegression.fromJSON({ ...good, options: { ...good.options, C: -1 } }),
    Error,
    "C = -1",
  );
});
