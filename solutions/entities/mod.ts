/**
 * Reference solution of exercises/entities.
 * @module
 */

/** `[type, start, end]`, end inclusive. */
export type Entity = [string, number, number];

/** The entities of a BIO sequence. */
export function getEntities(tags: string[]): Entity[] {
  const out: Entity[] = [];
  let open: Entity | null = null;
  tags.forEach((tag, i) => {
    const m = tag === "O" ? null : /^([BI])-(.+)$/.exec(tag);
    if (tag !== "O" && !m) throw new Error(`tags[${i}] = ${JSON.stringify(tag)} is not a BIO tag`);
    const continues = m && m[1] === "I" && open && open[0] === m[2];
    if (open && !continues) {
      out.push(open);
      open = null;
    }
    if (m && !continues) open = [m[2], i, i];
    else if (continues) open![2] = i;
  });
  if (open) out.push(open);
  return out;
}
