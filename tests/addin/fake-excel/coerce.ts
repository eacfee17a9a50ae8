import type { XlValue } from "../../../addin/src/excel/surface.ts";

/**
 * What Excel makes of a string written into a cell through `values` (as if typed, en-US regional
 * settings): in a General cell "3/5" and "1-2" become dates, "6/2012" a month, "1,234" and "12%"
 * numbers, "TRUE" a boolean; a leading apostrophe or the text format "@" keeps it as written.
 * The number format Excel gives the cell comes back too.
 */
export interface Entered { value: XlValue; numberFormat?: string }

const EPOCH = Date.UTC(1899, 11, 30);
const serial = (y: number, m: number, d: number): number | null => {
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  return back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? (t - EPOCH) / 86_400_000 : null;
};
const fullYear = (y: number) => (y < 30 ? 2000 + y : y < 100 ? 1900 + y : y);

export function coerce(s: string, numberFormat: string, thisYear = new Date().getUTCFullYear()): Entered {
  if (numberFormat === "@") return { value: s };
  const t = s.trim();
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return { value: Number(t.replace(/,/g, "")), numberFormat: numberFormat === "General" ? "#,##0" : undefined };
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)(E[+-]?\d+)?$/i.test(t)) return { value: Number(t) };
  if (/^[+-]?\d+(\.\d+)?%$/.test(t)) return { value: Number(t.slice(0, -1)) / 100, numberFormat: numberFormat === "General" ? "0%" : undefined };
  if (/^(TRUE|FALSE)$/i.test(t)) return { value: t.toUpperCase() === "TRUE" };
  if (numberFormat !== "General") return { value: s };
  // m/d, m-d, m/d/yy(yy), m/yyyy.
  let m = /^(\d{1,2})[/-](\d{1,2})$/.exec(t);
  if (m) { const v = serial(thisYear, Number(m[1]), Number(m[2])); if (v !== null) return { value: v, numberFormat: "d-mmm" }; }
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$/.exec(t);
  if (m) { const v = serial(fullYear(Number(m[3])), Number(m[1]), Number(m[2])); if (v !== null) return { value: v, numberFormat: "m/d/yyyy" }; }
  m = /^(\d{1,2})[/-](\d{4})$/.exec(t);
  if (m) { const v = serial(Number(m[2]), Number(m[1]), 1); if (v !== null) return { value: v, numberFormat: "mmm-yy" }; }
  return { value: s };
}
