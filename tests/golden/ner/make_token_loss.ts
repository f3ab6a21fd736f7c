/**
 * Writes token_loss.json: USE-lite's weights (from the trainable model, as the kit loads them),
 * the golden batch (batch.ts) tokenized and aligned by the kit, and the head's weights go to a
 * temporary folder; make_token_loss.py computes the loss and gradients in PyTorch from them.
 *
 *   deno run -A tests/golden/ner/make_token_loss.ts   (needs /usr/bin/python3 with torch,
 *   or KIT_PYTHON)
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { alignLabels } from "../../../lib/ner/align.ts";
import { CONLL_TAGS } from "../../../lib/data/registry.ts";
import { TrainableUseLite } from "../../../lib/encoders/use_lite/trainable.ts";
import { type TensorData, writeSafetensors } from "../../../lib/safetensors.ts";
import { headWeights, STRATEGIES, TAGS, WORDS } from "./batch.ts";

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const use = await TrainableUseLite.load();
const body = use.tokenBody();
const dir = await Deno.makeTempDir({ prefix: "kit-ner-golden-" });
const tensors: Record<string, TensorData> = {};
for (const [name, [t]] of Object.entries(use.model.weights)) {
  if (t.dtype === "float32") tensors[name] = { shape: t.shape, data: t.dataSync() as Float32Array };
}
const { weight, bias } = headWeights(CONLL_TAGS.length, body.hiddenSize);
tensors["classifier.weight"] = { shape: [CONLL_TAGS.length, body.hiddenSize], data: weight };
tensors["classifier.bias"] = { shape: [CONLL_TAGS.length], data: bias };
await writeSafetensors(join(dir, "weights.safetensors"), tensors);
const encodings = WORDS.map((w) => body.tokenizeWords(w));
await Deno.writeTextFile(
  join(dir, "batch.json"),
  JSON.stringify({
    words: WORDS,
    strategies: STRATEGIES,
    pieceIds: encodings.map((e) => e.inputIds),
    labels: encodings.map((e, i) =>
      alignLabels(TAGS[i], e.wordIds, { labelList: CONLL_TAGS, strategy: STRATEGIES[i] })
    ),
  }),
);
use.dispose();
const python = Deno.env.get("KIT_PYTHON") ?? "/usr/bin/python3";
const { code } = await new Deno.Command(python, {
  args: [here("./make_token_loss.py"), dir, here("./token_loss.json")],
}).spawn().status;
await Deno.remove(dir, { recursive: true });
if (code !== 0) Deno.exit(code);
