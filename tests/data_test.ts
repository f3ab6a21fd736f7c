import { assert, assertEquals, assertRejects, assertThrows } from "@std/assert";
import { ByteWriter, parquetWrite } from "hyparquet-writer";
import { join } from "node:path";
import { ArgumentError } from "../lib/errors.ts";
import { classDistribution, formatClassDistribution } from "../lib/data/distribution.ts";
import {
  fromDict,
  type PairDataset,
  selectRows,
  type SingleLabelDataset,
  validateDataset,
  withInputs,
} from "../lib/data/dataset.ts";
import { listDatasets, loadDataset } from "../lib/data/load.ts";
import {
  sampleDataset,
  subsample,
  trainTestSplit,
  trainTestSplitIndices,
} from "../lib/data/split.ts";
import { makeData } from "../tools/make_data.ts";
import { dataTest } from "./helpers/shared_data.ts";

const real = dataTest;

async function counts(name: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const split of listDatasets().find((d) => d.name === name)!.splits) {
    out[split] = (await loadDataset(name, { split, source: "local" })).labels.length;
  }
  return out;
}

// ---- the real datasets, row counts as in ../shared/datasets/README.md ----

real("loadDataset sst2: 67,349 / 872 / 1,821 rows, labels negative/positive", async () => {
  assertEquals(await counts("sst2"), { train: 67349, validation: 872, test: 1821 });
  const ds = await loadDataset("sst2", { split: "validation" });
  assertEquals([ds.task, ds.labelNames], ["single_label", ["negative", "positive"]]);
  assertEquals(ds.inputs[0], "one long string of cliches .");
});

real("loadDataset conll2003: 14,041 / 3,250 / 3,453 sentences with the 9 BIO tags", async () => {
  assertEquals(await counts("conll2003"), { train: 14041, validation: 3250, test: 3453 });
  const ds = await loadDataset("conll2003", { split: "train" });
  assertEquals(ds.inputs[0], [
    "EU",
    "rejects",
    "German",
    "call",
    "to",
    "boycott",
    "British",
    "lamb",
    ".",
  ]);
  assertEquals(ds.labels[0].map((t) => ds.labelNames[t]), [
    "B-ORG",
    "O",
    "B-MISC",
    "O",
    "O",
    "O",
    "B-MISC",
    "O",
    "O",
  ]);
});

real("loadDataset rte: 2,490 / 277 pairs; the unlabelled test split is refused", async () => {
  assertEquals(await counts("rte"), { train: 2490, validation: 277 });
  const ds = await loadDataset("rte", { split: "train" });
  assertEquals(ds.inputs[0][1], "Weapons of Mass Destruction Found in Iraq.");
  assertEquals(ds.labelNames[ds.labels[0]], "not_entailment");
  await assertRejects(
    () => loadDataset("rte", { split: "test" }),
    Error,
    "use one of train, validation",
  );
});

real("loadDataset sick: 9,927 pairs split 4,500 / 500 / 4,927, stratified, disjoint", async () => {
  assertEquals(await counts("sick"), { train: 4500, validation: 500, test: 4927 });
  const parts = await Promise.all(
    ["train", "validation", "test"].map((split) => loadDataset("sick", { split })),
  );
  const keys = parts.flatMap((p) => p.inputs.map((x) => x.join("\t")));
  assertEquals(keys.length, 9927);
  const fractions = parts.map((p) => classDistribution(p).fractions[0]);
  assert(Math.max(...fractions) - Math.min(...fractions) < 0.01, `entailment shares ${fractions}`);
});

real("loadDataset banking77: 10,003 / 3,080 rows, 77 intents", async () => {
  assertEquals(await counts("banking77"), { train: 10003, test: 3080 });
  assertEquals((await loadDataset("banking77", { split: "test" })).labelNames.length, 77);
});

real(
  "loadDataset clinc150: 15,000 + 100 / 3,000 + 100 / 4,500 + 1,000 (in scope + oos), 151 classes",
  async () => {
    assertEquals(await counts("clinc150"), { train: 15100, validation: 3100, test: 5500 });
    const test = await loadDataset("clinc150", { split: "test" });
    assertEquals(classDistribution(test).counts[test.labelNames.indexOf("oos")], 1000);
    assertEquals(test.labelNames.length, 151);
  },
);

real("loadDataset tweet_eval/emotion: 3,257 / 374 / 1,421 tweets, 4 emotions", async () => {
  assertEquals(await counts("tweet_eval/emotion"), { train: 3257, validation: 374, test: 1421 });
  assertEquals((await loadDataset("tweet_eval/emotion")).labelNames, [
    "anger",
    "joy",
    "optimism",
    "sadness",
  ]);
});

real("loadDataset goemotions: 43,410 / 5,426 / 5,427 rows, 28 labels, multi-label", async () => {
  assertEquals(await counts("goemotions"), { train: 43410, validation: 5426, test: 5427 });
  const ds = await loadDataset("goemotions", { split: "validation" });
  assertEquals([ds.task, ds.labelNames.length, ds.labelNames[27]], ["multi_label", 28, "neutral"]);
  assert(ds.labels.some((ls) => ls.length > 1));
});

real(
  "loadDataset sms_spam: 5,574 messages (4,827 ham / 747 spam) split 70/10/20 stratified",
  async () => {
    const c = await counts("sms_spam");
    assertEquals(c, { train: 3902, validation: 557, test: 1115 });
    let spam = 0;
    for (const split of ["train", "validation", "test"]) {
      spam += classDistribution(await loadDataset("sms_spam", { split })).counts[1];
    }
    assertEquals(spam, 747);
  },
);

// ---- the kit's own datasets ----

Deno.test("kit datasets load with their documented sizes and label sets", async () => {
  const sizes: Record<string, number> = {};
  for (const { name, splits } of listDatasets().filter((d) => d.name.startsWith("kit/"))) {
    for (const split of splits) {
      sizes[`${name}/${split}`] = (await loadDataset(name, { split })).labels.length;
    }
  }
  assertEquals(sizes, {
    "kit/sentiment/train": 1050,
    "kit/sentiment/validation": 150,
    "kit/sentiment/test": 300,
    "kit/intents/train": 1050,
    "kit/intents/validation": 150,
    "kit/intents/test": 300,
    "kit/ner/train": 490,
    "kit/ner/validation": 70,
    "kit/ner/test": 140,
    "kit/nli/train": 700,
    "kit/nli/validation": 100,
    "kit/nli/test": 200,
    "kit/compliance/train": 1400,
    "kit/compliance/validation": 200,
    "kit/compliance/test": 400,
    "kit/fraud/train": 3500,
    "kit/fraud/validation": 500,
    "kit/fraud/test": 1000,
  });
  const intents = await loadDataset("kit/intents");
  assertEquals(intents.labelNames.slice(0, 3), ["booking", "cancellation", "inquiry"]);
  const ner = await loadDataset("kit/ner");
  assertEquals(
    new Set(ner.labelNames.map((t) => t.replace(/^[BI]-/, ""))),
    new Set(["O", "PER", "ORG", "LOC", "MISC"]),
  );
});

Deno.test("kit/compliance matches the chapter's scenario: 21 tags, GDPR ~40 %, Basel III ~3 %, ~2.3 tags/doc", async () => {
  const all = { inputs: [] as string[], labels: [] as number[][] };
  let labelNames: string[] = [];
  for (const split of ["train", "validation", "test"]) {
    const ds = await loadDataset("kit/compliance", { split });
    all.inputs.push(...ds.inputs);
    all.labels.push(...ds.labels);
    labelNames = ds.labelNames;
  }
  const d = classDistribution({
    name: "kit/compliance",
    split: "all",
    task: "multi_label",
    labelNames,
    ...all,
  });
  assertEquals(d.total, 2000);
  assertEquals(labelNames.length, 21);
  assertEquals(d.fractions[labelNames.indexOf("GDPR")], 0.4);
  assertEquals(d.fractions[labelNames.indexOf("Basel III")], 0.03);
  assertEquals(d.labelsPerExample, 2.3);
  assert(all.labels.every((ls) => ls.length >= 1));
});

Deno.test("kit/fraud is extremely imbalanced: 50 fraud in 5,000 (1 %), in every split", async () => {
  let fraud = 0;
  for (const split of ["train", "validation", "test"]) {
    const d = classDistribution(await loadDataset("kit/fraud", { split }));
    assertEquals(d.fractions[1], 0.01);
    fraud += d.counts[1];
  }
  assertEquals(fraud, 50);
});

Deno.test("tools/make_data.ts regenerates data/ byte for byte (seeded), and twice the same", async () => {
  const first = makeData();
  const second = makeData();
  const digest = async (files: Map<string, string>) => {
    const all = [...files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, c]) => `${p}\0${c}\0`)
      .join("");
    const h = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(all));
    return [...new Uint8Array(h)].map((b) => b.toString(16).padStart(2, "0")).join("");
  };
  assertEquals(await digest(first), await digest(second));
  const dataRoot = new URL("../data/", import.meta.url);
  for (const [path, content] of first) {
    assertEquals(
      await Deno.readTextFile(new URL(path, dataRoot)),
      content,
      `data/${path} differs from the generator`,
    );
  }
  const total = [...first.values()].reduce((n, c) => n + new TextEncoder().encode(c).length, 0);
  assert(total < 3_000_000, `data/ is ${total} bytes`);
});

// ---- bad input ----

Deno.test("loadDataset: unknown name lists the known ones; unknown split lists the dataset's", async () => {
  const e = await assertRejects(() => loadDataset("sst3"), Error, 'name = "sst3": is not a known');
  assert(e.message.includes("sst2") && e.message.includes("kit/compliance"), e.message);
  await assertRejects(
    () => loadDataset("kit/nli", { split: "dev" }),
    Error,
    'options.split = "dev": kit/nli has no such split; use one of train, validation, test',
  );
});

async function fakeDataDir(files: Record<string, string>): Promise<string> {
  const root = await Deno.makeTempDir();
  for (const [path, content] of Object.entries(files)) {
    await Deno.mkdir(join(root, path, ".."), { recursive: true });
    await Deno.writeTextFile(join(root, path), content);
  }
  return root;
}

Deno.test("loadDataset: empty text, unknown label, ragged TSV and malformed CoNLL name the file and line", async () => {
  const root = await fakeDataDir({
    "sst2/SST-2/dev.tsv": "label\tcontent\n1\tfine film\n0\t \n",
    "sst2/SST-2/train.tsv": "label\tsentence\n1\tgood\n7\tbad\n",
    "sst2/SST-2/test.tsv": "label\tcontent\n1\tgood\n0\tbad\textra\n",
    "conll2003/data/valid.txt": "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP\n",
    "conll2003/data/train.txt": "EU NNP B-NP B-ORGANISATION\n",
  });
  try {
    const at = (p: string) => join(root, p);
    await assertRejects(
      () => loadDataset("sst2", { split: "validation", dataDir: root }),
      Error,
      `${at("sst2/SST-2/dev.tsv")}:3: empty text`,
    );
    await assertRejects(
      () => loadDataset("sst2", { split: "train", dataDir: root }),
      Error,
      `${at("sst2/SST-2/train.tsv")}:3: label must be an integer in [0, 1], got "7"`,
    );
    await assertRejects(
      () => loadDataset("sst2", { split: "test", dataDir: root }),
      Error,
      `${at("sst2/SST-2/test.tsv")}:3: expected 2 tab-separated fields, got 3`,
    );
    await assertRejects(
      () => loadDataset("conll2003", { split: "validation", dataDir: root }),
      Error,
      `${at("conll2003/data/valid.txt")}:4: expected 4 columns (as most token lines have), got 3`,
    );
    await assertRejects(
      () => loadDataset("conll2003", { split: "train", dataDir: root }),
      Error,
      `${at("conll2003/data/train.txt")}:1: unknown label "B-ORGANISATION"`,
    );
    await assertRejects(
      () =>
        loadDataset("sst2", { split: "validation", dataDir: root, source: "local", offline: true }),
      Error,
      "empty text",
    );
    await assertRejects(
      () => loadDataset("banking77", { dataDir: root, source: "local" }),
      Error,
      "set KIT_DATA_DIR to a folder laid out like ../shared/datasets",
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("validateDataset: empty text, label out of range, length mismatch are errors naming the row", () => {
  const base = {
    name: "toy",
    split: "train",
    task: "single_label" as const,
    labelNames: ["a", "b"],
  };
  assertThrows(
    () => validateDataset({ ...base, inputs: ["x", ""], labels: [0, 1] }),
    ArgumentError,
    'dataset.inputs[1] = "": is not a non-empty text (toy (train))',
  );
  assertThrows(
    () => validateDataset({ ...base, inputs: ["x"], labels: [2] }),
    ArgumentError,
    "dataset.labels[0] = 2: is not an index into the 2 labelNames of toy (train); use an integer from 0 to 1",
  );
  assertThrows(
    () => validateDataset({ ...base, inputs: ["x"], labels: [0, 1] }),
    ArgumentError,
    "dataset.labels = [0, 1]: has 2 labels for the 1 inputs of toy (train)",
  );
  assertThrows(
    () =>
      validateDataset({
        name: "t",
        split: "s",
        task: "token",
        labelNames: ["O"],
        inputs: [["a", "b"]],
        labels: [[0]],
      }),
    ArgumentError,
    "dataset.labels[0] = [0]: has 1 tags for the 2 tokens of t (s)",
  );
});

Deno.test("withInputs: the same dataset (labels, labelNames, name, split, extra columns) with new inputs; lengths must agree", () => {
  const pairs: PairDataset = {
    name: "toy-pairs",
    split: "test",
    task: "pair",
    labelNames: ["entailment", "contradiction"],
    inputs: [["a", "b"], ["c", "d"], ["e", "f"]],
    labels: [0, 1, 0],
    relatedness: [4.5, 1.2, 3.9],
  };
  const vectors = [[1, 0], [0, 1], [1, 1]].map((v) => Float32Array.from(v));
  const embedded = withInputs(pairs, vectors);
  assertEquals(embedded.inputs, vectors);
  assertEquals(
    { ...embedded, inputs: undefined },
    { ...pairs, inputs: undefined },
    "everything but inputs is kept",
  );
  assertEquals(pairs.inputs[0], ["a", "b"], "the original is unchanged");
  // selectRows keeps the extra column in step with the new inputs
  const picked = selectRows(embedded, [2, 0]);
  assertEquals(picked.inputs, [vectors[2], vectors[0]]);
  assertEquals(picked.relatedness, [3.9, 4.5]);
  assertEquals(picked.labelNames, pairs.labelNames);
  assertThrows(
    () => selectRows(embedded, [0, 3]),
    ArgumentError,
    "indices[1] = 3: is not a row of toy-pairs (3 rows); use an integer from 0 to 2",
  );
  assertThrows(
    () => withInputs(pairs, vectors.slice(0, 2)),
    ArgumentError,
    "inputs = [Float32Array(2), Float32Array(2)]: has 2 entries for the 3 examples of toy-pairs",
  );
  assertThrows(
    () => withInputs({ inputs: ["x"], labels: [0] }, []),
    ArgumentError,
    "inputs = []: has 0 entries for the 1 examples;",
  );
});

Deno.test("fromDict: text and label columns as Hugging Face's Dataset.from_dict, labels as given", () => {
  const ds = fromDict({ text: ["good", "bad", "fine"], label: ["pos", "neg", "pos"] });
  assertEquals(ds, { inputs: ["good", "bad", "fine"], labels: ["pos", "neg", "pos"] });
  const multi = fromDict({ text: ["a", "b"], label: [[0, 2], []] });
  assertEquals(multi.labels, [[0, 2], []]);
  assertThrows(
    () => fromDict({ text: ["a", "b"], label: [1] }),
    ArgumentError,
    "columns.label = [1]: has 1 labels for 2 texts",
  );
  assertThrows(
    () => fromDict({ text: ["a", 3 as unknown as string], label: [1, 0] }),
    ArgumentError,
    "columns.text[1] = 3: is not a string",
  );
  assertThrows(
    () => fromDict({ text: "a" as unknown as string[], label: [1] }),
    ArgumentError,
    'columns.text = "a": is not an array',
  );
});

// ---- split utilities ----

const toy = (labels: number[]): SingleLabelDataset => ({
  name: "toy",
  split: "train",
  task: "single_label",
  labelNames: ["a", "b", "c"],
  inputs: labels.map((_, i) => `text ${i}`),
  labels,
});

Deno.test("trainTestSplit: stratified, exact sizes, disjoint, seeded", () => {
  const labels = [...Array(70).fill(0), ...Array(20).fill(1), ...Array(10).fill(2)];
  const { train, test } = trainTestSplit(toy(labels), { testSize: 0.2, seed: 7 });
  assertEquals([train.labels.length, test.labels.length], [80, 20]);
  assertEquals(classDistribution(test).counts, [14, 4, 2]);
  assertEquals(new Set([...train.inputs, ...test.inputs]).size, 100);
  assertEquals(trainTestSplit(toy(labels), { testSize: 0.2, seed: 7 }).test.inputs, test.inputs);
  assert(
    trainTestSplit(toy(labels), { testSize: 0.2, seed: 8 }).test.inputs.join() !==
      test.inputs.join(),
  );
  assertThrows(() => trainTestSplitIndices(labels, { testSize: 1.5 }), Error, "testSize = 1.5");
  assertThrows(() => trainTestSplitIndices(labels, { testSize: 100 }), Error, "testSize = 100");
});

Deno.test("trainTestSplit: largest-remainder rounding keeps the requested test size", () => {
  const { test } = trainTestSplitIndices([0, 0, 0, 1, 1, 1, 2, 2, 2], { testSize: 4, seed: 1 });
  assertEquals(test.length, 4);
});

Deno.test("trainTestSplit: multi-label data splits unstratified; stratify: true is refused", async () => {
  const ds = await loadDataset("kit/compliance", { split: "validation" });
  const { train, test } = trainTestSplit(ds, { testSize: 0.25 });
  assertEquals([train.inputs.length, test.inputs.length], [150, 50]);
  assertThrows(
    () => trainTestSplit(ds, { testSize: 0.25, stratify: true }),
    Error,
    'dataset.task = "multi_label"',
  );
});

Deno.test("sampleDataset: K per class (all of a smaller class), seeded; subsample keeps shares", async () => {
  const ds = toy([...Array(30).fill(0), ...Array(10).fill(1), 2, 2, 2]);
  const few = sampleDataset(ds, { numSamples: 8, seed: 5 });
  assertEquals(classDistribution(few).counts, [8, 8, 3]);
  assertEquals(sampleDataset(ds, { numSamples: 8, seed: 5 }).inputs, few.inputs);
  assertThrows(
    () => sampleDataset(ds, { numSamples: 0 }),
    Error,
    "numSamples = 0: is not a positive integer",
  );
  const sentiment = await loadDataset("kit/sentiment");
  const small = subsample(sentiment, 105, { seed: 3 });
  assertEquals(small.inputs.length, 105);
  const [a, b] = [classDistribution(sentiment).fractions, classDistribution(small).fractions];
  a.forEach((f, k) => assert(Math.abs(f - b[k]) < 0.01, `class ${k}: ${f} vs ${b[k]}`));
});

Deno.test("formatClassDistribution prints counts, shares and labels per example", async () => {
  const text = formatClassDistribution(
    classDistribution(await loadDataset("kit/compliance", { split: "test" })),
  );
  assert(
    text.includes("GDPR") && text.includes("Basel III") && text.includes("labels per example"),
    text,
  );
  assertEquals(text.split("\n").length, 21 + 3);
});

// ---- the Hugging Face hub path, against a real HTTP server on 127.0.0.1 ----

function parquetBytes(
  columns: { name: string; data: unknown[]; type: "STRING" | "INT64" }[],
  features: unknown,
): ArrayBuffer {
  const writer = new ByteWriter();
  parquetWrite({
    writer,
    columnData: columns.map((c) => ({
      ...c,
      data: c.type === "INT64" ? c.data.map((x) => BigInt(x as number)) : c.data,
    })),
    kvMetadata: [{ key: "huggingface", value: JSON.stringify({ info: { features } }) }],
  });
  return writer.getBuffer();
}

function goEmotionsBytes(): ArrayBuffer {
  const writer = new ByteWriter();
  const columnData = [
    { name: "text", data: ["so happy", "meh", "thanks a lot"] },
    { name: "labels", data: [[17n, 0n], [27n], [15n]] },
  ];
  parquetWrite({
    writer,
    columnData,
    schema: [
      { name: "root", num_children: 2 },
      { name: "text", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
      { name: "labels", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
      { name: "list", repetition_type: "REPEATED", num_children: 1 },
      { name: "element", type: "INT64", repetition_type: "OPTIONAL" },
    ],
    kvMetadata: [{
      key: "huggingface",
      value: JSON.stringify({
        info: {
          features: {
            labels: { feature: { names: GO_NAMES, _type: "ClassLabel" }, _type: "Sequence" },
          },
        },
      }),
    }],
  });
  return writer.getBuffer();
}
const GO_NAMES = Array.from({ length: 28 }, (_, k) => `emotion${k}`);

Deno.test("hub: listing → parquet download → cache → rows, against a loopback server; then offline from the cache", async () => {
  const features = { label: { names: ["negative", "positive"], _type: "ClassLabel" } };
  const shards = [
    parquetBytes([{ name: "sentence", data: ["a gem", "a mess"], type: "STRING" }, {
      name: "label",
      data: [1, 0],
      type: "INT64",
    }], features),
    parquetBytes([{ name: "sentence", data: ["fine"], type: "STRING" }, {
      name: "label",
      data: [1],
      type: "INT64",
    }], features),
  ];
  const unlabelled = parquetBytes([{ name: "sentence", data: ["?"], type: "STRING" }, {
    name: "label",
    data: [-1],
    type: "INT64",
  }], features);
  const requests: string[] = [];
  let base = "";
  const server: Deno.HttpServer<Deno.NetAddr> = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen: () => {},
  }, (req): Response => {
    const url = new URL(req.url);
    requests.push(url.pathname);
    switch (url.pathname) {
      case "/api/datasets/stanfordnlp/sst2/parquet/default/validation":
        return Response.json([
          `${base}/files/validation/0.parquet`,
          `${base}/files/validation/1.parquet`,
        ]);
      case "/api/datasets/stanfordnlp/sst2/parquet/default/test":
        return Response.json([`${base}/files/test/0.parquet`]);
      case "/api/datasets/google-research-datasets/go_emotions/parquet/simplified/train":
        return Response.json([`${base}/files/go/0.parquet`]);
      case "/files/validation/0.parquet":
        return new Response(shards[0]);
      case "/files/validation/1.parquet":
        return new Response(shards[1]);
      case "/files/test/0.parquet":
        return new Response(unlabelled);
      case "/files/go/0.parquet":
        return new Response(goEmotionsBytes());
    }
    return new Response("not found", { status: 404 });
  });
  const cacheDir = await Deno.makeTempDir();
  const endpoint = `http://127.0.0.1:${server.addr.port}`;
  base = endpoint;
  try {
    const ds = await loadDataset("sst2", {
      split: "validation",
      source: "hub",
      endpoint,
      cacheDir,
    });
    assertEquals([ds.inputs, ds.labels, ds.labelNames], [["a gem", "a mess", "fine"], [1, 0, 1], [
      "negative",
      "positive",
    ]]);
    assertEquals(requests.length, 3);
    const cached = [
      ...Deno.readDirSync(join(cacheDir, "stanfordnlp--sst2", "default", "validation")),
    ].map((e) => e.name).sort();
    assertEquals(cached, ["0.parquet", "1.parquet", "files.json"]);

    const go = await loadDataset("goemotions", {
      split: "train",
      source: "hub",
      endpoint,
      cacheDir,
    });
    assertEquals([go.task, go.labels, go.labelNames.length], [
      "multi_label",
      [[0, 17], [27], [15]],
      28,
    ]);

    await assertRejects(
      () => loadDataset("sst2", { split: "test", source: "hub", endpoint, cacheDir }),
      Error,
      "is unlabelled (label -1 at row 0)",
    );
    await assertRejects(
      () => loadDataset("sst2", { split: "train", source: "hub", endpoint, cacheDir }),
      ArgumentError,
      'split = "train": is not a split of stanfordnlp/sst2 (default) on the hub: GET',
    );
  } finally {
    await server.shutdown();
  }
  try {
    // The server is gone: the cached split still loads, with no request.
    const before = requests.length;
    const again = await loadDataset("sst2", {
      split: "validation",
      source: "hub",
      endpoint,
      cacheDir,
    });
    assertEquals([again.inputs.length, requests.length], [3, before]);
    // Not cached and the hub unreachable: the error says both ways to get the data.
    const empty = await Deno.makeTempDir();
    const e = await assertRejects(
      () => loadDataset("banking77", { split: "train", dataDir: empty, endpoint, cacheDir }),
      Error,
      "no local copy and the Hugging Face hub is unreachable",
    );
    assert(
      e.message.includes("KIT_DATA_DIR") && e.message.includes("go online") &&
        e.message.includes("PolyAI/banking77"),
      e.message,
    );
    await assertRejects(
      () => loadDataset("banking77", { split: "train", dataDir: empty, cacheDir, offline: true }),
      Error,
      "hub is offline",
    );
    await Deno.remove(empty);
  } finally {
    await Deno.remove(cacheDir, { recursive: true });
  }
});
