// Hub ids: downloaded once (revision in the URL and the cache path, atomic files, a manifest
// last, a progress bar), then loaded from the cache with no network — against a loopback server
// standing in for the hub, which is unreachable here.
import { assert, assertEquals, assertRejects } from "@std/assert";
import { join } from "node:path";
import { HubUnreachableError } from "../lib/data/hub.ts";
import { AutoModelForSequenceClassification } from "../lib/models/auto.ts";
import { resolveModelFolder } from "../lib/models/hub.ts";

const FIXTURE = new URL("./fixtures/hf/bert-seq/", import.meta.url).pathname;

function serve(files: Record<string, string>) {
  const requests: string[] = [];
  const server: Deno.HttpServer<Deno.NetAddr> = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (req) => {
      const path = new URL(req.url).pathname;
      requests.push(path);
      const m = /^\/kit\/tiny-bert\/resolve\/v1\/(.+)$/.exec(path);
      const file = m && files[m[1]];
      if (!file) return new Response("Entry not found", { status: 404 });
      return new Response(await Deno.readFile(join(FIXTURE, file)));
    },
  );
  return { server, requests, endpoint: `http://127.0.0.1:${server.addr.port}` };
}

const ALL = Object.fromEntries(
  ["config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"].map((
    f,
  ) => [f, f]),
);

Deno.test("hf hub: a hub id at a revision downloads once into the cache, then loads offline", async () => {
  const { server, requests, endpoint } = serve(ALL);
  const cacheDir = await Deno.makeTempDir();
  try {
    const model = await AutoModelForSequenceClassification.fromPretrained("kit/tiny-bert", {
      revision: "v1",
      endpoint,
      cacheDir,
      progress: "quiet",
    });
    assertEquals(model.id2label[2], "positive");
    assert(requests.includes("/kit/tiny-bert/resolve/v1/model.safetensors"));
    assert(requests.every((r) => r.startsWith("/kit/tiny-bert/resolve/v1/")));
    const folder = join(cacheDir, "kit--tiny-bert", "v1");
    const cached = [...Deno.readDirSync(folder)].map((e) => e.name).sort();
    assertEquals(cached, [".kit-complete.json", ...Object.keys(ALL)].sort());
    model.dispose();
  } finally {
    await server.shutdown();
  }
  // The server is gone: the cache serves, with downloads off too.
  const again = await AutoModelForSequenceClassification.fromPretrained("kit/tiny-bert", {
    revision: "v1",
    cacheDir,
    localFilesOnly: true,
  });
  assertEquals(again.architecture, "BertForSequenceClassification");
  again.dispose();
  await assertRejects(
    () => resolveModelFolder("kit/tiny-bert", { revision: "v2", cacheDir, localFilesOnly: true }),
    HubUnreachableError,
    "is not in the cache",
  );
  await Deno.remove(cacheDir, { recursive: true });
});

Deno.test("hf hub: a repo without model.safetensors is refused; an interrupted download is not cached", async () => {
  const { server, endpoint } = serve({
    "config.json": "config.json",
    "pytorch_model.bin": "config.json",
  });
  const cacheDir = await Deno.makeTempDir();
  try {
    await assertRejects(
      () =>
        resolveModelFolder("kit/tiny-bert", {
          revision: "v1",
          endpoint,
          cacheDir,
          progress: "quiet",
        }),
      Error,
      "has no model.safetensors: the kit loads safetensors weights only",
    );
    // config.json came whole, but without the manifest the folder does not count as cached.
    await assertRejects(
      () => resolveModelFolder("kit/tiny-bert", { revision: "v1", cacheDir, localFilesOnly: true }),
      HubUnreachableError,
    );
    await assertRejects(
      () => resolveModelFolder("kit/tiny-bert", { endpoint: "http://127.0.0.1:9", cacheDir }),
      HubUnreachableError,
      "could not reach",
    );
  } finally {
    await server.shutdown();
    await Deno.remove(cacheDir, { recursive: true });
  }
  await assertRejects(
    () => resolveModelFolder("not a model"),
    Error,
    "neither a model folder nor a hub id",
  );
});
