import { shiftForDeletedRow } from "../../../shared/parse/formula-refs.ts";
import { FormulaEvaluator, type FormulaSheet } from "../../../shared/parse/formula-engine.ts";
import type { FakeSheet, FakeWorkbook } from "../../../tests/addin/fake-excel/index.ts";

/**
 * Formulas in the preview behave as in Excel for what clerks use in these sheets (SUM, SUMIF(S),
 * ROUND, IF with only its branch taken, lookups, INDIRECT, OFFSET, arithmetic, percent): a cell's formula is evaluated by the
 * core's engine (shared/parse/formula-engine.ts) against the workbook's cells, and a deleted row moves the references below it up, shrinks ranges across it
 * and turns references to it into #REF!, from every sheet, as Excel does. Functions the engine does not know keep the
 * value the file was saved with (Excel computed it; the preview cannot).
 */

/** The fake workbook's sheet as the core's formula engine reads it. */
function engineSheet(sheet: FakeSheet): FormulaSheet {
  return {
    key: sheet.id,
    value: (r, c) => sheet.get(r, c)?.value ?? "",
    formula: (r, c) => sheet.get(r, c)?.formula || null,
    lastColumn: () => sheet.usedBox(true)?.c1 ?? 0,
    lastRow: () => sheet.usedBox(false)?.r1 ?? 0,
  };
}

/**
 * Recomputes every formula cell of the workbook (references to other sheets included); returns
 * how many values changed.
 */
export function recalculate(wb: FakeWorkbook): number {
  const sheets = new Map(wb.sheets.map((s) => [s, engineSheet(s)] as const));
  const engine = new FormulaEvaluator({ sheet: (name) => { const s = wb.sheet(name); return s ? sheets.get(s) ?? null : null; } });
  let changed = 0;
  for (const sheet of wb.sheets) {
    const es = sheets.get(sheet)!;
    for (const [r, c, cell] of [...sheet.entries()]) {
      if (!cell.formula) continue;
      const v = engine.valueAt(es, r, c, cell.value) ?? cell.value;
      if (v !== cell.value) { cell.value = v; changed++; }
    }
  }
  return changed;
}

/** A formula cell the file holds no result for: its sheet, 0-based row and column, its formula ("=SUM(C3:C9)"). */
export interface UnsavedCell { sheet: string; r: number; c: number; formula: string }

/**
 * What Excel does when it opens a file saved without formula results (written by a tool other
 * than Excel): it computes them. The preview does the same for those cells only (a saved
 * result, "" included, stays as Excel computed it); returns the cells it could not compute,
 * which the page names, so none is left a silent blank.
 */
export function computeUnsaved(wb: FakeWorkbook, cells: readonly UnsavedCell[]): { computed: number; failed: UnsavedCell[] } {
  const unsaved = new Set<string>();
  for (const u of cells) {
    const sheet = wb.sheet(u.sheet);
    if (!sheet) continue;
    sheet.cell(u.r, u.c).formula = u.formula;
    unsaved.add(`${sheet.id}\u0001${u.r}\u0001${u.c}`);
  }
  // Cells with a saved result are read as saved (Excel computed them); only the others are computed.
  const sheets = new Map(wb.sheets.map((s) => {
    const all = engineSheet(s);
    return [s, { ...all, formula: (r: number, c: number) => (unsaved.has(`${s.id}\u0001${r}\u0001${c}`) ? all.formula(r, c) : null) }] as const;
  }));
  const engine = new FormulaEvaluator({ sheet: (name) => { const s = wb.sheet(name); return s ? sheets.get(s) ?? null : null; } });
  let computed = 0;
  const failed: UnsavedCell[] = [];
  for (const u of cells) {
    const sheet = wb.sheet(u.sheet);
    if (!sheet) continue;
    const v = engine.valueAt(sheets.get(sheet)!, u.r, u.c, null);
    if (v === null) { failed.push(u); continue; }
    sheet.cell(u.r, u.c).value = v;
    computed++;
  }
  return { computed, failed };
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
