/**
 * `deno task demo [--markdown out.md]`: the kit's main job. Runs the chapter's worked examples on
 * the embedded defaults and prints the reproduction table: worked example | the chapter's figure
 * | the kit's figure | agrees?. Exits non-zero when a row disagrees or a part fails.
 * @module
 */
import { parseArgs } from "node:util";
import { initBackend } from "../lib/backend.ts";
import { parts, type ReproRow } from "./demo/mod.ts";

const COLUMNS = ["part", "worked example", "chapter", "kit", "agrees?"];

/** A row's cells in column order. */
function cells(row: ReproRow): string[] {
  const agrees = row.agrees === "erratum" ? "erratum" : row.agrees ? "yes" : "NO";
  return [row.part, row.example, row.chapter, row.kit, agrees];
}

/** The table as aligned plain text, notes under their row. */
export function textTable(rows: ReproRow[]): string {
  const table = [COLUMNS, ...rows.map(cells)];
  const widths = COLUMNS.map((_, c) => Math.max(...table.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((v, c) => v.padEnd(widths[c])).join("  ").trimEnd();
  const out = [line(COLUMNS), widths.map((w) => "-".repeat(w)).join("  ")];
  for (const row of rows) {
    out.push(line(cells(row)));
    if (row.note) out.push(`  note: ${row.note}`);
  }
  return out.join("\n");
}

/** The table as Markdown, notes in a last column. */
export function markdownTable(rows: ReproRow[]): string {
  const esc = (s: string) => s.replaceAll("|", "\\|");
  const head = [...COLUMNS, "note"];
  return [
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${[...cells(r), r.note ?? ""].map(esc).join(" | ")} |`),
  ].join("\n") + "\n";
}

if (import.meta.main) {
  const { values } = parseArgs({ args: Deno.args, options: { markdown: { type: "string" } } });
  await initBackend();
  const rows: ReproRow[] = [];
  let failed = 0;
  for (const part of parts) {
    const start = performance.now();
    try {
      rows.push(...await part.rows());
      console.error(`${part.title}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
    } catch (e) {
      failed++;
      console.error(`${part.title} FAILED: ${e instanceof Error ? e.stack : e}`);
    }
  }
  console.log(textTable(rows));
  const disagree = rows.filter((r) => r.agrees === false).length;
  const errata = rows.filter((r) => r.agrees === "erratum").length;
  console.log(
    `\n${rows.length} worked examples: ${rows.length - disagree - errata} agree` +
      (errata ? `, ${errata} errata in the chapter (see the notes and docs/errata.md)` : "") +
      (disagree ? `, ${disagree} disagree` : "") + (failed ? `; ${failed} parts failed` : ""),
  );
  if (values.markdown) {
    await Deno.writeTextFile(values.markdown, markdownTable(rows));
    console.log(`table written to ${values.markdown}`);
  }
  if (disagree || failed) Deno.exit(1);
}
