import { assert, assertEquals } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import { minimalExample } from "../tools/demo/setfit.ts";

await initBackend({ quiet: true });

Deno.test("16.6.4b demo: the minimal example with the chapter's margin loss predicts [1]", async () => {
  const margin = await minimalExample("contrastive");
  assertEquals(margin.label, 1);
  // a margin loss of squared distances: finite and non-negative
  assert(Number.isFinite(margin.lastLoss) && margin.lastLoss >= 0, `${margin.lastLoss}`);
});
