import type ExcelJS from "exceljs";
import type { CellValue, MergeRange, SheetGrid } from "../shared/index.ts";

/**
 * exceljs cells flattened into the grid the core reads: formula cells give their cached result,
 * rich text its plain text, hyperlinks their text, errors `{error}`; merged areas and number
 * formats are kept, since header detection and percent parsing need them.
 */
export function cellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    if ("error" in v) return { error: String(v.error) };
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      if (r === undefined || r === null) return null;
      if (typeof r === "object" && "error" in r) return { error: String(r.error) };
      return r as CellValue;
    }
    if ("text" in v && "hyperlink" in v) return String(v.text);
  }
  return null;
}

function isFormula(v: ExcelJS.CellValue): boolean {
  return typeof v === "object" && v !== null && ("formula" in v || "sharedFormula" in v);
}

export function worksheetGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const values: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  const hiddenRows: number[] = [];
  const formulas: (string | null)[][] = [];
  const rows = ws.actualRowCount === 0 ? 0 : ws.rowCount;
  for (let r = 1; r <= rows; r++) {
    const row = ws.getRow(r);
    if (row.hidden) hiddenRows.push(r - 1);
    const vr: CellValue[] = [];
    const fr: (string | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      // Merged slave cells repeat the master's value in exceljs; the core expects them empty.
      if (cell.isMerged && cell.master !== cell) return;
      vr[c - 1] = cellValue(cell.value);
      fr[c - 1] = cell.numFmt ?? null;
      // A formula saved without its result is handed to the core, which computes it.
      if (vr[c - 1] === null && isFormula(cell.value) && cell.formula) (formulas[r - 1] ??= [])[c - 1] = `=${cell.formula}`;
    });
    values.push(Array.from(vr, (v) => v ?? null));
    formats.push(Array.from(fr, (v) => v ?? null));
  }
  const merges: MergeRange[] = [];
  const model = (ws as unknown as { _merges?: Record<string, { model: { top: number; left: number; bottom: number; right: number } }> })._merges ?? {};
  for (const m of Object.values(model)) merges.push({ top: m.model.top - 1, left: m.model.left - 1, bottom: m.model.bottom - 1, right: m.model.right - 1 });
  const hiddenColumns: number[] = [];
  const width = values.reduce((m, r) => Math.max(m, r.length), 0);
  for (let c = 1; c <= width; c++) if (ws.getColumn(c).hidden) hiddenColumns.push(c - 1);
  const grid: SheetGrid = { name: ws.name, values, formats, merges, hiddenRows, hiddenColumns };
  if (formulas.length) {
    grid.formulas = Array.from(formulas, (row) => (row ? Array.from(row, (f) => f ?? null) : []));
    // The workbook's defined names, which those formulas may use (exceljs keeps names of ranges).
    const names: Record<string, string> = {};
    const defined = (ws.workbook?.definedNames as unknown as { model?: { name: string; ranges: string[] }[] } | undefined)?.model ?? [];
    for (const d of defined) if (d.ranges.length === 1 && !d.name.startsWith("_xlnm.")) names[d.name.toUpperCase()] = d.ranges[0]!;
    if (Object.keys(names).length) grid.definedNames = names;
  }
  return grid;
}

