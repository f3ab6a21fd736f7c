/**
 * Notebooks committed with their outputs: the check that the stored outputs still say what a
 * fresh run produced, and the refresh that writes a run's outputs into the notebook. A cell whose
 * stored outputs agree with the run (within the tolerance of ./outputs.ts) keeps them byte for
 * byte, so a rerun on another machine changes nothing unless a result changed.
 * @module
 */
import { cellSource, hasTag, type Notebook } from "../notebook_files.ts";
import {
  normalizeOutputs,
  type Output,
  outputsDifference,
  PLOTLY_MIME,
  VOLATILE_TAG,
} from "./outputs.ts";
import type { PlotlyJson } from "./figures.ts";

/** The command that rewrites stored outputs, named in every failure. */
export const REFRESH_COMMAND = "deno task notebooks:refresh";

interface Produced {
  index: number;
  label: string;
  volatile: boolean;
  executionCount: number | null;
  outputs: Output[];
}

/** Each code cell's outputs from an executed copy of `source`, normalised for storage. */
function produced(source: Notebook, executed: Notebook, root: string): Produced[] {
  if (executed.cells.length !== source.cells.length) {
    throw new Error(
      `the executed copy has ${executed.cells.length} cells, the notebook ${source.cells.length}: ` +
        `was it edited during the run?`,
    );
  }
  const out: Produced[] = [];
  let code = 0, count = 0;
  source.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    code++;
    const ran = executed.cells[index];
    if (cellSource(ran) !== cellSource(cell)) {
      throw new Error(`cell ${index + 1} differs from its executed copy: edited during the run?`);
    }
    // Numbered here, not by the kernel, whose count can skip: the same cells, the same numbers.
    const executionCount = cellSource(cell).trim() ? ++count : null;
    out.push({
      index,
      label: `cell ${index + 1} (code cell ${code})`,
      volatile: hasTag(cell, VOLATILE_TAG),
      executionCount,
      outputs: normalizeOutputs(ran.outputs ?? [], executionCount, root),
    });
  });
  return out;
}

/**
 * Where the stored outputs of `source` differ from what `executed` produced, one line per cell
 * (empty when they agree). A notebook stored without outputs differs from any run that prints.
 */
export function storedDifferences(source: Notebook, executed: Notebook, root: string): string[] {
  const problems: string[] = [];
  for (const cell of produced(source, executed, root)) {
    const stored = source.cells[cell.index].outputs ?? [];
    const d = outputsDifference(stored, cell.outputs, cell.volatile);
    if (d) problems.push(`${cell.label}: ${d}`);
    const plots = stored.filter((o) => o.data?.[PLOTLY_MIME] && !o.data["image/png"]);
    if (!d && plots.length > 0) problems.push(`${cell.label}: a figure without its static image`);
  }
  return problems;
}

/**
 * Writes the outputs `executed` produced into `source` (changed in place) and returns how many
 * cells changed. Cells whose stored outputs agree keep them; new figures get a PNG from `draw`.
 */
export async function storeOutputs(
  source: Notebook,
  executed: Notebook,
  root: string,
  draw: (figures: PlotlyJson[]) => Promise<string[]>,
): Promise<number> {
  let changed = 0;
  for (const cell of produced(source, executed, root)) {
    const target = source.cells[cell.index];
    const stored = target.outputs ?? [];
    const keep = outputsDifference(stored, cell.outputs, cell.volatile) === undefined &&
      stored.every((o) => !o.data?.[PLOTLY_MIME] || o.data["image/png"]);
    target.execution_count = cell.executionCount;
    if (keep) {
      for (const o of stored) {
        if (o.output_type === "execute_result") o.execution_count = cell.executionCount;
      }
      continue;
    }
    changed++;
    const plots = cell.outputs.filter((o) => o.data?.[PLOTLY_MIME]);
    const pngs = await draw(plots.map((o) => o.data![PLOTLY_MIME] as PlotlyJson));
    plots.forEach((o, i) => {
      o.data = sortedKeys({ ...o.data, "image/png": pngs[i] });
    });
    target.outputs = cell.outputs;
  }
  return changed;
}

function sortedKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

/** A copy of `source` showing the outputs `executed` produced (normalised, without images). */
export function withRunOutputs(source: Notebook, executed: Notebook, root: string): Notebook {
  const nb: Notebook = structuredClone(source);
  for (const cell of produced(source, executed, root)) {
    nb.cells[cell.index].outputs = cell.outputs;
    nb.cells[cell.index].execution_count = cell.executionCount;
  }
  return nb;
}
