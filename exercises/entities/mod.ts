/**
 * # seqeval entity extraction (Section 16.6.3.3)
 *
 * Write `getEntities(tags)`: the entities of one BIO tag sequence, as seqeval's default
 * (conlleval-style, lenient) `get_entities` finds them, as `[type, start, end]` with `end`
 * inclusive, in order of their start. Tags are `"O"`, `"B-<type>"` or `"I-<type>"`.
 *
 * - An entity starts at a `B-` tag, **or** at an `I-` tag that does not continue an entity of
 *   the same type (after `"O"`, at the start, or after a different type): lenient reading.
 * - It ends before the next `B-`, `"O"`, or tag of another type, or at the end.
 * - Any other tag (`"PER"`, `"X-PER"`, `"B-"` with an empty type) is an error whose message
 *   contains the offending position as `tags[<i>]`.
 *
 * Example: `getEntities(["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"])` →
 * `[["PER", 0, 1], ["LOC", 3, 3], ["LOC", 4, 4], ["ORG", 5, 5]]`.
 *
 * Off limits: the kit's chunkers (`getEntities`, `lenientEntities`, `strictEntities`,
 * `endOfChunk`, `startOfChunk`, `spanPair`, `referenceSpanPair` in lib/seqeval/chunks.ts;
 * `packedEntities`, `packedSpanPair`, `lenientSpans` in lib/fast/seqeval_chunks.ts).
 * Self-check: `deno test exercises/entities/`.
 * @module
 */
import { NotImplementedError } from "../../lib/grade/spec.ts";

/** `[type, start, end]`, end inclusive. */
export type Entity = [string, number, number];

/** The entities of a BIO sequence. */
export function getEntities(_tags: string[]): Entity[] {
  throw new NotImplementedError("entities: getEntities");
}
