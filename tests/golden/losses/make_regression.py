"""Golden loss and gradients of the regression head, from PyTorch, as Hugging Face computes them.

Run with Debian's interpreter (python3-torch): /usr/bin/python3 tests/golden/losses/make_regression.py
Writes regression.json beside this script; tests/regression_head_test.ts reads it.

BertForSequenceClassification with problem_type="regression" and num_labels=1 computes
    logits = classifier(dropout(pooled))            # nn.Linear(hidden, 1)
    loss = MSELoss()(logits.squeeze(), labels.squeeze())
Each case gives the pooled features, the classifier's weight [1, hidden] and bias [1], the float
labels, and the loss with its gradients w.r.t. the logits, the weight and the bias (float64,
dropout off as in eval mode, so the reference is exact).
"""
import json
import os

import torch
from torch import nn

torch.manual_seed(0)
DT = torch.float64
cases = []
for name, n, hidden, scale in [("SICK-like scores 1..5", 16, 8, 1.0), ("one example", 1, 4, 1.0),
                               ("wide features", 32, 64, 0.2)]:
    x = (torch.randn(n, hidden, dtype=DT) * scale)
    head = nn.Linear(hidden, 1).double()
    labels = torch.empty(n, dtype=DT).uniform_(1, 5)
    logits = head(x)
    logits.retain_grad()
    loss = nn.MSELoss()(logits.squeeze(), labels.squeeze())
    loss.backward()
    cases.append({
        "name": name,
        "features": x.tolist(),
        "weight": head.weight.detach().tolist(),
        "bias": head.bias.detach().tolist(),
        "labels": labels.tolist(),
        "logits": logits.detach().tolist(),
        "loss": loss.item(),
        "grad_logits": logits.grad.tolist(),
        "grad_weight": head.weight.grad.tolist(),
        "grad_bias": head.bias.grad.tolist(),
    })
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "regression.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f)
print(f"wrote {len(cases)} cases to {out} (torch {torch.__version__})")
