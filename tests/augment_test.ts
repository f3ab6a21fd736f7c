import { assert, assertEquals, assertNotEquals, assertThrows } from "@std/assert";
import { augmentMinority, augmentText, loadSynonyms } from "../lib/imbalance/mod.ts";
import { Random } from "../lib/random.ts";

const synonyms = await loadSynonyms();

Deno.test("the shipped synonym list loads, lower-case keys, several entries", () => {
  assert(synonyms.size > 80, `${synonyms.size} entries`);
  for (const [word, list] of synonyms) {
    assertEquals(word, word.toLowerCase());
    assert(list.length > 0 && !list.includes(word), word);
  }
});

Deno.test("augmentMinority: seeded, only the minority, copies per example, variants differ", () => {
  const texts = [
    "Hey are we still meeting later?",
    "URGENT! You have won a free prize. Call now to claim your cash",
    "ok see you at home",
    "Free entry in a weekly draw, text WIN to claim",
  ];
  const labels = [0, 1, 0, 1];
  const a = augmentMinority(texts, labels, { minority: 1, copies: 5, synonyms, seed: 3 });
  const b = augmentMinority(texts, labels, { minority: 1, copies: 5, synonyms, seed: 3 });
  const c = augmentMinority(texts, labels, { minority: 1, copies: 5, synonyms, seed: 4 });
  assertEquals(a, b);
  assertNotEquals(a.inputs, c.inputs);
  assertEquals(a.labels, Array(10).fill(1));
  // the first five come from the first spam message: its words, or their synonyms
  assert(a.inputs.slice(0, 5).every((t) => t.length > 0));
  assert(new Set(a.inputs).size > 5, "variants are not all identical");
  assert(a.inputs.some((t) => !texts.includes(t)), "some variant changed");
});

Deno.test("augmentText: dropout keeps at least one word; punctuation and capitals kept", () => {
  const rng = new Random(0);
  for (let i = 0; i < 50; i++) {
    assert(augmentText("one two three", rng, { wordDropout: 0.99 }).length > 0);
  }
  const swapped = augmentText("Call NOW!", new Random(1), {
    wordDropout: 0,
    synonymSwap: 0.999,
    synonyms: new Map([["call", ["phone"]], ["now", ["today"]]]),
  });
  assertEquals(swapped, "Phone Today!");
});

Deno.test("bad input is refused with the argument and the value", () => {
  assertThrows(
    () => augmentText("a", new Random(0), { wordDropout: 1 }),
    RangeError,
    "wordDropout = 1",
  );
  assertThrows(
    () => augmentText("   ", new Random(0)),
    RangeError,
    "has no words; give a text with at least one word",
  );
  assertThrows(
    () => augmentMinority(["a"], [0], { minority: 1, synonyms }),
    RangeError,
    "minority = 1: labels has no example of that class",
  );
  assertThrows(() => augmentMinority(["a"], [0, 1], { minority: 1 }), RangeError, "labels has 2");
});
