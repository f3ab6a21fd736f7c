#!/usr/bin/python3
"""Makes the kit's tiny BERT: a randomly initialised BERT exported to ONNX, with a small WordPiece
vocabulary, in the folder layout transformers.js loads offline. It exists to exercise the
transformers.js encoder path in CI without the Hugging Face hub; its weights are random, so its
vectors mean nothing.

Writes
  data/models/tiny-bert/{config.json, tokenizer.json, tokenizer_config.json, vocab.txt,
                         special_tokens_map.json, onnx/model.onnx}
  tests/golden/tiny_bert/outputs.json  (the torch model's outputs, for the ONNX parity test)

Needs Debian's python3-torch and python3-onnx only (no `transformers`): the BERT below is written
in plain torch with Hugging Face's BertModel layout and parameter names.

  /usr/bin/python3 tools/make_tiny_bert.py [--tokenizer ../shared/models/all-MiniLM-L6-v2-tokenizer]
"""

import argparse
import json
import math
import os
import unicodedata

import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "data", "models", "tiny-bert")
GOLDEN = os.path.join(ROOT, "tests", "golden", "tiny_bert", "outputs.json")

SEED = 20240516
CONFIG = {
    "architectures": ["BertModel"],
    "model_type": "bert",
    "vocab_size": None,  # set from the vocabulary
    "hidden_size": 32,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "intermediate_size": 128,
    "hidden_act": "gelu",
    "hidden_dropout_prob": 0.1,
    "attention_probs_dropout_prob": 0.1,
    "max_position_embeddings": 128,
    "type_vocab_size": 2,
    # Larger than BERT's 0.02 so attention is peaked and the outputs depend on order, mask and
    # segment: a parity test on near-uniform attention would miss errors there.
    "initializer_range": 0.2,
    "layer_norm_eps": 1e-12,
    "pad_token_id": 0,
    "position_embedding_type": "absolute",
    "torch_dtype": "float32",
}
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
# BERT's vocabulary lists whole words and pieces roughly by frequency after its single characters.
N_WORDS = 3500


def select_vocab(full):
    """Specials, every single character and its ## form (so no text is all [UNK]), then the first
    N_WORDS other entries; kept in the original order, so the result is a subsequence of BERT's."""
    keep = set(SPECIALS)
    keep.update(t for t in full if len(t) == 1 or (t.startswith("##") and len(t) == 3))
    rest = [t for t in full[1996:] if t not in keep and not t.startswith("[")]
    keep.update(rest[:N_WORDS])
    return [t for t in full if t in keep]


# ---- A minimal BERT tokenizer (BasicTokenizer + WordPiece), the reference for the golden ids ----


def is_punctuation(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def basic_tokenize(text):
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    words = []
    for chunk in text.split():
        current = ""
        for ch in chunk:
            if is_punctuation(ch):
                if current:
                    words.append(current)
                words.append(ch)
                current = ""
            else:
                current += ch
        if current:
            words.append(current)
    return words


def wordpiece(word, vocab):
    pieces, start = [], 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                break
            end -= 1
        if end == start:
            return ["[UNK]"]
        pieces.append(piece)
        start = end
    return pieces


def tokenize(text, vocab):
    return [p for w in basic_tokenize(text) for p in wordpiece(w, vocab)]


# ---- BERT in plain torch, parameter names as in transformers' BertModel ----


class Embeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.word_embeddings = nn.Embedding(c["vocab_size"], c["hidden_size"], padding_idx=0)
        self.position_embeddings = nn.Embedding(c["max_position_embeddings"], c["hidden_size"])
        self.token_type_embeddings = nn.Embedding(c["type_vocab_size"], c["hidden_size"])
        self.LayerNorm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])
        self.dropout = nn.Dropout(c["hidden_dropout_prob"])

    def forward(self, input_ids, token_type_ids):
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        x = (
            self.word_embeddings(input_ids)
            + self.position_embeddings(positions)
            + self.token_type_embeddings(token_type_ids)
        )
        return self.dropout(self.LayerNorm(x))


class SelfAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.heads = c["num_attention_heads"]
        self.head_size = c["hidden_size"] // self.heads
        self.query = nn.Linear(c["hidden_size"], c["hidden_size"])
        self.key = nn.Linear(c["hidden_size"], c["hidden_size"])
        self.value = nn.Linear(c["hidden_size"], c["hidden_size"])
        self.dropout = nn.Dropout(c["attention_probs_dropout_prob"])

    def split(self, x):
        b, t, _ = x.shape
        return x.view(b, t, self.heads, self.head_size).transpose(1, 2)

    def forward(self, x, mask_bias):
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.head_size) + mask_bias
        context = self.dropout(scores.softmax(dim=-1)) @ v
        b, _, t, _ = context.shape
        return context.transpose(1, 2).reshape(b, t, self.heads * self.head_size)


class AddNorm(nn.Module):
    """BertSelfOutput / BertOutput: dense, dropout, residual, LayerNorm."""

    def __init__(self, c, n_in):
        super().__init__()
        self.dense = nn.Linear(n_in, c["hidden_size"])
        self.LayerNorm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])
        self.dropout = nn.Dropout(c["hidden_dropout_prob"])

    def forward(self, h, residual):
        return self.LayerNorm(self.dropout(self.dense(h)) + residual)


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.self = SelfAttention(c)
        self.output = AddNorm(c, c["hidden_size"])

    def forward(self, x, mask_bias):
        return self.output(self.self(x, mask_bias), x)


class Intermediate(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c["hidden_size"], c["intermediate_size"])

    def forward(self, x):
        return nn.functional.gelu(self.dense(x))  # exact (erf) GELU, BERT's "gelu"


class Layer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.attention = Attention(c)
        self.intermediate = Intermediate(c)
        self.output = AddNorm(c, c["intermediate_size"])

    def forward(self, x, mask_bias):
        a = self.attention(x, mask_bias)
        return self.output(self.intermediate(a), a)


class Encoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.layer = nn.ModuleList(Layer(c) for _ in range(c["num_hidden_layers"]))

    def forward(self, x, mask_bias):
        for layer in self.layer:
            x = layer(x, mask_bias)
        return x


class Pooler(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c["hidden_size"], c["hidden_size"])

    def forward(self, x):
        return torch.tanh(self.dense(x[:, 0]))


class BertModel(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embeddings = Embeddings(c)
        self.encoder = Encoder(c)
        self.pooler = Pooler(c)
        self.init_weights(c["initializer_range"])

    def init_weights(self, std):
        # As transformers' BertPreTrainedModel._init_weights, with std = initializer_range.
        for m in self.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.normal_(m.weight, mean=0.0, std=std)
            if isinstance(m, nn.Linear):
                nn.init.zeros_(m.bias)
            if isinstance(m, nn.Embedding) and m.padding_idx is not None:
                with torch.no_grad():
                    m.weight[m.padding_idx].zero_()
            if isinstance(m, nn.LayerNorm):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)

    def forward(self, input_ids, attention_mask, token_type_ids):
        # transformers' extended attention mask: 0 where attended, the dtype's minimum elsewhere.
        mask = attention_mask[:, None, None, :].to(torch.float32)
        mask_bias = (1.0 - mask) * torch.finfo(torch.float32).min
        h = self.encoder(self.embeddings(input_ids, token_type_ids), mask_bias)
        return h, self.pooler(h)


# ---- Files ----


def tokenizer_json(template, vocab):
    ids = {t: i for i, t in enumerate(vocab)}
    tj = dict(template)
    tj["truncation"] = None
    tj["padding"] = None
    tj["added_tokens"] = [dict(a, id=ids[a["content"]]) for a in template["added_tokens"]]
    post = json.loads(json.dumps(template["post_processor"]))
    for name, special in post["special_tokens"].items():
        special["ids"] = [ids[name]]
    tj["post_processor"] = post
    tj["model"] = dict(template["model"], vocab=ids)
    return tj


def encode_single(text, ids):
    """word_ids number the words the pre-tokenizer makes (split at spaces and punctuation)."""
    tokens, word_ids = ["[CLS]"], [None]
    for i, w in enumerate(basic_tokenize(text)):
        pieces = wordpiece(w, ids)
        tokens += pieces
        word_ids += [i] * len(pieces)
    return tokens + ["[SEP]"], [0] * (len(tokens) + 1), word_ids + [None]


def encode_pair(a, b, ids):
    ta, tb = tokenize(a, ids), tokenize(b, ids)
    tokens = ["[CLS]"] + ta + ["[SEP]"] + tb + ["[SEP]"]
    return tokens, [0] * (len(ta) + 2) + [1] * (len(tb) + 1), None


def encode_words(words, ids):
    tokens, word_ids = ["[CLS]"], [None]
    for i, w in enumerate(words):
        pieces = tokenize(w, ids)
        tokens += pieces
        word_ids += [i] * len(pieces)
    return tokens + ["[SEP]"], [0] * (len(tokens) + 1), word_ids + [None]


CASES = [
    ("single", "A man is playing guitar on stage."),
    ("single", "The service was terrible and nobody answered my complaint!"),
    ("single", "Unbelievably, the refund arrived overnight."),
    ("pair", ("A man is playing guitar on stage.", "A musician is performing live.")),
    ("pair", ("The hotel was booked for Friday.", "Nobody booked anything.")),
    ("words", ["EU", "rejects", "German", "call", "to", "boycott", "British", "lamb", "."]),
    ("words", ["Peter", "Blackburn", "visited", "the", "U.N.", "in", "Geneva"]),
]


def golden(model, ids):
    """Each case run alone (no padding) through the torch model."""
    cases = []
    for kind, value in CASES:
        encode = {"single": encode_single, "pair": encode_pair, "words": encode_words}[kind]
        tokens, types, word_ids = encode(*(value if kind == "pair" else (value,)), ids)
        input_ids = [ids[t] for t in tokens]
        with torch.no_grad():
            hidden, _ = model(
                torch.tensor([input_ids]), torch.ones(1, len(tokens), dtype=torch.long),
                torch.tensor([types]),
            )
        cases.append({
            "kind": kind,
            "input": value,
            "tokens": tokens,
            "input_ids": input_ids,
            "token_type_ids": types,
            "word_ids": word_ids,
            "last_hidden_state": hidden[0].tolist(),
        })
    return {"model": "data/models/tiny-bert", "seed": SEED, "cases": cases}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--tokenizer",
        default=os.path.join(ROOT, "..", "shared", "models", "all-MiniLM-L6-v2-tokenizer"),
        help="folder with BERT's uncased vocab.txt and tokenizer.json (all-MiniLM-L6-v2's)",
    )
    args = parser.parse_args()

    with open(os.path.join(args.tokenizer, "vocab.txt"), encoding="utf-8") as f:
        full = f.read().split("\n")[:-1]
    with open(os.path.join(args.tokenizer, "tokenizer.json"), encoding="utf-8") as f:
        template = json.load(f)
    vocab = select_vocab(full)
    ids = {t: i for i, t in enumerate(vocab)}
    config = dict(CONFIG, vocab_size=len(vocab))

    torch.manual_seed(SEED)
    model = BertModel(config).eval()

    os.makedirs(os.path.join(OUT, "onnx"), exist_ok=True)
    with open(os.path.join(OUT, "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("".join(t + "\n" for t in vocab))
    with open(os.path.join(OUT, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer_json(template, vocab), f, ensure_ascii=False)
    specials = {"unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]",
                "cls_token": "[CLS]", "mask_token": "[MASK]"}
    with open(os.path.join(OUT, "special_tokens_map.json"), "w") as f:
        json.dump(specials, f, indent=2)
    with open(os.path.join(OUT, "tokenizer_config.json"), "w") as f:
        json.dump(dict(specials, tokenizer_class="BertTokenizer", do_lower_case=True,
                       tokenize_chinese_chars=True, strip_accents=None,
                       model_max_length=config["max_position_embeddings"]), f, indent=2)
    with open(os.path.join(OUT, "config.json"), "w") as f:
        json.dump(config, f, indent=2)

    dummy = torch.tensor([[ids["[CLS]"], ids["the"], ids["[SEP]"]]])
    torch.onnx.export(
        model,
        (dummy, torch.ones_like(dummy), torch.zeros_like(dummy)),
        os.path.join(OUT, "onnx", "model.onnx"),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["last_hidden_state", "pooler_output"],
        dynamic_axes={
            "input_ids": {0: "batch_size", 1: "sequence_length"},
            "attention_mask": {0: "batch_size", 1: "sequence_length"},
            "token_type_ids": {0: "batch_size", 1: "sequence_length"},
            "last_hidden_state": {0: "batch_size", 1: "sequence_length"},
            "pooler_output": {0: "batch_size"},
        },
        opset_version=14,
        do_constant_folding=True,
    )

    os.makedirs(os.path.dirname(GOLDEN), exist_ok=True)
    with open(GOLDEN, "w") as f:
        json.dump(golden(model, ids), f)
    n_params = sum(p.numel() for p in model.parameters())
    print(f"vocab {len(vocab)}, parameters {n_params}, wrote {OUT} and {GOLDEN}")


if __name__ == "__main__":
    main()
