import { shiftForDeletedRow } from "../../../shared/parse/formula-refs.ts";
import { FormulaEvaluator, type FormulaSheet } from "../../../shared/parse/formula-engine.ts";
import type { FakeSheet, FakeWorkbook } from "../../../tests/addin/fake-excel/index.ts";

/**
 * Formulas in the preview behave as in Excel for what clerks use in these sheets (SUM, ROUND,
 * arithmetic, percent): a cell's formula is evaluated by the core's engine
 * (shared/parse/formula-engine.ts, hot-formula-parser) against the workbook's cells, and a deleted row moves the references below it up, shrinks ranges across it
 * and turns references to it into #REF!, from every sheet, as Excel does. Functions the library does not know keep the
 * value the file was saved with (Excel computed it; the preview cannot).
 */

/** The fake workbook's sheet as the core's formula engine reads it. */
function engineSheet(sheet: FakeSheet): FormulaSheet {
  return {
    key: sheet.id,
    value: (r, c) => sheet.get(r, c)?.value ?? "",
    formula: (r, c) => sheet.get(r, c)?.formula || null,
    lastColumn: () => sheet.usedBox(true)?.c1 ?? 0,
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
