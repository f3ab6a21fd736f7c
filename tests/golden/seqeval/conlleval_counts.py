#!/usr/bin/python3
"""Golden counts for the seqeval parity test: conlleval's chunk counting on CoNLL-2003 test.

An independent re-implementation, in Python, of how conlleval.pl (Tjong Kim Sang, version
2004-01-26) counts chunks: tags split at the first '-' into prefix and type; a chunk starts and
ends by conlleval's startOfChunk / endOfChunk rules; a guessed chunk is correct when it starts
and ends on the same tokens as a gold chunk of the same type; a blank line between sentences is
a boundary read as O/O and not counted as a token. Gold tags come from the data file; the
guessed tags are the deterministic corruption of perturb.ts (same LCG, same rules).

Usage: /usr/bin/python3 conlleval_counts.py [path/to/conll2003/data/test.txt] > conlleval_counts.json
       add --dump FILE to also write conlleval's input ("token gold guess" lines).
"""
import json
import os
import sys

SEED = 2003
TYPES = ["LOC", "MISC", "ORG", "PER"]


def read_sentences(path):
    sentences, tokens, tags = [], [], []
    for line in open(path, encoding="utf-8"):
        fields = line.split()
        if not fields or fields[0] == "-DOCSTART-":
            if tags:
                sentences.append((tokens, tags))
            tokens, tags = [], []
            continue
        tokens.append(fields[0])
        tags.append(fields[-1])
    if tags:
        sentences.append((tokens, tags))
    return sentences


def perturb(gold, seed):
    state = seed & 0xFFFFFFFF

    def nxt():
        nonlocal state
        state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
        return state / 4294967296

    out = []
    for sentence in gold:
        pred = []
        for j, g in enumerate(sentence):
            prev = sentence[j - 1] if j > 0 else "O"
            r = nxt()
            kind = g[2:]
            if g.startswith("B-") and r < 0.04:
                p = "I-" + kind
            elif g != "O" and r < 0.08:
                p = g[0] + "-" + TYPES[(TYPES.index(kind) + 1) % 4]
            elif g.startswith("I-") and r < 0.12:
                p = "O"
            elif g == "O" and prev != "O" and r < 0.2:
                p = "I-" + prev[2:]
            elif g == "O" and r < 0.01:
                p = "B-" + TYPES[int(nxt() * 4)]
            else:
                p = g
            pred.append(p)
        out.append(pred)
    return out


def split_tag(tag):
    prefix, dash, kind = tag.partition("-")
    return (prefix, kind) if dash else (tag, "")


def chunk_ends(prev, cur, prev_kind, kind):
    """conlleval's endOfChunk: did a chunk end between the previous and the current token?"""
    if (prev, cur) in {("B", "B"), ("B", "O"), ("I", "B"), ("I", "O"),
                       ("E", "E"), ("E", "I"), ("E", "O")}:
        return True
    if prev not in ("O", ".") and prev_kind != kind:
        return True
    return prev in ("[", "]")


def chunk_starts(prev, cur, prev_kind, kind):
    """conlleval's startOfChunk: did a chunk start at the current token?"""
    if (prev, cur) in {("B", "B"), ("I", "B"), ("O", "B"), ("O", "I"),
                       ("E", "E"), ("E", "I"), ("O", "E")}:
        return True
    if cur not in ("O", ".") and prev_kind != kind:
        return True
    return cur in ("[", "]")


def count(rows):
    """rows: (gold, guess) per token, None for a sentence boundary."""
    c = {"tokens": 0, "correctTags": 0, "phrases": 0, "found": 0, "correct": 0}
    per_type = {}

    def bump(kind, key):
        per_type.setdefault(kind, {"correct": 0, "found": 0, "phrases": 0})[key] += 1

    last_g, last_gk, last_p, last_pk = "O", "", "O", ""
    matching = False  # the gold and guessed chunks open now began together with one type
    for row in rows + [None]:
        (g, gk), (p, pk) = ((("O", ""), ("O", "")) if row is None
                            else (split_tag(row[0]), split_tag(row[1])))
        g_end = chunk_ends(last_g, g, last_gk, gk)
        p_end = chunk_ends(last_p, p, last_pk, pk)
        if matching:
            if g_end and p_end and last_gk == last_pk:
                matching = False
                c["correct"] += 1
                bump(last_gk, "correct")
            elif g_end != p_end or gk != pk:
                matching = False
        g_start = chunk_starts(last_g, g, last_gk, gk)
        p_start = chunk_starts(last_p, p, last_pk, pk)
        if g_start and p_start and gk == pk:
            matching = True
        if g_start:
            c["phrases"] += 1
            bump(gk, "phrases")
        if p_start:
            c["found"] += 1
            bump(pk, "found")
        if row is not None:
            c["tokens"] += 1
            if g == p and gk == pk:
                c["correctTags"] += 1
        last_g, last_gk, last_p, last_pk = g, gk, p, pk
    if matching:
        c["correct"] += 1
        bump(last_gk, "correct")
    c["perType"] = dict(sorted(per_type.items()))
    return c


def main():
    args = sys.argv[1:]
    dump = None
    if "--dump" in args:
        i = args.index("--dump")
        dump = args[i + 1]
        del args[i:i + 2]
    here = os.path.dirname(os.path.abspath(__file__))
    path = args[0] if args else os.path.join(
        here, "..", "..", "..", "..", "shared", "datasets", "conll2003", "data", "test.txt")
    sentences = read_sentences(path)
    gold = [tags for _, tags in sentences]
    pred = perturb(gold, SEED)
    rows = []
    for (tokens, g_tags), p_tags in zip(sentences, pred):
        rows.extend(zip(g_tags, p_tags))
        rows.append(None)
    rows.pop()
    c = count(rows)
    p = c["correct"] / c["found"] if c["found"] else 0.0
    r = c["correct"] / c["phrases"] if c["phrases"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    c.update({"seed": SEED, "sentences": len(sentences), "precision": p, "recall": r, "f1": f,
              "accuracy": c["correctTags"] / c["tokens"]})
    if dump:
        with open(dump, "w", encoding="utf-8") as out:
            for (tokens, g_tags), p_tags in zip(sentences, pred):
                for t, g, q in zip(tokens, g_tags, p_tags):
                    out.write(f"{t} {g} {q}\n")
                out.write("\n")
    json.dump(c, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
