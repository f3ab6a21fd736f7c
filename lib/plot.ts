/**
 * Plotly figures for what the course shows: training curves, grouped bars (with error bars),
 * confusion matrices, scatter plots and reliability diagrams. A {@link Figure} displays itself
 * in the Deno Jupyter kernel (the last expression of a cell, or `Deno.jupyter.display(fig)`) as
 * a MIME bundle with `application/vnd.plotly.v1+json` (JupyterLab, VS Code) and `text/html`
 * (loads plotly.js from its CDN), and {@link saveHtml} writes a standalone page with plotly.js
 * inlined from the npm package, which works offline.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { trainingCurves } from "./plot.ts";
 * const fig = trainingCurves({ loss: [0.9, 0.5, 0.3], val_loss: [1.0, 0.7, 0.6] });
 * assert(fig.data.length === 2);
 * ```
 * @module
 */
import { fileURLToPath } from "node:url";
import { ArgumentError, SetupError } from "./errors.ts";

/** The plotly.js version the kit pins in deno.json; the Jupyter HTML loads the same from the CDN. */
export const PLOTLY_VERSION = "3.1.0";

/** One plotly trace: `type` plus any plotly.js trace attribute. */
export interface Trace {
  type: "scatter" | "bar" | "heatmap";
  name?: string;
  [attribute: string]: unknown;
}

/** A plotly layout: any plotly.js layout attribute. */
export interface Layout {
  title?: { text: string };
  [attribute: string]: unknown;
}

/** Titles shared by every builder. */
export interface PlotOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Height in pixels (default 420). */
  height?: number;
}

/** A line series: `y` against `x` (default 1, 2, …). */
export interface Series {
  name: string;
  y: ArrayLike<number>;
  x?: ArrayLike<number>;
}

/**
 * A plotly figure that Jupyter displays and {@link saveHtml} saves.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { Figure } from "./plot.ts";
 * const fig = new Figure([{ type: "bar", x: ["neg", "pos"], y: [3, 5] }], { title: { text: "labels" } });
 * assertEquals(fig.toJSON().layout.title, { text: "labels" });
 * ```
 */
export class Figure {
  /** Wraps plotly `data` and `layout`; the builders below are the usual way to make one. */
  constructor(readonly data: Trace[], readonly layout: Layout = {}) {}

  /** The figure as plotly JSON: `{ data, layout }`. */
  toJSON(): { data: Trace[]; layout: Layout } {
    return { data: this.data, layout: this.layout };
  }

  /** The MIME bundle the Deno Jupyter kernel shows. */
  [Symbol.for("Jupyter.display")](): Record<string, unknown> {
    const id = `kit-plot-${crypto.randomUUID()}`;
    const src = `https://cdn.plot.ly/plotly-${PLOTLY_VERSION}.min.js`;
    const html = `<div id="${id}" style="height:${this.height()}px"></div>
<script>(function () {
  const draw = () => window.Plotly.newPlot(${JSON.stringify(id)}, ${scriptJson(this)});
  if (window.Plotly) return draw();
  const s = document.createElement("script");
  s.src = ${JSON.stringify(src)};
  s.onload = draw;
  document.head.appendChild(s);
})();</script>`;
    return {
      "application/vnd.plotly.v1+json": this.toJSON(),
      "text/html": html,
      "text/plain": this.describe(),
    };
  }

  /** A one-line description, e.g. `Figure "loss" (2 traces)`. */
  describe(): string {
    const title = this.layout.title?.text;
    return `Figure${title ? ` "${title}"` : ""} (${this.data.length} traces)`;
  }

  /** The figure's height in pixels. */
  height(): number {
    return typeof this.layout.height === "number" ? this.layout.height : 420;
  }
}

function layoutOf(o: PlotOptions, extra: Layout = {}): Layout {
  return {
    ...(o.title ? { title: { text: o.title } } : {}),
    xaxis: { title: { text: o.xTitle ?? "" } },
    yaxis: { title: { text: o.yTitle ?? "" } },
    height: o.height ?? 420,
    ...extra,
  };
}

function numbers(values: ArrayLike<number>, what: string): number[] {
  const out = Array.from(values, Number);
  const bad = out.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new ArgumentError(
      `${what}[${bad}]`,
      values[bad],
      "is not a finite number",
      "plot finite numbers only: fix or drop that point",
    );
  }
  return out;
}

/** `a` (named `aName`) must have as many entries as `b` (named `bName`). */
function sameLength(
  a: ArrayLike<unknown>,
  aName: string,
  b: ArrayLike<unknown>,
  bName: string,
): void {
  if (a.length !== b.length) {
    throw new ArgumentError(
      aName,
      a,
      `has ${a.length} entries but ${bName} has ${b.length}`,
      `give ${aName} one entry per entry of ${bName}`,
    );
  }
}

/**
 * Lines, one per series: loss or accuracy per epoch or step.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { lineChart } from "./plot.ts";
 * const fig = lineChart([{ name: "lr", x: [0, 10, 20], y: [0, 2e-5, 1e-5] }], { xTitle: "step" });
 * assert(fig.data[0].mode === "lines+markers");
 * ```
 */
export function lineChart(series: Series[], options: PlotOptions = {}): Figure {
  const data = series.map((s, i): Trace => {
    const y = numbers(s.y, `series[${i}].y`);
    const x = s.x ? numbers(s.x, `series[${i}].x`) : y.map((_, j) => j + 1);
    sameLength(x, `series[${i}].x`, y, `series[${i}].y`);
    return { type: "scatter", mode: "lines+markers", name: s.name, x, y };
  });
  return new Figure(data, layoutOf(options));
}

/**
 * Training curves from a history of per-epoch values, like Keras' `history.history` or the
 * kit's trainer log: one line per key, x = epoch 1, 2, ….
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { trainingCurves } from "./plot.ts";
 * const fig = trainingCurves({ loss: [0.7, 0.4], f1_macro: [0.6, 0.8] }, { title: "fine-tuning" });
 * assert(fig.layout.title?.text === "fine-tuning");
 * ```
 */
export function trainingCurves(
  history: Record<string, ArrayLike<number>>,
  options: PlotOptions = {},
): Figure {
  const series = Object.entries(history).map(([name, y]) => ({ name, y }));
  return lineChart(series, { xTitle: "epoch", ...options });
}

/**
 * Grouped bars: one bar per category in each group, e.g. F1 per class for two losses.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { barChart } from "./plot.ts";
 * const fig = barChart(["neg", "neu", "pos"], [
 *   { name: "cross-entropy", values: [0.8, 0.4, 0.9] },
 *   { name: "focal", values: [0.8, 0.6, 0.9] },
 * ], { yTitle: "F1" });
 * assert(fig.layout.barmode === "group");
 * ```
 */
export function barChart(
  categories: string[],
  groups: { name: string; values: ArrayLike<number> }[],
  options: PlotOptions = {},
): Figure {
  const data = groups.map((g, i): Trace => {
    sameLength(g.values, `groups[${i}].values`, categories, "categories");
    return {
      type: "bar",
      name: g.name,
      x: categories,
      y: numbers(g.values, `groups[${i}].values`),
    };
  });
  return new Figure(data, layoutOf(options, { barmode: "group" }));
}

/** One group of bars for {@linkcode errorBarChart}: a value per category and its error bar. */
export interface ErrorBarGroup {
  /** Legend entry, e.g. a loss or a strategy. */
  name: string;
  /** Bar heights (e.g. means over seeds), one per category. */
  values: ArrayLike<number>;
  /** Error bar half-lengths (e.g. standard deviations), one per category, each >= 0. */
  errors: ArrayLike<number>;
}

/**
 * Grouped bars, each with a symmetric error bar (plotly's `error_y`): a mean over seeds and its
 * spread, the way results over several runs should be shown.
 *
 * @example
 * ```ts
 * import { assert, assertEquals } from "@std/assert";
 * import { errorBarChart } from "./plot.ts";
 * const fig = errorBarChart(["5 %", "1 %"], [
 *   { name: "cross-entropy", values: [0.8, 0.5], errors: [0.02, 0.1] },
 *   { name: "focal", values: [0.82, 0.55], errors: [0.03, 0.08] },
 * ], { yTitle: "minority F1" });
 * assert(fig.data.length === 2 && fig.layout.barmode === "group");
 * assertEquals((fig.data[1].error_y as { array: number[] }).array[1], 0.08);
 * ```
 */
export function errorBarChart(
  categories: string[],
  groups: ErrorBarGroup[],
  options: PlotOptions = {},
): Figure {
  const errors = groups.map((g, i) => {
    sameLength(g.errors, `groups[${i}].errors`, categories, "categories");
    const e = numbers(g.errors, `groups[${i}].errors`);
    const bad = e.findIndex((x) => x < 0);
    if (bad >= 0) {
      throw new ArgumentError(
        `groups[${i}].errors[${bad}]`,
        e[bad],
        "is negative: an error bar's half-length is >= 0",
        "give the spread (e.g. a standard deviation) as a number >= 0",
      );
    }
    return e;
  });
  const fig = barChart(categories, groups, options);
  fig.data.forEach((trace, i) => {
    trace.error_y = { type: "data", array: errors[i], visible: true };
  });
  return fig;
}

/**
 * A confusion-matrix heatmap, rows = true label, columns = predicted label, counts written in
 * the cells; `labels` are the names in id order or a model's `id2label`. `normalize: "true"`
 * divides each row by its sum, as scikit-learn's `confusion_matrix(normalize="true")`.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { confusionMatrixPlot } from "./plot.ts";
 * const fig = confusionMatrixPlot([[5, 1], [2, 8]], ["neg", "pos"], { normalize: "true" });
 * assert((fig.data[0].z as number[][])[0][0] === 5 / 6);
 * ```
 */
export function confusionMatrixPlot(
  matrix: ArrayLike<number>[],
  id2label: readonly string[] | Readonly<Record<number, string>>,
  options: PlotOptions & { normalize?: "true" } = {},
): Figure {
  const labels = Object.values(id2label);
  sameLength(matrix, "matrix", labels, "id2label");
  const rows = matrix.map((row, i) => {
    sameLength(row, `matrix[${i}]`, labels, "id2label");
    const r = numbers(row, `matrix[${i}]`);
    if (options.normalize !== "true") return r;
    const sum = r.reduce((a, b) => a + b, 0);
    return r.map((v) => (sum === 0 ? 0 : v / sum));
  });
  const trace: Trace = {
    type: "heatmap",
    x: labels,
    y: labels,
    z: rows,
    // matplotlib's Blues, as in scikit-learn's ConfusionMatrixDisplay: more is darker.
    colorscale: [[0, "#f7fbff"], [0.5, "#6baed6"], [1, "#08306b"]],
    texttemplate: options.normalize ? "%{z:.2f}" : "%{z}",
    hovertemplate: "true %{y}<br>predicted %{x}<br>%{z}<extra></extra>",
  };
  const layout = layoutOf(
    { xTitle: "predicted label", yTitle: "true label", ...options },
    { yaxis: { title: { text: options.yTitle ?? "true label" }, autorange: "reversed" } },
  );
  return new Figure([trace], layout);
}

/**
 * Points, one trace per group: e.g. a 2-D projection of sentence embeddings coloured by label.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { scatterPlot } from "./plot.ts";
 * const fig = scatterPlot([{ name: "pos", x: [0.1, 0.3], y: [1, 2], text: ["great", "fine"] }]);
 * assert(fig.data[0].mode === "markers");
 * ```
 */
export function scatterPlot(
  groups: { name: string; x: ArrayLike<number>; y: ArrayLike<number>; text?: string[] }[],
  options: PlotOptions = {},
): Figure {
  const data = groups.map((g, i): Trace => {
    sameLength(g.x, `groups[${i}].x`, g.y, `groups[${i}].y`);
    if (g.text) sameLength(g.text, `groups[${i}].text`, g.x, `groups[${i}].x`);
    return {
      type: "scatter",
      mode: "markers",
      name: g.name,
      x: numbers(g.x, `groups[${i}].x`),
      y: numbers(g.y, `groups[${i}].y`),
      ...(g.text ? { text: g.text } : {}),
    };
  });
  return new Figure(data, layoutOf(options));
}

/**
 * A reliability diagram from scikit-learn's `calibration_curve` output: bars of the observed
 * fraction of positives (`probTrue`) at each bin's mean predicted probability (`probPred`),
 * against the diagonal of perfect calibration.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { reliabilityDiagram } from "./plot.ts";
 * const fig = reliabilityDiagram({ probTrue: [0.1, 0.4, 0.9], probPred: [0.15, 0.5, 0.85] });
 * assert(fig.data.length === 2);
 * ```
 */
export function reliabilityDiagram(
  curve: { probTrue: ArrayLike<number>; probPred: ArrayLike<number> },
  options: PlotOptions = {},
): Figure {
  sameLength(curve.probTrue, "curve.probTrue", curve.probPred, "curve.probPred");
  const data: Trace[] = [
    {
      type: "bar",
      name: "observed",
      x: numbers(curve.probPred, "curve.probPred"),
      y: numbers(curve.probTrue, "curve.probTrue"),
      width: 0.05,
    },
    {
      type: "scatter",
      mode: "lines",
      name: "perfectly calibrated",
      x: [0, 1],
      y: [0, 1],
      line: { dash: "dash", color: "gray" },
    },
  ];
  const layout = layoutOf(
    { xTitle: "mean predicted probability", yTitle: "fraction of positives", ...options },
    {
      xaxis: { title: { text: options.xTitle ?? "mean predicted probability" }, range: [0, 1] },
      yaxis: { title: { text: options.yTitle ?? "fraction of positives" }, range: [0, 1] },
    },
  );
  return new Figure(data, layout);
}

/** Where the npm package's plotly.min.js lies (deno installs it into node_modules). */
export function plotlyJsPath(): string {
  const url = import.meta.resolve("plotly.js-dist-min/plotly.min.js");
  if (!url.startsWith("file:")) {
    throw new SetupError(
      `plotly.js-dist-min resolved to ${url}, not a file: run \`deno install\` in the kit's folder`,
    );
  }
  return fileURLToPath(url);
}

/**
 * Writes the figure as a standalone HTML page with plotly.js inlined (about 4.7 MB), so it opens
 * offline in any browser.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { barChart, saveHtml } from "./plot.ts";
 * const path = await Deno.makeTempFile({ suffix: ".html" });
 * await saveHtml(barChart(["a", "b"], [{ name: "n", values: [1, 2] }]), path);
 * assert((await Deno.readTextFile(path)).includes("Plotly.newPlot"));
 * await Deno.remove(path);
 * ```
 */
export async function saveHtml(fig: Figure, path: string): Promise<void> {
  // "</script" inside an inlined script would end it early; plotly.min.js is escaped the same way.
  const plotly = (await Deno.readTextFile(plotlyJsPath())).replaceAll("</script", "<\\/script");
  const title = escapeHtml(fig.layout.title?.text ?? "figure");
  const page = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${title}</title>
<script>${plotly}</script></head>
<body style="margin:0;background:white">
<div id="plot" style="height:${fig.height()}px"></div>
<script>Plotly.newPlot("plot", ${scriptJson(fig)});</script>
</body></html>
`;
  await Deno.writeTextFile(path, page);
}

/** JSON that is safe inside a `<script>` element. */
function scriptJson(fig: Figure): string {
  return JSON.stringify(fig.toJSON()).replaceAll("<", "\\u003c");
}

function escapeHtml(s: string): string {
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
