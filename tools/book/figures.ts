/**
 * Static PNGs of plotly figures, drawn by plotly.js from the kit's node_modules in headless
 * Chromium, so that GitHub and nbviewer (which do not run plotly) show every figure.
 * @module
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { plotlyJsPath } from "../../lib/plot.ts";
import type { Browser } from "./browser.ts";

/** Width in pixels of every stored figure image; the height is the figure's own. */
export const IMAGE_WIDTH = 800;

/** A plotly figure as stored in a notebook output. */
export interface PlotlyJson {
  data: unknown[];
  layout?: { height?: number };
}

/**
 * Draws each figure as a PNG (base64, as nbformat stores `image/png`). Plotly's random element
 * ids come from Math.random, seeded here, so the same figure gives the same bytes.
 */
export async function figurePngs(browser: Browser, figures: PlotlyJson[]): Promise<string[]> {
  if (figures.length === 0) return [];
  const dir = await Deno.makeTempDir({ prefix: "kit-figures-" });
  const page = await browser.newPage(IMAGE_WIDTH, 600);
  try {
    const html = join(dir, "figures.html");
    await Deno.writeTextFile(
      html,
      `<!DOCTYPE html><html><head><meta charset="utf-8">
<script src="${pathToFileURL(plotlyJsPath()).href}"></script></head><body></body></html>`,
    );
    await page.goto(pathToFileURL(html).href);
    const out: string[] = [];
    for (const fig of figures) {
      const url = await page.evaluate<string>(`(() => {
        let seed = 42;
        Math.random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
        const fig = ${JSON.stringify(fig)};
        return Plotly.toImage(fig, {
          format: "png", width: ${IMAGE_WIDTH}, height: fig.layout?.height ?? 420,
        });
      })()`);
      out.push(url.replace(/^data:image\/png;base64,/, ""));
    }
    if (page.errors.length) throw new Error(`drawing figures: ${page.errors.join("; ")}`);
    return out;
  } finally {
    await page.send("Page.close").catch(() => {});
    await Deno.remove(dir, { recursive: true });
  }
}
