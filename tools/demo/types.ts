/**
 * One line of the reproduction table that `deno task demo` prints.
 * @module
 */

/** A worked example of the chapter, the figure the chapter gives, and the kit's. */
export interface ReproRow {
  /** Chapter part, e.g. `16.6.2`, or `tour`. */
  part: string;
  /** The worked example, in a few words. */
  example: string;
  /** The chapter's figure as printed, e.g. `0.912`. */
  chapter: string;
  /** The kit's figure, formatted like the chapter's. */
  kit: string;
  /**
   * Whether they agree; `"erratum"` when they differ because the chapter is wrong, which `note`
   * must then explain.
   */
  agrees: boolean | "erratum";
  /** Why it agrees only within a tolerance, or what the erratum is. */
  note?: string;
}

/** A chapter part's contribution: its rows, computed on the embedded defaults. */
export interface DemoPart {
  /** What the part covers, e.g. `16.6.4 NER`. */
  title: string;
  rows(): Promise<ReproRow[]>;
}
