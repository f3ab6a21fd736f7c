/**
 * `deno task book [--from-stored] [--out DIR] [notebooks...]`: the course as a static site in
 * `book/` (or DIR): an index (the README, with the chapter map), one page per notebook with its
 * outputs and interactive figures, the reproduction table, the results tables and the other docs
 * (the errata first when docs/errata.md exists), linked to each other. By default every notebook
 * is executed through the real Deno kernel, as the tests do, and the reproduction table comes
 * from a fresh `deno task demo`; `--from-stored` renders the outputs stored in the notebooks and
 * the README's table instead (seconds). Open book/index.html, or serve the folder.
 * @module
 */
import { basename, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { notebookPaths, readNotebook, ROOT } from "./notebook_files.ts";
import { runNotebook } from "./notebooks.ts";
import { storedDifferences, withRunOutputs } from "./book/store.ts";
import { markdown, notebookHtml, notebookTitle } from "./book/render.ts";
import { type BookPage, writeBook } from "./book/site.ts";

/** The README's "## The reproduction table" section, its table replaced by `table` if given. */
function reproductionSection(readme: string, table?: string): string {
  const start = readme.indexOf("## The reproduction table");
  if (start < 0) throw new Error("README.md has no '## The reproduction table' section");
  const end = readme.indexOf("\n## ", start + 3);
  let section = readme.slice(start, end < 0 ? undefined : end).replace(/^## /, "# ");
  if (table) {
    section = section.replace(/(?:^\|.*\n)+/m, `${table.trim()}\n`) +
      "\n_This table was computed by `deno task demo` while the book was built._\n";
  }
  return section;
}

async function demoTable(): Promise<string> {
  const file = await Deno.makeTempFile({ suffix: ".md" });
  try {
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", join(ROOT, "tools", "demo.ts"), "--markdown", file],
      cwd: ROOT,
    }).output();
    if (code !== 0) {
      const said = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
      throw new Error(`deno task demo failed:\n${said}`);
    }
    return await Deno.readTextFile(file);
  } finally {
    await Deno.remove(file);
  }
}

/** A docs/*.md page's navigation group and title. */
function docPage(name: string): BookPage {
  const source = `docs/${name}`;
  const text = Deno.readTextFileSync(join(ROOT, source));
  const title = text.match(/^# (.+)$/m)?.[1].replace(/[`*_]/g, "") ?? name;
  const group = name === "errata.md" || name.startsWith("results_") ? "results" : "docs";
  return { source, out: source.replace(/\.md$/, ".html"), title, body: markdown(text), group };
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    args: Deno.args,
    options: { "from-stored": { type: "boolean" }, out: { type: "string", default: "book" } },
    allowPositionals: true,
  });
  const started = performance.now();
  const pages: BookPage[] = [];
  let failed = 0;
  for (const path of notebookPaths(positionals)) {
    const source = readNotebook(path);
    let nb = source;
    if (!values["from-stored"]) {
      const output = join(ROOT, ".cache", "executed", basename(path));
      const run = await runNotebook(path, { output });
      if (!run.ok) {
        failed++;
        console.log(`FAIL  ${path}  ${run.seconds.toFixed(1)} s`);
        console.log(run.message.replace(/^/gm, "      "));
        continue;
      }
      const executed = readNotebook(output);
      // Whether the page shows what the notebook on disk shows: said, not enforced (the
      // notebooks check in `deno task test` enforces it).
      const differ = storedDifferences(source, executed, ROOT).length;
      console.log(
        `ok    ${path}  ${run.seconds.toFixed(1)} s  ` +
          (differ
            ? `${differ} cells differ from the stored outputs`
            : "same as the stored outputs"),
      );
      nb = withRunOutputs(source, executed, ROOT);
    }
    const repoPath = relative(ROOT, path);
    pages.push({
      source: repoPath,
      out: repoPath.replace(/\.ipynb$/, ".html"),
      title: notebookTitle(nb, basename(path, ".ipynb")),
      body: notebookHtml(nb),
      group: "course",
    });
  }
  const readme = await Deno.readTextFile(join(ROOT, "README.md"));
  let table: string | undefined;
  if (!values["from-stored"]) {
    const t0 = performance.now();
    table = await demoTable();
    console.log(`ok    deno task demo  ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  pages.push({
    source: "reproduction.md",
    out: "reproduction.html",
    title: "The reproduction table",
    body: markdown(reproductionSection(readme, table)),
    group: "results",
  });
  const docs = [...Deno.readDirSync(join(ROOT, "docs"))]
    .filter((e) => e.isFile && e.name.endsWith(".md")).map((e) => e.name)
    .sort((a, b) => Number(b === "errata.md") - Number(a === "errata.md") || a.localeCompare(b));
  pages.push(...docs.map(docPage));
  pages.unshift({ source: "README.md", out: "index.html", title: "Home", body: markdown(readme) });
  await writeBook(values.out, pages);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${pages.length} pages in ${values.out}/ (${seconds.toFixed(1)} s); open ` +
      `${join(values.out, "index.html")} or serve the folder`,
  );
  if (failed) {
    console.log(`${failed} notebooks failed; their pages are missing`);
    Deno.exit(1);
  }
}
