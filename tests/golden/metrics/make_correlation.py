"""Golden statistics of scipy.stats.pearsonr and scipy.stats.spearmanr.

Run: python3 tests/golden/metrics/make_correlation.py (needs numpy and scipy).
Writes correlation.json beside this script; tests/correlation_test.ts reads it.
Cases: random normals, ties (spearman's average ranks), integer scores like SICK's
relatedness, a large offset (cancellation), n = 2, perfect and negative correlation.
"""
import json
import os

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(0)
cases = []


def add(name, x, y):
    x = [float(v) for v in x]
    y = [float(v) for v in y]
    cases.append({
        "name": name,
        "x": x,
        "y": y,
        "pearson": float(stats.pearsonr(x, y).statistic),
        "spearman": float(stats.spearmanr(x, y).statistic),
    })


for n in (3, 10, 50, 500):
    x = rng.normal(size=n)
    add(f"normal n={n}", x, 0.6 * x + rng.normal(size=n))
add("ties in both", rng.integers(0, 4, 40), rng.integers(0, 5, 40))
score = rng.uniform(1, 5, 200).round(1)
add("relatedness-like, rounded to 0.1", score, score + rng.normal(scale=0.8, size=200))
add("large offset", 1e6 + rng.normal(size=30), rng.normal(size=30))
add("n = 2", [1.0, 2.0], [3.0, 1.0])
add("perfect, monotone non-linear", np.arange(1, 21), np.exp(np.arange(1, 21) / 4))
add("negative", np.arange(15), -np.arange(15) ** 2 + rng.normal(size=15))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "correlation.json")
with open(out, "w") as f:
    json.dump({"scipy": scipy.__version__, "cases": cases}, f, indent=1)
print(f"wrote {len(cases)} cases to {out} (scipy {scipy.__version__})")
