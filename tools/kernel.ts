/**
 * `deno task kernel`: registers the kit's Deno kernel with the user's Jupyter (JupyterLab,
 * Notebook, VS Code) under the name the notebooks declare, so they open with the right kernel.
 * Uses `deno jupyter --install`, which writes the kernelspec to the user's Jupyter data dir.
 * @module
 */
import { KERNEL_DISPLAY_NAME, KERNEL_NAME } from "./notebook_files.ts";

const deno = Deno.execPath();
const { code, stdout, stderr } = await new Deno.Command(deno, {
  args: [
    "jupyter",
    "--install",
    "--force",
    "--name",
    KERNEL_NAME,
    "--display",
    KERNEL_DISPLAY_NAME,
  ],
  env: { NO_COLOR: "1" },
}).output();
const said = (new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr))
  .split("\n").filter((l) => l.trim() && !l.includes("is unstable")).join("\n");
if (code !== 0) {
  console.error(`deno jupyter --install failed:\n${said}`);
  Deno.exit(1);
}
console.log(said);
// Report the deno the kernelspec really runs, as written by `deno jupyter --install`.
const dir = said.match(/installed successfully at (.+?)\.?$/m)?.[1];
const argv0 = dir ? JSON.parse(Deno.readTextFileSync(`${dir}/kernel.json`)).argv[0] : deno;
console.log(`Kernel "${KERNEL_DISPLAY_NAME}" (${KERNEL_NAME}) runs ${argv0} jupyter --kernel.`);
if (/[\\/]_npx[\\/]|[\\/]\.npm[\\/]/.test(argv0)) {
  console.log(
    "Note: this deno lives in npx's cache, which npm may clean; for a lasting kernel install " +
      "deno (npm install -g deno@2.9.6) and run `deno task kernel` again.",
  );
}
console.log(
  `Open notebooks/ in JupyterLab (jupyter lab notebooks/) or VS Code and pick this kernel; ` +
    `remove it with: jupyter kernelspec uninstall ${KERNEL_NAME}`,
);
