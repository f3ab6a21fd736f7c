import { assertEquals } from "@std/assert";
import { initBackend } from "../lib/backend.ts";
import * as multitask from "../tools/demo/multitask.ts";

await initBackend({ quiet: true });

Deno.test("demo Ex. 14.6.4: head sizes hidden x labels + labels; the summed loss leaves a head's gradient its own", async () => {
  assertEquals(
    multitask.multiTaskHeadSizes(768, { a: ["x", "y", "z"], b: "abcdefghij".split("") }),
    { a: 2307, b: 7690 },
  );
  assertEquals(multitask.multiTaskHeadSizes(512, { s: ["x", "y", "z"], i: "abcdefgh".split("") }), {
    s: 1539,
    i: 4104,
  });
  assertEquals(multitask.sumVersusAloneGradient(), 0);
  assertEquals((await multitask.rows()).map((r) => r.agrees), [true, true, true]);
});
