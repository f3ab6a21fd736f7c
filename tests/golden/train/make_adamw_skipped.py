"""Golden vectors for AdamW when a variable has no gradient on some steps (a multi-task head
updated only on its own task's batches): torch keeps a step count per parameter, so each
parameter's bias correction counts only the steps that updated it.

Two heads share nothing; the "a" head gets a gradient on every step, the "b" head on steps
0, 3, 4, 7, 8, 9 (its grad is None otherwise, so torch.optim.AdamW skips it). Records every
step's parameters.

Run: /usr/bin/python3 tests/golden/train/make_adamw_skipped.py > tests/golden/train/adamw_skipped.json
"""
import json
import torch

torch.manual_seed(1)
init = {"a": torch.randn(3, 2), "b": torch.randn(4)}
params = {k: v.clone().requires_grad_(True) for k, v in init.items()}
targets = {"a": torch.randn(3, 2), "b": torch.randn(4)}
b_steps = [0, 3, 4, 7, 8, 9]
opt = torch.optim.AdamW(list(params.values()), lr=0.05, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1)
steps = []
for step in range(10):
    opt.zero_grad(set_to_none=True)
    loss = ((params["a"] - targets["a"]) ** 2).sum() * (1 + step)
    if step in b_steps:
        loss = loss + ((params["b"] - targets["b"]) ** 3).sum()
    loss.backward()
    assert (params["b"].grad is None) == (step not in b_steps)
    opt.step()
    steps.append({k: v.detach().tolist() for k, v in params.items()})

print(json.dumps({
    "torch": torch.__version__,
    "init": {k: v.tolist() for k, v in init.items()},
    "targets": {k: v.tolist() for k, v in targets.items()},
    "bSteps": b_steps,
    "lr": 0.05,
    "weightDecay": 0.1,
    "steps": steps,
}))
