import { assert, assertEquals } from "@std/assert";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  CHAPTER_CAPTIONS,
  CHAPTER_CLASS_WEIGHTS,
  CHAPTER_COMPUTE_LOSS,
  CHAPTER_REFERENCES,
  conllNotebooks,
  danglingReferences,
  returningBranches,
  rows,
} from "../tools/demo/chapter_text.ts";

const chapterPath = fileURLToPath(
  new URL("../../shared/seed/000_fd469d4e571d0fbd.txt", import.meta.url),
);

Deno.test({
  name: `every quote of tools/demo/chapter_text.ts is in the chapter, verbatim${
    existsSync(chapterPath) ? "" : " (skipped: no chapter text at ../shared/seed/)"
  }`,
  ignore: !existsSync(chapterPath),
  fn() {
    const chapter = Deno.readTextFileSync(chapterPath);
    for (const q of [...CHAPTER_CAPTIONS, ...CHAPTER_REFERENCES]) {
      assert(chapter.includes(q), `not in the chapter: ${q}`);
    }
    for (const code of [CHAPTER_COMPUTE_LOSS, CHAPTER_CLASS_WEIGHTS]) {
      assert(chapter.includes(code), `not in the chapter: ${code.split("\n")[0]}`);
    }
    // and every caption and numbered reference of the chapter is quoted
    const captions = [...chapter.matchAll(/^(Code Fragment|Figure) 16\.6\.\d+[a-z]?:/gm)].length;
    assertEquals(captions, CHAPTER_CAPTIONS.length);
    const refs = [...chapter.matchAll(/(Code Fragment|Figure) 16\.6\.\d+[a-z]?(?!:)\b/g)].length;
    assertEquals(refs, CHAPTER_REFERENCES.length);
  },
});

Deno.test("dangling references: the chapter's eight numbers that no caption carries", () => {
  assertEquals(
    [...new Set(danglingReferences().map((d) => d.label))],
    [
      "Figure 16.6.1",
      "Code Fragment 16.6.4",
      "Code Fragment 16.6.2",
      "Code Fragment 16.6.4a",
      "Code Fragment 16.6.2b",
      "Figure 16.6.2",
      "Code Fragment 16.6.2d",
      "Code Fragment 16.6.2e",
    ],
  );
});

Deno.test("returningBranches reads Python's blocks from indentation", () => {
  assertEquals(returningBranches(CHAPTER_COMPUTE_LOSS), [
    { branch: "if self.class_weights is not None", returns: false },
    { branch: "else", returns: true },
  ]);
  assertEquals(returningBranches(CHAPTER_CLASS_WEIGHTS).map((b) => b.returns), [
    false,
    false,
    true,
    false,
  ]);
  // the intended code: the return after the chain reaches every branch
  const fixed = `    def f(x):
        if x:
            y = 1
        else:
            y = 2
        return y`;
  assertEquals(returningBranches(fixed).map((b) => b.returns), [true, true]);
});

Deno.test("CoNLL-2003 is loaded by notebook 16_6_3 only; every row is an erratum", async () => {
  assert(conllNotebooks().some((n) => n.startsWith("16_6_3")));
  assert(!conllNotebooks().some((n) => n.startsWith("16_6_4")));
  assertEquals((await rows()).map((r) => r.agrees), ["erratum", "erratum", "erratum", "erratum"]);
});
