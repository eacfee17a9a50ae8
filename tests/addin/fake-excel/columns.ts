import type { FakeCell, FakeSheet, FakeWorkbook } from "./model.ts";

/**
 * Deleting or inserting a whole column, as Excel does when the clerk does it (Home › Delete ›
 * Delete Sheet Columns): the cells to the right move with everything they carry (value,
 * formula, fill, note, comment), hidden columns, widths and merges follow, and every formula of
 * the workbook that points at the sheet is rewritten — the very hidden record sheet's anchors
 * included: columns to the right shift, a range across the column shrinks (or grows on insert),
 * a reference to the deleted column alone becomes #REF!. Whole-row references are untouched.
 * Kept apart from model.ts: the stand-in's rows and panes are another engineer's work.
 */

const SHEET = String.raw`(?:'(?<q>(?:[^']|'')+)'|(?<u>[\p{L}_][\p{L}\p{N}_.]*))!`;
const COL = String.raw`\$?[A-Z]{1,3}`;
const ROW = String.raw`\$?[0-9]{1,7}`;
// A cell or a range of cells, or whole columns (L:L); not inside a name, number or function name.
const TOKEN = new RegExp(
  String.raw`(?<![\p{L}\p{N}_.$'!:])(?<pre>${SHEET})?(?:(?<ac>${COL})(?<ar>${ROW})(?::(?<bc>${COL})(?<br>${ROW}))?|(?<c1>${COL}):(?<c2>${COL}))(?![\p{L}\p{N}_(!:.])`,
  "gu",
);
const MAX_COL = 16_384;

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.replace("$", "")) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}
function letters(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
const written = (w: string, n: number) => `${w.startsWith("$") ? "$" : ""}${letters(n)}`;
const sameSheet = (a: string, b: string) => a.toLocaleUpperCase() === b.toLocaleUpperCase();

/** What a change of columns does to one column span [lo, hi] (1-based): null when it is gone. */
type Shift = (lo: number, hi: number) => [number, number] | null;
const deleted = (col: number): Shift => (lo, hi) => (lo === col && hi === col ? null : [lo > col ? lo - 1 : lo, hi >= col ? hi - 1 : hi]);
const inserted = (col: number): Shift => (lo, hi) => [lo >= col ? lo + 1 : lo, hi >= col ? hi + 1 : hi];

/** The formula (sitting on `formulaSheet`) after a column of `sheet` changed; text in quotes stays. */
export function shiftColumns(formula: string, formulaSheet: string, sheet: string, shift: Shift): string {
  const parts: string[] = [];
  const re = /"(?:[^"]|"")*"?/g;
  let last = 0;
  const code = (text: string) => text.replace(TOKEN, (whole, ...args) => {
    const g = args[args.length - 1] as Record<string, string | undefined>;
    const refSheet = g.q !== undefined ? g.q.replace(/''/g, "'") : g.u ?? formulaSheet;
    if (!sameSheet(refSheet, sheet)) return whole;
    const a = colIndex(g.ac ?? g.c1!), b = colIndex(g.bc ?? g.ac ?? g.c2!);
    if (a > MAX_COL || b > MAX_COL) return whole;
    const lo = Math.min(a, b), hi = Math.max(a, b);
    const moved = shift(lo, hi);
    const pre = g.pre ?? "";
    if (!moved) return `${pre}#REF!`;
    const [na, nb] = a <= b ? moved : [moved[1], moved[0]];
    if (g.ac !== undefined) return `${pre}${written(g.ac, na)}${g.ar}${g.bc !== undefined ? `:${written(g.bc, nb)}${g.br}` : ""}`;
    return `${pre}${written(g.c1!, na)}:${written(g.c2!, nb)}`;
  });
  for (let m = re.exec(formula); m; m = re.exec(formula)) {
    parts.push(code(formula.slice(last, m.index)), m[0]);
    last = m.index + m[0].length;
  }
  parts.push(code(formula.slice(last)));
  return parts.join("");
}

function moveCells(sheet: FakeSheet, to: (c: number) => number | null): void {
  const moved: [number, number, FakeCell][] = [];
  for (const [r, c, cell] of sheet.entries()) { const n = to(c); if (n !== null) moved.push([r, n, cell]); }
  sheet.cells.clear();
  for (const [r, c, cell] of moved) Object.assign(sheet.cell(r, c), cell);
  sheet.hiddenColumns = new Set([...sheet.hiddenColumns].flatMap((c) => { const n = to(c); return n === null ? [] : [n]; }));
  sheet.columnWidths = new Map([...sheet.columnWidths].flatMap(([c, w]) => { const n = to(c); return n === null ? [] : [[n, w] as [number, number]]; }));
}

function rewrite(wb: FakeWorkbook, sheet: FakeSheet, shift: Shift, skip: (s: FakeSheet, c: number) => boolean): void {
  for (const s of wb.sheets) {
    for (const [, c, cell] of s.entries()) {
      if (!cell.formula || skip(s, c)) continue;
      cell.formula = shiftColumns(cell.formula, s.name, sheet.name, shift);
    }
  }
}

/** Deletes column `col` (0-based) of `sheet`, as Excel does. */
export function deleteColumn(wb: FakeWorkbook, sheet: FakeSheet, col: number): void {
  rewrite(wb, sheet, deleted(col + 1), (s, c) => s === sheet && c === col);
  moveCells(sheet, (c) => (c === col ? null : c > col ? c - 1 : c));
  // A table that was only that column goes with it; the others keep their columns.
  sheet.tables = sheet.tables.map((t) => ({ ...t, address: shiftColumns(t.address, sheet.name, sheet.name, deleted(col + 1)) })).filter((t) => !t.address.includes("#REF!"));
  sheet.merges = sheet.merges
    .filter((m) => !(m.c0 === col && m.c1 === col))
    .map((m) => ({ ...m, c0: m.c0 > col ? m.c0 - 1 : m.c0, c1: m.c1 >= col ? m.c1 - 1 : m.c1 }));
}

/** Inserts an empty column before column `col` (0-based) of `sheet`, as Excel does. */
export function insertColumn(wb: FakeWorkbook, sheet: FakeSheet, col: number): void {
  rewrite(wb, sheet, inserted(col + 1), () => false);
  moveCells(sheet, (c) => (c >= col ? c + 1 : c));
  sheet.tables = sheet.tables.map((t) => ({ ...t, address: shiftColumns(t.address, sheet.name, sheet.name, inserted(col + 1)) }));
  sheet.merges = sheet.merges.map((m) => ({ ...m, c0: m.c0 >= col ? m.c0 + 1 : m.c0, c1: m.c1 >= col ? m.c1 + 1 : m.c1 }));
}
