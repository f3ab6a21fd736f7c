#!/usr/bin/env python3
"""PyTorch side of the kit's Hugging Face training-step rows: the folder the kit wrote (same
config, same weights, same tokenizer) loaded with transformers, one training step — forward in
train mode (dropout on), cross-entropy, backward, clip to norm 1, AdamW — timed exactly as the
kit's row: the median of single steps after warm-up steps. Prints JSON {torch, threads, ms}.

  python tools/bench/hf_step.py --folder DIR --batch batch.json --threads N --warmup 2 --steps 5
"""

import argparse
import json
import statistics
import time

import torch
from transformers import AutoModelForSequenceClassification


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--folder", required=True)
    p.add_argument("--batch", required=True, help="JSON {inputIds, attentionMask, tokenTypeIds, labels}")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--steps", type=int, default=5)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    with open(a.batch) as f:
        b = json.load(f)
    feed = {
        "input_ids": torch.tensor(b["inputIds"]),
        "attention_mask": torch.tensor(b["attentionMask"]),
        "token_type_ids": torch.tensor(b["tokenTypeIds"]),
        "labels": torch.tensor(b["labels"]),
    }
    model = AutoModelForSequenceClassification.from_pretrained(a.folder, attn_implementation="eager")
    model.train()
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01},
                             {"params": no_decay, "weight_decay": 0.0}], lr=1e-5)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = model(**feed).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()

    for _ in range(a.warmup):
        step()
    times = []
    for _ in range(a.steps):
        t = time.perf_counter()
        step()
        times.append((time.perf_counter() - t) * 1000)
    print(json.dumps({"torch": torch.__version__, "threads": a.threads, "ms": statistics.median(times)}))


if __name__ == "__main__":
    main()
