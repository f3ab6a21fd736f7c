import { assertEquals, assertThrows } from "@std/assert";
import { join } from "node:path";
import {
  DataFileError,
  parseConll,
  parseCsv,
  parseJsonl,
  parseMultiLabelTsv,
  parseTsv,
  readConll,
  readCsv,
  readMultiLabelTsv,
  readTsv,
} from "../lib/data/readers.ts";
import { dataTest } from "./helpers/shared_data.ts";

const real = dataTest;

Deno.test("parseCsv: RFC 4180 quoting, CRLF, embedded newline and delimiter", () => {
  const t = parseCsv('text,label\r\n"a, ""b""",1\r\n"two\nlines",0\r\nplain,2\r\n');
  assertEquals(t.columns, ["text", "label"]);
  assertEquals(t.rows, [['a, "b"', "1"], ["two\nlines", "0"], ["plain", "2"]]);
  assertEquals(t.lines, [2, 3, 5]);
});

Deno.test("parseCsv: ragged record, unterminated quote and junk after a quote name file and line", () => {
  assertThrows(
    () => parseCsv("a,b\n1,2\n3\n", { file: "f.csv" }),
    DataFileError,
    "f.csv:3: expected 2 fields, got 1",
  );
  assertThrows(
    () => parseCsv('a,b\n"open,1\n', { file: "f.csv" }),
    DataFileError,
    "f.csv:2: unterminated",
  );
  assertThrows(() => parseCsv('a,b\n"x"y,1\n', { file: "f.csv" }), DataFileError, "f.csv:2:");
});

Deno.test("parseTsv: with and without header; quotes are text; ragged line is an error with file and line", () => {
  assertEquals(parseTsv('l\ts\n0\t"hi"\n').rows, [["0", '"hi"']]);
  const t = parseTsv("0\ta\n1\tb\n", { header: false });
  assertEquals([t.columns, t.rows.length, t.lines], [undefined, 2, [1, 2]]);
  assertThrows(
    () => parseTsv("label\tsentence\n1\tok\n0\ttoo\tmany\n", { file: "dev.tsv" }),
    DataFileError,
    "dev.tsv:3: expected 2 tab-separated fields, got 3",
  );
});

Deno.test("parseJsonl: objects with lines; bad JSON and non-objects name file and line", () => {
  const r = parseJsonl('{"a":1}\n\n{"a":2}\n', { file: "x.jsonl" });
  assertEquals([r.rows.map((o) => o.a), r.lines], [[1, 2], [1, 3]]);
  assertThrows(
    () => parseJsonl('{"a":1}\n{oops\n', { file: "x.jsonl" }),
    DataFileError,
    "x.jsonl:2: invalid JSON",
  );
  assertThrows(
    () => parseJsonl("[1,2]\n", { file: "x.jsonl" }),
    DataFileError,
    "x.jsonl:1: expected a JSON object",
  );
});

Deno.test("parseConll: DOCSTART, blank lines, tag column choice, malformed line names file and line", () => {
  const text =
    "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n";
  const s = parseConll(text);
  assertEquals(s.map((x) => x.tokens), [["EU", "rejects"], ["Peter", "Blackburn"]]);
  assertEquals(s.map((x) => x.tags), [["B-ORG", "O"], ["B-PER", "I-PER"]]);
  assertEquals(s.map((x) => x.line), [3, 7]);
  assertEquals(parseConll(text, { tagColumn: 2 })[1].tags, ["B-NP", "I-NP"]);
  assertThrows(
    () => parseConll("EU NNP B-NP B-ORG\nrejects VBZ\n", { file: "train.txt" }),
    DataFileError,
    "train.txt:2: expected 4 columns (as most token lines have), got 2",
  );
  // The first token line lost its tag: it is the line named, not the next one.
  assertThrows(
    () => parseConll("EU NNP B-NP\nrejects VBZ B-VP O\nit PRP B-NP O\n", { file: "train.txt" }),
    DataFileError,
    "train.txt:1: expected 4 columns (as most token lines have), got 3",
  );
  assertThrows(
    () => parseConll("EU B-ORG\n", { tagColumn: 5, file: "t.txt" }),
    DataFileError,
    "t.txt:1: tagColumn 5",
  );
});

Deno.test("parseMultiLabelTsv: label lists, optional id; bad label field names file and line", () => {
  const rows = parseMultiLabelTsv("Great!\t17,0\ta1\nOk\t27\ta2\n");
  assertEquals(rows.map((r) => [r.text, r.labels, r.id, r.line]), [["Great!", [17, 0], "a1", 1], [
    "Ok",
    [27],
    "a2",
    2,
  ]]);
  assertThrows(
    () => parseMultiLabelTsv("Hi\tjoy\tx\n", { file: "g.tsv" }),
    DataFileError,
    "g.tsv:1: labels must be",
  );
});

real("readTsv: SST-2 train/dev/test row counts (67,349 / 872 / 1,821)", async (d) => {
  const counts = [];
  for (const f of ["train", "dev", "test"]) {
    counts.push((await readTsv(join(d, "sst2/SST-2", `${f}.tsv`))).rows.length);
  }
  assertEquals(counts, [67349, 872, 1821]);
});

real("readTsv: RTE train/dev row counts (2,490 / 277) and columns", async (d) => {
  const train = await readTsv(join(d, "rte/RTE/train.tsv"));
  const dev = await readTsv(join(d, "rte/RTE/dev.tsv"));
  assertEquals([train.rows.length, dev.rows.length], [2490, 277]);
  assertEquals(train.columns, ["sentence1", "sentence2", "label", "idx"]);
});

real(
  "readTsv: SICK.txt has 9,927 pairs (the folder README's 9,840 is the Hugging Face copy)",
  async (d) => {
    const t = await readTsv(join(d, "sick/SICK.txt"));
    assertEquals(t.rows.length, 9927);
    assertEquals(
      new Set(t.rows.map((r) => r[4])),
      new Set(["NEUTRAL", "ENTAILMENT", "CONTRADICTION"]),
    );
  },
);

real("readTsv: SMSSpamCollection has 4,827 ham and 747 spam", async (d) => {
  const t = await readTsv(join(d, "smsspam/SMSSpamCollection"));
  assertEquals(t.columns, ["Label", "SMS"]);
  assertEquals([
    t.rows.filter((r) => r[0] === "ham").length,
    t.rows.filter((r) => r[0] === "spam").length,
  ], [4827, 747]);
});

real("readCsv: banking77 train/test row counts (10,003 / 3,080)", async (d) => {
  const train = await readCsv(join(d, "banking77/banking_data/train.csv"));
  const test = await readCsv(join(d, "banking77/banking_data/test.csv"));
  assertEquals([train.rows.length, test.rows.length], [10003, 3080]);
  assertEquals(train.columns, ["text", "category"]);
  assertEquals(new Set(train.rows.map((r) => r[1])).size, 77);
});

real(
  "readMultiLabelTsv: GoEmotions train/dev/test row counts (43,410 / 5,426 / 5,427)",
  async (d) => {
    const counts = [];
    for (const f of ["train", "dev", "test"]) {
      const rows = await readMultiLabelTsv(join(d, "goemotions/data/original", `${f}.tsv`));
      counts.push(rows.length);
      assertEquals(rows.every((r) => r.labels.every((l) => l < 28)), true);
    }
    assertEquals(counts, [43410, 5426, 5427]);
  },
);

real(
  "readConll: CoNLL-2003 sentence counts (14,041 / 3,250 / 3,453) and the 9 BIO tags",
  async (d) => {
    const counts = [];
    const tags = new Set<string>();
    for (const f of ["train", "valid", "test"]) {
      const s = await readConll(join(d, "conll2003/data", `${f}.txt`));
      counts.push(s.length);
      s.forEach((x) => x.tags.forEach((t) => tags.add(t)));
    }
    assertEquals(counts, [14041, 3250, 3453]);
    assertEquals([...tags].sort(), [
      "B-LOC",
      "B-MISC",
      "B-ORG",
      "B-PER",
      "I-LOC",
      "I-MISC",
      "I-ORG",
      "I-PER",
      "O",
    ]);
  },
);
