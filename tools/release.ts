/**
 * `deno task release [--out DIR]` — builds the student copy of the kit (default out/student/):
 * no solutions/, no hidden cases, no grader proof fixtures; notebooks with the cells tagged
 * "solution" replaced by stubs.
 * @module
 */
import { buildRelease } from "../lib/grade/release.ts";
import { defaultKitRoot } from "../lib/grade/grade.ts";

const kitRoot = defaultKitRoot();
let out = `${kitRoot}/out/student`;
const args = [...Deno.args];
while (args.length) {
  const a = args.shift()!;
  if (a === "--out" && args.length) out = args.shift()!;
  else {
    console.error("usage: deno task release [--out DIR]");
    Deno.exit(2);
  }
}
const summary = await buildRelease(kitRoot, out);
console.log(`student copy: ${out} (${summary.files} files)`);
console.log(`withheld: ${summary.withheld.length} instructor files (solutions/, hidden cases, …)`);
for (const [nb, n] of Object.entries(summary.strippedCells)) {
  console.log(`stripped ${n} solution cell(s) from ${nb}`);
}
