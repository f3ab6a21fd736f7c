// Public cases of the entity-extraction exercise (expected values: the kit's seqeval port).
import { getEntities } from "../../lib/seqeval/chunks.ts";
import { expectEqual, expectThrows } from "../../lib/grade/expect.ts";
import type { Case, ExerciseSpec } from "../../lib/grade/spec.ts";

export const exercise: ExerciseSpec = {
  name: "entities",
  title: "seqeval get_entities: BIO tags to [type, start, end]",
  chapter: "Section 16.6.3.3",
  forbid: {
    "lib/seqeval/chunks.ts": [
      "getEntities",
      "lenientEntities",
      "strictEntities",
      "endOfChunk",
      "startOfChunk",
      "spanPair",
      "referenceSpanPair",
    ],
    "lib/fast/seqeval_chunks.ts": ["packedEntities", "packedSpanPair", "lenientSpans"],
  },
};

const same = (tags: string[]) => expectEqual(getEntities(tags));
const a = ["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"];
const b = ["O", "B-MISC", "I-MISC", "I-MISC", "O", "B-PER"];

export const cases: Case[] = [
  { name: "the doc example", points: 2, call: "getEntities", args: [a], check: same(a) },
  {
    name: "a long entity, one at the end",
    points: 1,
    call: "getEntities",
    args: [b],
    check: same(b),
  },
  {
    name: "a tag without prefix is an error naming its position",
    points: 1,
    call: "getEntities",
    args: [["O", "PER"]],
    check: expectThrows(/tags\[1\]/),
  },
];
