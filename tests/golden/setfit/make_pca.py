"""PCA scores from scikit-learn, for lib/setfit/pca.ts.

Run with Debian's Python: /usr/bin/python3 tests/golden/setfit/make_pca.py (writes pca.json).
Two shapes: fewer samples than features (Gram-matrix branch) and more (covariance branch).
"""
import json
import os

import numpy as np
import sklearn
from sklearn.decomposition import PCA

rng = np.random.RandomState(0)
cases = []
for n, d in [(10, 6), (12, 4)]:
    X = rng.randn(n, d) * np.arange(1, d + 1)
    cases.append({"X": X.tolist(), "scores": PCA(2).fit_transform(X).tolist()})
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pca.json")
with open(out, "w") as f:
    json.dump({"sklearn": sklearn.__version__, "cases": cases}, f, indent=1)
    f.write("\n")
print(f"wrote {out}")
