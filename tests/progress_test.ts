import { assert, assertEquals, assertMatch, assertThrows } from "@std/assert";
import { formatProgress, progress, track } from "../lib/progress.ts";
import { runNotebook } from "../tools/notebooks.ts";

/** A terminal-mode bar on a fake clock, collecting what it writes. */
function terminalBar(total: number | undefined, minIntervalMs = 100) {
  const writes: string[] = [];
  let t = 0;
  const bar = progress(total, {
    label: "embed",
    mode: "terminal",
    minIntervalMs,
    write: (s) => writes.push(s),
    now: () => t,
  });
  return { bar, writes, advance: (ms: number) => (t += ms) };
}

Deno.test("formatProgress: percent, bar, rate, ETA; elapsed when finished; no ETA without total", () => {
  assertEquals(
    formatProgress({ label: "embed", count: 50, total: 200, elapsedMs: 2000 }),
    "embed 50/200 25% [█████               ] 25.0/s ETA 6s",
  );
  assertEquals(
    formatProgress({ count: 200, total: 200, elapsedMs: 125_000 }),
    "200/200 100% [████████████████████] 1.6/s in 2m05s",
  );
  assertEquals(formatProgress({ label: "steps", count: 7, elapsedMs: 0 }), "steps 7 0.0/s");
  assertEquals(
    formatProgress({ count: 1, total: 7201, elapsedMs: 1000 }),
    "1/7201 0% [                    ] 1.0/s ETA 2h00m",
  );
});

Deno.test("terminal: one line redrawn with \\r, throttled, newline at done", async () => {
  const { bar, writes, advance } = terminalBar(10);
  assertEquals(writes, ["\r" + "embed 0/10 0% [                    ] 0.0/s\x1b[K"]);
  bar.tick(); // 0 ms since the first draw: throttled
  advance(100);
  bar.tick();
  advance(50);
  bar.tick(); // 50 ms: throttled
  assertEquals(writes.length, 2);
  assertEquals(writes[1], "\rembed 2/10 20% [████                ] 20.0/s ETA 0s\x1b[K");
  bar.tick(7);
  await bar.done();
  await bar.done();
  assertEquals(writes.length, 3);
  assert(writes[2].startsWith("\rembed 10/10 100%") && writes[2].endsWith("\x1b[K\n"), writes[2]);
  assertThrows(() => bar.tick(), Error, "tick() after done()");
});

Deno.test("quiet (CI logs): nothing until done, then one line", async () => {
  const lines: string[] = [];
  const bar = progress(3, { label: "batches", mode: "quiet", write: (s) => lines.push(s) });
  bar.tick();
  bar.tick(2);
  assertEquals(lines, []);
  await bar.done();
  assertEquals(lines.length, 1);
  assertMatch(lines[0], /^batches 3\/3 100% \[█{20}\] [\d.]+\/s in \d+s\n$/);
});

Deno.test("track: total from the array, finishes on break", () => {
  const lines: string[] = [];
  const seen: number[] = [];
  for (const x of track([1, 2, 3, 4], { mode: "quiet", write: (s) => lines.push(s) })) {
    seen.push(x);
    if (x === 2) break;
  }
  assertEquals(seen, [1, 2]);
  assertEquals(lines.length, 1);
  assert(lines[0].startsWith("1/4 25%"), lines[0]);
});

Deno.test("bad total names the argument", () => {
  assertThrows(() => progress(-1), Error, "total = -1: is not a non-negative integer");
  assertThrows(() => progress(2.5), Error, "total = 2.5");
});

Deno.test("jupyter: one display updated in place through the real Deno kernel", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const log = `${dir}/messages.jsonl`;
    const run = await runNotebook("tests/fixtures/progress.ipynb", {
      output: `${dir}/out.ipynb`,
      logMessages: log,
    });
    assert(run.ok, run.message);
    const messages = (await Deno.readTextFile(log)).trim().split("\n").map((l) => JSON.parse(l));
    const displays = messages.filter((m) => m.msg_type === "display_data");
    const updates = messages.filter((m) => m.msg_type === "update_display_data");
    assertEquals(displays.length, 1);
    const id = displays[0].content.transient.display_id;
    assertMatch(id, /^kit-progress-/);
    assert(updates.length >= 1, "no update_display_data");
    assert(updates.every((m) => m.content.transient.display_id === id));
    assertEquals(messages.filter((m) => m.msg_type === "stream").length, 0);
    const out = JSON.parse(await Deno.readTextFile(`${dir}/out.ipynb`));
    const outputs = out.cells[2].outputs;
    assertEquals(outputs.length, 1);
    assertMatch(outputs[0].data["text/plain"], /^items 100\/100 100% /);
    assertMatch(outputs[0].data["text/html"], /<progress value="100" max="100"/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
