import { assert, assertEquals } from "@std/assert";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { dataDir } from "../lib/data/datadir.ts";
import { loadDataset } from "../lib/data/load.ts";
import { subsample } from "../lib/data/split.ts";

const dir = dataDir();
const hasSick = dir !== undefined && existsSync(join(dir, "sick/SICK.txt"));

Deno.test({
  name: `SICK carries its relatedness scores through the derived splits and subsampling${
    hasSick ? "" : " (skipped: no sick/SICK.txt in the data directory; set KIT_DATA_DIR)"
  }`,
  ignore: !hasSick,
  async fn() {
    const train = await loadDataset("sick", { split: "train", source: "local" });
    const scores = train.relatedness!;
    assertEquals(scores.length, train.labels.length);
    assert(scores.every((s) => s >= 1 && s <= 5));
    // SICK's first line: "A group of kids is playing in a yard and an old man is standing in
    // the background" / "A group of boys in a yard is playing ...", relatedness 4.5
    const all = [
      train,
      await loadDataset("sick", { split: "validation", source: "local" }),
      await loadDataset("sick", { split: "test", source: "local" }),
    ];
    const first = all.flatMap((d) =>
      d.inputs.map((p, i) => ({ p, s: d.relatedness![i] }))
        .filter(({ p }) => p[0].startsWith("A group of kids is playing in a yard and an old man"))
        .filter(({ p }) => p[1].startsWith("A group of boys in a yard is playing"))
    );
    assertEquals(first.map((f) => f.s), [4.5]);
    const small = subsample(train, 50, { seed: 1 });
    small.inputs.forEach((pair, i) => {
      const j = train.inputs.findIndex((q) => q[0] === pair[0] && q[1] === pair[1]);
      assertEquals(small.relatedness![i], scores[j]);
    });
  },
});
