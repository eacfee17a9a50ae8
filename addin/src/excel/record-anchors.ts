import { parseA1, columnLetters, type AnnotationRecord } from "../../../shared/index.ts";
import { formulaRefs } from "../../../shared/parse/formula-refs.ts";
import { sheetRef } from "./grid.ts";

type RecordCell = AnnotationRecord["cells"][number];

/**
 * Where the marked rows are now. The record names cells by address, but the clerk may delete or
 * insert rows after marking: Excel moves the marks (fills, notes) with the cells, and a record
 * still saying "L14" would then restore the wrong cell and leave the real mark behind. So beside
 * the record (column A of its very hidden sheet) each marked row gets an anchor: column B holds
 * `=ROW('Báo cáo'!14:14)`, which Excel rewrites as rows move (to 13:13, or #REF! when the row
 * itself is deleted), and column C the row it was written for. Reading the anchors' formulas tells
 * where every recorded cell is now, in the same sync that reads the record. Columns likewise:
 * each marked column gets `=COLUMN('Báo cáo'!L:L)` in column B and `["Báo cáo","L"]` in column C,
 * which Excel rewrites when columns are deleted or inserted (to K:K, or #REF! when it goes). Whole
 * rows and whole columns: a row anchor ignores columns moving and a column anchor rows moving.
 */

/** The distinct (sheet, row) pairs of the record's cells, in a stable order. */
function anchorRows(cells: readonly RecordCell[]): { sheet: string; row: number }[] {
  const seen = new Map<string, { sheet: string; row: number }>();
  for (const c of cells) {
    const p = parseA1(c.address);
    if (!p) continue;
    const k = `${c.sheet.toLocaleUpperCase()}\u0000${p.row}`;
    if (!seen.has(k)) seen.set(k, { sheet: c.sheet, row: p.row });
  }
  return [...seen.values()];
}

/** The distinct (sheet, column letters) pairs of the record's cells, in a stable order. */
function anchorColumns(cells: readonly RecordCell[]): { sheet: string; col: string }[] {
  const seen = new Map<string, { sheet: string; col: string }>();
  for (const c of cells) {
    const p = parseA1(c.address);
    if (!p) continue;
    const col = columnLetters(p.col);
    const k = `${c.sheet.toLocaleUpperCase()}\u0000${col}`;
    if (!seen.has(k)) seen.set(k, { sheet: c.sheet, col });
  }
  return [...seen.values()];
}

/** Columns B and C of the record sheet for these cells (the rows' anchors, then the columns'), padded with blanks to `rows` rows. */
export function anchorCells(cells: readonly RecordCell[], rows: number): { formulas: string[][]; origins: string[][] } {
  const anchors = anchorRows(cells);
  const columns = anchorColumns(cells);
  const formulas = [...anchors.map((a) => [`=ROW(${sheetRef(a.sheet)}!${a.row}:${a.row})`]), ...columns.map((a) => [`=COLUMN(${sheetRef(a.sheet)}!${a.col}:${a.col})`])];
  const origins = [...anchors.map((a) => [JSON.stringify([a.sheet, a.row])]), ...columns.map((a) => [JSON.stringify([a.sheet, a.col])])];
  while (formulas.length < rows) { formulas.push([""]); origins.push([""]); }
  return { formulas, origins };
}

/**
 * The record's cells where they are now, from the record sheet's formulas (rows of [A, B, C]):
 * a cell whose row moved gets its new address, a cell whose row was deleted is dropped (it is
 * gone, and so is its mark). `moved` says whether anything is not where the record put it. A
 * record written before anchors existed (no column B) is taken as it is.
 */
export function relocate(cells: readonly RecordCell[], formulas: readonly (readonly unknown[])[]): { cells: RecordCell[]; moved: boolean } {
  const rowNow = new Map<string, number | null>();
  const colNow = new Map<string, number | null>();
  for (const line of formulas) {
    const [, formula, origin] = line;
    if (typeof formula !== "string" || typeof origin !== "string" || !origin.startsWith("[")) continue;
    let sheet: unknown, at: unknown;
    try { [sheet, at] = JSON.parse(origin) as [unknown, unknown]; } catch { continue; }
    if (typeof sheet !== "string") continue;
    if (typeof at === "number") {
      const ref = formulaRefs(formula)[0];
      rowNow.set(`${sheet.toLocaleUpperCase()}\u0000${at}`, ref ? ref.rows[0] : null);
    } else if (typeof at === "string" && /^[A-Z]{1,3}$/.test(at)) {
      colNow.set(`${sheet.toLocaleUpperCase()}\u0000${at}`, wholeColumn(formula));
    }
  }
  if (!rowNow.size && !colNow.size) return { cells: [...cells], moved: false };
  let moved = false;
  const out: RecordCell[] = [];
  for (const c of cells) {
    const p = parseA1(c.address);
    if (!p) { out.push(c); continue; }
    const s = c.sheet.toLocaleUpperCase();
    const row = rowNow.get(`${s}\u0000${p.row}`) ?? (rowNow.has(`${s}\u0000${p.row}`) ? null : p.row);
    const col = colNow.get(`${s}\u0000${columnLetters(p.col)}`) ?? (colNow.has(`${s}\u0000${columnLetters(p.col)}`) ? null : p.col);
    // Its row or its column was deleted: the cell is gone, and so is its mark.
    if (row === null || col === null) { moved = true; continue; }
    if (row === p.row && col === p.col) { out.push(c); continue; }
    moved = true;
    out.push({ ...c, address: `${columnLetters(col)}${row}` });
  }
  return { cells: out, moved };
}

/** The column (0-based, as parseA1 counts) of `=COLUMN('Báo cáo'!L:L)` as Excel rewrote it; null for #REF!. */
function wholeColumn(formula: string): number | null {
  const m = /!\$?([A-Z]{1,3}):\$?[A-Z]{1,3}\)\s*$/.exec(formula);
  if (!m) return null;
  let n = 0;
  for (const ch of m[1]!) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}
