"""Golden class weights for lib/imbalance/class_weights.ts.

Run with Debian's interpreter (python3-sklearn): /usr/bin/python3 make_imbalance.py > imbalance.json
"balanced" comes from sklearn.utils.class_weight.compute_class_weight; "sqrt_inverse" and
"effective" from the chapter's compute_class_weights (Code Fragment 16.6.6a), with its garbled
indentation repaired: as printed, `return` sits inside the "effective" branch, so the other two
strategies return None, and the function is indented into the WeightedTrainer class.
"""
import json

import numpy as np
import sklearn
from sklearn.utils.class_weight import compute_class_weight


def chapter_compute_class_weights(labels, strategy="inverse"):
    unique, counts = np.unique(labels, return_counts=True)
    total = len(labels)
    if strategy == "inverse":
        weights = total / (len(unique) * counts)
    elif strategy == "sqrt_inverse":
        weights = np.sqrt(total / (len(unique) * counts))
    elif strategy == "effective":
        beta = 0.9999
        effective_num = 1.0 - np.power(beta, counts)
        weights = (1.0 - beta) / effective_num
        weights = weights / weights.mean()
    return weights.tolist()


def effective(labels, beta):
    _, counts = np.unique(labels, return_counts=True)
    w = (1.0 - beta) / (1.0 - np.power(beta, counts))
    return (w / w.mean()).tolist()


rng = np.random.default_rng(0)
label_sets = {
    "chapter 9000/800/200": [0] * 9000 + [1] * 800 + [2] * 200,
    "binary 95/5": [0] * 95 + [1] * 5,
    "balanced 4 classes": [0, 1, 2, 3] * 25,
    "random 6 classes": rng.choice(6, size=500, p=[0.5, 0.2, 0.15, 0.1, 0.04, 0.01]).tolist(),
    "single class": [0] * 7,
    "shuffled 3 classes": rng.permutation([0] * 50 + [1] * 30 + [2] * 3).tolist(),
}
cases = []
for name, labels in label_sets.items():
    classes = np.unique(labels)
    assert (classes == np.arange(len(classes))).all()
    case = {
        "name": name,
        "labels": labels,
        "balanced": compute_class_weight("balanced", classes=classes, y=labels).tolist(),
        "sqrt_inverse": chapter_compute_class_weights(labels, "sqrt_inverse"),
        "effective": chapter_compute_class_weights(labels, "effective"),
        "effective_beta_0.99": effective(labels, 0.99),
    }
    assert np.allclose(case["balanced"], chapter_compute_class_weights(labels, "inverse"))
    cases.append(case)

chapter = cases[0]
print(json.dumps({
    "generator": "make_imbalance.py",
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "chapter_printed_sqrt_inverse": [0.58, 1.23, 2.46],
    "chapter_code_sqrt_inverse_2dp": [round(w, 2) for w in chapter["sqrt_inverse"]],
    "cases": cases,
}))
