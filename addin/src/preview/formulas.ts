import { Parser, type CellCoord } from "hot-formula-parser";
import { formulaRefs, shiftForDeletedRow } from "../../../shared/parse/formula-refs.ts";
import type { FakeSheet, FakeWorkbook } from "../../../tests/addin/fake-excel/index.ts";

/**
 * Formulas in the preview behave as in Excel for what clerks use in these sheets (SUM, ROUND,
 * arithmetic, percent): a cell's formula is evaluated by hot-formula-parser (MIT) against the
 * workbook's cells, and a deleted row moves the references below it up, shrinks ranges across it
 * and turns references to it into #REF!, from every sheet, as Excel does. Functions the library does not know keep the
 * value the file was saved with (Excel computed it; the preview cannot).
 */
type Value = string | number | boolean;

/**
 * Recomputes every formula cell of the workbook (references to other sheets included); returns
 * how many values changed.
 */
export function recalculate(wb: FakeWorkbook): number {
  const done = new Map<string, Value>();
  const visiting = new Set<string>();
  let changed = 0;
  const valueAt = (sheet: FakeSheet, r: number, c: number): Value => {
    const key = `${sheet.id},${r},${c}`;
    const cell = sheet.get(r, c);
    if (!cell) return "";
    if (!cell.formula) return cell.value;
    const known = done.get(key);
    if (known !== undefined) return known;
    // A circular reference shows as Excel's 0 with a warning; here it is an error value, never a hang.
    if (visiting.has(key)) return "#REF!";
    visiting.add(key);
    const v = evaluate(cell.formula.slice(1), sheet, wb, valueAt, cell.value);
    visiting.delete(key);
    done.set(key, v);
    if (v !== cell.value) { cell.value = v; changed++; }
    return v;
  };
  for (const sheet of wb.sheets) for (const [r, c, cell] of [...sheet.entries()]) if (cell.formula) valueAt(sheet, r, c);
  return changed;
}

const MAX_RANGE_CELLS = 1_000_000;
const ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]);
type ValueAt = (sheet: FakeSheet, r: number, c: number) => Value;
const plain = (v: Value): unknown => (typeof v === "string" && v.startsWith("#") ? v : v === "" ? null : v);

function block(sheet: FakeSheet, r0: number, r1: number, c0: number, c1: number, valueAt: ValueAt): unknown[][] {
  if ((r1 - r0 + 1) * (c1 - c0 + 1) > MAX_RANGE_CELLS) return [];
  const rows: unknown[][] = [];
  for (let r = r0; r <= r1; r++) { const row: unknown[] = []; for (let c = c0; c <= c1; c++) row.push(plain(valueAt(sheet, r, c))); rows.push(row); }
  return rows;
}

/**
 * hot-formula-parser knows no sheet names: each reference to another sheet is handed to it as a
 * call of a function of ours that answers that sheet's values.
 */
function evaluate(expression: string, own: FakeSheet, wb: FakeWorkbook, valueAt: ValueAt, saved: Value): Value {
  if (/#REF!/.test(expression)) return "#REF!";
  const parser = new Parser();
  // An error in a cell the formula reads is the formula's error, as in Excel (unless it tests for errors).
  let firstError: string | null = null;
  const seen = <T>(v: T): T => {
    const values: unknown[] = Array.isArray(v) ? (v as unknown[]).flat() : [v];
    if (firstError === null) { const e = values.find((x) => typeof x === "string" && ERRORS.has(x)); if (typeof e === "string") firstError = e; }
    return v;
  };
  parser.on("callCellValue", (coord: CellCoord, ok) => ok(seen(plain(valueAt(own, coord.row.index, coord.column.index)))));
  parser.on("callRangeValue", (start: CellCoord, end: CellCoord, ok) => ok(seen(block(own,
    Math.min(start.row.index, end.row.index), Math.max(start.row.index, end.row.index),
    Math.min(start.column.index, end.column.index), Math.max(start.column.index, end.column.index), valueAt))));
  const elsewhere: unknown[] = [];
  let text = "";
  let last = 0;
  for (const ref of formulaRefs(expression)) {
    if (ref.sheet === null) continue;
    const sheet = wb.sheet(ref.sheet);
    if (!sheet) return "#REF!";
    const [r0, r1] = [Math.min(...ref.rows) - 1, Math.max(...ref.rows) - 1];
    const [c0, c1] = ref.cols ? [Math.min(...ref.cols) - 1, Math.max(...ref.cols) - 1] : [0, Math.max(0, sheet.usedBox(true)?.c1 ?? 0)];
    elsewhere.push(seen(r0 === r1 && c0 === c1 && ref.cols ? plain(valueAt(sheet, r0, c0)) : block(sheet, r0, r1, c0, c1, valueAt)));
    text += `${expression.slice(last, ref.start)}HTCTSHEETREF(${elsewhere.length - 1})`;
    last = ref.end;
  }
  text += expression.slice(last);
  parser.setFunction("HTCTSHEETREF", (params) => elsewhere[Number(params[0])] ?? "#REF!");
  const { error, result } = parser.parse(text);
  if (error === "#NAME?") return saved;
  if (firstError !== null && !/\b(IFERROR|ISERROR|ISERR|IFNA|ISNA|COUNT|COUNTA|COUNTBLANK)\s*\(/i.test(expression)) return firstError;
  if (error) return error;
  if (typeof result === "number") return Number.isFinite(result) ? result : "#NUM!";
  if (typeof result === "string" || typeof result === "boolean") return result;
  return result === null || result === undefined ? 0 : String(result);
}

/**
 * Deletes row `row` (0-based) of `sheet` as Excel does: every formula of the workbook that
 * points at that sheet follows (shared/parse/formula-refs.ts), then everything is recomputed.
 */
export function deleteRowWithFormulas(wb: FakeWorkbook, sheet: FakeSheet, row: number): void {
  for (const s of wb.sheets) {
    for (const [r, , cell] of s.entries()) {
      if (!cell.formula || (s === sheet && r === row)) continue;
      cell.formula = shiftForDeletedRow(cell.formula, { formulaSheet: s.name, sheet: sheet.name, row: row + 1 });
    }
  }
  sheet.deleteRow(row);
  recalculate(wb);
}
