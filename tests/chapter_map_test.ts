/**
 * docs/chapter_map.md maps the chapter's terms to files and symbols of lib/: every file it names
 * exists and exports the symbol it names (a value: a function, class or constant).
 */
import { assert, assertEquals } from "@std/assert";

const root = new URL("../", import.meta.url);
const table = await Deno.readTextFile(new URL("docs/chapter_map.md", root));

/** The table's rows after the header: `| term | section | file | symbol |`. */
const rows = table.split("\n")
  .filter((line) => line.startsWith("|") && !line.startsWith("| ---"))
  .slice(1)
  .map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()));

Deno.test("chapter map: a row per chapter term, four cells each", () => {
  assert(rows.length >= 40, `only ${rows.length} rows read from docs/chapter_map.md`);
  for (const row of rows) assertEquals(row.length, 4, `row ${JSON.stringify(row)}`);
  const terms = rows.map(([term]) => term);
  assertEquals(new Set(terms).size, terms.length, "each term once");
});

Deno.test("chapter map: every file exists and exports its symbol", async () => {
  for (const [term, , file, symbol] of rows) {
    assert(/^lib\/[\w/]+\.ts$/.test(file), `${term}: ${file} is not a file of lib/`);
    const url = new URL(file, root);
    const info = await Deno.stat(url).catch(() => undefined);
    assert(info?.isFile, `${term}: ${file} does not exist`);
    const module = await import(url.href);
    assert(symbol in module, `${term}: ${file} does not export ${symbol}`);
  }
});
