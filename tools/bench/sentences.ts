/**
 * The sentences the encoder benchmarks embed.
 * @module
 */
import { loadDataset } from "../../lib/data/load.ts";
import { Random } from "../../lib/random.ts";

/** Benchmark sentences: a seeded sample of SST-2 train, else the kit's sentiment set. */
export async function benchSentences(n: number): Promise<{ texts: string[]; source: string }> {
  try {
    const sst2 = await loadDataset("sst2", { source: "local" });
    const texts = new Random(8).shuffle([...sst2.inputs]).slice(0, n);
    return { texts, source: `${n} SST-2 train sentences (seeded sample)` };
  } catch {
    const kit = await loadDataset("kit/sentiment");
    const texts = kit.inputs.slice(0, n);
    return { texts, source: `${texts.length} kit/sentiment sentences (no SST-2 in the data dir)` };
  }
}
