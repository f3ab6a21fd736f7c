/**
 * The chapter's Table 16.6.1c (handling class imbalance) as runnable settings: each strategy is
 * a set of {@linkcode TrainingArguments} (a loss or a sampler), so an experiment can loop over
 * the table. The table's fifth row, synthetic data from an LLM, needs a generator model and is
 * not a training setting.
 * @module
 */
import type { TrainingArguments } from "./training_args.ts";

/** One row of the strategy table. */
export interface ImbalanceStrategy {
  /** Short name, used in plots and tables. */
  name: string;
  /** "How it works", as the chapter's table says. */
  how: string;
  /** "When to use", as the chapter's table says. */
  when: string;
  /** The training arguments that implement it. */
  args: TrainingArguments;
}

/**
 * Plain cross-entropy (the baseline), then the table's rows in its order: weighted loss
 * (balanced class weights), oversampling, undersampling, focal loss (γ = 2, no α, as the
 * chapter's Exercise 14.6.2 sketch).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { IMBALANCE_STRATEGIES } from "./imbalance_strategies.ts";
 * assertEquals(
 *   IMBALANCE_STRATEGIES.map((s) => s.name).join(),
 *   "cross-entropy,weighted loss,oversampling,undersampling,focal loss",
 * );
 * assertEquals(IMBALANCE_STRATEGIES[4].args.loss, "focal");
 * ```
 */
export const IMBALANCE_STRATEGIES: readonly ImbalanceStrategy[] = [
  {
    name: "cross-entropy",
    how: "No correction: every example counts the same (the baseline)",
    when: "Balanced data",
    args: { loss: "cross_entropy", sampler: "random" },
  },
  {
    name: "weighted loss",
    how: "Assign higher loss weight to minority classes",
    when: "Moderate imbalance (5:1 to 20:1)",
    args: { loss: "weighted_cross_entropy", sampler: "random" },
  },
  {
    name: "oversampling",
    how: "Duplicate minority class examples",
    when: "Small datasets where more data helps",
    args: { loss: "cross_entropy", sampler: "oversample" },
  },
  {
    name: "undersampling",
    how: "Remove majority class examples",
    when: "Very large datasets with extreme imbalance",
    args: { loss: "cross_entropy", sampler: "undersample" },
  },
  {
    name: "focal loss",
    how: "Down-weight easy examples, focus on hard ones",
    when: "Extreme imbalance (100:1+)",
    args: { loss: "focal", focalGamma: 2, sampler: "random" },
  },
];
