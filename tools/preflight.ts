/**
 * `deno run -A tools/preflight.ts` — the first step of `deno task test`: checks the system
 * packages the tests drive (Python's jupyter_client and nbformat for the notebooks, Chromium for
 * the plot test) and, when any is missing, stops at once with one message naming all of them and
 * the command that installs them, instead of a run of unrelated failures.
 * @module
 */
import { findChromium } from "./book/browser.ts";
import { python } from "./notebook_files.ts";

/** Whether `command` runs and exits 0 (false when it cannot be started). */
async function succeeds(command: string, args: string[]): Promise<boolean> {
  try {
    const { success } = await new Deno.Command(command, { args, stdout: "null", stderr: "null" })
      .output();
    return success;
  } catch {
    return false;
  }
}

const missing: { what: string; apt: string[] }[] = [];
const py = python();
if (!(await succeeds(py, ["-c", "import jupyter_client, nbformat"]))) {
  missing.push({
    what: `Python's jupyter_client and nbformat (for ${py}; KIT_PYTHON picks another Python)`,
    apt: ["jupyter-client", "python3-nbformat"],
  });
}
if (!findChromium()) {
  missing.push({ what: "Chromium (for the plot and book tests)", apt: ["chromium"] });
}
if (missing.length) {
  console.error(
    `deno task test needs system packages this machine lacks:\n` +
      missing.map((m) => `  - ${m.what}\n`).join("") +
      `Install them (Debian/Ubuntu): sudo apt-get install -y ${
        missing.flatMap((m) => m.apt).join(" ")
      }\n` +
      `or run \`bash .ci/run\`, which installs them and then runs the tests.`,
  );
  Deno.exit(1);
}
