"""Golden vectors for lib/encoders/pair_features.ts: the concatenation of
sentence-transformers' SoftmaxLoss.forward (v2.2, copied below, torch only):

    vectors_concat = []
    if self.concatenation_sent_rep:
        vectors_concat.append(rep_a)
        vectors_concat.append(rep_b)
    if self.concatenation_sent_difference:
        vectors_concat.append(torch.abs(rep_a - rep_b))
    if self.concatenation_sent_multiplication:
        vectors_concat.append(rep_a * rep_b)
    features = torch.cat(vectors_concat, 1)

Run: /usr/bin/python3 make_pair_features.py > pair_features.json
"""
import json

import torch

torch.manual_seed(0)
rep_a = torch.randn(3, 5)
rep_b = torch.randn(3, 5)
cases = []
for rep, diff, mul in [(True, True, False), (True, True, True), (False, True, True), (True, False, False)]:
    vectors_concat = []
    if rep:
        vectors_concat.append(rep_a)
        vectors_concat.append(rep_b)
    if diff:
        vectors_concat.append(torch.abs(rep_a - rep_b))
    if mul:
        vectors_concat.append(rep_a * rep_b)
    features = torch.cat(vectors_concat, 1)
    cases.append({
        "options": {
            "concatenationSentRep": rep,
            "concatenationSentDifference": diff,
            "concatenationSentMultiplication": mul,
        },
        "features": features.tolist(),
    })
print(json.dumps({"torch": torch.__version__, "u": rep_a.tolist(), "v": rep_b.tolist(), "cases": cases}))
