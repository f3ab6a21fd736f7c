import { assert, assertAllClose, assertEquals } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import * as tokenClassification from "../tools/demo/token_classification.ts";
import * as classImbalance from "../tools/demo/class_imbalance.ts";
import * as multilabel from "../tools/demo/multilabel_compliance.ts";
import { haveMiniLM, NO_MINILM } from "./helpers/shared_data.ts";

Deno.test({
  name: `demo 16.6.3: BERT's real WordPiece splits, the alignment and the errata rows${
    haveMiniLM ? "" : NO_MINILM
  }`,
  ignore: !haveMiniLM,
  async fn() {
    const { pieces, name } = await tokenClassification.subwords([
      "Washington",
      "Mountain",
      "Grozny",
    ]);
    assertEquals(name, "bert-base-uncased WordPiece");
    // the real vocabulary keeps both of the chapter's examples whole; Grozny does split
    assertEquals(pieces, [["washington"], ["mountain"], ["gr", "##oz", "##ny"]]);
    const a = await tokenClassification.alignment();
    assertEquals(a.tokens.join(" "), "[CLS] russian troops left gr ##oz ##ny . [SEP]");
    assertEquals(a.first, ["-100", "B-MISC", "O", "O", "B-LOC", "-100", "-100", "O", "-100"]);
    assertEquals(a.all, ["-100", "B-MISC", "O", "O", "B-LOC", "I-LOC", "I-LOC", "O", "-100"]);
    // unaligned, ##oz gets the tag of ".", ##ny and "." get none
    assertEquals(a.wrong, 3);
    assertEquals((await tokenClassification.rows()).map((r) => r.agrees), [
      true,
      true,
      "erratum",
      "erratum",
      true,
      "erratum",
      true,
      "erratum",
    ]);
  },
});

Deno.test("demo 16.6.3: 9 BIO labels, alignment, 2-of-3 tokens, seqeval modes", async () => {
  assertEquals(tokenClassification.bioLabelCount(), {
    types: ["PER", "ORG", "LOC", "MISC"],
    labels: 9,
  });
  // Eight rows on whichever WordPiece is here (the test above checks them on BERT's).
  assertEquals((await tokenClassification.rows()).length, 8);
  const a = await tokenClassification.alignment();
  assertEquals(tokenClassification.bioSpans(), { johnSmith: 1, johnMary: 2 });
  assert(tokenClassification.followsRecipe(a), "the alignment follows the chapter's recipe");
  assert(
    !tokenClassification.followsRecipe({ ...a, first: a.all }),
    "I- tags on continuations are not the first-subword strategy",
  );
  // tp 2 (B-PER, I-PER), fn 1 (I-PER): P 1, R 2/3, F1 0.8; the one entity is missed.
  assertAllClose(Object.values(tokenClassification.twoOfThree()), [0.8, 0], { atol: 1e-12 });
  // default mode lets I-PER open the PER span; strict IOB2 drops it (LOC still matches)
  assertAllClose(Object.values(tokenClassification.defaultVersusStrict()), [1, 2 / 3], {
    atol: 1e-12,
  });
});

Deno.test("demo 16.6.5: class-weight erratum and the answer sketch's focal loss", async () => {
  await initBackend({ quiet: true });
  assertEquals(classImbalance.chapterWeights(), ["0.61", "2.04", "4.08"]);
  const f = classImbalance.sketchFocal();
  assertAllClose(f.kit, f.sketch, { atol: 1e-6 });
  assert(f.kit > 0);
  assertEquals((await classImbalance.rows()).map((r) => r.agrees), ["erratum", true, true]);
});

Deno.test("demo scenario: kit/compliance has the story's label statistics", async () => {
  const s = await multilabel.complianceStats();
  assertEquals(s.tags, 21);
  assertAllClose([s.perDoc, s.gdpr, s.basel], [2.3, 0.4, 0.03], { atol: 0.005 });
  assertEquals((await multilabel.rows()).map((r) => r.agrees), [true]);
});
