"""Golden vectors for lib/setfit/logistic_regression.ts, computed by scikit-learn.

Run with Debian's Python (python3-sklearn 1.2.1):
    /usr/bin/python3 tests/golden/logreg/make_logreg.py
For each problem it records LogisticRegression() with its defaults (lbfgs, tol=1e-4,
max_iter=100) and the same objective solved to a gradient of 1e-10 by the newton-cg solver
("exact": lbfgs itself stops on SciPy's relative-decrease rule long before a tight tol), so the
tests can compare both the default stopping point and the optimum of the objective.
"""
import json
import pathlib
import warnings

import numpy as np
import sklearn
from sklearn.datasets import make_classification
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression


def problem(seed, n, d, k, names=None):
    X, y = make_classification(n_samples=n + 30, n_features=d, n_informative=min(d, max(3, k)),
                               n_redundant=0, n_classes=k, n_clusters_per_class=1,
                               class_sep=1.0, flip_y=0.05, random_state=seed)
    X = np.round((X - X.mean(axis=0)) / X.std(axis=0), 6)
    labels = [int(v) for v in y] if names is None else [names[v] for v in y]
    return X[:n], labels[:n], X[n:]


problems = {}


def record(name, X, y, Xtest, C):
    problems[name] = {"X": X.tolist(), "y": y, "Xtest": Xtest.tolist()}
    out = {"problem": name, "C": C}
    for key, kw in [("default", {}),
                    ("exact", {"solver": "newton-cg", "tol": 1e-10, "max_iter": 1000})]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            clf = LogisticRegression(C=C, **kw).fit(X, y)
        out[key] = {
            "classes": clf.classes_.tolist(),
            "coef": clf.coef_.tolist(),
            "intercept": clf.intercept_.tolist(),
            "proba": clf.predict_proba(Xtest).tolist(),
            "predict": clf.predict(Xtest).tolist(),
            "nIter": int(clf.n_iter_[0]),
            "converged": not any(issubclass(w.category, ConvergenceWarning) for w in caught),
        }
    return out


cases = []
for C in [0.1, 1.0, 100.0]:
    cases.append(record("binary", *problem(1, 120, 6, 2), C))
    cases.append(record("3-class", *problem(2, 150, 8, 3), C))
    cases.append(record("10-class", *problem(3, 400, 20, 10), C))
cases.append(record("string labels", *problem(4, 120, 5, 4, ["bird", "cat", "dog", "eel"]), 1.0))
cases.append(record("string binary", *problem(5, 80, 4, 2, ["spam", "ham"]), 1.0))

out = {"generator": "tests/golden/logreg/make_logreg.py", "sklearn": sklearn.__version__,
       "numpy": np.__version__, "problems": problems, "fits": cases}
path = pathlib.Path(__file__).with_name("logreg.json")
path.write_text(json.dumps(out) + "\n")
for c in cases:
    print(c["problem"], c["C"], "default n_iter", c["default"]["nIter"], "converged",
          c["default"]["converged"], "exact n_iter", c["exact"]["nIter"],
          "max |proba diff|", np.abs(np.array(c["default"]["proba"]) - c["exact"]["proba"]).max())
