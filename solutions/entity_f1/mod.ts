/**
 * Reference solution of exercises/entity_f1.
 * @module
 */
import { getEntities } from "../../lib/seqeval/chunks.ts";

const f1 = (tp: number, nPred: number, nTrue: number) => {
  const p = nPred ? tp / nPred : 0;
  const r = nTrue ? tp / nTrue : 0;
  return p + r ? (2 * p * r) / (p + r) : 0;
};

/** Entity-level F1 over sentences of BIO tags. */
export function entityF1(
  yTrue: string[][],
  yPred: string[][],
  average: "micro" | "macro" = "micro",
): number {
  if (yTrue.length !== yPred.length) {
    throw new Error(`yTrue has ${yTrue.length} sentences, yPred ${yPred.length}: length differs`);
  }
  const keys = (seqs: string[][]) =>
    seqs.flatMap((s, i) => {
      if (s.length !== yTrue[i].length || s.length !== yPred[i].length) {
        throw new Error(`sentence ${i}: length of yTrue and yPred differ`);
      }
      return getEntities(s).map(([t, a, b]) => ({ type: t, key: `${i}:${t}:${a}:${b}` }));
    });
  const truth = keys(yTrue);
  const pred = keys(yPred);
  const trueKeys = new Set(truth.map((e) => e.key));
  const hits = pred.filter((e) => trueKeys.has(e.key));
  if (average === "micro") return f1(hits.length, pred.length, truth.length);
  const types = [...new Set([...truth, ...pred].map((e) => e.type))];
  const count = (list: { type: string }[], t: string) => list.filter((e) => e.type === t).length;
  const scores = types.map((t) => f1(count(hits, t), count(pred, t), count(truth, t)));
  return scores.length ? scores.reduce((s, x) => s + x, 0) / scores.length : 0;
}
