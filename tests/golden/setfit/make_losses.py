"""Golden values and gradients of SetFit's contrastive losses, computed with PyTorch.

Run with Debian's Python: /usr/bin/python3 tests/golden/setfit/make_losses.py
Writes losses.json beside this script.

- cosine_similarity: sentence-transformers' CosineSimilarityLoss = MSELoss(cos(u, v), y).
- contrastive: the chapter's margin loss, mean(y d^2 + (1 - y) relu(m - d)^2), with
  d = F.pairwise_distance(u, v) (eps 1e-6) or 1 - F.cosine_similarity(u, v).
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(0)
cases = []


def add(name, u, v, y, loss_fn, **options):
    u = u.clone().double().requires_grad_(True)
    v = v.clone().double().requires_grad_(True)
    loss = loss_fn(u, v, y.double())
    loss.backward()
    cases.append({
        "name": name,
        "loss": loss_kind(loss_fn),
        "options": options,
        "u": u.detach().tolist(),
        "v": v.detach().tolist(),
        "labels": y.tolist(),
        "value": loss.item(),
        "grad_u": u.grad.tolist(),
        "grad_v": v.grad.tolist(),
    })


def loss_kind(fn):
    return fn.kind


def cosine_loss(u, v, y):
    return F.mse_loss(F.cosine_similarity(u, v), y)


cosine_loss.kind = "cosine_similarity"


def contrastive(margin, metric):
    def fn(u, v, y):
        if metric == "cosine":
            d = 1 - F.cosine_similarity(u, v)
        else:
            d = F.pairwise_distance(u, v)
        return torch.mean(y * d.pow(2) + (1 - y) * F.relu(margin - d).pow(2))

    fn.kind = "contrastive"
    return fn


u = torch.randn(6, 5)
v = torch.randn(6, 5)
y = torch.tensor([1, 0, 1, 0, 0, 1])
add("cosine random", u, v, y, cosine_loss)
# unit vectors, as USE-lite gives: some negatives inside the margin, some outside
un = F.normalize(torch.randn(8, 4), dim=1)
vn = F.normalize(un + 0.3 * torch.randn(8, 4), dim=1)
yn = torch.tensor([1, 1, 0, 0, 1, 0, 0, 1])
add("cosine unit", un, vn, yn, cosine_loss)
add("contrastive euclidean m=0.5", un, vn, yn, contrastive(0.5, "euclidean"),
    margin=0.5, distanceMetric="euclidean")
add("contrastive cosine m=0.5", un, vn, yn, contrastive(0.5, "cosine"),
    margin=0.5, distanceMetric="cosine")
add("contrastive euclidean m=2 random", u, v, y, contrastive(2.0, "euclidean"),
    margin=2.0, distanceMetric="euclidean")

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "losses.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} cases to {out}")
