import { existsSync } from "node:fs";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { columnLetters, withoutTextMark } from "../shared/index.ts";
import { CliError } from "./errors.ts";
import type { PrintPlan } from "../shared/report/print-plan.ts";

const argb = (hex: string) => `FF${hex.replace("#", "")}`;
/** The layouts mark formula-like text as Office.js writes it; exceljs writes strings as text anyway. */
export const plain = (v: string | number) => (typeof v === "string" ? withoutTextMark(v) : v);
export const solid = (hex: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb: argb(hex) } });
export const HEAD_FILL = "#DDEBF7";

/** The workbook at `path` (a new one when there is none) without its sheet called `sheet`, whatever the case. */
export async function workbookWithout(path: string, sheet: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  if (!existsSync(path)) return wb;
  try { await wb.xlsx.readFile(path); } catch { throw new CliError(`Tệp "${path}" đã có nhưng không đọc được; chọn tệp khác.`, `"${path}" exists but cannot be read; choose another file.`); }
  const old = wb.worksheets.find((s) => s.name.toLocaleUpperCase() === sheet.toLocaleUpperCase());
  if (old) wb.removeWorksheet(old.id);
  return wb;
}

/** What the rollup and detail layouts share: a title, grouped indicator headers, unit rows and a total. */
export interface UnitTable {
  title: string[];
  groupRow: number;
  groups: { label: string; from: number; to: number }[];
  headerRow: number;
  header: string[];
  formats: string[];
  rows: (string | number)[][];
  totalRow: number;
  total: (string | number)[];
  print: { repeatRows: [number, number] };
  freeze: { rows: number; columns: number };
  widths: number[];
  /** When given: how it prints (≥ 8 pt, groups of columns), the machine columns hidden, the header's height. */
  plan?: PrintPlan;
  hidden?: number[];
  headerHeight?: number;
}

/**
 * exceljs' page setup for a print plan: A4 in the plan's orientation, fitted to one width or at
 * its scale, `repeatRows` (0-based, inclusive) and the plan's repeated columns as print titles,
 * margins as the plan reckons them. The footer (page numbers) goes in `headerFooter`.
 */
export function pageSetupOf(plan: PrintPlan, repeatRows: [number, number]): Partial<ExcelJS.PageSetup> {
  const letters = (r: [number, number]) => `${columnLetters(r[0])}:${columnLetters(r[1])}`;
  return {
    paperSize: 9, orientation: plan.orientation,
    ...(!plan.fitToWidth ? { fitToPage: false, scale: plan.scale } : { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }),
    printTitlesRow: `${repeatRows[0] + 1}:${repeatRows[1] + 1}`,
    ...(plan.repeatColumns ? { printTitlesColumn: letters(plan.repeatColumns) } : {}),
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
}

/**
 * Adds a sheet set to print on A4 landscape, one page wide, the group and header rows repeated,
 * frozen below the header, with the layout's title, group headings (merged over their columns),
 * header, unit rows and bold total, each cell in its format.
 */
export function addUnitTableSheet(wb: ExcelJS.Workbook, name: string, L: UnitTable): ExcelJS.Worksheet {
  const plan = L.plan;
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: L.freeze.columns, ySplit: L.freeze.rows }],
    pageSetup: plan ? pageSetupOf(plan, L.print.repeatRows) : {
      paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      printTitlesRow: `${L.print.repeatRows[0] + 1}:${L.print.repeatRows[1] + 1}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: plan?.footer ?? "&L&A&RTrang &P/&N" },
  });
  const width = L.header.length;
  const row = (r: number) => ws.getRow(r + 1);
  L.title.forEach((t, i) => { const c = row(i).getCell(1); c.value = plain(t); c.font = { bold: i === 0, size: i === 0 ? 14 : 11 }; });
  for (const g of L.groups) {
    const cell = row(L.groupRow).getCell(g.from + 1);
    cell.value = plain(g.label);
    if (g.to > g.from) ws.mergeCells(L.groupRow + 1, g.from + 1, L.groupRow + 1, g.to + 1);
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  }
  const groupRow = row(L.groupRow);
  groupRow.font = { bold: true };
  const headerRow = row(L.headerRow);
  headerRow.values = L.header.map(plain);
  headerRow.font = { bold: true };
  headerRow.alignment = { wrapText: true, vertical: "top" };
  if (L.headerHeight) headerRow.height = L.headerHeight;
  for (let c = 1; c <= width; c++) { groupRow.getCell(c).fill = solid(HEAD_FILL); headerRow.getCell(c).fill = solid(HEAD_FILL); }
  L.rows.forEach((values, i) => { row(L.headerRow + 1 + i).values = values.map(plain); });
  const total = row(L.totalRow);
  total.values = L.total.map(plain);
  total.font = { bold: true };
  for (let r = L.headerRow + 1; r <= L.totalRow; r++) L.formats.forEach((f, c) => { row(r).getCell(c + 1).numFmt = f; });
  L.widths.forEach((w, c) => { ws.getColumn(c + 1).width = w; });
  for (const c of L.hidden ?? []) ws.getColumn(c + 1).hidden = true;
  return ws;
}

/**
 * Adds the plan's column page breaks to the written workbook (exceljs writes row breaks only):
 * `<colBreaks>` in the sheet's part, where the schema places it (after the row breaks, else
 * after the header and footer).
 */
export function withColumnBreaks(xlsx: Uint8Array, sheetId: number, breaks: readonly number[]): Uint8Array {
  if (!breaks.length) return xlsx;
  const files = unzipSync(xlsx);
  const part = `xl/worksheets/sheet${sheetId}.xml`;
  const xml = strFromU8(files[part] ?? new Uint8Array());
  if (!xml) throw new Error(`no ${part} in the workbook`);
  const brk = breaks.map((c) => `<brk id="${c}" max="1048575" man="1"/>`).join("");
  const el = `<colBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${brk}</colBreaks>`;
  const after = xml.includes("</rowBreaks>") ? "</rowBreaks>" : xml.includes("</headerFooter>") ? "</headerFooter>" : null;
  if (!after) throw new Error(`no place for column breaks in ${part}`);
  files[part] = strToU8(xml.replace(after, `${after}${el}`));
  return zipSync(files, { level: 6 });
}
