"""Golden vectors for lib/losses.ts: values and gradients w.r.t. the logits, from PyTorch.

Run with Debian's interpreter (python3-torch): /usr/bin/python3 make_losses.py > losses.json
Everything is float64 so the vectors are the exact reference; the kit computes in float32 and is
compared with atol = rtol = 1e-5. For each case the gradient is d(sum(loss * cotangent))/d(logits),
with a fixed random cotangent of the loss's shape, so reduction "none" is pinned per element too.
Focal losses are written in torch from their definitions (Lin et al. 2017; torchvision's
sigmoid_focal_loss source, since torchvision is not packaged for Debian).
"""
import json

import torch
import torch.nn.functional as F

torch.manual_seed(0)
DT = torch.float64


def focal_loss(logits, labels, gamma=2.0, alpha=None, ignore_index=-100, reduction="mean"):
    logp = F.log_softmax(logits, dim=-1)
    mask = labels != ignore_index
    safe = torch.where(mask, labels, torch.zeros_like(labels))
    logpt = logp.gather(1, safe[:, None]).squeeze(1)
    pt = logpt.exp()
    loss = -((1 - pt) ** gamma) * logpt
    if alpha is not None:
        if isinstance(alpha, (list, tuple)):
            loss = torch.tensor(alpha, dtype=DT)[safe] * loss
        else:
            loss = alpha * loss
    loss = torch.where(mask, loss, torch.zeros_like(loss))
    if reduction == "mean":
        return loss.sum() / mask.sum()
    if reduction == "sum":
        return loss.sum()
    return loss


def sigmoid_focal_loss(inputs, targets, alpha=0.25, gamma=2.0, reduction="none"):
    # torchvision.ops.sigmoid_focal_loss, line for line.
    p = torch.sigmoid(inputs)
    ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce_loss * ((1 - p_t) ** gamma)
    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss
    if reduction == "mean":
        loss = loss.mean()
    elif reduction == "sum":
        loss = loss.sum()
    return loss


def rand_logits(n, c, scale=3.0):
    return (torch.randn(n, c, dtype=DT) * scale).tolist()


def extreme_logits(n, c):
    # Alternating +-100 with a few moderate values: log-softmax / log-sigmoid must stay finite.
    out = []
    for i in range(n):
        out.append([(100.0 if (i + j) % 2 == 0 else -100.0) if j != 1 else 3.0 * (i - 1)
                    for j in range(c)])
    return out


cases = []


def add(name, fn, logits, target, options):
    x = torch.tensor(logits, dtype=DT, requires_grad=True)
    kw = {}
    if fn == "crossEntropyLoss":
        y = torch.tensor(target, dtype=torch.long)
        kw["reduction"] = options.get("reduction", "mean")
        if "weight" in options:
            kw["weight"] = torch.tensor(options["weight"], dtype=DT)
        if "ignoreIndex" in options:
            kw["ignore_index"] = options["ignoreIndex"]
        if "labelSmoothing" in options:
            kw["label_smoothing"] = options["labelSmoothing"]
        loss = F.cross_entropy(x, y, **kw)
    elif fn == "focalLoss":
        y = torch.tensor(target, dtype=torch.long)
        loss = focal_loss(x, y, gamma=options.get("gamma", 2.0), alpha=options.get("alpha"),
                          ignore_index=options.get("ignoreIndex", -100),
                          reduction=options.get("reduction", "mean"))
    elif fn == "bceWithLogitsLoss":
        y = torch.tensor(target, dtype=DT)
        kw["reduction"] = options.get("reduction", "mean")
        if "weight" in options:
            kw["weight"] = torch.tensor(options["weight"], dtype=DT)
        if "posWeight" in options:
            kw["pos_weight"] = torch.tensor(options["posWeight"], dtype=DT)
        loss = F.binary_cross_entropy_with_logits(x, y, **kw)
    elif fn == "sigmoidFocalLoss":
        y = torch.tensor(target, dtype=DT)
        loss = sigmoid_focal_loss(x, y, alpha=options.get("alpha", 0.25),
                                  gamma=options.get("gamma", 2.0),
                                  reduction=options.get("reduction", "none"))
    else:
        raise ValueError(fn)
    cot = torch.rand(loss.shape, dtype=DT) + 0.5
    (loss * cot).sum().backward()
    assert torch.isfinite(loss).all() and torch.isfinite(x.grad).all(), name
    cases.append({
        "name": name, "fn": fn, "logits": logits, "target": target, "options": options,
        "value": loss.tolist(), "cotangent": cot.tolist(), "grad": x.grad.tolist(),
    })


REDUCTIONS = ["mean", "sum", "none"]
N, C = 7, 5
ce_x = rand_logits(N, C)
ce_y = [0, 3, -100, 4, 1, 3, 2]
ce_y3 = [0, 3, 1, 4, 1, 3, 2]  # ignore_index 3: a real class ignored, and no -100 (out of range)
w = [0.5, 2.0, 1.0, 3.0, 0.25]
for r in REDUCTIONS:
    add(f"ce plain {r}", "crossEntropyLoss", ce_x, ce_y, {"reduction": r})
    add(f"ce weight {r}", "crossEntropyLoss", ce_x, ce_y, {"weight": w, "reduction": r})
    add(f"ce smoothing 0.1 {r}", "crossEntropyLoss", ce_x, ce_y,
        {"labelSmoothing": 0.1, "reduction": r})
    add(f"ce smoothing 0.2 + weight {r}", "crossEntropyLoss", ce_x, ce_y,
        {"weight": w, "labelSmoothing": 0.2, "reduction": r})
    add(f"ce ignoreIndex=3 weight smoothing {r}", "crossEntropyLoss", ce_x, ce_y3,
        {"weight": w, "ignoreIndex": 3, "labelSmoothing": 0.15, "reduction": r})
    add(f"ce extreme logits weight smoothing {r}", "crossEntropyLoss", extreme_logits(N, C),
        ce_y, {"weight": w, "labelSmoothing": 0.1, "reduction": r})
add("ce extreme logits plain", "crossEntropyLoss", extreme_logits(N, C), ce_y, {})
add("ce binary 2 classes", "crossEntropyLoss", rand_logits(6, 2), [0, 1, 1, 0, 1, 1], {})

for r in REDUCTIONS:
    add(f"focal gamma 2 {r}", "focalLoss", ce_x, ce_y, {"reduction": r})
    add(f"focal gamma 2 alpha 0.25 {r}", "focalLoss", ce_x, ce_y,
        {"gamma": 2.0, "alpha": 0.25, "reduction": r})
    add(f"focal gamma 1.5 alpha per class {r}", "focalLoss", ce_x, ce_y,
        {"gamma": 1.5, "alpha": w, "reduction": r})
    add(f"focal gamma 0 {r}", "focalLoss", ce_x, ce_y, {"gamma": 0.0, "reduction": r})
    add(f"focal extreme logits {r}", "focalLoss", extreme_logits(N, C), ce_y,
        {"gamma": 2.0, "alpha": w, "reduction": r})
add("focal gamma 3 ignoreIndex 1", "focalLoss", ce_x, ce_y3, {"gamma": 3.0, "ignoreIndex": 1})

M, K = 6, 4
b_x = rand_logits(M, K)
b_y = torch.randint(0, 2, (M, K)).double().tolist()
b_soft = torch.rand(M, K, dtype=DT).tolist()
pw = [1.0, 3.0, 0.5, 10.0]
for r in REDUCTIONS:
    add(f"bce plain {r}", "bceWithLogitsLoss", b_x, b_y, {"reduction": r})
    add(f"bce posWeight {r}", "bceWithLogitsLoss", b_x, b_y, {"posWeight": pw, "reduction": r})
    add(f"bce weight per class {r}", "bceWithLogitsLoss", b_x, b_y,
        {"weight": [2.0, 1.0, 0.5, 1.5], "reduction": r})
    add(f"bce weight per row + posWeight {r}", "bceWithLogitsLoss", b_x, b_y,
        {"weight": [[1.0], [2.0], [0.5], [1.0], [3.0], [0.25]], "posWeight": pw,
         "reduction": r})
    add(f"bce soft targets posWeight {r}", "bceWithLogitsLoss", b_x, b_soft,
        {"posWeight": pw, "reduction": r})
    add(f"bce extreme logits posWeight {r}", "bceWithLogitsLoss", extreme_logits(M, K), b_y,
        {"posWeight": pw, "reduction": r})
add("bce 1-d logits", "bceWithLogitsLoss", [0.3, -2.0, 5.0, -0.1], [1.0, 0.0, 1.0, 1.0], {})

for r in REDUCTIONS:
    add(f"sigmoid focal default {r}", "sigmoidFocalLoss", b_x, b_y, {"reduction": r})
    add(f"sigmoid focal alpha off gamma 1 {r}", "sigmoidFocalLoss", b_x, b_y,
        {"alpha": -1.0, "gamma": 1.0, "reduction": r})
    add(f"sigmoid focal gamma 0 alpha 0.75 {r}", "sigmoidFocalLoss", b_x, b_y,
        {"alpha": 0.75, "gamma": 0.0, "reduction": r})
    add(f"sigmoid focal soft targets {r}", "sigmoidFocalLoss", b_x, b_soft,
        {"alpha": 0.25, "gamma": 2.0, "reduction": r})
    add(f"sigmoid focal extreme logits {r}", "sigmoidFocalLoss", extreme_logits(M, K), b_y,
        {"reduction": r})

print(json.dumps({"generator": "make_losses.py", "torch": torch.__version__, "cases": cases},
                 indent=1))
