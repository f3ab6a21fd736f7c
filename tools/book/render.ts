/**
 * HTML for the book's pages: Markdown (with GitHub's heading anchors and `$…$` / `$$…$$` math
 * rendered by KaTeX, as GitHub renders it) and notebooks with their outputs. Plotly figures become a placeholder plus their JSON, drawn by the page's script with
 * the plotly.js the book ships. Cell tags, as Jupyter Book reads them: `remove-cell`,
 * `remove-input`, `remove-output`, `hide-input` (code folded under "Show code"), `hide-cell`.
 * @module
 */
import katex from "katex";
import { Marked, type TokenizerAndRendererExtension } from "marked";
import { cellSource, hasTag, type Notebook } from "../notebook_files.ts";
import { joinText, type Output, PLOTLY_MIME } from "./outputs.ts";

/** `<`, `>`, `&` and quotes escaped for HTML text and attributes. */
export function escapeHtml(s: string): string {
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/**
 * GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { slug } from "./render.ts";
 * assertEquals(slug("The embedded encoder, and what to expect from it"), "the-embedded-encoder-and-what-to-expect-from-it");
 * ```
 */
export function slug(text: string): string {
  return text.toLowerCase().replace(/<[^>]*>/g, "").replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim().replace(/\s/g, "-");
}

/** `$…$` inline (may wrap, not across a blank line) and `$$…$$` display math, rendered to HTML by KaTeX (its CSS is in assets/). */
function math(display: boolean): TokenizerAndRendererExtension {
  const pattern = display
    ? /^\$\$([\s\S]+?)\$\$/
    : /^\$(?!\s)((?:[^$\\\n]|\\[\s\S]|\n(?!\n))+?)(?<!\s)\$(?!\d)/;
  const name = display ? "displayMath" : "inlineMath";
  return {
    name,
    level: "inline",
    start: (src: string) => src.indexOf(display ? "$$" : "$"),
    tokenizer(src: string) {
      const m = src.match(pattern);
      return m ? { type: name, raw: m[0], tex: m[1].trim() } : undefined;
    },
    renderer: (token) =>
      katex.renderToString(token.tex, { displayMode: display, throwOnError: true }),
  } as TokenizerAndRendererExtension;
}

/**
 * Markdown to HTML; headings get GitHub's ids, so `#section` links work as on GitHub.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "@std/assert";
 * import { markdown } from "./render.ts";
 * assertStringIncludes(markdown("## Two heads\n\n$K = 8$"), '<h2 id="two-heads">');
 * assertStringIncludes(markdown("$K = 8$"), 'class="katex"');
 * assertStringIncludes(markdown("about $20 \\cdot 276\n\\approx 5{,}500$ pairs"), "5,500</mn>");
 * ```
 */
export function markdown(text: string): string {
  const marked = new Marked({ gfm: true });
  marked.use({ extensions: [math(true), math(false)] });
  marked.use({
    renderer: {
      heading({ tokens, depth, text }) {
        return `<h${depth} id="${slug(text)}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
    },
  });
  return marked.parse(text, { async: false }) as string;
}

/** A notebook's title: its first level-1 heading, else its file name. */
export function notebookTitle(nb: Notebook, fallback: string): string {
  for (const cell of nb.cells) {
    if (cell.cell_type !== "markdown") continue;
    const h1 = cellSource(cell).match(/^# (.+)$/m);
    if (h1) return h1[1].replace(/[*_`]/g, "").trim();
  }
  return fallback;
}

/** A notebook as HTML: prose, code and outputs, in order, as its cell tags ask. */
export function notebookHtml(nb: Notebook): string {
  const parts: string[] = [];
  let figures = 0;
  for (const cell of nb.cells) {
    if (hasTag(cell, "remove-cell")) continue;
    if (cell.cell_type === "markdown") {
      parts.push(`<section class="prose">${markdown(cellSource(cell))}</section>`);
      continue;
    }
    if (cell.cell_type !== "code") continue;
    const code = `<pre class="code"><code>${escapeHtml(cellSource(cell))}</code></pre>`;
    const outputs = hasTag(cell, "remove-output")
      ? ""
      : (cell.outputs ?? []).map((o) => outputHtml(o, () => `figure-${++figures}`)).join("\n");
    const input = hasTag(cell, "remove-input")
      ? ""
      : hasTag(cell, "hide-input") || hasTag(cell, "hide-cell")
      ? `<details><summary>Show code</summary>${code}</details>`
      : code;
    const body = `${input}${outputs ? `<div class="outputs">${outputs}</div>` : ""}`;
    parts.push(
      hasTag(cell, "hide-cell")
        ? `<details class="cell"><summary>Show cell</summary>${body}</details>`
        : `<div class="cell">${body}</div>`,
    );
  }
  return parts.join("\n");
}

function outputHtml(out: Output, nextId: () => string): string {
  if (out.output_type === "stream") {
    return `<pre class="stream ${out.name}">${escapeHtml(joinText(out.text))}</pre>`;
  }
  if (out.output_type === "error") {
    return `<pre class="error">${escapeHtml(`${out.ename}: ${out.evalue}`)}</pre>`;
  }
  const data = out.data ?? {};
  if (data[PLOTLY_MIME]) {
    const fig = data[PLOTLY_MIME] as { layout?: { height?: number } };
    const id = nextId();
    // JSON inside <script>: "<" escaped so no string can close the element.
    const json = JSON.stringify(fig).replaceAll("<", "\\u003c");
    return `<div class="plot" id="${id}" style="height:${fig.layout?.height ?? 420}px"></div>
<script type="application/json" class="plot-data" data-for="${id}">${json}</script>`;
  }
  if (data["image/png"]) return `<img src="data:image/png;base64,${data["image/png"]}" alt="">`;
  if (data["text/html"]) return `<div class="html-output">${joinText(data["text/html"])}</div>`;
  return `<pre class="result">${escapeHtml(joinText(data["text/plain"]))}</pre>`;
}
