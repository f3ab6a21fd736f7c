/**
 * The book as files: one HTML page per source (README → index.html, notebooks/x.ipynb →
 * notebooks/x.html, docs/x.md → docs/x.html), a navigation bar on each, links between sources
 * rewritten to the pages, plotly.js copied from the kit's node_modules into assets/ (no CDN), and
 * nothing that needs a server: it opens with file:// and through any static server.
 * @module
 */
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { plotlyJsPath } from "../../lib/plot.ts";
import { escapeHtml } from "./render.ts";

/** One page of the book. */
export interface BookPage {
  /** The file it renders, relative to the repository root (`README.md`, `notebooks/x.ipynb`). */
  source: string;
  /** Where it goes, relative to the book's folder (`index.html`, `notebooks/x.html`). */
  out: string;
  title: string;
  /** The page's HTML body. */
  body: string;
  /** Where the navigation lists it: "course", "results" or "docs"; omitted pages are unlisted. */
  group?: "course" | "results" | "docs";
}

/**
 * The page a repository file becomes, or undefined when the book has none.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { pageFor } from "./site.ts";
 * assertEquals(pageFor("notebooks/00_tour.ipynb"), "notebooks/00_tour.html");
 * assertEquals(pageFor("lib/plot.ts"), undefined);
 * ```
 */
export function pageFor(source: string): string | undefined {
  if (source === "README.md") return "index.html";
  const m = source.match(/^(notebooks\/[^/]+)\.ipynb$|^(docs\/[^/]+)\.md$/);
  return m ? `${m[1] ?? m[2]}.html` : undefined;
}

/**
 * Rewrites the links of `page.body`: to another source in the book, to its page; to a repository
 * file the book lacks, to plain text that names the file (a link would not resolve).
 */
export function rewriteLinks(page: BookPage, pages: Set<string>): string {
  return page.body.replace(
    /<a href="([^"]*)"([^>]*)>([\s\S]*?)<\/a>/g,
    (whole, href: string, rest: string, inner: string) => {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith("#")) return whole;
      const [path, hash] = href.split("#");
      const source = posix.normalize(posix.join(posix.dirname(page.source), decodeURI(path)));
      const target = pageFor(source);
      if (target && pages.has(target)) {
        const rel = posix.relative(posix.dirname(page.out), target) || posix.basename(target);
        return `<a href="${rel}${hash ? `#${hash}` : ""}"${rest}>${inner}</a>`;
      }
      return `<span class="repo-file" title="${
        escapeHtml(source)
      } in the repository">${inner}</span>`;
    },
  );
}

const CSS =
  `body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328}
nav{position:fixed;top:0;left:0;bottom:0;width:250px;overflow:auto;background:#f6f8fa;
border-right:1px solid #d0d7de;padding:12px 14px;font-size:14px;box-sizing:border-box}
nav h2{font-size:12px;text-transform:uppercase;color:#59636e;margin:14px 0 4px}
nav a{display:block;color:#0969da;text-decoration:none;padding:2px 0}nav a.here{font-weight:600;color:#1f2328}
main{margin-left:250px;padding:16px 40px 60px;max-width:980px}
pre{background:#f6f8fa;padding:10px 12px;overflow:auto;font-size:13px;line-height:1.4;border-radius:6px}
pre.code{border-left:3px solid #0969da}.outputs pre{background:#fff;border:1px solid #d0d7de}
pre.stderr{color:#7d4e00}pre.error{color:#cf222e}
table{border-collapse:collapse;font-size:14px;margin:8px 0;display:block;overflow:auto}
th,td{border:1px solid #d0d7de;padding:4px 8px;vertical-align:top}
code{font-size:90%}.repo-file{border-bottom:1px dotted #59636e}
.plot{width:100%}img{max-width:100%}details summary{cursor:pointer;color:#59636e}`;

const DRAW = `for (const s of document.querySelectorAll("script.plot-data")) {
  const fig = JSON.parse(s.textContent);
  Plotly.newPlot(document.getElementById(s.dataset.for), fig.data, fig.layout, { responsive: true });
}`;

function layout(page: BookPage, pages: BookPage[], known: Set<string>): string {
  const up = (target: string) => posix.relative(posix.dirname(page.out), target) || target;
  const link = (p: BookPage) =>
    `<a href="${up(p.out)}"${p.out === page.out ? ' class="here"' : ""}>${escapeHtml(p.title)}</a>`;
  const group = (name: BookPage["group"], heading: string) => {
    const listed = pages.filter((p) => p.group === name);
    return listed.length ? `<h2>${heading}</h2>${listed.map(link).join("")}` : "";
  };
  const hasPlots = page.body.includes('class="plot-data"');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<link rel="stylesheet" href="${up("assets/book.css")}">
${
    page.body.includes('class="katex"')
      ? `<link rel="stylesheet" href="${up("assets/katex/katex.min.css")}">`
      : ""
  }
${hasPlots ? `<script src="${up("assets/plotly.min.js")}"></script>` : ""}
</head><body>
<nav><a href="${up("index.html")}"${page.out === "index.html" ? ' class="here"' : ""}>Home</a>
${group("course", "Course")}${group("results", "Results")}${group("docs", "Documentation")}</nav>
<main>
${rewriteLinks(page, known)}
</main>
${hasPlots ? `<script src="${up("assets/draw.js")}"></script>` : ""}
</body></html>
`;
}

/** KaTeX's stylesheet and its woff2 fonts (every browser the book targets reads woff2). */
async function copyKatex(dir: string): Promise<void> {
  const css = fileURLToPath(import.meta.resolve("katex/dist/katex.min.css"));
  await Deno.mkdir(join(dir, "fonts"), { recursive: true });
  await Deno.copyFile(css, join(dir, "katex.min.css"));
  for (const e of Deno.readDirSync(join(dirname(css), "fonts"))) {
    if (e.name.endsWith(".woff2")) {
      await Deno.copyFile(join(dirname(css), "fonts", e.name), join(dir, "fonts", e.name));
    }
  }
}

/** Writes the pages and their assets into `dir` (emptied first). */
export async function writeBook(dir: string, pages: BookPage[]): Promise<void> {
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  await Deno.mkdir(join(dir, "assets"), { recursive: true });
  await Deno.copyFile(plotlyJsPath(), join(dir, "assets", "plotly.min.js"));
  await copyKatex(join(dir, "assets", "katex"));
  await Deno.writeTextFile(join(dir, "assets", "book.css"), CSS + "\n");
  await Deno.writeTextFile(join(dir, "assets", "draw.js"), DRAW + "\n");
  const known = new Set(pages.map((p) => p.out));
  for (const page of pages) {
    const file = join(dir, page.out);
    await Deno.mkdir(dirname(file), { recursive: true });
    await Deno.writeTextFile(file, layout(page, pages, known));
  }
}
