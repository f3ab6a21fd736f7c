/**
 * Reference solution of exercises/oversampling.
 * @module
 */
import { Random } from "../../lib/random.ts";

/** 1 / (size of the example's class). */
export function sampleWeights(labels: number[]): number[] {
  const counts = new Map<number, number>();
  for (const y of labels) counts.set(y, (counts.get(y) ?? 0) + 1);
  return labels.map((y) => 1 / counts.get(y)!);
}

/** Indices in which every class appears as often as the largest one, shuffled by `seed`. */
export function oversample(labels: number[], seed = 0): number[] {
  if (labels.length === 0) throw new Error("labels must not be empty");
  const rng = new Random(seed);
  const byClass = new Map<number, number[]>();
  labels.forEach((y, i) => byClass.set(y, [...(byClass.get(y) ?? []), i]));
  const max = Math.max(...[...byClass.values()].map((v) => v.length));
  const plan: number[] = [];
  for (const members of byClass.values()) {
    for (let r = 0; r < Math.floor(max / members.length); r++) plan.push(...members);
    plan.push(...rng.sample(members, max % members.length));
  }
  return rng.shuffle(plan);
}
