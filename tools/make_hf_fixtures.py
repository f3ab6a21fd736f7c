#!/usr/bin/env python3
"""Makes the Hugging Face fixtures of the kit's BERT / DistilBERT / RoBERTa port and the goldens
its parity tests read: tiny random checkpoints saved by transformers itself, the quirks real
checkpoints have, and what transformers computes on them with dropout off.

Writes tests/fixtures/hf/
  bert-seq/, bert-tok/, distilbert-seq/, distilbert-tok/, roberta-seq/, roberta-tok/
      ...For{Sequence,Token}Classification checkpoints (config.json, model.safetensors,
      tokenizer files), hidden 16, 2 layers, 4 heads, a ~130-entry WordPiece vocabulary (BERT,
      DistilBERT) or a ~300-entry byte-level BPE (RoBERTa)
  bert-regression/    BertForSequenceClassification, problem_type "regression", num_labels 1 (MSE)
  bert-multilabel/    BertForSequenceClassification, problem_type "multi_label_classification"
                      (BCEWithLogits on multi-hot labels)
  bert-pretraining/   BertForPreTraining: `bert.` prefix plus cls.predictions.* and cls.seq_relationship.*
  bert-base/          BertModel: no architecture prefix
  bert-legacy/        bert-base with LayerNorm.gamma / LayerNorm.beta names (old TF-ported checkpoints)
  bert-no-pooler/     BertModel(add_pooling_layer=False)
  bert-bin-only/      the same weights as pytorch_model.bin only (the kit refuses it)
  golden/<case>.json              inputs as transformers tokenizes them, logits, loss, load reports
  golden/<case>.grads.safetensors d loss / d parameter for every parameter (HF names)
  golden/<case>.adamw.safetensors parameters after one torch.optim.AdamW step on those gradients
                                  (not for the -pair cases: same model as -seq; nor for
                                  regression / multi-label: same optimizer, other loss)
  golden/quirks.json              transformers' loading reports and BertModel outputs of the quirks
  golden/tokenizers.json          ids and word ids of both tokenizers: texts, pairs, truncation, words

  python tools/make_hf_fixtures.py   # a Python with transformers 5.18, torch 2.13, safetensors
"""

import json
import os
import shutil
import tempfile

import numpy as np
import torch
import transformers
from safetensors.torch import load_file, save_file
from tokenizers import ByteLevelBPETokenizer
from transformers import (
    AutoModel,
    AutoModelForSequenceClassification,
    BertConfig,
    BertForPreTraining,
    BertForSequenceClassification,
    BertForTokenClassification,
    BertModel,
    BertTokenizerFast,
    DistilBertConfig,
    DistilBertForSequenceClassification,
    DistilBertForTokenClassification,
    RobertaConfig,
    RobertaForSequenceClassification,
    RobertaForTokenClassification,
    RobertaTokenizerFast,
)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "hf")
GOLDEN = os.path.join(OUT, "golden")

LABELS = ["negative", "neutral", "positive"]
TAGS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
TEXTS = [
    "the film was great fun",
    "a dull and slow story",
    "it is a film",
    "we loved the music, and the cast was good!",
]
PAIRS = [
    ["the man is here", "he plays music"],
    ["a dog runs", "the cat sleeps in the sun"],
    ["it was good", "it was bad"],
]
SEQ_LABELS = [2, 0, 1, 2]
REGRESSION_LABELS = [0.9, -0.4, 0.1, 1.6]
MULTI_LABELS = [[1, 0, 1], [0, 1, 0], [0, 0, 0], [1, 1, 1]]
PAIR_LABELS = [1, 0, 2]
WORDS = [
    ["john", "lives", "in", "paris"],
    ["mary", "and", "john", "went", "to", "london", "today"],
    ["paris"],
]
WORD_TAGS = [[1, 0, 0, 3], [1, 0, 1, 0, 0, 3, 0], [3]]
# Sentences the tokenizer goldens cover (truncation and pairs are checked on these too).
TOKENIZE = TEXTS + ["Hello, WORLD! unknownword xyz", "the the the the the the the the the the"]

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
WORDPIECE_WORDS = (
    "the a an and is was it we he she they in on to of film story music cast good great bad "
    "dull slow fun loved man dog cat runs plays sleeps here sun john mary paris london lives "
    "went today hello world"
).split()
BPE_CORPUS = TEXTS + [" ".join(p) for p in PAIRS] + [" ".join(w) for w in WORDS] + [
    "The quick brown fox jumps over the lazy dog.",
    "Hello, world! Stories of films, music and people.",
]

LR, BETAS, EPS, WEIGHT_DECAY = 1e-2, (0.9, 0.999), 1e-8, 0.01
SHAPE = dict(hidden=16, layers=2, heads=4, intermediate=32, positions=40)


def clean(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)


def wordpiece_tokenizer():
    vocab = list(SPECIALS)
    for c in "abcdefghijklmnopqrstuvwxyz0123456789.,!?'-":
        vocab.append(c)
    for c in "abcdefghijklmnopqrstuvwxyz":
        vocab.append("##" + c)
    vocab += [w for w in WORDPIECE_WORDS if w not in vocab]
    return BertTokenizerFast(vocab={t: i for i, t in enumerate(vocab)}, do_lower_case=True,
                             model_max_length=SHAPE["positions"])


def bpe_tokenizer():
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(
        BPE_CORPUS * 5,
        vocab_size=320,
        min_frequency=2,
        special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"],
        show_progress=False,
    )
    tmp = tempfile.mkdtemp()
    bpe.save_model(tmp)
    with open(os.path.join(tmp, "vocab.json")) as f:
        vocab = json.load(f)
    with open(os.path.join(tmp, "merges.txt")) as f:
        merges = [tuple(line.split()) for line in f if line.strip() and not line.startswith("#")]
    return RobertaTokenizerFast(
        vocab=vocab,
        merges=merges,
        add_prefix_space=True,  # needed for is_split_into_words, as for roberta-base NER
        model_max_length=SHAPE["positions"],
    )


def bert_config(tok, **kw):
    s = SHAPE
    return BertConfig(
        vocab_size=len(tok),
        hidden_size=s["hidden"],
        num_hidden_layers=s["layers"],
        num_attention_heads=s["heads"],
        intermediate_size=s["intermediate"],
        max_position_embeddings=s["positions"],
        type_vocab_size=2,
        hidden_act="gelu",
        # Larger than BERT's 0.02 so attention is peaked and a wrong mask or position shows.
        initializer_range=0.2,
        layer_norm_eps=1e-12,
        pad_token_id=tok.pad_token_id,
        **kw,
    )


def distilbert_config(tok, **kw):
    s = SHAPE
    kw.setdefault("activation", "gelu")
    return DistilBertConfig(
        vocab_size=len(tok),
        dim=s["hidden"],
        n_layers=s["layers"],
        n_heads=s["heads"],
        hidden_dim=s["intermediate"],
        max_position_embeddings=s["positions"],
        initializer_range=0.2,
        pad_token_id=tok.pad_token_id,
        seq_classif_dropout=0.25,
        **kw,
    )


def roberta_config(tok, **kw):
    s = SHAPE
    kw.setdefault("hidden_act", "gelu_new")
    return RobertaConfig(
        vocab_size=len(tok),
        hidden_size=s["hidden"],
        num_hidden_layers=s["layers"],
        num_attention_heads=s["heads"],
        intermediate_size=s["intermediate"],
        # RoBERTa's positions start after pad_token_id: 2 more than the longest input.
        max_position_embeddings=s["positions"] + 2,
        type_vocab_size=1,
        initializer_range=0.2,
        layer_norm_eps=1e-5,
        pad_token_id=tok.pad_token_id,
        bos_token_id=tok.bos_token_id,
        eos_token_id=tok.eos_token_id,
        **kw,
    )


def label_kwargs(names):
    return dict(
        num_labels=len(names),
        id2label={i: n for i, n in enumerate(names)},
        label2id={n: i for i, n in enumerate(names)},
    )


def tensor_list(t):
    return {"shape": list(t.shape), "data": [float(x) for x in t.detach().reshape(-1).tolist()]}


def align(word_tags, word_ids):
    out, prev = [], None
    for w in word_ids:
        out.append(-100 if w is None or w == prev else word_tags[w])
        prev = w
    return out


def run_case(name, model, tok, kind, seq_labels=SEQ_LABELS):
    """Logits, loss, gradients and one AdamW step of `model` (dropout off) on the case's batch.
    The loss is transformers' for the model's problem_type: cross-entropy, MSE or BCEWithLogits."""
    torch.manual_seed(0)
    model.eval()  # dropout off, as the kit's forward without { training: true }
    problem_type = model.config.problem_type
    if kind == "seq":
        enc = tok(TEXTS, padding=True, truncation=True, return_tensors="pt")
        # Regression and multi-label targets are floats (transformers picks the loss by dtype too).
        labels = torch.tensor(seq_labels, dtype=torch.float32 if problem_type else torch.long)
        inputs = {"texts": TEXTS, "labels": seq_labels}
    elif kind == "pair":
        enc = tok([p[0] for p in PAIRS], [p[1] for p in PAIRS], padding=True, truncation=True,
                  return_tensors="pt")
        labels = torch.tensor(PAIR_LABELS)
        inputs = {"pairs": PAIRS, "labels": PAIR_LABELS}
    else:
        enc = tok(WORDS, is_split_into_words=True, padding=True, truncation=True, return_tensors="pt")
        rows = [align(WORD_TAGS[i], enc.word_ids(i)) for i in range(len(WORDS))]
        labels = torch.tensor(rows)
        inputs = {"words": WORDS, "wordTags": WORD_TAGS, "labels": rows,
                  "wordIds": [enc.word_ids(i) for i in range(len(WORDS))]}
    feed = {k: v for k, v in enc.items() if k in ("input_ids", "attention_mask", "token_type_ids")}
    out = model(**feed, labels=labels)
    out.loss.backward()
    grads = {n: p.grad.detach().clone().contiguous() for n, p in model.named_parameters()}
    opt = torch.optim.AdamW(model.parameters(), lr=LR, betas=BETAS, eps=EPS,
                            weight_decay=WEIGHT_DECAY)
    opt.step()
    after = {n: p.detach().clone().contiguous() for n, p in model.named_parameters()}
    save_file(grads, os.path.join(GOLDEN, f"{name}.grads.safetensors"))
    # The step starts from the checkpoint's weights; a pair case shares its model's step test.
    if kind != "pair" and not problem_type:
        save_file(after, os.path.join(GOLDEN, f"{name}.adamw.safetensors"))
    golden = {
        "case": name,
        "kind": kind,
        **({"problemType": problem_type} if problem_type else {}),
        **inputs,
        "inputIds": enc["input_ids"].tolist(),
        "attentionMask": enc["attention_mask"].tolist(),
        "tokenTypeIds": enc["token_type_ids"].tolist() if "token_type_ids" in enc else None,
        "logits": tensor_list(out.logits),
        "loss": float(out.loss.detach()),
        "adamw": {"lr": LR, "betas": list(BETAS), "eps": EPS, "weightDecay": WEIGHT_DECAY},
    }
    with open(os.path.join(GOLDEN, f"{name}.json"), "w") as f:
        json.dump(golden, f)


def save(model, tok, name):
    path = os.path.join(OUT, name)
    clean(path)
    model.save_pretrained(path, safe_serialization=True)
    tok.save_pretrained(path)
    return path


def loading_report(path, **kw):
    _, info = AutoModelForSequenceClassification.from_pretrained(
        path, output_loading_info=True, **kw)
    return {
        "missingKeys": sorted(info["missing_keys"]),
        "unexpectedKeys": sorted(info["unexpected_keys"]),
        "mismatchedKeys": sorted([[k, list(a), list(b)] for k, a, b in info["mismatched_keys"]]),
    }


def base_outputs(path, tok):
    model = AutoModel.from_pretrained(path)
    model.eval()
    enc = tok(TEXTS, padding=True, return_tensors="pt")
    with torch.no_grad():
        out = model(**enc)
    return {
        "lastHiddenState": tensor_list(out.last_hidden_state),
        "poolerOutput": tensor_list(out.pooler_output) if out.pooler_output is not None else None,
    }


def tokenizer_golden(tok):
    out = {"single": [], "pairs": [], "truncated": [], "words": []}
    for t in TOKENIZE:
        e = tok(t)
        out["single"].append({"text": t, "inputIds": e["input_ids"], "wordIds": e.word_ids()})
    for a, b in PAIRS:
        e = tok(a, b)
        out["pairs"].append({"a": a, "b": b, "inputIds": e["input_ids"],
                             "tokenTypeIds": e.get("token_type_ids")})
    long_a = "the film was great fun and the music was good"
    long_b = "we loved the cast and the story was slow"
    for a, b in [(long_a, "a dog"), ("a dog", long_b), (long_a, long_b)]:
        for strategy in ["longest_first", "only_first", "only_second"]:
            try:
                ids = tok(a, b, truncation=strategy, max_length=9)["input_ids"]
            except Exception as err:  # noqa: BLE001 - recorded: the kit must refuse the same inputs
                ids = str(err)
            out["truncated"].append({"a": a, "b": b, "strategy": strategy, "maxLength": 9,
                                     "inputIds": ids})
    for w in WORDS:
        e = tok(w, is_split_into_words=True)
        out["words"].append({"words": w, "inputIds": e["input_ids"], "wordIds": e.word_ids()})
    return out


def main():
    torch.manual_seed(20261202)
    # Everything here is made below, except the hand-written README.
    for entry in os.listdir(OUT) if os.path.isdir(OUT) else []:
        if entry != "README.md":
            shutil.rmtree(os.path.join(OUT, entry))
    os.makedirs(GOLDEN)
    wp, bpe = wordpiece_tokenizer(), bpe_tokenizer()
    meta = {"transformers": transformers.__version__, "torch": torch.__version__}

    # Sequence classification (single texts and pairs) and token classification, each family.
    # Goldens come from the saved checkpoints, reloaded, as the kit reads them.
    torch.manual_seed(1)
    path = save(BertForSequenceClassification(bert_config(wp, **label_kwargs(LABELS))), wp, "bert-seq")
    run_case("bert-seq", BertForSequenceClassification.from_pretrained(path), wp, "seq")
    run_case("bert-pair", BertForSequenceClassification.from_pretrained(path), wp, "pair")

    torch.manual_seed(2)
    save(BertForTokenClassification(bert_config(wp, **label_kwargs(TAGS))), wp, "bert-tok")
    run_case("bert-tok", BertForTokenClassification.from_pretrained(os.path.join(OUT, "bert-tok")),
             wp, "tok")

    torch.manual_seed(3)
    save(DistilBertForSequenceClassification(distilbert_config(wp, **label_kwargs(LABELS))), wp,
         "distilbert-seq")
    run_case("distilbert-seq", DistilBertForSequenceClassification.from_pretrained(
        os.path.join(OUT, "distilbert-seq")), wp, "seq")

    torch.manual_seed(4)
    save(DistilBertForTokenClassification(distilbert_config(wp, activation="relu",
                                                            **label_kwargs(TAGS))), wp,
         "distilbert-tok")
    run_case("distilbert-tok", DistilBertForTokenClassification.from_pretrained(
        os.path.join(OUT, "distilbert-tok")), wp, "tok")

    torch.manual_seed(5)
    save(RobertaForSequenceClassification(roberta_config(bpe, **label_kwargs(LABELS))), bpe,
         "roberta-seq")
    run_case("roberta-seq", RobertaForSequenceClassification.from_pretrained(
        os.path.join(OUT, "roberta-seq")), bpe, "seq")
    run_case("roberta-pair", RobertaForSequenceClassification.from_pretrained(
        os.path.join(OUT, "roberta-seq")), bpe, "pair")

    torch.manual_seed(6)
    save(RobertaForTokenClassification(roberta_config(bpe, hidden_act="relu",
                                                      **label_kwargs(TAGS))), bpe, "roberta-tok")
    run_case("roberta-tok", RobertaForTokenClassification.from_pretrained(
        os.path.join(OUT, "roberta-tok")), bpe, "tok")

    # Regression (num_labels 1, MSE) and multi-label (BCEWithLogits) heads, problem_type in the
    # config as transformers saves it.
    torch.manual_seed(8)
    path = save(BertForSequenceClassification(bert_config(wp, num_labels=1,
                                                          problem_type="regression")), wp,
                "bert-regression")
    run_case("bert-regression", BertForSequenceClassification.from_pretrained(path), wp, "seq",
             REGRESSION_LABELS)
    torch.manual_seed(9)
    path = save(BertForSequenceClassification(bert_config(
        wp, problem_type="multi_label_classification", **label_kwargs(LABELS))), wp,
        "bert-multilabel")
    run_case("bert-multilabel", BertForSequenceClassification.from_pretrained(path), wp, "seq",
             MULTI_LABELS)

    # Checkpoint quirks, all holding the same encoder weights (bert-seq's).
    torch.manual_seed(7)
    pre = BertForPreTraining(bert_config(wp))
    pre.bert.load_state_dict(BertModel.from_pretrained(os.path.join(OUT, "bert-seq")).state_dict())
    save(pre, wp, "bert-pretraining")
    base = BertModel.from_pretrained(os.path.join(OUT, "bert-seq"))
    save(base, wp, "bert-base")
    legacy = os.path.join(OUT, "bert-legacy")
    shutil.copytree(os.path.join(OUT, "bert-base"), legacy)
    weights = load_file(os.path.join(legacy, "model.safetensors"))
    renamed = {k.replace("LayerNorm.weight", "LayerNorm.gamma").replace("LayerNorm.bias", "LayerNorm.beta"): v
               for k, v in weights.items()}
    save_file(renamed, os.path.join(legacy, "model.safetensors"), metadata={"format": "pt"})
    no_pooler = BertModel(bert_config(wp), add_pooling_layer=False)
    no_pooler.load_state_dict({k: v for k, v in base.state_dict().items() if not k.startswith("pooler.")})
    save(no_pooler, wp, "bert-no-pooler")
    bin_only = os.path.join(OUT, "bert-bin-only")
    shutil.copytree(os.path.join(OUT, "bert-base"), bin_only)
    os.remove(os.path.join(bin_only, "model.safetensors"))
    torch.save(base.state_dict(), os.path.join(bin_only, "pytorch_model.bin"))

    reports = {}
    for name in ["bert-pretraining", "bert-base", "bert-legacy", "bert-no-pooler"]:
        reports[name] = loading_report(os.path.join(OUT, name), **label_kwargs(LABELS))
    reports["bert-seq:numLabels=5"] = loading_report(
        os.path.join(OUT, "bert-seq"), num_labels=5, ignore_mismatched_sizes=True)
    reports["distilbert-seq:bare"] = None
    outputs = {name: base_outputs(os.path.join(OUT, name), wp)
               for name in ["bert-seq", "bert-pretraining", "bert-base", "bert-legacy", "bert-no-pooler"]}
    enc = wp(TEXTS, padding=True)
    with open(os.path.join(GOLDEN, "quirks.json"), "w") as f:
        json.dump({**meta, "texts": TEXTS, "inputIds": enc["input_ids"], "reports": reports,
                   "outputs": outputs}, f)
    with open(os.path.join(GOLDEN, "tokenizers.json"), "w") as f:
        json.dump({**meta, "wordpiece": tokenizer_golden(wp), "bpe": tokenizer_golden(bpe)}, f)
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
