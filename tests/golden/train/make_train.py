"""Golden vectors for the kit's AdamW, linear warmup/decay schedule and global-norm clipping.

A two-layer model (body: linear 4->5 + tanh; head: linear 5->3) with fixed init and data, trained
with torch.optim.AdamW (two param groups: body lr 0.01, head lr 0.1; weight decay on weights only,
as the Hugging Face Trainer does), the lambda of transformers' get_linear_schedule_with_warmup
(written here: transformers is not installed) and torch.nn.utils.clip_grad_norm_. Records every
step's loss, grad norm, learning rates and parameters.

Run: /usr/bin/python3 tests/golden/train/make_train.py > tests/golden/train/train.json
"""
import json
import torch

torch.manual_seed(0)
n, d_in, d_hidden, n_classes = 12, 4, 5, 3
x = torch.randn(n, d_in) * 2.0
y = torch.randint(0, n_classes, (n,))
init = {
    "body.weight": torch.randn(d_hidden, d_in) * 0.8,
    "body.bias": torch.randn(d_hidden) * 0.1,
    "head.weight": torch.randn(n_classes, d_hidden) * 0.8,
    "head.bias": torch.zeros(n_classes),
}
params = {k: v.clone().requires_grad_(True) for k, v in init.items()}

num_training_steps, warmup_steps, batch_size = 12, 3, 4
max_grad_norm = 0.5
weight_decay = 0.05


def lr_lambda(step):
    if step < warmup_steps:
        return float(step) / float(max(1, warmup_steps))
    return max(0.0, float(num_training_steps - step) / float(max(1, num_training_steps - warmup_steps)))


opt = torch.optim.AdamW(
    [
        {"params": [params["body.weight"]], "lr": 0.01, "weight_decay": weight_decay},
        {"params": [params["body.bias"]], "lr": 0.01, "weight_decay": 0.0},
        {"params": [params["head.weight"]], "lr": 0.1, "weight_decay": weight_decay},
        {"params": [params["head.bias"]], "lr": 0.1, "weight_decay": 0.0},
    ],
    betas=(0.9, 0.999),
    eps=1e-8,
)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_lambda)

steps = []
for step in range(num_training_steps):
    start = (step * batch_size) % n
    xb, yb = x[start:start + batch_size], y[start:start + batch_size]
    h = torch.tanh(xb @ params["body.weight"].T + params["body.bias"])
    logits = h @ params["head.weight"].T + params["head.bias"]
    loss = torch.nn.functional.cross_entropy(logits, yb)
    opt.zero_grad()
    loss.backward()
    grad_norm = torch.nn.utils.clip_grad_norm_(list(params.values()), max_grad_norm)
    lrs = [g["lr"] for g in opt.param_groups]
    opt.step()
    sched.step()
    steps.append({
        "loss": loss.item(),
        "gradNorm": grad_norm.item(),
        "bodyLr": lrs[0],
        "headLr": lrs[2],
        "params": {k: v.detach().tolist() for k, v in params.items()},
    })

print(json.dumps({
    "torch": torch.__version__,
    "x": x.tolist(),
    "y": y.tolist(),
    "init": {k: v.tolist() for k, v in init.items()},
    "numTrainingSteps": num_training_steps,
    "warmupSteps": warmup_steps,
    "batchSize": batch_size,
    "maxGradNorm": max_grad_norm,
    "weightDecay": weight_decay,
    "bodyLr": 0.01,
    "headLr": 0.1,
    "steps": steps,
}))
