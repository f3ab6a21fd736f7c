/**
 * Reference solution of exercises/class_weights.
 * @module
 */

/** The strategies. */
export type Strategy = "inverse" | "balanced" | "sqrt_inverse" | "effective";

/** One weight per class. */
export function computeClassWeights(
  labels: number[],
  strategy: Strategy,
  { beta = 0.9999, numClasses }: { beta?: number; numClasses?: number } = {},
): number[] {
  labels.forEach((y, i) => {
    if (!Number.isInteger(y) || y < 0) throw new Error(`labels[${i}] = ${y} is not a class id`);
  });
  const k = numClasses ?? Math.max(...labels) + 1;
  const counts = new Array<number>(k).fill(0);
  for (const y of labels) counts[y]++;
  const missing = counts.indexOf(0);
  if (missing >= 0) throw new Error(`class ${missing} has no examples`);
  const n = labels.length;
  if (strategy === "inverse" || strategy === "balanced") return counts.map((c) => n / (k * c));
  if (strategy === "sqrt_inverse") return counts.map((c) => Math.sqrt(n / (k * c)));
  if (strategy === "effective") {
    const raw = counts.map((c) => (1 - beta) / (1 - beta ** c));
    const mean = raw.reduce((s, w) => s + w, 0) / k;
    return raw.map((w) => w / mean);
  }
  throw new Error(`unknown strategy ${strategy}`);
}
