/**
 * The parts `deno task demo` runs, in chapter order. To add one: write tools/demo/<part>.ts
 * exporting `rows(): Promise<ReproRow[]>` (see types.ts) and add a line here.
 * @module
 */
import type { DemoPart } from "./types.ts";
import * as tour from "./tour.ts";
import * as setfit from "./setfit.ts";

export type { DemoPart, ReproRow } from "./types.ts";

/** Every part of the reproduction table. */
export const parts: DemoPart[] = [
  { title: "tour", rows: tour.rows },
  { title: "16.6.4b SetFit", rows: setfit.rows },
];
