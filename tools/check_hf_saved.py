#!/usr/bin/env python3
"""An independent reader of a folder written by the kit's savePretrained: numpy only (no
safetensors, no transformers), it parses model.safetensors by its specification (8-byte
little-endian header length, JSON header, raw little-endian data) and prints, as JSON, each
tensor's dtype, shape and a few values, plus config.json's architectures and id2label. With
--logits TEXT..., and transformers importable, it also loads the folder with
AutoModelForSequenceClassification.from_pretrained and prints its logits for the texts.

  python3 tools/check_hf_saved.py DIR [--logits TEXT ...]
"""

import json
import os
import struct
import sys

import numpy as np


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    data = raw[8 + n :]
    out = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        assert entry["dtype"] == "F32", f"{name}: dtype {entry['dtype']}"
        begin, end = entry["data_offsets"]
        values = np.frombuffer(data[begin:end], dtype="<f4").reshape(entry["shape"])
        out[name] = values
    return header.get("__metadata__", {}), out


def main():
    folder = sys.argv[1]
    metadata, tensors = read_safetensors(os.path.join(folder, "model.safetensors"))
    with open(os.path.join(folder, "config.json")) as f:
        config = json.load(f)
    report = {
        "metadata": metadata,
        "architectures": config.get("architectures"),
        "id2label": config.get("id2label"),
        "tensors": {
            name: {"shape": list(v.shape), "first": [float(x) for x in v.reshape(-1)[:3]],
                   "sum": float(v.astype(np.float64).sum())}
            for name, v in sorted(tensors.items())
        },
    }
    if "--logits" in sys.argv:
        texts = sys.argv[sys.argv.index("--logits") + 1 :]
        try:
            import torch
            from transformers import AutoModelForSequenceClassification, AutoTokenizer
        except ImportError as e:
            report["logits"] = f"skipped: {e}"
        else:
            model = AutoModelForSequenceClassification.from_pretrained(folder).eval()
            tok = AutoTokenizer.from_pretrained(folder)
            with torch.no_grad():
                logits = model(**tok(texts, padding=True, return_tensors="pt")).logits
            report["logits"] = logits.tolist()
            report["labels"] = [model.config.id2label[i] for i in range(model.config.num_labels)]
    print(json.dumps(report))


if __name__ == "__main__":
    main()
