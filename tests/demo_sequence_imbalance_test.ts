import { assert, assertAllClose, assertEquals } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import * as tokenClassification from "../tools/demo/token_classification.ts";
import * as classImbalance from "../tools/demo/class_imbalance.ts";
import * as multilabel from "../tools/demo/multilabel_compliance.ts";

Deno.test("demo 16.6.3: 9 BIO labels, Washington aligned both ways, 2-of-3 tokens", async () => {
  assertEquals(tokenClassification.bioLabelCount(), {
    types: ["PER", "ORG", "LOC", "MISC"],
    labels: 9,
  });
  assertEquals(tokenClassification.washington(), {
    first: ["-100", "B-LOC", "-100", "-100"],
    all: ["-100", "B-LOC", "I-LOC", "-100"],
  });
  // tp 2 (B-PER, I-PER), fn 1 (I-PER): P 1, R 2/3, F1 0.8; the one entity is missed.
  assertAllClose(Object.values(tokenClassification.twoOfThree()), [0.8, 0], { atol: 1e-12 });
  assertEquals((await tokenClassification.rows()).map((r) => r.agrees), [true, true, true]);
});

Deno.test("demo 16.6.5: class-weight erratum and the answer sketch's focal loss", async () => {
  await initBackend({ quiet: true });
  assertEquals(classImbalance.chapterWeights(), ["0.61", "2.04", "4.08"]);
  const f = classImbalance.sketchFocal();
  assertAllClose(f.kit, f.sketch, { atol: 1e-6 });
  assert(f.kit > 0);
  assertEquals((await classImbalance.rows()).map((r) => r.agrees), ["erratum", true]);
});

Deno.test("demo scenario: kit/compliance has the story's label statistics", async () => {
  const s = await multilabel.complianceStats();
  assertEquals(s.tags, 21);
  assertAllClose([s.perDoc, s.gdpr, s.basel], [2.3, 0.4, 0.03], { atol: 0.005 });
  assertEquals((await multilabel.rows()).map((r) => r.agrees), [true]);
});
