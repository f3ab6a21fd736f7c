import { assert, assertEquals } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import { markdownTable, textTable } from "../tools/demo.ts";
import { parts } from "../tools/demo/mod.ts";
import { majorityBaseline } from "../tools/demo/tour.ts";

Deno.test("tour row: the majority-class predictor on 99:1 data scores 99% and finds no minority", async () => {
  await initBackend({ quiet: true });
  assertEquals(majorityBaseline(), { accuracy: 0.9900000095367432, minorityRecall: 0 });
  const rows = await parts[0].rows();
  assertEquals(rows.map((r) => r.agrees), [true]);
});

Deno.test("tables: aligned text with notes, Markdown with escaped pipes", () => {
  const rows = [
    { part: "16.6.2", example: "a|b", chapter: "0.91", kit: "0.912", agrees: true },
    { part: "x", example: "y", chapter: "1", kit: "2", agrees: "erratum" as const, note: "typo" },
  ];
  const text = textTable(rows).split("\n");
  assertEquals(text[0], "part    worked example  chapter  kit    agrees?");
  assertEquals(text[2], "16.6.2  a|b             0.91     0.912  yes");
  assertEquals(text[4], "  note: typo");
  const md = markdownTable(rows);
  assert(md.includes("| 16.6.2 | a\\|b | 0.91 | 0.912 | yes |  |"), md);
  assert(md.includes("| x | y | 1 | 2 | erratum | typo |"), md);
});
