import {
  assert,
  assertEquals,
  assertGreater,
  assertStringIncludes,
  assertThrows,
} from "@std/assert";
import { join } from "node:path";
import { ArgumentError } from "../lib/errors.ts";
import {
  barChart,
  confusionMatrixPlot,
  errorBarChart,
  Figure,
  lineChart,
  PLOTLY_VERSION,
  plotlyJsPath,
  saveHtml,
} from "../lib/plot.ts";
import { decodePng, type Image } from "./helpers/png.ts";
import { CHROMIUM_FLAGS, findChromium } from "../tools/book/browser.ts";

const CHROMIUM = findChromium();

async function screenshot(htmlPath: string, pngPath: string, dir: string): Promise<Image> {
  const { code, stderr } = await new Deno.Command(CHROMIUM!, {
    args: [
      ...CHROMIUM_FLAGS,
      `--user-data-dir=${join(dir, "profile")}`,
      "--virtual-time-budget=10000",
      "--window-size=900,500",
      `--screenshot=${pngPath}`,
      `file://${htmlPath}`,
    ],
  }).output();
  assertEquals(code, 0, `chromium failed: ${new TextDecoder().decode(stderr)}`);
  return decodePng(await Deno.readFile(pngPath));
}

/** Pixels of each plotly default trace colour (blue #1f77b4, orange #ff7f0e) and all non-white. */
function census(img: Image): { blue: number; orange: number; inked: number } {
  let blue = 0, orange = 0, inked = 0;
  const near = (p: number, r: number, g: number, b: number) =>
    Math.abs(img.pixels[p] - r) + Math.abs(img.pixels[p + 1] - g) +
        Math.abs(img.pixels[p + 2] - b) < 30;
  for (let p = 0; p < img.pixels.length; p += img.channels) {
    if (near(p, 31, 119, 180)) blue++;
    if (near(p, 255, 127, 14)) orange++;
    if (!near(p, 255, 255, 255)) inked++;
  }
  return { blue, orange, inked };
}

Deno.test({
  name: `saved plot renders as a chart in headless Chromium${
    CHROMIUM ? "" : " (skipped: no chromium on PATH; apt-get install chromium)"
  }`,
  ignore: !CHROMIUM,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const fig = barChart(["negative", "neutral", "positive"], [
        { name: "cross-entropy", values: [0.81, 0.42, 0.88] },
        { name: "focal", values: [0.8, 0.61, 0.87] },
      ], { title: "F1 per class", yTitle: "F1" });
      await saveHtml(fig, join(dir, "chart.html"));
      const chart = await screenshot(join(dir, "chart.html"), join(dir, "chart.png"), dir);
      await Deno.mkdir(".cache", { recursive: true });
      await Deno.copyFile(join(dir, "chart.png"), ".cache/plot_test.png");
      assertEquals([chart.width, chart.height], [900, 500]);
      const seen = census(chart);
      // Six bars of 900x500: each series covers thousands of pixels; axes and text add ink.
      assertGreater(seen.blue, 5000, `blue bars: ${JSON.stringify(seen)}`);
      assertGreater(seen.orange, 5000, `orange bars: ${JSON.stringify(seen)}`);

      // The same check on a blank page must fail, or the test proves nothing.
      await Deno.writeTextFile(join(dir, "blank.html"), "<html><body></body></html>");
      const blank = census(await screenshot(join(dir, "blank.html"), join(dir, "blank.png"), dir));
      assertEquals([blank.blue, blank.orange], [0, 0]);
      assert(blank.inked < 100, `blank page has ${blank.inked} non-white pixels`);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("figure displays in Jupyter as plotly JSON plus HTML that loads the pinned plotly.js", () => {
  const fig = lineChart([{ name: "loss", y: [1, 0.5] }], { title: "loss </script>" });
  const display = (fig as unknown as Record<symbol, () => Record<string, unknown>>)[
    Symbol.for("Jupyter.display")
  ];
  const bundle = display.call(fig);
  assertEquals(bundle["application/vnd.plotly.v1+json"], fig.toJSON());
  const html = bundle["text/html"] as string;
  assertStringIncludes(html, `https://cdn.plot.ly/plotly-${PLOTLY_VERSION}.min.js`);
  assert(!html.includes('</script>"') && html.includes("\\u003c/script>"), html);
  assertEquals(bundle["text/plain"], 'Figure "loss </script>" (1 traces)');
});

Deno.test("PLOTLY_VERSION matches the installed plotly.js-dist-min", async () => {
  const pkg = JSON.parse(await Deno.readTextFile(join(plotlyJsPath(), "..", "package.json")));
  assertEquals(pkg.version, PLOTLY_VERSION);
});

Deno.test("confusion matrix: counts, row normalisation, true labels top to bottom", () => {
  const fig = confusionMatrixPlot([[3, 1], [0, 0]], ["a", "b"], { normalize: "true" });
  assertEquals(fig.data[0].z, [[0.75, 0.25], [0, 0]]);
  assertEquals((fig.layout.yaxis as { autorange: string }).autorange, "reversed");
  const byId = confusionMatrixPlot([[3, 1], [0, 0]], { 0: "a", 1: "b" });
  assertEquals([byId.data[0].x, byId.data[0].y], [["a", "b"], ["a", "b"]]);
});

Deno.test("builders name the bad argument", () => {
  assertThrows(
    () => lineChart([{ name: "a", x: [1, 2], y: [1] }]),
    ArgumentError,
    "series[0].x = [1, 2]: has 2 entries but series[0].y has 1",
  );
  assertThrows(
    () => barChart(["a"], [{ name: "g", values: [NaN] }]),
    ArgumentError,
    "groups[0].values[0] = NaN: is not a finite number",
  );
  assertThrows(
    () => confusionMatrixPlot([[1, 2]], ["a", "b"]),
    ArgumentError,
    "matrix = [[1, 2]]: has 1 entries but id2label has 2",
  );
  assert(new Figure([]).describe() === "Figure (0 traces)");
});

Deno.test("errorBarChart: plotly error_y per group, lengths checked", () => {
  const fig = errorBarChart(["a", "b"], [{ name: "x", values: [1, 2], errors: [0.1, 0.2] }]);
  assertEquals(fig.data[0].error_y, { type: "data", array: [0.1, 0.2], visible: true });
  assertEquals(fig.data[0].y, [1, 2]);
  assertThrows(
    () => errorBarChart(["a"], [{ name: "x", values: [1], errors: [0.1, 0.2] }]),
    ArgumentError,
    "groups[0].errors = [0.1, 0.2]: has 2 entries but categories has 1",
  );
  assertThrows(
    () => errorBarChart(["a"], [{ name: "x", values: [1], errors: [-1] }]),
    ArgumentError,
    "groups[0].errors[0] = -1: is negative",
  );
});
