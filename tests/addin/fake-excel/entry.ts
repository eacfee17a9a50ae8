/** What typing into a cell does in Excel: text, a formula, or a number or date as coerce.ts reads it. */
import { coerce } from "./coerce.ts";
import type { FakeCell } from "./model.ts";

/**
 * What typing `v` into a cell does: a leading apostrophe makes text, "=" a formula, the rest as
 * coerce.ts reads it (numbers, dates). Excel also makes formulas of "+1+1", "-A1", "+cmd|…" and "@SUM(…)" (as =+1+1, =-A1,
 * =SUM(…)); so does this stand-in, and of anything after leading spaces too (stricter than Excel).
 */
export function enter(cell: FakeCell, v: unknown): void {
  if (v === null || v === undefined) return; // Office.js leaves cells given null unchanged
  if (typeof v === "number" || typeof v === "boolean") { cell.value = v; cell.formula = null; return; }
  const s = String(v);
  cell.formula = null;
  if (s.startsWith("'")) { cell.value = s.slice(1); return; }
  if (cell.numberFormat !== "@") {
    if (s.startsWith("=") && s.length > 1) { cell.formula = s; cell.value = evaluate(s); return; }
    const lead = /^\s*([+\-@])(.+)$/s.exec(s);
    if (lead && !/^\s*[-+]?\d+(\.\d+)?\s*$/.test(s)) {
      cell.formula = lead[1] === "@" ? `=${lead[2]}` : `=${lead[1]}${lead[2]}`;
      cell.value = evaluate(cell.formula);
      return;
    }
  }
  // Numbers, dates, booleans as Excel reads them (coerce.ts).
  const typed = coerce(s, cell.numberFormat);
  cell.value = typed.value;
  if (typed.numberFormat) cell.numberFormat = typed.numberFormat;
}

/** The few formulas the add-in writes; anything else shows as Excel shows an unknown name. */
export function evaluate(formula: string): string {
  const link = /^=HYPERLINK\("((?:[^"]|"")*)"\s*,\s*"((?:[^"]|"")*)"\)$/i.exec(formula);
  if (link) return link[2]!.replace(/""/g, '"');
  return "#NAME?";
}
