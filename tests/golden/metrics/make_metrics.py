"""Golden vectors for lib/metrics, computed by scikit-learn.

Run with Debian's Python (python3-sklearn 1.2.1):
    /usr/bin/python3 tests/golden/metrics/make_metrics.py
It writes metrics.json next to itself. Options are stored under the kit's camelCase names so the
tests pass them through unchanged.
"""
import json
import pathlib
import warnings

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import (
    accuracy_score,
    classification_report,
    confusion_matrix,
    f1_score,
    fbeta_score,
    precision_recall_fscore_support,
    precision_score,
    recall_score,
)

warnings.simplefilter("ignore")  # UndefinedMetricWarning is expected in the zero-division cases
rng = np.random.default_rng(20240516)

KWARGS = {"labels": "labels", "posLabel": "pos_label", "average": "average",
          "zeroDivision": "zero_division", "beta": "beta", "normalize": "normalize",
          "targetNames": "target_names", "digits": "digits", "nBins": "n_bins",
          "strategy": "strategy"}


def py(options):
    return {KWARGS[k]: v for k, v in options.items()}


def plain(x):
    if isinstance(x, np.ndarray):
        return x.tolist()
    if isinstance(x, (np.floating, np.integer)):
        return x.item()
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    return x


def noisy(y, classes, flip):
    """Copies y and replaces a fraction `flip` of it by random classes."""
    y = list(y)
    for i in range(len(y)):
        if rng.random() < flip:
            y[i] = classes[rng.integers(len(classes))]
    return y


# ---- label sets ---------------------------------------------------------------------------
def ints(classes, n):
    return [int(c) for c in rng.choice(classes, size=n)]


binary_true = ints([0, 1], 40)
binary_pred = noisy(binary_true, [0, 1], 0.3)
multi_true = ints([0, 1, 2, 3], 60)
multi_pred = [p if p != 3 else 2 for p in noisy(multi_true, [0, 1, 2], 0.4)]  # 3 never predicted
animals = ["cat", "dog", "pig", "ant bear", "Élan"]
str_true = [str(a) for a in rng.choice(animals, size=50)]
str_pred = noisy(str_true, animals[:4], 0.45)
str_bin_true = [str(a) for a in rng.choice(["spam", "ham"], size=30)]
str_bin_pred = noisy(str_bin_true, ["spam", "ham"], 0.3)
ml_true = (rng.random((30, 5)) < 0.4).astype(int)
ml_true[:, 4] = 0  # a label with no true samples
ml_true[3] = 0  # a sample with no true labels
ml_pred = np.where(rng.random((30, 5)) < 0.25, 1 - ml_true, ml_true)
ml_pred[:, 3] = 0  # a label never predicted
ml_pred[3] = 0  # a sample with nothing true nor predicted
ml_pred[5] = 0
ml_true, ml_pred = ml_true.tolist(), ml_pred.tolist()
degenerate_true = [0, 0, 0, 0]
degenerate_pred = [0, 0, 0, 0]

datasets = {
    "binary": (binary_true, binary_pred),
    "multiclass": (multi_true, multi_pred),
    "strings": (str_true, str_pred),
    "string-binary": (str_bin_true, str_bin_pred),
    "multilabel": (ml_true, ml_pred),
    "degenerate": (degenerate_true, degenerate_pred),
}

prf_options = {
    "binary": [{}, {"posLabel": 0}, {"average": None}, {"average": "micro"}, {"average": "macro"},
               {"average": "weighted"}, {"average": "binary", "beta": 0.5},
               {"average": "macro", "beta": 2.0}],
    "multiclass": [{"average": a, "zeroDivision": z} for a in [None, "micro", "macro", "weighted"]
                   for z in ["warn", 0, 1]]
    + [{"average": None, "labels": [3, 1]}, {"average": "macro", "labels": [0, 1, 5]},
       {"average": "micro", "labels": [0, 2]}, {"average": "weighted", "labels": [3]},
       {"average": "macro", "beta": 3.0}],
    "strings": [{"average": a} for a in [None, "micro", "macro", "weighted"]]
    + [{"average": None, "labels": ["pig", "cat"]}, {"average": "macro", "zeroDivision": 1},
       {"average": "weighted", "labels": ["Élan", "zebra"], "zeroDivision": 1}],
    "string-binary": [{"posLabel": "spam"}, {"posLabel": "ham", "beta": 2.0},
                      {"average": "macro"}],
    "multilabel": [{"average": a, "zeroDivision": z}
                   for a in [None, "micro", "macro", "weighted", "samples"] for z in ["warn", 0, 1]]
    + [{"average": None, "labels": [4, 0]}, {"average": "micro", "labels": [1, 2]},
       {"average": "samples", "labels": [0, 3]}],
    "degenerate": [{"zeroDivision": 0}, {"zeroDivision": 1}, {"average": "weighted", "zeroDivision": 1},
                   {"average": "macro", "zeroDivision": 1}, {"average": None}],
}

prfs_cases = []
score_cases = []
for name, opts_list in prf_options.items():
    yt, yp = datasets[name]
    for opts in opts_list:
        kw = py(opts)
        average = opts.get("average", "binary")
        p, r, f, s = precision_recall_fscore_support(yt, yp, **{"average": "binary", **kw})
        prfs_cases.append({"data": name, "options": {"average": average, **opts},
                           "expected": plain({"precision": p, "recall": r, "fscore": f,
                                              "support": s})})
        base = {k: v for k, v in kw.items() if k != "beta"}
        cam = {k: v for k, v in opts.items() if k != "beta"}
        for fn, func in [("precision", precision_score), ("recall", recall_score), ("f1", f1_score)]:
            score_cases.append({"fn": fn, "data": name, "options": cam,
                                "expected": plain(func(yt, yp, **base))})
        if "beta" in opts:
            score_cases.append({"fn": "fbeta", "data": name, "options": opts,
                                "expected": plain(fbeta_score(yt, yp, **kw))})

accuracy_cases = []
for name, (yt, yp) in datasets.items():
    for normalize in [True, False]:
        accuracy_cases.append({"data": name, "options": {"normalize": normalize},
                               "expected": plain(accuracy_score(yt, yp, normalize=normalize))})

confusion_cases = []
for name in ["binary", "multiclass", "strings", "string-binary", "degenerate"]:
    yt, yp = datasets[name]
    variants = [{}, {"normalize": "true"}, {"normalize": "pred"}, {"normalize": "all"}]
    if name == "multiclass":
        variants += [{"labels": [3, 0, 7]}, {"labels": [2, 1], "normalize": "true"}]
    if name == "strings":
        variants += [{"labels": ["pig", "Élan", "cat"], "normalize": "pred"}]
    for opts in variants:
        confusion_cases.append({"data": name, "options": opts,
                                "expected": plain(confusion_matrix(yt, yp, **py(opts)))})

report_cases = []
report_options = {
    "binary": [{}, {"digits": 4}, {"targetNames": ["negative", "positive"]}],
    "multiclass": [{}, {"digits": 4}, {"labels": [0, 1, 2]}, {"labels": [3, 2, 1, 0]},
                   {"zeroDivision": 1, "digits": 3}, {"labels": [0, 1, 6]},
                   {"targetNames": ["zero", "one", "two", "three (a long class name)"]}],
    "strings": [{}, {"digits": 4}, {"labels": ["pig", "cat"], "targetNames": ["Pig", "Cat"]}],
    "string-binary": [{"digits": 1}, {"digits": 0}, {"digits": 15}],
    "multilabel": [{}, {"digits": 4}, {"targetNames": ["a", "b", "c", "d", "e"]},
                   {"labels": [0, 2]}, {"zeroDivision": 1}],
    "degenerate": [{}],
}
for name, opts_list in report_options.items():
    yt, yp = datasets[name]
    for opts in opts_list:
        kw = py(opts)
        report_cases.append({
            "data": name, "options": opts,
            "text": classification_report(yt, yp, **kw),
            "dict": plain(classification_report(yt, yp, output_dict=True, **kw)),
        })

# A tie case for Python's round-half-even formatting: 1/8 and 3/8 precisions.
tie_true = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2]
tie_pred = [1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 2, 2, 2, 0, 0, 0, 0, 0]
datasets["ties"] = (tie_true, tie_pred)
report_cases.append({"data": "ties", "options": {},
                     "text": classification_report(tie_true, tie_pred),
                     "dict": plain(classification_report(tie_true, tie_pred, output_dict=True))})

# ---- calibration ----------------------------------------------------------------------------
cal_n = 200
cal_prob = rng.random(cal_n)
cal_true = (rng.random(cal_n) < cal_prob ** 1.3).astype(int).tolist()
cal_prob = cal_prob.tolist()
edge_prob = [0.0, 0.2, 0.2, 0.4, 0.5, 0.6, 0.6000000000000001, 0.8, 1.0, 1.0, 0.1, 0.3]
edge_true = [0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 0]
rounded_prob = np.round(rng.random(60), 1).tolist()  # many ties at quantile edges
rounded_true = (rng.random(60) < np.asarray(rounded_prob)).astype(int).tolist()
pm_true = [int(v) for v in rng.choice([-1, 1], size=40)]
pm_prob = rng.random(40).tolist()
str_cal_true = [str(v) for v in rng.choice(["no", "yes"], size=40)]
str_cal_prob = rng.random(40).tolist()
calibration_sets = {
    "random": (cal_true, cal_prob, {}),
    "edges": (edge_true, edge_prob, {}),
    "rounded": (rounded_true, rounded_prob, {}),
    "plus-minus": (pm_true, pm_prob, {}),
    "strings": (str_cal_true, str_cal_prob, {"posLabel": "yes"}),
}
calibration_cases = []
for name, (yt, yp, extra) in calibration_sets.items():
    for strategy in ["uniform", "quantile"]:
        for n_bins in [1, 3, 5, 10]:
            opts = {"nBins": n_bins, "strategy": strategy, **extra}
            pt, pp = calibration_curve(yt, yp, **py(opts))
            calibration_cases.append({"yTrue": yt, "yProb": yp, "options": opts,
                                      "probTrue": plain(pt), "probPred": plain(pp)})
calibration_cases.append({"yTrue": cal_true, "yProb": cal_prob, "options": {},
                          "probTrue": plain(calibration_curve(cal_true, cal_prob)[0]),
                          "probPred": plain(calibration_curve(cal_true, cal_prob)[1])})


def ece(y_true, y_prob, n_bins=10, pos_label=1, labels=None):
    """Expected calibration error as lib/metrics/calibration.ts defines it."""
    y_prob = np.asarray(y_prob, dtype=float)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    if y_prob.ndim == 2:
        cols = np.arange(y_prob.shape[1]) if labels is None else np.asarray(labels)
        conf = y_prob.max(axis=1)
        outcome = (cols[y_prob.argmax(axis=1)] == np.asarray(y_true)).astype(float)
    else:
        conf = y_prob
        outcome = (np.asarray(y_true) == pos_label).astype(float)
    ids = np.searchsorted(edges[1:-1], conf)
    count = np.bincount(ids, minlength=n_bins)
    acc = np.bincount(ids, weights=outcome, minlength=n_bins)
    mean_conf = np.bincount(ids, weights=conf, minlength=n_bins)
    full = count > 0
    value = np.sum(count[full] / len(conf)
                   * np.abs(acc[full] / count[full] - mean_conf[full] / count[full]))
    assert abs(value - np.abs(acc - mean_conf).sum() / len(conf)) < 1e-12
    if y_prob.ndim == 1:  # the binary ECE is the count-weighted gap of the reliability curve
        pt, pp = calibration_curve(y_true, y_prob, n_bins=n_bins, pos_label=pos_label)
        assert abs(value - np.sum(count[full] / len(conf) * np.abs(pt - pp))) < 1e-12
    return float(value)


logits = rng.normal(size=(80, 4)) * 2
softmax = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
mc_true = [int(v) for v in np.where(rng.random(80) < 0.7, softmax.argmax(axis=1),
                                    rng.integers(0, 4, size=80))]
mc_labels = ["north", "east", "south", "west"]
ece_cases = []
for n_bins in [1, 5, 10, 15]:
    ece_cases.append({"yTrue": cal_true, "yProb": cal_prob, "options": {"nBins": n_bins},
                      "expected": ece(cal_true, cal_prob, n_bins)})
    ece_cases.append({"yTrue": mc_true, "yProb": softmax.tolist(), "options": {"nBins": n_bins},
                      "expected": ece(mc_true, softmax, n_bins)})
ece_cases.append({"yTrue": edge_true, "yProb": edge_prob, "options": {"nBins": 5},
                  "expected": ece(edge_true, edge_prob, 5)})
ece_cases.append({"yTrue": str_cal_true, "yProb": str_cal_prob,
                  "options": {"posLabel": "yes"}, "expected": ece(str_cal_true, str_cal_prob,
                                                                  pos_label="yes")})
ece_cases.append({"yTrue": [mc_labels[v] for v in mc_true], "yProb": softmax.tolist(),
                  "options": {"labels": mc_labels},
                  "expected": ece([mc_labels[v] for v in mc_true], softmax, labels=mc_labels)})

out = {
    "generator": "tests/golden/metrics/make_metrics.py",
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "datasets": {k: {"yTrue": v[0], "yPred": v[1]} for k, v in datasets.items()},
    "prfs": prfs_cases,
    "scores": score_cases,
    "accuracy": accuracy_cases,
    "confusion": confusion_cases,
    "report": report_cases,
    "calibration": calibration_cases,
    "ece": ece_cases,
}
path = pathlib.Path(__file__).with_name("metrics.json")
path.write_text(json.dumps(out, ensure_ascii=False, allow_nan=False) + "\n")
print(f"wrote {path}: " + ", ".join(f"{k} {len(v)}" for k, v in out.items() if isinstance(v, list)))
