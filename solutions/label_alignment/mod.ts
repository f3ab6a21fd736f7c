/**
 * Reference solution of exercises/label_alignment.
 * @module
 */

/** `"O"`, then `B-T`, `I-T` for each type. */
export function bioLabels(entityTypes: string[]): string[] {
  return ["O", ...entityTypes.flatMap((t) => [`B-${t}`, `I-${t}`])];
}

/** One label id per token (−100 where the loss must skip it). */
export function alignLabels(
  wordLabels: number[],
  wordIds: (number | null)[],
  { strategy = "first", labelList }: { strategy?: "first" | "all"; labelList?: string[] } = {},
): number[] {
  if (strategy === "all" && !labelList) throw new Error(`strategy "all" needs labelList`);
  let previous: number | null = null;
  return wordIds.map((w, i) => {
    if (w === null) {
      previous = null;
      return -100;
    }
    if (!Number.isInteger(w) || w < 0 || w >= wordLabels.length) {
      throw new Error(`wordIds[${i}] = ${w} is not a word index`);
    }
    const first = w !== previous;
    previous = w;
    const label = wordLabels[w];
    if (first) return label;
    if (strategy === "first") return -100;
    const name = labelList![label];
    return name.startsWith("B-") ? labelList!.indexOf(`I-${name.slice(2)}`) : label;
  });
}
