/**
 * The one place where classification targets are checked, as scikit-learn's `_check_targets`
 * does: every metric of `lib/metrics` calls {@link checkTargets} first and then only computes.
 * @module
 */
import { ArgumentError } from "../errors.ts";
import type { ZeroDivision } from "./prf.ts";

/** A class label: a number (an integer) or a string. */
export type Label = number | string;

/** One row of 0/1 indicators per sample: a multi-label target. */
export type IndicatorMatrix = readonly (readonly number[])[];

/** What a classification metric accepts: labels, or rows of 0/1 indicators. */
export type Target = readonly Label[] | IndicatorMatrix;

/** The kind of task a pair of targets belongs to, named as `sklearn.utils.multiclass.type_of_target`. */
export type TargetType = "binary" | "multiclass" | "multilabel-indicator";

/** Validated targets: single-label arrays, or indicator matrices of equal width. */
export type CheckedTargets =
  | { type: "binary" | "multiclass"; yTrue: Label[]; yPred: Label[] }
  | { type: "multilabel-indicator"; yTrue: number[][]; yPred: number[][]; nLabels: number };

/**
 * Orders labels as `numpy.unique` does: numbers numerically, strings by code point.
 *
 * @example
 * ```ts
 * import { compareLabels } from "./validation.ts";
 * console.log([10, 9, 1].sort(compareLabels)); // [1, 9, 10]
 * ```
 */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = String(a);
  const sb = String(b);
  // Code-point order, as numpy compares unicode strings (JS `<` compares UTF-16 units).
  const ia = sa[Symbol.iterator]();
  const ib = sb[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return (x.done ? 0 : 1) - (y.done ? 0 : 1);
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

/**
 * The sorted distinct labels of one or more label arrays (`sklearn.utils.multiclass.unique_labels`).
 *
 * @example
 * ```ts
 * import { uniqueLabels } from "./validation.ts";
 * console.log(uniqueLabels(["b", "a"], ["c", "a"])); // ["a", "b", "c"]
 * ```
 */
export function uniqueLabels(...arrays: readonly (readonly Label[])[]): Label[] {
  const seen = new Set<Label>();
  for (const a of arrays) for (const v of a) seen.add(v);
  return [...seen].sort(compareLabels);
}

type Kind = "number" | "string";

interface Described {
  kind: "labels" | "indicator";
  labelKind?: Kind;
  width?: number;
  distinct: number;
}

function describe(y: Target, name: string): Described {
  if (!Array.isArray(y)) {
    throw new ArgumentError(name, y, "is not an array", "pass one label per sample");
  }
  if (y.length === 0) {
    throw new ArgumentError(
      name,
      y,
      "is empty: a metric needs samples",
      "pass at least one sample",
    );
  }
  if (Array.isArray(y[0])) {
    const width = (y[0] as readonly number[]).length;
    y.forEach((row, i) => {
      if (!Array.isArray(row)) {
        throw new ArgumentError(
          `${name}[${i}]`,
          row,
          `is not a row but ${name}[0] is a row of indicators`,
          "give every sample a row of 0/1 indicators, or every sample one label",
        );
      }
      if (row.length !== width) {
        throw new ArgumentError(
          `${name}[${i}]`,
          row,
          `has ${row.length} columns, ${name}[0] has ${width}`,
          "give every row one 0/1 column per label",
        );
      }
      row.forEach((v: unknown, j: number) => {
        if (v !== 0 && v !== 1) {
          throw new ArgumentError(
            `${name}[${i}][${j}]`,
            v,
            "multi-label rows must hold 0/1 indicators " +
              "(multiclass-multioutput targets are not supported)",
            "mark each label 1 (present) or 0 (absent)",
          );
        }
      });
    });
    if (width === 0) {
      throw new ArgumentError(name, y, "its rows have no columns", "give one column per label");
    }
    return { kind: "indicator", width, distinct: 2 };
  }
  let labelKind: Kind | undefined;
  const seen = new Set<Label>();
  y.forEach((v: unknown, i: number) => {
    if (typeof v === "number") {
      if (Number.isNaN(v)) {
        throw new ArgumentError(`${name}[${i}]`, v, "is not a label", "drop or replace the NaN");
      }
      if (!Number.isInteger(v)) {
        throw new ArgumentError(
          `${name}[${i}]`,
          v,
          "a class label must be an integer or a string (continuous targets are not supported)",
          "round or bin the values into classes",
        );
      }
    } else if (typeof v !== "string") {
      throw new ArgumentError(
        `${name}[${i}]`,
        v,
        "a label must be a number or a string",
        "map it to a class id or name",
      );
    }
    const k = typeof v as Kind;
    if (labelKind !== undefined && k !== labelKind) {
      throw new ArgumentError(
        `${name}[${i}]`,
        v,
        `is a ${k} among ${labelKind} labels (mix of label types)`,
        "use one label type throughout",
      );
    }
    labelKind = k;
    seen.add(v as Label);
  });
  return { kind: "labels", labelKind, distinct: seen.size };
}

/**
 * Decides the task of a pair of targets and checks them, as scikit-learn's `_check_targets`:
 * equal lengths, no NaN or empty input, one label type, no mix of single- and multi-label.
 * Single-label targets with more than two distinct labels together are `"multiclass"`.
 * Rows with one column are read as a column of labels, as scikit-learn squeezes them.
 *
 * @example
 * ```ts
 * import { checkTargets } from "./validation.ts";
 * console.log(checkTargets([0, 1, 1], [0, 2, 1]).type); // "multiclass"
 * console.log(checkTargets([[1, 0], [0, 1]], [[1, 1], [0, 1]]).type); // "multilabel-indicator"
 * ```
 */
export function checkTargets(
  yTrue: Target,
  yPred: Target,
  names: readonly [string, string] = ["yTrue", "yPred"],
): CheckedTargets {
  const [nt, np] = names;
  const squeeze = (y: Target): Target =>
    Array.isArray(y) && Array.isArray(y[0]) && (y[0] as number[]).length === 1
      ? (y as IndicatorMatrix).map((r) => r[0])
      : y;
  yTrue = squeeze(yTrue);
  yPred = squeeze(yPred);
  const dt = describe(yTrue, nt);
  const dp = describe(yPred, np);
  if (yTrue.length !== yPred.length) {
    throw new ArgumentError(
      `${np}.length`,
      yPred.length,
      `${nt} and ${np} have different lengths: ${yTrue.length} and ${yPred.length}`,
      "give one prediction per true label",
    );
  }
  if (dt.kind !== dp.kind) {
    const name = (d: Described) => d.kind === "indicator" ? "multilabel-indicator" : "single-label";
    throw new ArgumentError(
      np,
      yPred,
      `Classification metrics can't handle a mix of ${name(dt)} (${nt}) and ${
        name(dp)
      } (${np}) targets`,
      "give both as labels or both as indicator rows",
    );
  }
  if (dt.kind === "indicator") {
    if (dt.width !== dp.width) {
      throw new ArgumentError(
        np,
        yPred,
        `${nt} has ${dt.width} label columns but ${np} has ${dp.width}`,
        "give both one column per label",
      );
    }
    return {
      type: "multilabel-indicator",
      yTrue: (yTrue as IndicatorMatrix).map((r) => [...r]),
      yPred: (yPred as IndicatorMatrix).map((r) => [...r]),
      nLabels: dt.width!,
    };
  }
  if (dt.labelKind !== dp.labelKind) {
    throw new ArgumentError(
      np,
      yPred,
      `Labels in ${nt} and ${np} should be of the same type: ${nt} has ${dt.labelKind}s, ` +
        `${np} has ${dp.labelKind}s`,
      "convert one side to the other's label type",
    );
  }
  const t = [...yTrue] as Label[];
  const p = [...yPred] as Label[];
  const type = uniqueLabels(t, p).length > 2 ? "multiclass" : "binary";
  return { type, yTrue: t, yPred: p };
}

/**
 * Checks a `labels` option against the targets: no duplicates, the targets' label type, and
 * for multi-label targets column indices in `[0, nLabels)`.
 *
 * @example
 * ```ts
 * import { checkLabels, checkTargets } from "./validation.ts";
 * const t = checkTargets(["a", "b"], ["b", "b"]);
 * console.log(checkLabels(["b", "z"], t)); // ["b", "z"]
 * ```
 */
export function checkLabels(labels: readonly Label[], targets: CheckedTargets): Label[] {
  if (!Array.isArray(labels)) {
    throw new ArgumentError("labels", labels, "is not an array", "pass an array of labels");
  }
  if (labels.length === 0) {
    throw new ArgumentError("labels", labels, "is empty", "give at least one label");
  }
  const seen = new Set<Label>();
  const kind = targets.type === "multilabel-indicator"
    ? "number"
    : typeof (targets.yTrue as Label[])[0];
  labels.forEach((l, i) => {
    if (typeof l !== kind || (typeof l === "number" && !Number.isInteger(l))) {
      throw new ArgumentError(
        `labels[${i}]`,
        l,
        `the targets hold ${kind} labels`,
        `give labels of type ${kind}`,
      );
    }
    if (seen.has(l)) {
      throw new ArgumentError(`labels[${i}]`, l, "appears twice", "list each label once");
    }
    seen.add(l);
    if (
      targets.type === "multilabel-indicator" &&
      ((l as number) < 0 || l as number >= targets.nLabels)
    ) {
      throw new ArgumentError(
        `labels[${i}]`,
        l,
        `multi-label labels are column indices in [0, ${targets.nLabels})`,
        "give column indices of the indicator rows",
      );
    }
  });
  return [...labels];
}

/** Label names by id: a model's `config.id2label`, or the names in id order (`labelNames`). */
export type Id2Label = Readonly<Record<number, string>> | readonly string[];

/**
 * The ids 0..k-1 and their names from an `id2label` option, which replaces `labels` (and the
 * report's `targetNames`): giving both is an error. Its keys must be exactly 0..k-1, and the
 * targets must be those ids (indicator rows: one column per id), so that no sample is dropped
 * unseen and a mismatch names `id2label`, the option the caller gave.
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { checkTargets, idLabels } from "./validation.ts";
 * const ids = checkTargets([0, 1, 1], [0, 1, 0]);
 * assertEquals(idLabels({ 0: "neg", 1: "pos" }, {}, ids), { labels: [0, 1], names: ["neg", "pos"] });
 * const names = checkTargets(["neg", "pos"], ["neg", "neg"]);
 * assertThrows(() => idLabels(["neg", "pos"], {}, names), Error, "the targets hold string labels");
 * ```
 */
export function idLabels(
  id2label: Id2Label,
  options: { labels?: unknown; targetNames?: unknown },
  targets: CheckedTargets,
): { labels: number[]; names: string[] } {
  for (const other of ["labels", "targetNames"] as const) {
    if (options[other] !== undefined) {
      throw new ArgumentError(
        other,
        options[other],
        "is given with id2label, which sets the labels and their names",
        `give id2label or ${other}, not both`,
      );
    }
  }
  if (typeof id2label !== "object" || id2label === null) {
    throw new ArgumentError(
      "id2label",
      id2label,
      "is not an object or an array of names",
      "pass a model's config.id2label or a dataset's labelNames",
    );
  }
  const entries = Object.entries(id2label);
  if (entries.length === 0) {
    throw new ArgumentError("id2label", id2label, "is empty", "give at least one label");
  }
  entries.forEach(([id, name], i) => {
    if (id !== String(i) || typeof name !== "string") {
      throw new ArgumentError(
        `id2label[${id}]`,
        name,
        `is not the name of id ${i}`,
        `map the ids 0..${entries.length - 1}, in order, to names`,
      );
    }
  });
  const k = entries.length;
  if (targets.type === "multilabel-indicator") {
    if (targets.nLabels !== k) {
      throw new ArgumentError(
        "id2label",
        id2label,
        `names ${k} labels but the indicator rows have ${targets.nLabels} columns`,
        "give one name per column, in column order",
      );
    }
  } else {
    for (const [side, y] of [["yTrue", targets.yTrue], ["yPred", targets.yPred]] as const) {
      const bad = y.findIndex((l) => typeof l !== "number" || l < 0 || l >= k);
      if (bad >= 0 && typeof y[bad] === "string") {
        throw new ArgumentError(
          "id2label",
          id2label,
          "names integer ids but the targets hold string labels",
          "map the targets to ids first (label2id), or pass labels and targetNames",
        );
      }
      if (bad >= 0) {
        throw new ArgumentError(
          `${side}[${bad}]`,
          y[bad],
          `is not an id of id2label (0..${k - 1})`,
          "give the id2label of the model that predicted these ids",
        );
      }
    }
  }
  return { labels: entries.map((_, i) => i), names: entries.map(([, name]) => name) };
}

/**
 * Checks the `zeroDivision` option: `"warn"`, 0, 1 or NaN.
 *
 * @example
 * ```ts
 * import { checkZeroDivision } from "./validation.ts";
 * checkZeroDivision(NaN);
 * ```
 */
export function checkZeroDivision(zeroDivision: unknown): asserts zeroDivision is ZeroDivision {
  if (zeroDivision === "warn" || zeroDivision === 0 || zeroDivision === 1) return;
  if (typeof zeroDivision === "number" && Number.isNaN(zeroDivision)) return;
  throw new ArgumentError(
    "zeroDivision",
    zeroDivision,
    "is not a zero-division policy",
    'use "warn", 0, 1 or NaN',
  );
}

/**
 * Checks one array of labels on its own (no NaN, no empty input, one label type).
 *
 * @example
 * ```ts
 * import { checkLabelArray } from "./validation.ts";
 * console.log(checkLabelArray(["a", "b"], "yTrue")); // ["a", "b"]
 * ```
 */
export function checkLabelArray(y: readonly Label[], name: string): Label[] {
  const d = describe(y, name);
  if (d.kind !== "labels") {
    throw new ArgumentError(
      name,
      y,
      "is indicator rows, not labels",
      "pass one label per sample",
    );
  }
  return [...y];
}
