import { assert, assertAlmostEquals, assertEquals, assertThrows } from "@std/assert";
import { argmaxRow } from "../lib/argmax.ts";
import {
  fitTemperature,
  TEMPERATURE_BOUNDS,
  temperatureNll,
  temperatureScale,
} from "../lib/metrics/mod.ts";

interface Golden {
  scipy: string;
  cases: {
    name: string;
    logits: number[][];
    labels: number[];
    temperature: number;
    nll_at_1: number;
    nll_at_t: number;
  }[];
}

const golden: Golden = JSON.parse(
  await Deno.readTextFile(new URL("./golden/metrics/temperature.json", import.meta.url)),
);

Deno.test("fitTemperature finds scipy's minimiser to 1e-4 relative, and its NLL", () => {
  assert(golden.cases.length >= 5);
  for (const c of golden.cases) {
    const t = fitTemperature(c.logits, c.labels);
    assert(
      Math.abs(t - c.temperature) <= 1e-4 * c.temperature,
      `${c.name}: ${t} vs ${c.temperature}`,
    );
    assertAlmostEquals(temperatureNll(c.logits, c.labels, 1), c.nll_at_1, 1e-10, c.name);
    assertAlmostEquals(temperatureNll(c.logits, c.labels, t), c.nll_at_t, 1e-9, c.name);
  }
});

Deno.test("the golden cases cover T above and below 1", () => {
  const ts = golden.cases.map((c) => c.temperature);
  assert(Math.min(...ts) < 0.5 && Math.max(...ts) > 2, `temperatures ${ts}`);
});

Deno.test("temperature scaling keeps every arg-max", () => {
  const c = golden.cases[0];
  const t = fitTemperature(c.logits, c.labels);
  assertEquals(
    temperatureScale(c.logits, t).map(argmaxRow),
    c.logits.map(argmaxRow),
  );
});

Deno.test("a perfectly separated set drives T to the lower bound; a reversed one to the upper", () => {
  assertEquals(fitTemperature([[3, 0], [0, 3]], [0, 1]), TEMPERATURE_BOUNDS[0]);
  assertEquals(fitTemperature([[3, 0], [0, 3]], [1, 0]), TEMPERATURE_BOUNDS[1]);
});

Deno.test("bad input is refused with the argument and the value", () => {
  assertThrows(() => fitTemperature([[1, 2]], [2]), RangeError, "labels[0] = 2");
  assertThrows(() => fitTemperature([[1, 2], [1]], [0, 0]), RangeError, "logits[1]");
  assertThrows(() => temperatureScale([[1, 2]], 0), RangeError, "temperature = 0");
});
