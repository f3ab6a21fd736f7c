/**
 * Regenerates the kit's synthetic datasets in `data/` (or in the folder given as the first
 * argument): `deno run -A tools/make_data.ts [outDir]`. Seeded: the output is byte-identical on
 * every run, which `tests/data_test.ts` checks against the committed files.
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeCompliance } from "./data/compliance.ts";
import { makeFraud } from "./data/fraud.ts";
import { makeIntents } from "./data/intents.ts";
import { makeNer } from "./data/ner.ts";
import { makeNli } from "./data/nli.ts";
import { makeSentiment } from "./data/sentiment.ts";

/** Every generated file: path relative to `data/` → content. */
export function makeData(): Map<string, string> {
  const files = new Map<string, string>();
  makeSentiment(files);
  makeIntents(files);
  makeNer(files);
  makeNli(files);
  makeCompliance(files);
  makeFraud(files);
  return files;
}

if (import.meta.main) {
  const out = Deno.args[0] ?? fileURLToPath(new URL("../data", import.meta.url));
  for (const [path, content] of makeData()) {
    const full = join(out, path);
    await Deno.mkdir(dirname(full), { recursive: true });
    await Deno.writeTextFile(full, content);
  }
  console.log(`wrote ${makeData().size} files to ${out}`);
}
