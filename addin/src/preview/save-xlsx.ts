import ExcelJS from "exceljs";
import type { FakeWorkbook } from "../../../tests/addin/fake-excel/index.ts";

/**
 * The preview's workbook back to an .xlsx, in the browser, for "download": values, formulas with
 * their results, number formats, fills, notes, fonts, merges, sheet visibility, column widths and
 * hidden rows and columns —
 * what the add-in reads and writes. Nothing leaves the page: the file is a Blob the person saves.
 */
const PATTERN_BACK: Record<string, ExcelJS.FillPatterns> = {
  Solid: "solid", Gray75: "darkGray", Gray50: "mediumGray", Gray25: "lightGray", Gray16: "gray125", Gray8: "gray0625",
  Horizontal: "darkHorizontal", Vertical: "darkVertical", Down: "darkDown", Up: "darkUp", Checker: "darkGrid",
  SemiGray75: "darkTrellis", LightHorizontal: "lightHorizontal", LightVertical: "lightVertical", LightDown: "lightDown",
  LightUp: "lightUp", Grid: "lightGrid", CrissCross: "lightTrellis",
};
const argb = (hex: string) => `FF${hex.replace(/^#/, "").toUpperCase().padStart(6, "0").slice(-6)}`;

export function toExcelJs(wb: FakeWorkbook): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  for (const s of wb.sheets) {
    const ws = book.addWorksheet(s.name, { state: s.visibility === "VeryHidden" ? "veryHidden" : s.visibility === "Hidden" ? "hidden" : "visible" });
    for (const [r, c, cell] of s.entries()) {
      const x = ws.getCell(r + 1, c + 1);
      if (cell.formula) x.value = { formula: cell.formula.replace(/^=/, ""), result: cell.value === "" ? undefined : (cell.value as number | string | boolean) } as ExcelJS.CellFormulaValue;
      else if (typeof cell.value === "string" && /^#(DIV\/0!|REF!|VALUE!|NAME\?|N\/A|NUM!|NULL!)$/.test(cell.value)) x.value = { error: cell.value } as ExcelJS.CellErrorValue;
      else if (cell.value !== "") x.value = cell.value;
      if (cell.numberFormat && cell.numberFormat !== "General") x.numFmt = cell.numberFormat;
      if (cell.fill) x.fill = { type: "pattern", pattern: PATTERN_BACK[cell.fill.pattern] ?? "solid", fgColor: { argb: argb(cell.fill.color) } };
      if (cell.note !== null) x.note = cell.note;
      if (cell.bold || cell.fontColor || cell.underline) {
        x.font = { ...(cell.bold ? { bold: true } : {}), ...(cell.fontColor ? { color: { argb: argb(cell.fontColor) } } : {}), ...(cell.underline ? { underline: true } : {}) };
      }
    }
    for (const m of s.merges) ws.mergeCells(m.r0 + 1, m.c0 + 1, m.r1 + 1, m.c1 + 1);
    for (const [c, px] of s.columnWidths) ws.getColumn(c + 1).width = px / 7;
    for (const r of s.hiddenRows) ws.getRow(r + 1).hidden = true;
    for (const c of s.hiddenColumns) ws.getColumn(c + 1).hidden = true;
  }
  return book;
}

export async function xlsxBlob(wb: FakeWorkbook): Promise<Blob> {
  const buf = await toExcelJs(wb).xlsx.writeBuffer();
  return new Blob([buf], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
}
