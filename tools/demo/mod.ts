/**
 * The parts `deno task demo` runs, in chapter order. To add one: write tools/demo/<part>.ts
 * exporting `rows(): Promise<ReproRow[]>` (see types.ts) and add a line here.
 * @module
 */
import type { DemoPart } from "./types.ts";
import * as tour from "./tour.ts";
import * as setfit from "./setfit.ts";
import * as classificationHead from "./classification_head.ts";
import * as singleLabel from "./single_label.ts";
import * as sentencePairs from "./sentence_pairs.ts";
import * as evaluation from "./evaluation.ts";
import * as tokenClassification from "./token_classification.ts";
import * as classImbalance from "./class_imbalance.ts";
import * as multilabelCompliance from "./multilabel_compliance.ts";
import * as multitask from "./multitask.ts";
import * as chapterText from "./chapter_text.ts";

export type { DemoPart, ReproRow } from "./types.ts";

/** Every part of the reproduction table. */
export const parts: DemoPart[] = [
  { title: "tour", rows: tour.rows },
  { title: "16.6.1 classification head", rows: classificationHead.rows },
  { title: "16.6.2 single-label classification", rows: singleLabel.rows },
  { title: "16.6.4b SetFit", rows: setfit.rows },
  { title: "16.6.4 sentence pairs", rows: sentencePairs.rows },
  { title: "Ex. 14.6.5 evaluation beyond accuracy", rows: evaluation.rows },
  { title: "16.6.3 token classification", rows: tokenClassification.rows },
  { title: "16.6.5 class imbalance", rows: classImbalance.rows },
  { title: "16.6 multi-label compliance scenario", rows: multilabelCompliance.rows },
  { title: "Ex. 14.6.4 multi-task fine-tuning", rows: multitask.rows },
  { title: "16.6 chapter text and code (docs/errata.md)", rows: chapterText.rows },
];
