/**
 * lib/ is built in layers, and imports only run downward: a module may import from its own layer
 * or a lower one, never from a higher one. Lowest first:
 *
 * | layer     | folders                                                                  |
 * | --------- | ------------------------------------------------------------------------ |
 * | base      | lib/*.ts (random, fs, backend, losses…), tf/, testing/, fast/switch.ts   |
 * | data      | data/                                                                    |
 * | metrics   | metrics/                                                                 |
 * | seqeval   | seqeval/ (scores built on metrics/)                                      |
 * | encoders  | onnx/, encoders/ (the encoders and the `Body` interface heads sit on)    |
 * | heads     | heads/                                                                   |
 * | imbalance | imbalance/ (class weights, samplers: what the Trainer draws on)          |
 * | train     | train/ (Trainer, loss, optimizer, schedule, clip, checkpoints, predict)   |
 * | models    | models/ (Hugging Face `AutoModel*` on top of the Trainer's pieces)       |
 * | tasks     | ner/, setfit/                                                            |
 * | grade     | grade/                                                                   |
 * | mod       | lib/mod.ts, the top: it may import everything                            |
 *
 * The one exception is lib/fast/: each fast module speeds up one reference module (its twin,
 * {@linkcode FAST_TWINS}), sits in its twin's layer, and is imported only by its twin (and
 * lib/mod.ts); it may import *types* from its twin, never values (the twin imports it, so a
 * value import would be a cycle). lib/fast/switch.ts, the switch itself, is base.
 *
 * Static imports count: `import`, `import type` and `export … from`, read from Deno's module
 * graph (`deno info --json`), so code in comments (JSDoc `@example`) does not.
 */
import { assert, assertEquals } from "@std/assert";
import { relative } from "node:path";
import { fileURLToPath as fromFileUrl } from "node:url";

const root = fromFileUrl(new URL("../", import.meta.url));

/** Layers of lib/, lowest first: the folders (or `lib/*.ts` for the top-level files) of each. */
const LAYERS: readonly (readonly [string, readonly string[]])[] = [
  ["base", ["lib/*.ts", "tf", "testing"]],
  ["data", ["data"]],
  ["metrics", ["metrics"]],
  ["seqeval", ["seqeval"]],
  ["encoders", ["onnx", "encoders"]],
  ["heads", ["heads"]],
  ["imbalance", ["imbalance"]],
  ["train", ["train"]],
  ["models", ["models"]],
  ["tasks", ["ner", "setfit"]],
  ["grade", ["grade"]],
  ["mod", ["lib/mod.ts"]],
];

/** Each fast module and the reference module it speeds up. */
const FAST_TWINS: Readonly<Record<string, string>> = {
  "lib/fast/adamw.ts": "lib/train/optimizer.ts",
  "lib/fast/clip.ts": "lib/train/clip.ts",
  "lib/fast/cross_entropy.ts": "lib/losses.ts",
  "lib/fast/dropout.ts": "lib/tf/dropout.ts",
  "lib/fast/gradients.ts": "lib/tf/gradients.ts",
  "lib/fast/seqeval_chunks.ts": "lib/seqeval/chunks.ts",
  "lib/fast/wasm_kernels.ts": "lib/backend.ts",
};

/** One static import: importing file, its specifier and the file it names (repo-relative). */
interface Import {
  from: string;
  specifier: string;
  to: string;
  /** `import type` / `export type`: erased at run time. */
  typeOnly: boolean;
  /** 1-based line of the specifier. */
  line?: number;
}

/** The layer (index into {@linkcode LAYERS}) of a file of lib/, or a message saying why none. */
function layerOf(file: string): number | string {
  if (file in FAST_TWINS) return layerOf(FAST_TWINS[file]);
  if (file === "lib/fast/switch.ts") return 0;
  if (file.startsWith("lib/fast/")) {
    return `${file} is a fast module without a twin: name the module it speeds up in FAST_TWINS`;
  }
  const parts = file.split("/");
  const key = file === "lib/mod.ts" ? file : parts.length === 2 ? "lib/*.ts" : parts[1];
  const layer = LAYERS.findIndex(([, dirs]) => dirs.includes(key));
  return layer >= 0 ? layer : `${file} is in no layer: add lib/${key}/ to LAYERS`;
}

/** Every broken rule among `imports`, one message each (empty: the layering holds). */
function checkImports(imports: readonly Import[]): string[] {
  const problems: string[] = [];
  for (const imp of imports) {
    const at = `${imp.from}${
      imp.line ? `:${imp.line}` : ""
    } imports "${imp.specifier}" (${imp.to})`;
    if (!imp.to.startsWith("lib/")) {
      problems.push(`${at}: lib/ imports nothing of the repository outside lib/`);
      continue;
    }
    const [a, b] = [layerOf(imp.from), layerOf(imp.to)];
    if (typeof a === "string" || typeof b === "string") {
      problems.push(`${at}: ${typeof a === "string" ? a : b}`);
      continue;
    }
    if (b > a) {
      problems.push(
        `${at}: layer ${LAYERS[a][0]} imports the higher layer ${LAYERS[b][0]} ` +
          `(rule: imports only run downward)`,
      );
    }
    if (imp.to in FAST_TWINS && imp.from !== FAST_TWINS[imp.to] && imp.from !== "lib/mod.ts") {
      problems.push(
        `${at}: only its twin ${FAST_TWINS[imp.to]} (and lib/mod.ts) imports a fast module ` +
          `(rule: the fast path is switched inside the reference module)`,
      );
    }
    if (FAST_TWINS[imp.from] === imp.to && !imp.typeOnly) {
      problems.push(
        `${at}: a fast module imports only types from its twin (rule: fast/ may import ` +
          `types from the module it speeds up; a value import would be a cycle)`,
      );
    }
  }
  return problems;
}

interface InfoDependency {
  specifier: string;
  code?: { specifier: string; span?: { start: { line: number } } };
  type?: { specifier: string; span?: { start: { line: number } } };
  isDynamic?: boolean;
}

/** Every lib/**\/*.ts file, repo-relative. */
function libFiles(dir = "lib"): string[] {
  return [...Deno.readDirSync(`${root}${dir}`)].flatMap((e) =>
    e.isDirectory
      ? libFiles(`${dir}/${e.name}`)
      : e.name.endsWith(".ts")
      ? [`${dir}/${e.name}`]
      : []
  ).sort();
}

/** The static imports of every file of lib/ between files of the repository. */
async function libImports(): Promise<{ files: string[]; imports: Import[] }> {
  const files = libFiles();
  const tmp = await Deno.makeTempDir();
  try {
    const entry = `${tmp}/entry.ts`;
    await Deno.writeTextFile(
      entry,
      files.map((f) => `import "${new URL(f, `file://${root}`).href}";\n`).join(""),
    );
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", "--config", `${root}deno.json`, entry],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assertEquals(code, 0, new TextDecoder().decode(stderr));
    const graph = JSON.parse(new TextDecoder().decode(stdout)) as {
      modules: { specifier: string; dependencies?: InfoDependency[] }[];
    };
    const imports: Import[] = [];
    for (const m of graph.modules) {
      if (!m.specifier.startsWith(`file://${root}lib/`)) continue;
      const from = relative(root, fromFileUrl(m.specifier));
      for (const dep of m.dependencies ?? []) {
        const target = dep.code ?? dep.type;
        if (dep.isDynamic || !target?.specifier.startsWith("file://")) continue;
        imports.push({
          from,
          specifier: dep.specifier,
          to: relative(root, fromFileUrl(target.specifier)),
          typeOnly: dep.code === undefined,
          line: (target.span?.start.line ?? -1) + 1 || undefined,
        });
      }
    }
    return { files, imports };
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
}

Deno.test("layers: every import of lib/ runs downward (lib/fast/ as documented)", async () => {
  const { files, imports } = await libImports();
  const seen = new Set(imports.map((i) => i.from));
  assert(files.length > 100 && seen.size > 100, `read ${seen.size} of ${files.length} files`);
  assert(imports.length > 300, `only ${imports.length} imports read`);
  const unplaced = files.map(layerOf).filter((l) => typeof l === "string");
  assertEquals(unplaced, [], "every file has a layer");
  assertEquals(checkImports(imports), []);
});

Deno.test("layers: every fast module is imported by its twin", async () => {
  const { files, imports } = await libImports();
  for (const [fast, twin] of Object.entries(FAST_TWINS)) {
    assert(files.includes(fast), `${fast} does not exist`);
    assert(
      imports.some((i) => i.from === twin && i.to === fast && !i.typeOnly),
      `${twin} does not import its fast twin ${fast}`,
    );
  }
});

Deno.test("layers: the checker fails on an upward import and on the fast rules", () => {
  const up: Import = {
    from: "lib/data/hub.ts",
    specifier: "../train/trainer.ts",
    to: "lib/train/trainer.ts",
    typeOnly: true,
    line: 3,
  };
  assertEquals(checkImports([up]), [
    `lib/data/hub.ts:3 imports "../train/trainer.ts" (lib/train/trainer.ts): layer data imports ` +
    `the higher layer train (rule: imports only run downward)`,
  ]);
  // downward, within a layer and from the top: fine
  assertEquals(
    checkImports([
      {
        from: "lib/train/trainer.ts",
        specifier: "../data/x.ts",
        to: "lib/data/x.ts",
        typeOnly: false,
      },
      { from: "lib/ner/a.ts", specifier: "../setfit/b.ts", to: "lib/setfit/b.ts", typeOnly: false },
      { from: "lib/mod.ts", specifier: "./grade/mod.ts", to: "lib/grade/mod.ts", typeOnly: false },
    ]),
    [],
  );
  // a fast module: types from its twin are fine, values are not; only its twin imports it
  const fast = { from: "lib/fast/clip.ts", specifier: "../train/clip.ts", to: "lib/train/clip.ts" };
  assertEquals(checkImports([{ ...fast, typeOnly: true }]), []);
  const [value] = checkImports([{ ...fast, typeOnly: false }]);
  assert(value?.includes("imports only types from its twin"), value);
  const [stranger] = checkImports([
    {
      from: "lib/setfit/contrastive.ts",
      specifier: "../fast/clip.ts",
      to: "lib/fast/clip.ts",
      typeOnly: false,
    },
  ]);
  assert(stranger?.includes("only its twin lib/train/clip.ts"), stranger);
  // a fast module sits in its twin's layer: the base switch may not import it
  const [below] = checkImports([
    { from: "lib/fast/switch.ts", specifier: "./clip.ts", to: "lib/fast/clip.ts", typeOnly: false },
  ]);
  assert(below?.includes("layer base imports the higher layer train"), below);
  const [nowhere] = checkImports([
    { from: "lib/newdir/a.ts", specifier: "../fs.ts", to: "lib/fs.ts", typeOnly: false },
  ]);
  assert(nowhere?.includes("lib/newdir/a.ts is in no layer"), nowhere);
  const [outside] = checkImports([
    { from: "lib/fs.ts", specifier: "../tools/x.ts", to: "tools/x.ts", typeOnly: false },
  ]);
  assert(outside?.includes("outside lib/"), outside);
});
