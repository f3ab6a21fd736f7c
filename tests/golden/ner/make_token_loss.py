"""Golden for tests/use_lite_token_test.ts: the token-classification loss and its gradients
through the whole USE-lite encoder, in PyTorch on the kit's weights (the port of
bench/torch_ref.py). Run by make_token_loss.ts, which writes the weights and the batch:

    /usr/bin/python3 make_token_loss.py <dir with weights.safetensors and batch.json> <out.json>

The loss is F.cross_entropy(..., ignore_index=-100) over a padded batch: padding and -100
positions count for nothing, the mean is over the labelled pieces. Each gradient is summarised
(sum, l2 norm, a dot product with a fixed direction, and a few entries), since the whole of it
(7 million numbers) is too big to commit.
"""
import json
import math
import sys
from pathlib import Path

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from torch_ref import UseLite, padded, read_safetensors  # noqa: E402

IGNORE = -100


def direction(n):
    """The probe direction u[k] = sin(0.1 k + 1), in float64 (the test computes the same)."""
    return torch.sin(torch.arange(n, dtype=torch.float64) * 0.1 + 1)


def main():
    folder, out = Path(sys.argv[1]), Path(sys.argv[2])
    weights = read_safetensors(folder / "weights.safetensors")
    batch = json.loads((folder / "batch.json").read_text())
    torch.manual_seed(0)
    model = UseLite(weights)
    head_w = weights["classifier.weight"].clone().requires_grad_()
    head_b = weights["classifier.bias"].clone().requires_grad_()

    ids, mask = padded(batch["pieceIds"])
    labels = torch.full(ids.shape, IGNORE, dtype=torch.long)
    for i, row in enumerate(batch["labels"]):
        labels[i, : len(row)] = torch.tensor(row)
    logits = model.tokens(ids, mask) @ head_w.T + head_b
    loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=IGNORE)
    loss.backward()

    # Which graph weight each parameter of the port is (the port reshapes some): by value.
    params = {"classifier.weight": head_w, "classifier.bias": head_b}
    for name, p in model.named_parameters():
        if name.startswith("pool"):
            continue  # the token model has no pooler
        same = [k for k, w in weights.items() if w.numel() == p.numel() and torch.equal(w.reshape(-1), p.detach().reshape(-1))]
        assert len(same) == 1, f"{name} matches {same}"
        params[same[0]] = p

    grads = {}
    used = sorted({i for row in batch["pieceIds"] for i in row})
    for name, p in params.items():
        g = p.grad.detach().reshape(-1).double()
        n = g.numel()
        if name == "module/Embeddings_en":
            width = p.shape[-1]
            idx = [r * width + c for r in used[:6] for c in range(8)]
        else:
            stride = max(1, n // 24)
            idx = list(range(0, n, stride))[:24]
        grads[name] = {
            "sum": g.sum().item(),
            "norm": g.norm().item(),
            "probe": (g * direction(n)).sum().item(),
            "indices": idx,
            "values": [g[k].item() for k in idx],
        }
    golden = {
        "words": batch["words"],
        "strategies": batch["strategies"],
        "pieceIds": batch["pieceIds"],
        "labels": batch["labels"],
        "loss": loss.item(),
        "grads": grads,
        "torch": torch.__version__,
    }
    out.write_text(json.dumps(golden, indent=1) + "\n")
    print(f"loss {loss.item():.6f}, {len(grads)} gradients -> {out}")


if __name__ == "__main__":
    main()
