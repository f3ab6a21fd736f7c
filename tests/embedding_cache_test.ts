import { assertEquals, assertRejects, assertThrows } from "@std/assert";
import { cachedEmbed, clearEmbeddingCache, embeddingCacheDir } from "../lib/encoders/cache.ts";
import { ArgumentError } from "../lib/errors.ts";

/** A deterministic fake model: a text becomes [length, first char code]. */
function counter() {
  const seen: string[] = [];
  const embed = (texts: string[]) => {
    seen.push(...texts);
    return Promise.resolve(texts.map((t) => new Float32Array([t.length, t.charCodeAt(0) || 0])));
  };
  return { seen, embed };
}

async function withDir(fn: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "kit-cache-test-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("cachedEmbed embeds only missing distinct texts and keeps order", () =>
  withDir(async (dir) => {
    const a = counter();
    const first = await cachedEmbed("m", ["héllo", "x", "héllo"], a.embed, { dir });
    assertEquals(a.seen, ["héllo", "x"]);
    assertEquals(first.map((v) => [...v]), [[5, 104], [1, 120], [5, 104]]);
    first[0][0] = 99; // duplicates are copies
    assertEquals(first[2][0], 5);

    const b = counter();
    const second = await cachedEmbed("m", ["x", "new", "héllo", ""], b.embed, { dir });
    assertEquals(b.seen, ["new", ""]);
    assertEquals(second.map((v) => [...v]), [[1, 120], [3, 110], [5, 104], [0, 0]]);
  }));

Deno.test("cache is keyed by model name; disabled cache always embeds", () =>
  withDir(async (dir) => {
    await cachedEmbed("m1", ["a"], counter().embed, { dir });
    const other = counter();
    await cachedEmbed("org/m2", ["a"], other.embed, { dir });
    assertEquals(other.seen, ["a"]);
    const off = counter();
    await cachedEmbed("m1", ["a"], off.embed, { dir, enabled: false });
    assertEquals(off.seen, ["a"]);
    assertEquals(embeddingCacheDir("org/m2", dir), `${dir}/embeddings/org--m2`);
  }));

Deno.test("cache leaves no temporary files and re-embeds a corrupted file", () =>
  withDir(async (dir) => {
    await cachedEmbed("m", ["abc"], counter().embed, { dir });
    const files: string[] = [];
    for await (const sub of Deno.readDir(embeddingCacheDir("m", dir))) {
      for await (const f of Deno.readDir(`${embeddingCacheDir("m", dir)}/${sub.name}`)) {
        files.push(`${embeddingCacheDir("m", dir)}/${sub.name}/${f.name}`);
      }
    }
    assertEquals(files.length, 1);
    assertEquals(files[0].endsWith(".f32"), true);
    await Deno.writeFile(files[0], new Uint8Array([1, 2, 3]));
    const again = counter();
    const [v] = await cachedEmbed("m", ["abc"], again.embed, { dir });
    assertEquals(again.seen, ["abc"]);
    assertEquals([...v], [3, 97]);
  }));

Deno.test("clearEmbeddingCache removes one model's vectors", () =>
  withDir(async (dir) => {
    await cachedEmbed("m", ["a"], counter().embed, { dir });
    await cachedEmbed("n", ["a"], counter().embed, { dir });
    await clearEmbeddingCache("m", dir);
    await clearEmbeddingCache("m", dir); // absent is fine
    const m = counter();
    const n = counter();
    await cachedEmbed("m", ["a"], m.embed, { dir });
    await cachedEmbed("n", ["a"], n.embed, { dir });
    assertEquals([m.seen, n.seen], [["a"], []]);
  }));

Deno.test("cachedEmbed rejects bad input and a wrong number of vectors", () =>
  withDir(async (dir) => {
    await assertRejects(
      () => cachedEmbed("m", ["a", 3 as unknown as string], counter().embed, { dir }),
      ArgumentError,
      "texts[1] = 3: is not a string",
    );
    await assertRejects(
      () => cachedEmbed("m", ["a", "b"], () => Promise.resolve([new Float32Array(2)]), { dir }),
      ArgumentError,
      "embedMissing(texts) = [Float32Array(2)]: has 1 vectors for 2 texts",
    );
    assertThrows(
      () => embeddingCacheDir(" "),
      ArgumentError,
      'modelName = " ": is not a non-empty',
    );
  }));
