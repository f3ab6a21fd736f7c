/**
 * What tests read from outside the repository (`../shared`): the datasets folder and the
 * MiniLM tokenizer, with the skip note a test carries in its name when one is missing.
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dataDir } from "../../lib/data/datadir.ts";

/** all-MiniLM-L6-v2's tokenizer files (bert-base-uncased's WordPiece vocabulary). */
export const MINILM = fileURLToPath(
  new URL("../../../shared/models/all-MiniLM-L6-v2-tokenizer", import.meta.url),
);

/** Whether {@linkcode MINILM} is there. */
export const haveMiniLM = (() => {
  try {
    return Deno.statSync(join(MINILM, "tokenizer.json")).isFile;
  } catch {
    return false;
  }
})();

/** The name suffix of a test skipped for want of {@linkcode MINILM}. */
export const NO_MINILM = " (skipped: no ../shared/models/all-MiniLM-L6-v2-tokenizer)";

/** A test on the real datasets: skipped, saying why in its name, when there is no data dir. */
export function dataTest(name: string, fn: (dir: string) => Promise<void>): void {
  const dir = dataDir();
  Deno.test({
    name: `${name}${dir ? "" : " (skipped: no data dir: set KIT_DATA_DIR)"}`,
    ignore: !dir,
    fn: () => fn(dir!),
  });
}
