/**
 * Values as Excel's calculation sees them, and its coercions. A blank cell is `null`: 0 in
 * arithmetic, "" in text, FALSE as a condition, and equal to both 0 and "" in a comparison
 * (Microsoft, "Calculation operators and precedence in Excel"; "IF function"). Errors are values
 * (XErr) that flow through every operator, so an error in a branch IF does not take never shows.
 */
export class XErr {
  constructor(readonly code: string) {}
}
export interface XRange { readonly cells: XScalar[][] }
export type XScalar = number | string | boolean | XErr | null;
export type XValue = XScalar | XRange;

export const isRange = (v: XValue): v is XRange => typeof v === "object" && v !== null && !(v instanceof XErr);
export const E = {
  div0: new XErr("#DIV/0!"), value: new XErr("#VALUE!"), ref: new XErr("#REF!"), num: new XErr("#NUM!"), na: new XErr("#N/A"),
};

/** A range where one value is wanted: a single cell is that cell; a larger range is #VALUE!. */
export function scalar(v: XValue): XScalar {
  if (!isRange(v)) return v;
  return v.cells.length === 1 && v.cells[0]!.length === 1 ? v.cells[0]![0]! : E.value;
}

/** Text Excel reads as a number in arithmetic ("3", " 2.5 ", "50%", "1e3"); else null. */
export function textNumber(s: string): number | null {
  const t = s.trim();
  const m = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)(%?)$/.exec(t);
  if (!m) return null;
  return Number(m[1]) / (m[2] ? 100 : 1);
}

export function toNum(v: XValue): number | XErr {
  const s = scalar(v);
  if (s === null) return 0;
  if (typeof s === "number") return s;
  if (typeof s === "boolean") return s ? 1 : 0;
  if (s instanceof XErr) return s;
  return textNumber(s) ?? E.value;
}

/** A number as Excel's General format writes it in text: at most 15 significant digits. */
export function numText(n: number): string {
  return String(Number(n.toPrecision(15)));
}

export function toText(v: XValue): string | XErr {
  const s = scalar(v);
  if (s === null) return "";
  if (typeof s === "number") return numText(s);
  if (typeof s === "boolean") return s ? "TRUE" : "FALSE";
  return s;
}

export function toBool(v: XValue): boolean | XErr {
  const s = scalar(v);
  if (s === null) return false;
  if (typeof s === "boolean") return s;
  if (typeof s === "number") return s !== 0;
  if (s instanceof XErr) return s;
  const u = s.toUpperCase();
  return u === "TRUE" ? true : u === "FALSE" ? false : E.value;
}

/** Excel keeps 15 significant digits: 0.1+0.2 equals 0.3 in a comparison. */
// An integer below 10^15 is its own 15 digits: most comparisons (a count > 0) need no string.
const digits15 = (n: number) => (Number.isInteger(n) && n < 1e15 && n > -1e15 ? n : Number(n.toPrecision(15)));

// Module-level, not made per comparison (a million a sheet saved without results).
const blankAs = (o: XScalar) => (typeof o === "number" ? 0 : typeof o === "boolean" ? false : "");
const rank = (x: XScalar) => (typeof x === "number" ? 0 : typeof x === "string" ? 1 : 2);

/**
 * Excel's comparison: numbers < text < logicals whatever their values; text case-insensitive;
 * a blank takes the other side's type (0, "" or FALSE). Returns <0, 0, >0, or the error.
 */
export function compare(a0: XValue, b0: XValue): number | XErr {
  let a = scalar(a0), b = scalar(b0);
  if (a instanceof XErr) return a;
  if (b instanceof XErr) return b;
  if (a === null) a = blankAs(b);
  if (b === null) b = blankAs(a);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "number" && typeof b === "number") { const x = digits15(a), y = digits15(b); return x < y ? -1 : x > y ? 1 : 0; }
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  const [x, y] = [String(a).toLocaleUpperCase("vi"), String(b).toLocaleUpperCase("vi")];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A number that is not finite is Excel's #NUM!. */
export const finite = (n: number): number | XErr => (Number.isFinite(n) ? n : E.num);
