/**
 * Python's number formatting, for reports that must match Python's text byte for byte.
 * @module
 */
import { ArgumentError } from "../errors.ts";

/**
 * Formats `x` as Python's `format(x, ".{digits}f")`: exact ties round half to even
 * (`format(0.125, ".2f")` is `"0.12"`, where JavaScript's `toFixed` gives `"0.13"`), and
 * NaN and infinities print as `nan`, `inf`, `-inf`.
 *
 * @example
 * ```ts
 * import { formatFixed } from "./pyformat.ts";
 * console.log(formatFixed(0.125, 2), formatFixed(0.375, 2), formatFixed(2 / 3, 4)); // 0.12 0.38 0.6667
 * ```
 */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isInteger(digits) || digits < 0 || digits > 99) {
    throw new ArgumentError("digits", digits, "is not an integer from 0 to 99", "use e.g. 2 or 4");
  }
  if (Number.isNaN(x)) return "nan";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const a = Math.abs(x);
  if (a === Infinity) return `${sign}inf`;
  if (a >= 1e21) {
    return sign + BigInt(Math.round(a)).toString() + (digits ? "." + "0".repeat(digits) : "");
  }
  // toFixed(100) is the exact decimal expansion as far as a tie decision can need it.
  const [int, frac] = a.toFixed(100).split(".");
  const kept = int + frac.slice(0, digits);
  const rest = frac.slice(digits);
  const up = rest[0] > "5" ||
    (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) || Number(kept[kept.length - 1]) % 2 === 1));
  let digitsOut = kept;
  if (up) {
    const chars = kept.split("");
    let i = chars.length - 1;
    while (i >= 0 && chars[i] === "9") chars[i--] = "0";
    if (i >= 0) chars[i] = String(Number(chars[i]) + 1);
    else chars.unshift("1");
    digitsOut = chars.join("");
  }
  const cut = digitsOut.length - digits;
  const body = digits === 0 ? digitsOut : `${digitsOut.slice(0, cut)}.${digitsOut.slice(cut)}`;
  return sign + body;
}

/**
 * Pads `s` on the left to `width` characters counted in code points, as Python's `{:>width}`.
 *
 * @example
 * ```ts
 * import { padStartPy } from "./pyformat.ts";
 * console.log(JSON.stringify(padStartPy("é", 3))); // "  é"
 * ```
 */
export function padStartPy(s: string, width: number): string {
  const n = [...s].length;
  return n >= width ? s : " ".repeat(width - n) + s;
}
