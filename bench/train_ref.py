"""PyTorch reference for bench/train.ts: time per training step of the same steps.

head: dropout(0.1) + nn.Linear(512, 2) on precomputed features, batch 32, cross-entropy,
      clip_grad_norm_(1.0), AdamW(weight_decay=0.01) + linear schedule.
e2e:  a USE-lite-sized body (8002x256 embeddings, 2 post-norm transformer layers of width 256,
      8 heads, FFN 1024, mean pooling, tanh 256->512 pooler) + the same head, batch 16 of 12-token
      sequences. USE-lite itself has no PyTorch port: this matches its sizes, not its weights.

Prints one JSON object: milliseconds per step (median of the timed steps) and parameter counts.
Run: /usr/bin/python3 bench/train_ref.py --threads 1 --steps 20
"""
import argparse
import json
import statistics
import time

import torch
from torch import nn

p = argparse.ArgumentParser()
p.add_argument("--threads", type=int, default=1)
p.add_argument("--steps", type=int, default=20)
p.add_argument("--e2e-steps", type=int, default=5)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)


def timed_steps(model, make_batch, steps, warmup=2):
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    total = steps + warmup
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: max(0.0, (total - s) / total))
    loss_fn = nn.CrossEntropyLoss()
    times = []
    for i in range(total):
        x, y = make_batch()
        t = time.perf_counter()
        loss = loss_fn(model(x), y)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        loss.item()
        if i >= warmup:
            times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


head = nn.Sequential(nn.Dropout(0.1), nn.Linear(512, 2))
head_ms = timed_steps(head, lambda: (torch.randn(32, 512), torch.randint(0, 2, (32,))), a.steps)


class Body(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(8002, 256)
        layer = nn.TransformerEncoderLayer(256, 8, 1024, dropout=0.1, batch_first=True)
        self.enc = nn.TransformerEncoder(layer, 2)
        self.pool = nn.Linear(256, 512)
        self.head = nn.Sequential(nn.Dropout(0.1), nn.Linear(512, 2))

    def forward(self, ids):
        h = self.enc(self.emb(ids))
        return self.head(torch.tanh(self.pool(h.mean(1))))


body = Body()
e2e_ms = timed_steps(
    body, lambda: (torch.randint(0, 8002, (16, 12)), torch.randint(0, 2, (16,))), a.e2e_steps
)
print(json.dumps({
    "torch": torch.__version__,
    "threads": torch.get_num_threads(),
    "head_ms": head_ms,
    "e2e_ms": e2e_ms,
    "e2e_params": sum(p.numel() for p in body.parameters()),
}))
