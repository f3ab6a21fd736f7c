/**
 * The Real-World Scenario (multi-label compliance tagging): the story's label statistics
 * against the kit's `kit/compliance` set, which was generated to match them. The scores (82 → 83
 * micro-F1, 54 → 79 macro-F1) need training runs: notebook 16_6_multilabel_compliance compares them.
 * @module
 */
import { loadDataset } from "../../lib/data/load.ts";
import type { ReproRow } from "./types.ts";

/** Tags per document and the shares of GDPR and Basel III over all three splits. */
export async function complianceStats(): Promise<
  { tags: number; perDoc: number; gdpr: number; basel: number }
> {
  const splits = await Promise.all(
    ["train", "validation", "test"].map((split) => loadDataset("kit/compliance", { split })),
  );
  const labels = splits.flatMap((d) => d.labels);
  const names = splits[0].labelNames;
  const share = (name: string) =>
    labels.filter((l) => l.includes(names.indexOf(name))).length / labels.length;
  return {
    tags: names.length,
    perDoc: labels.reduce((s, l) => s + l.length, 0) / labels.length,
    gdpr: share("GDPR"),
    basel: share("Basel III"),
  };
}

/** The scenario's data description. */
export async function rows(): Promise<ReproRow[]> {
  const s = await complianceStats();
  return [{
    part: "16.6 scenario",
    example: "21 tags, 2.3 per document, GDPR 40 %, Basel III 3 %",
    chapter: "21 / 2.3 / 40 % / 3 %",
    kit: `${s.tags} / ${s.perDoc.toFixed(2)} / ${(s.gdpr * 100).toFixed(0)} % / ` +
      `${(s.basel * 100).toFixed(0)} %`,
    agrees: s.tags === 21 && Math.abs(s.perDoc - 2.3) < 0.05 && Math.abs(s.gdpr - 0.4) < 0.005 &&
      Math.abs(s.basel - 0.03) < 0.005,
    note: "kit/compliance is synthetic, generated to the story's proportions (2,000 documents, " +
      "not 8,000); the scores are compared in notebook 16_6_multilabel_compliance",
  }];
}
