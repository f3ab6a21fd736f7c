"""Golden vectors for lib/metrics/summary.ts (NumPy: mean, std, median) and lib/metrics/thresholds.ts (scikit-learn).

Run with Debian's Python: /usr/bin/python3 make_golden.py > golden.json
"""
import json

import numpy as np
from sklearn.metrics import f1_score

rng = np.random.default_rng(0)

summary = []
for n in (1, 2, 3, 5, 10):
    v = rng.random(n)
    summary.append({
        "values": v.tolist(),
        "mean": float(np.mean(v)),
        "median": float(np.median(v)),
        "std_ddof1": float(np.std(v, ddof=1)) if n > 1 else 0.0,
        "std_ddof0": float(np.std(v, ddof=0)),
    })

# Per-tag F1 at each candidate threshold, by scikit-learn; the best per tag (ties: closest to 0.5).
candidates = [round((i + 1) * 0.05, 2) for i in range(19)]
n, k = 60, 5
targets = (rng.random((n, k)) < np.array([0.5, 0.3, 0.1, 0.05, 0.0])).astype(int)
scores = np.clip(0.25 * targets + 0.6 * rng.random((n, k)), 0, 1).round(4)
best = []
for t in range(k):
    f1s = [f1_score(targets[:, t], (scores[:, t] >= c).astype(int), zero_division=0) for c in candidates]
    top = max(f1s)
    ties = [c for c, f in zip(candidates, f1s) if f == top]
    best.append(min(ties, key=lambda c: abs(c - 0.5)))
print(json.dumps({
    "summary": summary,
    "thresholds": {
        "scores": scores.tolist(),
        "targets": targets.tolist(),
        "candidates": candidates,
        "best": best,
    },
}, indent=1))
