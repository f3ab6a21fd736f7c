// Hidden cases of the entity-extraction exercise (expected values: the kit's seqeval port).
import { getEntities } from "../../../lib/seqeval/chunks.ts";
import { expectEqual } from "../../../lib/grade/expect.ts";
import type { Case } from "../../../lib/grade/spec.ts";

const seqs: [string, string[], number][] = [
  ["I- at the start opens an entity", ["I-PER", "I-PER", "O"], 1],
  ["type change inside I- tags splits", ["B-PER", "I-LOC", "I-LOC", "I-PER"], 2],
  ["B- right after B- of the same type splits", ["B-ORG", "B-ORG", "I-ORG"], 2],
  ["all O, and empty", ["O", "O"], 1],
  ["multi-character types", ["B-DATE_TIME", "I-DATE_TIME", "B-X"], 1],
];

export const cases: Case[] = [
  ...seqs.map(([name, tags, points]): Case => ({
    name,
    points,
    call: "getEntities",
    args: [tags],
    check: expectEqual(getEntities(tags)),
  })),
  { name: "empty sequence", points: 1, call: "getEntities", args: [[]], check: expectEqual([]) },
];
