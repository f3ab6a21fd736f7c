"""PyTorch references for tools/bench.ts (Debian python3-torch via /usr/bin/python3).

Subcommands (each prints one JSON object on stdout):
  matmul       best GFLOP/s of a [1024, 512] x [512, 1536] float32 matmul (USE-lite's FFN size)
  use-lite     USE-lite ported to PyTorch from the kit's weights (a safetensors file the bench
               writes from the tfjs graph): embeds the given batches of piece ids; writes the
               embeddings (float32, batch order) to --out
  use-lite-step  one training step of that port + dropout/linear head (AdamW, clipping)
  encoder-step   one training step of a 2-layer pre-norm encoder (width 128, 4 heads, FFN 512)
                 on batch 32 x 128 tokens, the same model as tools/bench/encoder_step.ts
  head-step    one training step of dropout + Linear(512, 2) on batch 32 features

Times are medians over --repeats runs after --warmup runs, in milliseconds.
"""
import argparse
import json
import math
import statistics
import struct
import sys
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

ENC = "module_apply_default/Encoder_en/KonaTransformer/Encode"
MOD = "module/Encoder_en/KonaTransformer/Encode"
POOLER = "module/Encoder_en/hidden_layers/tanh_layer_0"


def median_ms(fn, repeats, warmup):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        a, b = e["data_offsets"]
        arr = np.frombuffer(raw, dtype=np.float32, count=(b - a) // 4, offset=8 + n + a)
        out[name] = torch.from_numpy(arr.reshape(e["shape"]).copy())
    return out


class UseLite(nn.Module):
    """The tfjs graph's computation (see lib/encoders/use_lite/onnx.ts), on padded batches."""

    def __init__(self, w):
        super().__init__()
        p = lambda t: nn.Parameter(t.clone())
        self.emb = p(w["module/Embeddings_en"])
        # The graph's timing signal: [sin(p f), cos(p f)] with p f rounded to float32.
        inv = w[f"{ENC}/TransformerStack/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1"]
        angle = torch.arange(128, dtype=torch.float32)[:, None] * inv
        self.register_buffer("timing", torch.cat([angle.sin(), angle.cos()], dim=1))
        self.layers = nn.ModuleList()
        for layer in (0, 1):
            P = f"{ENC}/Layer_{layer}/TransformerLayer"
            S = f"{ENC}/TransformerStack/Layer_{layer}/TransformerLayer"
            K = f"{MOD}/Layer_{layer}/TransformerLayer"
            m = nn.Module()
            ln = lambda at: f"{at}layer_prepostprocess/layer_norm/layer_norm_"
            m.ln1_s, m.ln1_b = p(w[ln(P + "/") + "scale/ConcatPartitions/concat"]), p(w[ln(P + "/") + "bias/ConcatPartitions/concat"])
            m.ln2_s, m.ln2_b = p(w[ln(P + "/FFN/") + "scale/ConcatPartitions/concat"]), p(w[ln(P + "/FFN/") + "bias/ConcatPartitions/concat"])
            qkv = w[f"{K}/MultiheadAttention/qkv_transform_single/kernel/part_0"]
            m.width = qkv.shape[2]
            m.qkv_w = p(qkv[0, 0])
            m.qkv_b = p(w[f"{P}/MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat"])
            m.q_scale = float(w[f"{S}/MultiheadAttention/mul/y"])
            m.out_w = p(w[f"{K}/MultiheadAttention/output_transform_single/kernel/part_0"][0, 0])
            m.out_b = p(w[f"{P}/MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat"])
            m.has_dense = layer == 0
            if layer == 0:
                m.dense_w = p(w[f"{P}/dense/kernel/ConcatPartitions/concat"])
                m.dense_b = p(w[f"{P}/dense/bias/ConcatPartitions/concat"])
            m.w1, m.b1 = p(w[f"{S}/FFN/conv1/Tensordot/Reshape_1"]), p(w[f"{P}/FFN/conv1/bias/ConcatPartitions/concat"])
            m.w2, m.b2 = p(w[f"{S}/FFN/conv2/Tensordot/Reshape_1"]), p(w[f"{P}/FFN/conv2/bias/ConcatPartitions/concat"])
            self.layers.append(m)
        self.pool_w, self.pool_b = p(w[f"{POOLER}/weights"]), p(w[f"{POOLER}/bias"])

    def tokens(self, ids, mask):
        """The last layer's state of every piece, [batch, L, 512] (padded rows are not zero)."""
        b, L = ids.shape
        pieces = F.embedding(ids, self.emb)
        x = pieces + pieces + self.timing[:L]
        bias = ((1 - mask) * -1e9)[:, None, None, :]
        for m in self.layers:
            n = F.layer_norm(x, (x.shape[-1],), m.ln1_s, m.ln1_b, 1e-6)
            res = x @ m.dense_w + m.dense_b if m.has_dense else x
            q, k, v = (n @ m.qkv_w + m.qkv_b).split(m.width, dim=-1)
            heads = lambda t: t.reshape(b, L, 4, m.width // 4).transpose(1, 2)
            s = (heads(q) * m.q_scale) @ heads(k).transpose(-1, -2) + bias
            ctx = (s.softmax(-1) @ heads(v)).transpose(1, 2).reshape(b, L, m.width)
            h = ctx @ m.out_w + m.out_b + res
            f = torch.relu(F.layer_norm(h, (h.shape[-1],), m.ln2_s, m.ln2_b, 1e-6) @ m.w1 + m.b1)
            x = f @ m.w2 + m.b2 + h
        return x

    def forward(self, ids, mask):
        x = self.tokens(ids, mask)
        mean = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1)
        hid = torch.tanh(mean @ self.pool_w + self.pool_b)
        return hid / hid.square().sum(1, keepdim=True).clamp(min=1e-12).sqrt()


def padded(batch):
    L = max(len(s) for s in batch)
    ids = torch.zeros(len(batch), L, dtype=torch.long)
    mask = torch.zeros(len(batch), L)
    for i, s in enumerate(batch):
        ids[i, : len(s)] = torch.tensor(s)
        mask[i, : len(s)] = 1
    return ids, mask


def train_step_fn(model, head, make_loss, params):
    opt = torch.optim.AdamW(params, lr=1e-4, weight_decay=0.01)

    def step():
        loss = make_loss()
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        loss.item()

    return step


class Encoder(nn.Module):
    """2-layer pre-norm encoder: width 128, 4 heads, FFN 512 (ReLU), mean pooling, 2-way head."""

    def __init__(self, vocab=8000, d=128, heads=4, ffn=512, max_len=128):
        super().__init__()
        self.emb = nn.Embedding(vocab, d)
        self.pos = nn.Parameter(torch.randn(max_len, d) * 0.02)
        self.heads = heads
        self.layers = nn.ModuleList()
        for _ in range(2):
            m = nn.Module()
            m.ln1, m.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
            m.qkv, m.out = nn.Linear(d, 3 * d), nn.Linear(d, d)
            m.ff1, m.ff2 = nn.Linear(d, ffn), nn.Linear(ffn, d)
            self.layers.append(m)
        self.ln = nn.LayerNorm(d)
        self.head = nn.Linear(d, 2)

    def forward(self, ids):
        b, L = ids.shape
        x = self.emb(ids) + self.pos[:L]
        d = x.shape[-1]
        for m in self.layers:
            q, k, v = m.qkv(m.ln1(x)).split(d, dim=-1)
            heads = lambda t: t.reshape(b, L, self.heads, d // self.heads).transpose(1, 2)
            s = heads(q) @ heads(k).transpose(-1, -2) / math.sqrt(d // self.heads)
            ctx = (s.softmax(-1) @ heads(v)).transpose(1, 2).reshape(b, L, d)
            x = x + m.out(ctx)
            x = x + m.ff2(torch.relu(m.ff1(m.ln2(x))))
        return self.head(self.ln(x).mean(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=["matmul", "use-lite", "use-lite-step", "encoder-step", "head-step"])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--weights")
    ap.add_argument("--batches", help="JSON list of batches of piece-id lists")
    ap.add_argument("--out")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    info = {"torch": torch.__version__, "threads": torch.get_num_threads()}

    if a.command == "matmul":
        # The machine's matmul capability: the best of many runs, as other jobs come and go.
        x, y = torch.randn(1024, 512), torch.randn(512, 1536)
        ms = min(median_ms(lambda: x @ y, 1, 0) for _ in range(max(a.repeats, 30)))
        info.update(ms=ms, gflops=2 * 1024 * 512 * 1536 / (ms / 1000) / 1e9)
    elif a.command == "use-lite":
        model = UseLite(read_safetensors(a.weights)).eval()
        batches = [padded(b) for b in json.load(open(a.batches))]
        out = []

        def run():
            out.clear()
            with torch.no_grad():
                for ids, mask in batches:
                    out.append(model(ids, mask))

        info["ms"] = median_ms(run, a.repeats, a.warmup)
        info["sentences"] = sum(ids.shape[0] for ids, _ in batches)
        if a.out:
            with open(a.out, "wb") as f:
                f.write(torch.cat(out).numpy().astype("<f4").tobytes())
    elif a.command == "use-lite-step":
        model = UseLite(read_safetensors(a.weights))
        head = nn.Sequential(nn.Dropout(0.1), nn.Linear(512, 2))
        [batch] = json.load(open(a.batches))
        ids, mask = padded(batch)
        labels = torch.arange(len(batch)) % 2
        params = list(model.parameters()) + list(head.parameters())
        step = train_step_fn(model, head, lambda: F.cross_entropy(head(model(ids, mask)), labels), params)
        info["ms"] = median_ms(step, a.repeats, a.warmup)
    elif a.command == "encoder-step":
        model = Encoder()
        ids = torch.randint(0, 8000, (32, 128))
        labels = torch.randint(0, 2, (32,))
        params = list(model.parameters())
        step = train_step_fn(model, None, lambda: F.cross_entropy(model(ids), labels), params)
        info["ms"] = median_ms(step, a.repeats, a.warmup)
        info["params"] = sum(p.numel() for p in params)
    else:
        head = nn.Sequential(nn.Dropout(0.1), nn.Linear(512, 2))
        x, labels = torch.randn(32, 512), torch.randint(0, 2, (32,))
        params = list(head.parameters())
        step = train_step_fn(head, head, lambda: F.cross_entropy(head(x), labels), params)
        info["ms"] = median_ms(step, max(a.repeats, 50), 5)
    json.dump(info, sys.stdout)
    print()


if __name__ == "__main__":
    main()
