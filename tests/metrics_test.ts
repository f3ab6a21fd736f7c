import { ArgumentError } from "../lib/errors.ts";
import {
  assert,
  assertAllClose,
  assertAlmostEquals,
  assertEquals,
  assertThrows,
} from "@std/assert";
import {
  accuracyScore,
  calibrationCurve,
  classificationReport,
  type ClassificationReportDict,
  confusionMatrix,
  expectedCalibrationError,
  f1Score,
  fbetaScore,
  type Label,
  precisionRecallFscoreSupport,
  type PrecisionRecallFscoreSupportOptions,
  precisionScore,
  recallScore,
  type ReportRow,
  type Target,
} from "../lib/metrics/mod.ts";
import { formatFixed } from "../lib/metrics/pyformat.ts";

interface Golden {
  sklearn: string;
  datasets: Record<string, { yTrue: Target; yPred: Target }>;
  prfs: { data: string; options: PrecisionRecallFscoreSupportOptions; expected: unknown }[];
  scores: {
    fn: string;
    data: string;
    options: PrecisionRecallFscoreSupportOptions;
    expected: number | number[];
  }[];
  accuracy: { data: string; options: { normalize: boolean }; expected: number }[];
  confusion: {
    data: string;
    options: { labels?: Label[]; normalize?: "true" | "pred" | "all" };
    expected: number[][];
  }[];
  report: {
    data: string;
    options: { labels?: Label[]; targetNames?: string[]; digits?: number; zeroDivision?: 0 | 1 };
    text: string;
    dict: ClassificationReportDict;
  }[];
  calibration: {
    yTrue: Label[];
    yProb: number[];
    options: { nBins?: number; strategy?: "uniform" | "quantile"; posLabel?: Label };
    probTrue: number[];
    probPred: number[];
  }[];
  ece: {
    yTrue: Label[];
    yProb: number[] | number[][];
    options: { nBins?: number; posLabel?: Label; labels?: Label[] };
    expected: number;
  }[];
}

const golden: Golden = JSON.parse(
  await Deno.readTextFile(new URL("./golden/metrics/metrics.json", import.meta.url)),
);
const TOL = { atol: 1e-6, rtol: 0 };

/** Runs `fn` with console.warn captured; returns the result and the warnings. */
function capturingWarnings<T>(fn: () => T): { value: T; warnings: string[] } {
  const original = console.warn;
  const warnings: string[] = [];
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(" "));
  try {
    return { value: fn(), warnings };
  } finally {
    console.warn = original;
  }
}

function quiet<T>(fn: () => T): T {
  return capturingWarnings(fn).value;
}

Deno.test("golden vectors were made by scikit-learn 1.2", () => {
  assertEquals(golden.sklearn.split(".").slice(0, 2).join("."), "1.2");
  assert(golden.prfs.length > 50 && golden.report.length > 20 && golden.calibration.length > 40);
});

Deno.test("precisionRecallFscoreSupport matches scikit-learn", () => {
  for (const c of golden.prfs) {
    const { yTrue, yPred } = golden.datasets[c.data];
    const got = quiet(() => precisionRecallFscoreSupport(yTrue, yPred, c.options));
    assertAllClose(
      [got.precision, got.recall, got.fscore],
      [
        (c.expected as PrfJson).precision,
        (c.expected as PrfJson).recall,
        (c.expected as PrfJson).fscore,
      ],
      TOL,
      `${c.data} ${JSON.stringify(c.options)}`,
    );
    assertEquals(
      got.support,
      (c.expected as PrfJson).support,
      `${c.data} ${JSON.stringify(c.options)}`,
    );
  }
});
type PrfJson = { precision: number; recall: number; fscore: number; support: number[] | null };

Deno.test("precisionScore, recallScore, f1Score, fbetaScore match scikit-learn", () => {
  const fns = {
    precision: precisionScore,
    recall: recallScore,
    f1: f1Score,
    fbeta: (t: Target, p: Target, o: PrecisionRecallFscoreSupportOptions) =>
      fbetaScore(t, p, { ...o, beta: o.beta! }),
  } as Record<
    string,
    (t: Target, p: Target, o: PrecisionRecallFscoreSupportOptions) => number | number[]
  >;
  for (const c of golden.scores) {
    const { yTrue, yPred } = golden.datasets[c.data];
    const got = quiet(() => fns[c.fn](yTrue, yPred, c.options));
    assertAllClose(got, c.expected, TOL, `${c.fn} ${c.data} ${JSON.stringify(c.options)}`);
  }
});

Deno.test("accuracyScore matches scikit-learn, subset accuracy for multi-label", () => {
  for (const c of golden.accuracy) {
    const { yTrue, yPred } = golden.datasets[c.data];
    assertAlmostEquals(accuracyScore(yTrue, yPred, c.options), c.expected, 1e-12, c.data);
  }
});

Deno.test("confusionMatrix matches scikit-learn, labels and every normalize", () => {
  for (const c of golden.confusion) {
    const { yTrue, yPred } = golden.datasets[c.data];
    const got = confusionMatrix(yTrue as Label[], yPred as Label[], c.options);
    assertAllClose(got, c.expected, TOL, `${c.data} ${JSON.stringify(c.options)}`);
  }
});

Deno.test("classificationReport text is scikit-learn's byte for byte, dict equal to 1e-6", () => {
  for (const c of golden.report) {
    const { yTrue, yPred } = golden.datasets[c.data];
    const what = `${c.data} ${JSON.stringify(c.options)}`;
    assertEquals(quiet(() => classificationReport(yTrue, yPred, c.options)), c.text, what);
    const dict = quiet(() =>
      classificationReport(yTrue, yPred, { ...c.options, outputDict: true })
    );
    assertEquals(Object.keys(dict).sort(), Object.keys(c.dict).sort(), what);
    for (const [k, v] of Object.entries(c.dict)) {
      if (typeof v === "number") assertAlmostEquals(dict[k] as number, v, 1e-6, `${what} ${k}`);
      else {
        const row = dict[k] as ReportRow;
        assertAllClose(
          [row.precision, row.recall, row["f1-score"], row.support],
          [v.precision, v.recall, v["f1-score"], v.support],
          TOL,
          `${what} ${k}`,
        );
      }
    }
  }
});

Deno.test("id2label reports every id 0..k-1 under its name, as labels + targetNames", () => {
  // Id 3 ("mixed") occurs in neither array, yet is reported, as the hand-written options do.
  const yTrue = [0, 1, 2, 2, 0];
  const yPred = [0, 2, 2, 2, 1];
  const names = ["neg", "neu", "pos", "mixed"];
  const byHand = { labels: [0, 1, 2, 3], targetNames: names };
  for (const id2label of [names, { 0: "neg", 1: "neu", 2: "pos", 3: "mixed" }]) {
    const text = quiet(() => classificationReport(yTrue, yPred, { id2label, digits: 3 }));
    assertEquals(text, quiet(() => classificationReport(yTrue, yPred, { ...byHand, digits: 3 })));
    assert(text.includes("       mixed"));
    assertEquals(
      quiet(() => classificationReport(yTrue, yPred, { id2label, outputDict: true })),
      quiet(() => classificationReport(yTrue, yPred, { ...byHand, outputDict: true })),
    );
    assertEquals(confusionMatrix(yTrue, yPred, { id2label }), [
      [1, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 2, 0],
      [0, 0, 0, 0],
    ]);
  }
});

Deno.test("id2label with labels or targetNames, or with ids not 0..k-1, is an error", () => {
  const [yTrue, yPred] = [[0, 1], [1, 1]];
  const id2label = ["neg", "pos"];
  assertThrows(
    () => classificationReport(yTrue, yPred, { id2label, labels: [0, 1] }),
    ArgumentError,
    "give id2label or labels, not both",
  );
  assertThrows(
    () => classificationReport(yTrue, yPred, { id2label, targetNames: ["n", "p"] }),
    ArgumentError,
    "give id2label or targetNames, not both",
  );
  assertThrows(
    () => confusionMatrix(yTrue, yPred, { id2label, labels: [0, 1] }),
    ArgumentError,
    "give id2label or labels, not both",
  );
  assertThrows(
    () => classificationReport(yTrue, yPred, { id2label: { 1: "neg", 2: "pos" } }),
    ArgumentError,
    'id2label[1] = "neg": is not the name of id 0; map the ids 0..1, in order, to names',
  );
  // Targets that are not the ids of id2label: the message names id2label or the sample, never
  // `labels`, which the caller did not give; no sample is dropped from the report unseen.
  for (const f of [classificationReport, confusionMatrix]) {
    assertThrows(
      () => f(["neg", "pos"], ["pos", "pos"], { id2label }),
      ArgumentError,
      'id2label = ["neg", "pos"]: names integer ids but the targets hold string labels; ' +
        "map the targets to ids first (label2id), or pass labels and targetNames",
    );
    assertThrows(
      () => f([0, 2], [0, 1], { id2label }),
      ArgumentError,
      "yTrue[1] = 2: is not an id of id2label (0..1); " +
        "give the id2label of the model that predicted these ids",
    );
  }
  assertThrows(
    () => classificationReport([[0, 1]], [[1, 1]], { id2label: ["a", "b", "c"] }),
    ArgumentError,
    'id2label = ["a", "b", "c"]: names 3 labels but the indicator rows have 2 columns',
  );
});

Deno.test("calibrationCurve matches scikit-learn for both strategies, empty bins dropped", () => {
  for (const c of golden.calibration) {
    const got = calibrationCurve(c.yTrue, c.yProb, c.options);
    const what = JSON.stringify(c.options) + ` n=${c.yTrue.length}`;
    assertAllClose(got.probTrue, c.probTrue, TOL, what);
    assertAllClose(got.probPred, c.probPred, TOL, what);
  }
  // The quantile strategy on rounded probabilities has fewer points than bins: ties collapse bins.
  assert(golden.calibration.some((c) => c.probTrue.length < (c.options.nBins ?? 5)));
});

Deno.test("expectedCalibrationError matches the numpy definition (binary and max-prob)", () => {
  for (const c of golden.ece) {
    const got = expectedCalibrationError(c.yTrue, c.yProb, c.options);
    assertAlmostEquals(got, c.expected, 1e-9, JSON.stringify(c.options));
  }
});

Deno.test("property: micro-F1 equals accuracy for single-label multi-class", () => {
  for (const name of ["multiclass", "strings", "binary", "ties"]) {
    const { yTrue, yPred } = golden.datasets[name];
    const micro = precisionRecallFscoreSupport(yTrue, yPred, { average: "micro" });
    const acc = accuracyScore(yTrue, yPred);
    assertAlmostEquals(micro.fscore, acc, 1e-12, name);
    assertAlmostEquals(micro.precision, acc, 1e-12, name);
    assertAlmostEquals(micro.recall, acc, 1e-12, name);
  }
});

Deno.test("property: the report's numbers are the score functions' numbers", () => {
  for (const name of ["multiclass", "strings", "multilabel"]) {
    const { yTrue, yPred } = golden.datasets[name];
    const dict = quiet(() =>
      classificationReport(yTrue, yPred, { outputDict: true, zeroDivision: 0 })
    );
    const per = precisionRecallFscoreSupport(yTrue, yPred, { zeroDivision: 0 });
    const rows = Object.entries(dict).filter(([k]) => !k.endsWith("avg") && k !== "accuracy");
    assertEquals(rows.map(([, r]) => (r as ReportRow).precision), per.precision);
    assertEquals(rows.map(([, r]) => (r as ReportRow).recall), per.recall);
    assertEquals(rows.map(([, r]) => (r as ReportRow)["f1-score"]), per.fscore);
    assertEquals(rows.map(([, r]) => (r as ReportRow).support), per.support);
    const macro = dict["macro avg"] as ReportRow;
    assertEquals(macro["f1-score"], f1Score(yTrue, yPred, { average: "macro", zeroDivision: 0 }));
    assertEquals(
      (dict["weighted avg"] as ReportRow).recall,
      recallScore(yTrue, yPred, { average: "weighted", zeroDivision: 0 }),
    );
    if (name !== "multilabel") assertEquals(dict.accuracy, accuracyScore(yTrue, yPred));
  }
});

Deno.test("property: confusion-matrix row sums equal supports, its diagonal the true positives", () => {
  for (const name of ["multiclass", "strings", "binary"]) {
    const { yTrue, yPred } = golden.datasets[name];
    const cm = confusionMatrix(yTrue as Label[], yPred as Label[]);
    const per = precisionRecallFscoreSupport(yTrue, yPred, { zeroDivision: 0 });
    assertEquals(cm.map((r) => r.reduce((a, b) => a + b, 0)), per.support);
    assertEquals(cm.map((r, i) => r[i]), per.recall.map((r, i) => Math.round(r * per.support[i])));
  }
});

Deno.test("zeroDivision 'warn' gives 0 and one warning; 0 and 1 stay silent", () => {
  const { value, warnings } = capturingWarnings(() =>
    precisionScore([0, 1, 2, 2], [0, 0, 0, 2], { average: null })
  );
  assertEquals(value, [1 / 3, 0, 1]);
  assertEquals(warnings.length, 1);
  assert(warnings[0].startsWith("UndefinedMetricWarning: Precision is ill-defined"), warnings[0]);
  const report = capturingWarnings(() => classificationReport([0, 1, 2, 2], [0, 0, 0, 2]));
  assertEquals(new Set(report.warnings).size, report.warnings.length, "each message once per call");
  for (const zeroDivision of [0, 1] as const) {
    const silent = capturingWarnings(() =>
      precisionScore([0, 1, 2, 2], [0, 0, 0, 2], { average: "macro", zeroDivision })
    );
    assertEquals(silent.warnings, []);
    assertAlmostEquals(silent.value, (1 / 3 + zeroDivision + 1) / 3, 1e-12);
  }
});

Deno.test("zeroDivision NaN: ill-defined classes are NaN and left out of averages", () => {
  const yTrue = [0, 1, 2, 2];
  const yPred = [0, 0, 0, 2];
  assertEquals(precisionScore(yTrue, yPred, { average: null, zeroDivision: NaN }), [1 / 3, NaN, 1]);
  assertAlmostEquals(
    precisionScore(yTrue, yPred, { average: "macro", zeroDivision: NaN }),
    2 / 3,
    1e-12,
  );
  // F stays defined where recall is: class 1 has tp = 0, fn = 1, so F = 0.
  assertEquals(f1Score(yTrue, yPred, { average: null, zeroDivision: NaN })[1], 0);
  assert(Number.isNaN(recallScore([0, 0], [0, 0], { zeroDivision: NaN })));
});

Deno.test("Python number formatting rounds exact ties to even", () => {
  assertEquals(
    [
      formatFixed(0.125, 2),
      formatFixed(0.625, 2),
      formatFixed(0.375, 2),
      formatFixed(0.5, 0),
      formatFixed(1.5, 0),
    ],
    ["0.12", "0.62", "0.38", "0", "2"],
  );
  assertEquals([formatFixed(0.995, 2), formatFixed(0.9999, 2), formatFixed(NaN, 2)], [
    "0.99",
    "1.00",
    "nan",
  ]);
});

Deno.test("bad input: clear errors naming the argument and the value", () => {
  const cases: [() => unknown, string][] = [
    [() => accuracyScore([0, 1, 1], [0, 1]), "yTrue and yPred have different lengths: 3 and 2"],
    [() => f1Score([], []), "yTrue = []: is empty"],
    [() => f1Score([0, NaN], [0, 1]), "yTrue[1] = NaN"],
    [() => f1Score([0, 1], [0, 0.5]), "yPred[1] = 0.5"],
    [() => f1Score([0, "a"], [0, 1]), 'yTrue[1] = "a": is a string among number labels'],
    [() => f1Score(["a", "b"], [0, 1]), "Labels in yTrue and yPred should be of the same type"],
    [
      () => f1Score([[0, 1], [1, 0]], [0, 1]),
      "mix of multilabel-indicator (yTrue) and single-label (yPred)",
    ],
    [() => f1Score([[0, 2], [1, 0]], [[0, 1], [1, 0]]), "yTrue[0][1] = 2"],
    [() => f1Score([0, 1, 2], [0, 1, 1]), 'Target is multiclass but average is "binary"'],
    [
      () => f1Score(["a", "b"], ["a", "a"]),
      'posLabel = 1: is not a valid label; it should be one of ["a","b"]',
    ],
    [
      () => f1Score([0, 1, 2], [0, 1, 1], { average: "macro", labels: ["x"] }),
      'labels[0] = "x": the targets hold number labels',
    ],
    [
      () => f1Score([0, 1, 2], [0, 1, 1], { average: "macro", labels: [1, 1] }),
      "labels[1] = 1: appears twice",
    ],
    [
      () => f1Score([[0, 1], [1, 0]], [[0, 1], [1, 1]], { average: "macro", labels: [2] }),
      "labels[0] = 2: multi-label labels are column indices in [0, 2)",
    ],
    [
      () => f1Score([0, 1, 2], [0, 1, 1], { average: "samples" }),
      'average = "samples": is only for multi-label targets',
    ],
    // deno-lint-ignore no-explicit-any
    [() => f1Score([0, 1], [0, 1], { zeroDivision: 2 as any }), "zeroDivision = 2"],
    [() => fbetaScore([0, 1], [0, 1], { beta: -1 }), "beta = -1"],
    [
      () => confusionMatrix([0, 1], [0, 1], { labels: [5] }),
      "labels = [5]: none of them occurs in yTrue (at least one must)",
    ],
    [
      () => confusionMatrix([0, 1], [0, 1], { normalize: "rows" as never }),
      'normalize = "rows": is not a way to normalize',
    ],
    [
      () => confusionMatrix([[0, 1], [1, 0]] as never, [[0, 1], [1, 1]] as never),
      "yTrue = [[0, 1], [1, 0]]: holds multi-label indicator rows",
    ],
    [() => classificationReport([0, 1], [0, 1], { digits: 1.5 }), "digits = 1.5"],
    [
      () => classificationReport([0, 1, 2], [0, 1, 1], { targetNames: ["a", "b"] }),
      'targetNames = ["a", "b"]: has 2 names for 3 classes [0, 1, 2]',
    ],
    [() => calibrationCurve([0, 1], [0.2, 1.2]), "yProb[1] = 1.2"],
    [
      () => calibrationCurve(["a", "b"], [0.2, 0.3]),
      'yTrue = ["a", "b"]: posLabel is not given',
    ],
    [() => calibrationCurve([0, 1, 2], [0.2, 0.3, 0.4]), "only binary targets are supported"],
    [() => calibrationCurve([0, 1], [0.2, 0.3], { nBins: 0 }), "nBins = 0"],
    [
      () => expectedCalibrationError([0, 3], [[0.5, 0.5], [0.1, 0.9]]),
      "yTrue[1] = 3: is not one of the columns' labels",
    ],
    [
      () => expectedCalibrationError([0, 1], [[0.5, 0.6], [0.1, 0.9]]),
      "yProb[0] = [0.5, 0.6]: sums to 1.1",
    ],
  ];
  for (const [fn, message] of cases) assertThrows(fn, Error, message);
});

Deno.test("one-column rows are read as a column of labels", () => {
  assertEquals(accuracyScore([[0], [1], [1]], [[0], [1], [0]]), 2 / 3);
});
