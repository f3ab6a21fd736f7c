"""Golden temperatures for fitTemperature: the T minimising the mean NLL of softmax(logits / T).

Run: python3 tests/golden/metrics/make_temperature.py (needs numpy and scipy).
Writes temperature.json beside this script; tests/temperature_test.ts reads it.
The reference optimiser is scipy.optimize.minimize_scalar (bounded Brent, xatol 1e-10) on T in
[0.01, 100], the NLL computed with scipy.special.log_softmax, as Guo et al. (2017) fit T on a
validation set.
"""
import json
import os

import numpy as np
import scipy
from scipy import optimize, special

rng = np.random.default_rng(0)
cases = []


def nll(logits, labels, t):
    return float(-special.log_softmax(logits / t, axis=1)[np.arange(len(labels)), labels].mean())


def add(name, logits, labels):
    logits = np.asarray(logits, dtype=float)
    labels = np.asarray(labels)
    res = optimize.minimize_scalar(
        lambda t: nll(logits, labels, t), bounds=(0.01, 100), method="bounded",
        options={"xatol": 1e-10})
    cases.append({
        "name": name,
        "logits": logits.tolist(),
        "labels": labels.tolist(),
        "temperature": float(res.x),
        "nll_at_1": nll(logits, labels, 1.0),
        "nll_at_t": float(res.fun),
    })


def model_like(n, k, scale, noise):
    """Logits of a model that is right about 70 % of the time, scaled by `scale`."""
    labels = rng.integers(0, k, n)
    logits = rng.normal(scale=noise, size=(n, k))
    right = rng.uniform(size=n) < 0.7
    guess = np.where(right, labels, rng.integers(0, k, n))
    logits[np.arange(n), guess] += 2.0
    return logits * scale, labels


for name, (n, k, scale) in {
    "over-confident, 3 classes": (300, 3, 4.0),
    "under-confident, 3 classes": (300, 3, 0.3),
    "roughly calibrated, 2 classes": (200, 2, 1.0),
    "over-confident, 10 classes": (500, 10, 3.0),
}.items():
    add(name, *model_like(n, k, scale, 1.0))
add("docstring example", [[4, 0], [4, 0], [0, 4], [0, 4], [4, 0], [0, 4]], [0, 0, 1, 1, 1, 0])

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "temperature.json")
with open(out, "w") as f:
    json.dump({"scipy": scipy.__version__, "cases": cases}, f, indent=1)
print(f"wrote {len(cases)} cases to {out} (scipy {scipy.__version__})")
