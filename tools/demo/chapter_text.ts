/**
 * Errata in the chapter's text and code that need no model: cross-references to code fragments
 * and figures that no caption carries, the Further Reading's section number for CoNLL-2003, and
 * the two functions of Code Fragment 16.6.6a whose `return` sits in the wrong block. The
 * chapter's words are quoted here (tests/chapter_text_test.ts checks each quote against the
 * chapter when ../shared/seed has it); the kit's figures are computed from them and from the
 * kit's notebooks.
 * @module
 */
import { fileURLToPath } from "node:url";
import type { ReproRow } from "./types.ts";

/** Every caption of a code fragment or figure in the chapter, verbatim up to the colon. */
export const CHAPTER_CAPTIONS: readonly string[] = [
  "Figure 16.6.1a: The [CLS] token representation",
  "Code Fragment 16.6.1b: Configure Hugging Face Trainer",
  "Code Fragment 16.6.2a: Configure Hugging Face Trainer",
  "Code Fragment 16.6.3b: Plugging seqeval into a HuggingFace Trainer",
  "Figure 16.6.2c: SetFit runs in two stages",
  "Code Fragment 16.6.4b: Minimal SetFit recipe",
  "Code Fragment 16.6.6: The full SetFit recipe",
  "Code Fragment 16.6.5: Sequence pair classification",
  "Code Fragment 16.6.6a: Implement class-weighted loss",
];

/** Every sentence of the chapter's prose that refers to a code fragment or figure by number. */
export const CHAPTER_REFERENCES: readonly string[] = [
  "Figure 16.6.1 illustrates this architecture.",
  "Code Fragment 16.6.4 shows this approach in practice.",
  "Code Fragment 16.6.2 defines training hyperparameters.",
  "Code Fragment 16.6.4a loads the dataset.",
  "The full alignment code is the tokenize_and_align_labels helper shown in Code Fragment " +
  "16.6.2b above.",
  "Figure 16.6.2 separates the two stages visually",
  "Code Fragment 16.6.4a is the smallest SetFit invocation that ships",
  "Code Fragment 16.6.2d shows this approach in practice.",
  "Code Fragment 16.6.2e demonstrates this approach.",
];

const LABEL = /(Code Fragment|Figure) (16\.6\.\d+[a-z]?)/g;

/** The references whose number no caption carries, with the number. */
export function danglingReferences(): { sentence: string; label: string }[] {
  const captions = new Set(
    CHAPTER_CAPTIONS.flatMap((c) => [...c.matchAll(LABEL)].map((m) => m[0])),
  );
  return CHAPTER_REFERENCES.flatMap((sentence) =>
    [...sentence.matchAll(LABEL)].map((m) => m[0]).filter((label) => !captions.has(label))
      .map((label) => ({ sentence, label }))
  );
}

/** Code Fragment 16.6.6a's `compute_loss`, as printed. */
export const CHAPTER_COMPUTE_LOSS =
  `    def compute_loss(self, model, inputs, return_outputs=False, **kwargs):
        labels = inputs.pop("labels")
        outputs = model(**inputs)
        logits = outputs.logits
        if self.class_weights is not None:
            weight = self.class_weights.to(logits.device)
            loss_fn = nn.CrossEntropyLoss(weight=weight)
        else:
            loss_fn = nn.CrossEntropyLoss()
            loss = loss_fn(logits.view(-1, self.model.config.num_labels), labels.view(-1))
            return (loss, outputs) if return_outputs else loss`;

/** Code Fragment 16.6.6a's `compute_class_weights`, as printed (its body up to the return). */
export const CHAPTER_CLASS_WEIGHTS =
  `    def compute_class_weights(labels: list, strategy: str = "inverse") -> list:
        """Compute class weights for imbalanced datasets."""
        unique, counts = np.unique(labels, return_counts=True)
        total = len(labels)
        if strategy == "inverse":
            # Weight inversely proportional to frequency
            weights = total / (len(unique) * counts)
        elif strategy == "sqrt_inverse":
            # Softer version: square root of inverse frequency
            weights = np.sqrt(total / (len(unique) * counts))
        elif strategy == "effective":
            # Effective number of samples (Class-Balanced Loss)
            beta = 0.9999
            effective_num = 1.0 - np.power(beta, counts)
            weights = (1.0 - beta) / effective_num
            # Normalize so mean weight = 1
            weights = weights / weights.mean()
            return weights.tolist()`;

/**
 * For a Python function made of statements and one `if` / `elif` / `else` chain, which
 * branches reach a `return` (read from indentation, as Python does). A branch that does not,
 * with no `return` after the chain, makes the function return `None`.
 */
export function returningBranches(source: string): { branch: string; returns: boolean }[] {
  const lines = source.split("\n").filter((l) => l.trim() !== "" && !l.trim().startsWith("#"));
  const indent = (l: string) => l.length - l.trimStart().length;
  const body = indent(lines[1]);
  const out: { branch: string; returns: boolean }[] = [];
  let afterChain = false;
  for (const line of lines.slice(1)) {
    const text = line.trim();
    if (indent(line) === body) {
      if (/^(if|elif|else)\b/.test(text)) {
        out.push({ branch: text.replace(/:$/, ""), returns: false });
      } else if (out.length > 0) {
        afterChain ||= text.startsWith("return");
      }
    } else if (text.startsWith("return") && out.length > 0) {
      out.at(-1)!.returns = true;
    }
  }
  if (!out.some((b) => b.branch === "else")) {
    out.push({ branch: "(no branch taken)", returns: false });
  }
  return out.map((b) => ({ ...b, returns: b.returns || afterChain }));
}

/** The kit's notebooks that load CoNLL-2003. */
export function conllNotebooks(): string[] {
  const dir = fileURLToPath(new URL("../../notebooks/", import.meta.url));
  return [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => n.endsWith(".ipynb"))
    .filter((n) => Deno.readTextFileSync(dir + n).includes('loadDataset(\\"conll2003\\"'))
    .sort();
}

const noneWhen = (src: string) =>
  returningBranches(src).filter((b) => !b.returns).map((b) => b.branch).join("; ");

/** The rows. */
export function rows(): Promise<ReproRow[]> {
  const dangling = danglingReferences();
  const conll = conllNotebooks();
  return Promise.resolve([
    {
      part: "16.6 text",
      example: "cross-references to code fragments and figures",
      chapter: `${CHAPTER_REFERENCES.length} references`,
      kit: `${dangling.length} of ${CHAPTER_REFERENCES.length} name no caption: ` +
        [...new Set(dangling.map((d) => d.label))].join(", "),
      agrees: dangling.length === 0 ? true : "erratum",
      note: `captions: ${
        CHAPTER_CAPTIONS.map((c) => c.split(":")[0]).join(", ")
      }. See docs/errata.md`,
    },
    {
      part: "Further Reading",
      example: "Tjong Kim Sang & De Meulder (2003): where CoNLL-2003's BIO scheme is used",
      chapter: "Section 16.6.4",
      kit: `16.6.3 (${conll.join(", ")})`,
      agrees: conll.some((n) =>
          n.startsWith("16_6_3")
        ) && !conll.some((n) => n.startsWith("16_6_4"))
        ? "erratum"
        : false,
      note: "CoNLL-2003 and BIO tagging are 16.6.3.1; 16.6.4 is sequence pairs",
    },
    {
      part: "16.6.5",
      example: "Code Fragment 16.6.6a WeightedTrainer.compute_loss: which branches return",
      chapter: "a class-weighted loss",
      kit: `returns None when: ${noneWhen(CHAPTER_COMPUTE_LOSS)}`,
      agrees: "erratum",
      note: "the loss and return lines are indented under else:, so with class weights set " +
        'compute_loss returns None and Trainer fails; the kit\'s loss: "weighted_cross_entropy" ' +
        "is the intended logic",
    },
    {
      part: "16.6.5",
      example: "Code Fragment 16.6.6a compute_class_weights: which branches return",
      chapter: "weights for inverse / sqrt_inverse / effective",
      kit: `returns None when: ${noneWhen(CHAPTER_CLASS_WEIGHTS)}`,
      agrees: "erratum",
      note: "the return is indented inside the 'effective' branch (the fragment's example " +
        "calls sqrt_inverse, so it would print nothing); computeClassWeights is the intended logic",
    },
  ]);
}
