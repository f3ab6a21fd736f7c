import { assert, assertEquals, assertGreater, assertStringIncludes } from "@std/assert";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Browser, findChromium, type Page } from "../tools/book/browser.ts";
import { markdown, notebookHtml } from "../tools/book/render.ts";
import { type BookPage, rewriteLinks } from "../tools/book/site.ts";
import { ROOT } from "../tools/notebook_files.ts";
import { isFile } from "../lib/fs.ts";

const CHROMIUM = findChromium();
/** Where the screenshots for review go (test artifacts, not committed). */
const SCREENSHOTS = join(ROOT, ".cache", "book_screenshots");

interface PageReport {
  errors: string[];
  plots: { id: string; traces: number }[];
  links: string[];
  ids: string[];
}

/** Loads a page, waits for its figures, and reports errors, figures, internal links and ids. */
async function load(page: Page, url: string): Promise<PageReport> {
  page.errors.length = 0;
  await page.goto(url);
  const report = await page.evaluate<Omit<PageReport, "errors">>(`(async () => {
    const plots = [...document.querySelectorAll(".plot")];
    for (let i = 0; i < 100 && plots.some((p) => !p.querySelector(".main-svg")); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    return {
      plots: plots.map((p) => ({ id: p.id, traces: p.querySelector(".main-svg") ? (p.data ?? []).length : 0 })),
      links: [...document.querySelectorAll("a[href]")].map((a) => a.href)
        .filter((h) => h.startsWith("file:")),
      ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
    };
  })()`);
  return { errors: [...page.errors], ...report };
}

/** Every problem the book's pages have: console errors, undrawn figures, broken links. */
async function checkBook(page: Page, dir: string): Promise<{ problems: string[]; plots: number }> {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of Deno.readDirSync(d)) {
      if (e.isDirectory) walk(join(d, e.name));
      else if (e.name.endsWith(".html")) files.push(join(d, e.name));
    }
  };
  walk(dir);
  const reports = new Map<string, PageReport>();
  for (const file of files.sort()) {
    reports.set(pathToFileURL(file).href, await load(page, pathToFileURL(file).href));
  }
  const problems: string[] = [];
  let plots = 0;
  for (const [url, r] of reports) {
    const name = url.slice(pathToFileURL(dir).href.length + 1);
    problems.push(...r.errors.map((e) => `${name}: ${e}`));
    for (const plot of r.plots) {
      plots++;
      if (plot.traces === 0) problems.push(`${name}: figure ${plot.id} has no data traces drawn`);
    }
    for (const link of r.links) {
      const [target, hash] = link.split("#");
      const linked = reports.get(target);
      if (!linked && !isFile(fileURLToPath(target))) {
        problems.push(`${name}: link to ${link} does not resolve`);
      }
      if (hash && linked && !linked.ids.includes(decodeURIComponent(hash))) {
        problems.push(`${name}: link to ${link}: no element with that id`);
      }
    }
  }
  return { problems, plots };
}

async function renderBook(out: string): Promise<string> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "tools/book.ts", "--from-stored", "--out", out],
    cwd: ROOT,
  }).output();
  const text = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
  assertEquals(code, 0, text);
  return text;
}

Deno.test({
  name: `book: every page loads in headless Chromium without console errors, every figure draws, ` +
    `every internal link resolves${
      CHROMIUM ? "" : " (skipped: no chromium on PATH; apt-get install chromium)"
    }`,
  ignore: !CHROMIUM,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "kit-book-" });
    const browser = await Browser.launch();
    try {
      const said = await renderBook(dir);
      assertStringIncludes(said, "pages in");
      const page = await browser.newPage(1200, 1000);
      const { problems, plots } = await checkBook(page, dir);
      assertEquals(problems, []);
      assertGreater(
        plots,
        0,
        "no figures in the book: the notebooks have no stored outputs (deno task notebooks:refresh)",
      );
      await Deno.mkdir(SCREENSHOTS, { recursive: true });
      for (const name of ["index.html", "notebooks/00_tour.html"]) {
        await page.goto(pathToFileURL(join(dir, name)).href);
        await page.evaluate(`window.scrollTo(0, ${name === "index.html" ? 0 : 2400})`);
        await Deno.writeFile(
          join(SCREENSHOTS, name.replace(/\W+/g, "_") + ".png"),
          await page.screenshot(),
        );
      }
    } finally {
      await browser.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: `book check fails on a console error, an undrawn figure and broken links${
    CHROMIUM ? "" : " (skipped: no chromium on PATH)"
  }`,
  ignore: !CHROMIUM,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "kit-book-bad-" });
    const browser = await Browser.launch();
    try {
      await Deno.writeTextFile(
        join(dir, "a.html"),
        `<a href="b.html#nowhere">b</a><a href="missing.html">m</a>
<div class="plot" id="figure-1"></div><script>console.error("boom")</script>`,
      );
      await Deno.writeTextFile(join(dir, "b.html"), `<h1 id="here">b</h1>`);
      const { problems } = await checkBook(await browser.newPage(), dir);
      assertEquals(problems.length, 4, problems.join("\n"));
      assert(problems.some((p) => p.includes("console.error: boom")), problems.join("\n"));
      assert(problems.some((p) => p.includes("figure figure-1 has no data traces")));
      assert(problems.some((p) => p.includes("missing.html does not resolve")));
      assert(problems.some((p) => p.includes("b.html#nowhere: no element with that id")));
    } finally {
      await browser.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("book links: sources become pages, other repository files plain text", () => {
  const page: BookPage = {
    source: "notebooks/00_tour.ipynb",
    out: "notebooks/00_tour.html",
    title: "t",
    body: markdown(
      "[next](16_6_1_classification_head.ipynb) [docs](../docs/data.md#x) " +
        "[readme](../README.md) [lib](../lib/plot.ts) [web](https://deno.com) [here](#top)",
    ),
  };
  const html = rewriteLinks(
    page,
    new Set(["index.html", "notebooks/16_6_1_classification_head.html", "docs/data.html"]),
  );
  assertStringIncludes(html, '<a href="16_6_1_classification_head.html">next</a>');
  assertStringIncludes(html, '<a href="../docs/data.html#x">docs</a>');
  assertStringIncludes(html, '<a href="../index.html">readme</a>');
  assertStringIncludes(html, '<span class="repo-file" title="lib/plot.ts in the repository">lib');
  assertStringIncludes(html, '<a href="https://deno.com">web</a>');
  assertStringIncludes(html, '<a href="#top">here</a>');
});

Deno.test("notebook page: tags remove or fold cells, figures become plot placeholders", () => {
  const cell = (tags: string[], source: string, outputs: unknown[] = []) => ({
    cell_type: "code" as const,
    metadata: { tags },
    source,
    outputs: outputs as [],
  });
  const html = notebookHtml({
    nbformat: 4,
    metadata: {},
    cells: [
      cell(["remove-cell"], "assertEquals(f1, 0.47);"),
      cell(["hide-input"], "console.log(1)", [{
        output_type: "stream",
        name: "stdout",
        text: "1\n",
      }]),
      cell([], "fig", [{
        output_type: "execute_result",
        data: { "application/vnd.plotly.v1+json": { data: [{ type: "bar", y: [1] }] } },
      }]),
    ],
  });
  assert(!html.includes("assertEquals"), html);
  assertStringIncludes(html, "<details><summary>Show code</summary>");
  assertStringIncludes(html, '<pre class="stream stdout">1\n</pre>');
  assertStringIncludes(html, '<div class="plot" id="figure-1" style="height:420px"></div>');
});
