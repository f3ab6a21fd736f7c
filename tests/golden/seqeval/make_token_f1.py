#!/usr/bin/python3
"""Golden values for seqeval.tokenF1Score: scikit-learn's f1_score on flattened tags.

Token-level F1 treats each tag as a class; `ignoreO` scores every class but "O" (sklearn's
`labels`). Small hand-made cases always; the CoNLL-2003 test set with the corruption of
perturb.ts / conlleval_counts.py when the data file is there.

Usage: /usr/bin/python3 make_token_f1.py [path/to/conll2003/data/test.txt] > token_f1.json
"""
import json
import os
import sys

from sklearn.metrics import f1_score

from conlleval_counts import SEED, perturb, read_sentences

CASES = {
    "half_entity": ([["B-PER", "I-PER", "I-PER", "O", "O", "O"]],
                    [["B-PER", "I-PER", "O", "O", "O", "O"]]),
    "mixed": ([["B-PER", "I-PER", "O", "B-LOC", "O"], ["B-ORG", "I-ORG", "I-ORG", "O"]],
              [["B-PER", "O", "O", "B-ORG", "B-LOC"], ["I-ORG", "I-ORG", "I-ORG", "O"]]),
}


def scores(y_true, y_pred):
    t = [tag for s in y_true for tag in s]
    p = [tag for s in y_pred for tag in s]
    out = {}
    for ignore_o in (True, False):
        labels = sorted({*t, *p} - ({"O"} if ignore_o else set()))
        for average in ("micro", "macro", "weighted", None):
            f = f1_score(t, p, labels=labels, average=average, zero_division=0)
            key = f"{'ignoreO' if ignore_o else 'withO'}/{average}"
            out[key] = f.tolist() if average is None else float(f)
    return out


def main():
    result = {"cases": {}}
    for name, (y_true, y_pred) in CASES.items():
        result["cases"][name] = {"yTrue": y_true, "yPred": y_pred, "f1": scores(y_true, y_pred)}
    here = os.path.dirname(os.path.abspath(__file__))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        here, "..", "..", "..", "..", "shared", "datasets", "conll2003", "data", "test.txt")
    if os.path.exists(path):
        gold = [tags for _, tags in read_sentences(path)]
        result["conll2003"] = {"seed": SEED, "f1": scores(gold, perturb(gold, SEED))}
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
