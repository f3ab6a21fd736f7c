// Self-check: `deno test exercises/multilabel_thresholds/` runs the public cases against your mod.ts.
import { registerCases } from "../../lib/grade/local.ts";
import * as submission from "./mod.ts";
import { cases, exercise } from "./public_cases.ts";

registerCases(exercise, cases, submission);
