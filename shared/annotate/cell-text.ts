/**
 * Text a spreadsheet could take for a formula when it is written into a cell or opened from a
 * CSV: a leading = + - @ (Excel turns "+1+1" and "-A1" into formulas, "@SUM(…)" into =SUM(…),
 * and "+cmd|…" into a DDE call), the same after spaces, their full-width forms (which IMEs turn
 * into formulas), and a leading tab or carriage return (OWASP's CSV-injection list).
 */
const FORMULA_LEADING = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;

export function isFormulaLeading(s: string): boolean {
  return FORMULA_LEADING.test(s) && !/^\s*[-+]?\d+([.,]\d+)?\s*$/.test(s);
}

/** Text that Excel would read as a formula is written with a leading apostrophe's meaning: as text. */
export function asText(s: string): string {
  return isFormulaLeading(s) ? `'${s}` : s;
}

/**
 * Text Excel would not keep as typed in a General cell although it is no formula: numbers
 * ("1,234", "12%", "1E5"), booleans, dates or months ("3/5", "1-2", "6/2012", "1/2/24"). Marked text
 * ("'3/5") is left as it is, so marking twice marks once.
 */
const COERCED = /^\s*(?:[+-]?[\d.,]*\d[\d.,]*%?|[+-]?\d*\.?\d+E[+-]?\d+|TRUE|FALSE|\d{1,2}[/-]\d{1,4}(?:[/-]\d{2,4})?)\s*$/i;

/**
 * For cells written through Office.js `values`: formula-leading text and text Excel would turn
 * into a number or a date keep their words (a unit called "1-2" is not the 2nd of January).
 * Not for CSV, where "12345" must stay a bare code.
 */
export function asCellText(s: string): string {
  return isFormulaLeading(s) || COERCED.test(s) ? `'${s}` : s;
}

/** The inverse of asText and asCellText, for hosts (exceljs) that always store strings as text. */
export function withoutTextMark(s: string): string {
  return s.startsWith("'") && (isFormulaLeading(s.slice(1)) || COERCED.test(s.slice(1))) ? s.slice(1) : s;
}

/**
 * One CSV field (RFC 4180): formula-leading text gets the apostrophe that keeps spreadsheets from
 * evaluating it, and a field with a comma, quote or line break is quoted.
 */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "string" ? asText(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(fields: readonly (string | number | boolean | null | undefined)[]): string {
  return fields.map(csvField).join(",");
}
