import ExcelJS from "exceljs";
import type { XlValue } from "../../../addin/src/excel/surface.ts";
import { argbToHex, FakeWorkbook, type FakeFill } from "./model.ts";

/**
 * Loads an .xlsx (through exceljs, in Node and in the browser alike) into the fake host's
 * workbook, presenting each cell as Office.js would: formulas with their cached results, dates
 * as serial numbers, errors as "#DIV/0!" text, rich text as plain text.
 */
const THEME = ["#FFFFFF", "#000000", "#E7E6E6", "#44546A", "#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47"];

// Office.js pattern names for exceljs' (ECMA-376) ones.
const PATTERNS: Record<string, string> = {
  solid: "Solid", darkGray: "Gray75", mediumGray: "Gray50", lightGray: "Gray25", gray125: "Gray16", gray0625: "Gray8",
  darkHorizontal: "Horizontal", darkVertical: "Vertical", darkDown: "Down", darkUp: "Up", darkGrid: "Checker",
  darkTrellis: "SemiGray75", lightHorizontal: "LightHorizontal", lightVertical: "LightVertical", lightDown: "LightDown",
  lightUp: "LightUp", lightGrid: "Grid", lightTrellis: "CrissCross",
};

function colour(c: Partial<ExcelJS.Color> | undefined): string {
  if (c?.argb) return argbToHex(c.argb);
  if (c?.theme !== undefined) return THEME[c.theme] ?? "#FFFFFF";
  return "#000000";
}

function fillOf(fill: ExcelJS.Fill | undefined): FakeFill | null {
  if (!fill || fill.type !== "pattern" || fill.pattern === "none") return null;
  return { color: colour(fill.fgColor), pattern: PATTERNS[fill.pattern] ?? "Solid" };
}

const EPOCH = Date.UTC(1899, 11, 30);

function valueOf(v: ExcelJS.CellValue): { value: XlValue; formula: string | null } {
  if (v === null || v === undefined) return { value: "", formula: null };
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return { value: v, formula: null };
  if (v instanceof Date) return { value: (v.getTime() - EPOCH) / 86_400_000, formula: null };
  if ("error" in v) return { value: String(v.error), formula: null };
  if ("richText" in v) return { value: v.richText.map((r) => r.text).join(""), formula: null };
  if ("formula" in v || "sharedFormula" in v) {
    const f = v as ExcelJS.CellFormulaValue;
    const r = valueOf((f.result ?? null) as ExcelJS.CellValue);
    return { value: r.value, formula: f.formula ? `=${f.formula}` : null };
  }
  if ("text" in v && "hyperlink" in v) return { value: String(v.text), formula: null };
  return { value: "", formula: null };
}

function noteOf(note: ExcelJS.Cell["note"]): string | null {
  if (note === undefined || note === null) return null;
  if (typeof note === "string") return note;
  return (note.texts ?? []).map((t) => t.text).join("");
}

export function fromExcelJs(book: ExcelJS.Workbook, name = "Book1.xlsx"): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.name = name;
  for (const ws of book.worksheets) {
    const sheet = wb.add(ws.name);
    sheet.visibility = ws.state === "veryHidden" ? "VeryHidden" : ws.state === "hidden" ? "Hidden" : "Visible";
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        if (cell.isMerged && cell.master !== cell) return;
        const { value, formula } = valueOf(cell.value);
        const fill = fillOf(cell.fill);
        const note = noteOf(cell.note);
        const numberFormat = cell.numFmt || "General";
        if (value === "" && !formula && !fill && note === null && numberFormat === "General") return;
        const fc = sheet.cell(r - 1, c - 1);
        Object.assign(fc, { value, formula, numberFormat, fill, note, bold: !!cell.font?.bold });
      });
    });
    const merges = (ws as unknown as { _merges?: Record<string, { model: { top: number; left: number; bottom: number; right: number } }> })._merges ?? {};
    sheet.merges = Object.values(merges).map((m) => ({ r0: m.model.top - 1, c0: m.model.left - 1, r1: m.model.bottom - 1, c1: m.model.right - 1 }));
    ws.columns?.forEach((col, i) => { if (col?.width) sheet.columnWidths.set(i, col.width * 7); if (col?.hidden) sheet.hiddenColumns.add(i); });
    // Hidden rows may hold nothing (a spacer the clerk hid): every row the sheet knows is looked at.
    for (let r = 1; r <= ws.rowCount; r++) if (ws.findRow(r)?.hidden) sheet.hiddenRows.add(r - 1);
  }
  return wb;
}

export async function loadXlsx(data: ArrayBuffer | Uint8Array, name?: string): Promise<FakeWorkbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as ArrayBuffer);
  return fromExcelJs(book, name);
}
