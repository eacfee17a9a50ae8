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
 * where every recorded cell is now, in the same sync that reads the record. Whole-row references
 * keep working when columns are deleted; a deleted column still leaves its cells' addresses stale.
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

/** Columns B and C of the record sheet for these cells, padded with blanks to `rows` rows. */
export function anchorCells(cells: readonly RecordCell[], rows: number): { formulas: string[][]; origins: string[][] } {
  const anchors = anchorRows(cells);
  const formulas = anchors.map((a) => [`=ROW(${sheetRef(a.sheet)}!${a.row}:${a.row})`]);
  const origins = anchors.map((a) => [JSON.stringify([a.sheet, a.row])]);
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
  const now = new Map<string, number | null>();
  for (const line of formulas) {
    const [, formula, origin] = line;
    if (typeof formula !== "string" || typeof origin !== "string" || !origin.startsWith("[")) continue;
    let key: string;
    try {
      const [sheet, row] = JSON.parse(origin) as [unknown, unknown];
      if (typeof sheet !== "string" || typeof row !== "number") continue;
      key = `${sheet.toLocaleUpperCase()}\u0000${row}`;
    } catch { continue; }
    const ref = formulaRefs(formula)[0];
    now.set(key, ref ? ref.rows[0] : null);
  }
  if (!now.size) return { cells: [...cells], moved: false };
  let moved = false;
  const out: RecordCell[] = [];
  for (const c of cells) {
    const p = parseA1(c.address);
    const row = p ? now.get(`${c.sheet.toLocaleUpperCase()}\u0000${p.row}`) : undefined;
    if (!p || row === undefined) { out.push(c); continue; }
    if (row === null) { moved = true; continue; }
    if (row !== p.row) moved = true;
    out.push(row === p.row ? c : { ...c, address: `${columnLetters(p.col)}${row}` });
  }
  return { cells: out, moved };
}
