import { Parser, type CellCoord } from "hot-formula-parser";
import type { FakeSheet } from "../../../tests/addin/fake-excel/index.ts";

/**
 * Formulas in the preview behave as in Excel for what clerks use in these sheets (SUM, ROUND,
 * arithmetic, percent): a cell's formula is evaluated by hot-formula-parser (MIT) against the
 * sheet's cells, and a deleted row moves the references below it up, shrinks ranges across it and
 * turns references to it into #REF!, as Excel does. Functions the library does not know keep the
 * value the file was saved with (Excel computed it; the preview cannot).
 */
type Value = string | number | boolean;

/** Recomputes every formula cell of the sheet; returns how many values changed. */
export function recalculate(sheet: FakeSheet): number {
  const done = new Map<string, Value>();
  const visiting = new Set<string>();
  let changed = 0;
  const valueAt = (r: number, c: number): Value => {
    const key = `${r},${c}`;
    const cell = sheet.get(r, c);
    if (!cell) return "";
    if (!cell.formula) return cell.value;
    const known = done.get(key);
    if (known !== undefined) return known;
    // A circular reference shows as Excel's 0 with a warning; here it is an error value, never a hang.
    if (visiting.has(key)) return "#REF!";
    visiting.add(key);
    const v = evaluate(cell.formula.slice(1), valueAt, cell.value);
    visiting.delete(key);
    done.set(key, v);
    if (v !== cell.value) { cell.value = v; changed++; }
    return v;
  };
  for (const [r, c, cell] of [...sheet.entries()]) if (cell.formula) valueAt(r, c);
  return changed;
}

const MAX_RANGE_CELLS = 1_000_000;

function evaluate(expression: string, valueAt: (r: number, c: number) => Value, saved: Value): Value {
  const parser = new Parser();
  const plain = (v: Value): unknown => (typeof v === "string" && v.startsWith("#") ? v : v === "" ? null : v);
  parser.on("callCellValue", (coord: CellCoord, ok) => ok(plain(valueAt(coord.row.index, coord.column.index))));
  parser.on("callRangeValue", (start: CellCoord, end: CellCoord, ok) => {
    const r0 = Math.min(start.row.index, end.row.index), r1 = Math.max(start.row.index, end.row.index);
    const c0 = Math.min(start.column.index, end.column.index), c1 = Math.max(start.column.index, end.column.index);
    if ((r1 - r0 + 1) * (c1 - c0 + 1) > MAX_RANGE_CELLS) { ok([]); return; }
    const rows: unknown[][] = [];
    for (let r = r0; r <= r1; r++) { const row: unknown[] = []; for (let c = c0; c <= c1; c++) row.push(plain(valueAt(r, c))); rows.push(row); }
    ok(rows);
  });
  if (/#REF!/.test(expression)) return "#REF!";
  const { error, result } = parser.parse(expression);
  if (error === "#NAME?") return saved;
  if (error) return error;
  if (typeof result === "number") return Number.isFinite(result) ? result : "#NUM!";
  if (typeof result === "string" || typeof result === "boolean") return result;
  return result === null || result === undefined ? 0 : String(result);
}

const REF = /(\$?)([A-Z]{1,3})(\$?)([0-9]{1,7})/;
// A reference or a range, not preceded by a sheet name ("Tổng hợp!A1" points elsewhere) or part of a name.
const TOKEN = /(?<![A-Za-z0-9_!.$])(\$?[A-Z]{1,3}\$?[0-9]{1,7})(?::(\$?[A-Z]{1,3}\$?[0-9]{1,7}))?(?![A-Za-z0-9_(!])/g;

/** The formula after row `row` (0-based) of its own sheet is deleted. */
export function shiftForDeletedRow(formula: string, row: number): string {
  const deleted = row + 1;
  // Text in quotes is not references.
  return formula.split(/("(?:[^"]|"")*")/).map((part, i) => (i % 2 ? part : part.replace(TOKEN, (all, a: string, b: string | undefined) => {
    const p = REF.exec(a)!;
    const rowA = Number(p[4]);
    if (!b) {
      if (rowA === deleted) return "#REF!";
      return rowA > deleted ? `${p[1]}${p[2]}${p[3]}${rowA - 1}` : all;
    }
    const q = REF.exec(b)!;
    let lo = rowA, hi = Number(q[4]);
    const flip = lo > hi;
    if (flip) [lo, hi] = [hi, lo];
    if (lo === deleted && hi === deleted) return "#REF!";
    const nlo = lo > deleted ? lo - 1 : lo;
    const nhi = hi >= deleted ? hi - 1 : hi;
    const [ra, rb] = flip ? [nhi, nlo] : [nlo, nhi];
    return `${p[1]}${p[2]}${p[3]}${ra}:${q[1]}${q[2]}${q[3]}${rb}`;
  }))).join("");
}

/** Deletes a row as Excel does: formulas of the sheet follow, then everything is recomputed. */
export function deleteRowWithFormulas(sheet: FakeSheet, row: number): void {
  for (const [r, , cell] of sheet.entries()) if (cell.formula && r !== row) cell.formula = shiftForDeletedRow(cell.formula, row);
  sheet.deleteRow(row);
  recalculate(sheet);
}
