import { existsSync } from "node:fs";
import ExcelJS from "exceljs";
import { detailSheetName, layoutDetail, withoutTextMark, type Lang } from "../shared/index.ts";
import type { DetailResponse } from "../shared/contract/index.ts";
import { CliError } from "./errors.ts";

const argb = (hex: string) => `FF${hex.replace("#", "")}`;
/** The layout marks formula-like text as Office.js writes it; exceljs writes strings as text anyway. */
const plain = (v: string | number) => (typeof v === "string" ? withoutTextMark(v) : v);
const solid = (hex: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb: argb(hex) } });
const HEAD_FILL = "#DDEBF7";

/**
 * Writes or refreshes a unit's detail sheet ("Chi tiết <đơn vị>") with exceljs, in the add-in's
 * layout (shared/report/detail-layout.ts): title, the units below against the grouped
 * indicators, the unit's total, and the submission history with each value old → new; A4
 * landscape, one page wide, header rows repeated. The unit's sheet is replaced; others stay.
 */
export async function writeDetailWorkbook(path: string, detail: DetailResponse, lang: Lang): Promise<{ sheet: string; rows: number; changes: number }> {
  const wb = new ExcelJS.Workbook();
  const name = detailSheetName(detail.name, lang, []);
  if (existsSync(path)) {
    try { await wb.xlsx.readFile(path); } catch { throw new CliError(`Tệp "${path}" đã có nhưng không đọc được; chọn tệp khác.`, `"${path}" exists but cannot be read; choose another file.`); }
    const old = wb.worksheets.find((s) => s.name.toLocaleUpperCase() === name.toLocaleUpperCase());
    if (old) wb.removeWorksheet(old.id);
  }
  const L = layoutDetail(detail, lang);
  const width = L.header.length;
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: L.freeze.columns, ySplit: L.freeze.rows }],
    pageSetup: {
      paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      printTitlesRow: `${L.print.repeatRows[0] + 1}:${L.print.repeatRows[1] + 1}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "&L&A&RTrang &P/&N" },
  });
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
  for (let c = 1; c <= width; c++) { groupRow.getCell(c).fill = solid(HEAD_FILL); headerRow.getCell(c).fill = solid(HEAD_FILL); }
  L.rows.forEach((values, i) => { row(L.headerRow + 1 + i).values = values.map(plain); });
  const total = row(L.totalRow);
  total.values = L.total.map(plain);
  total.font = { bold: true };
  for (let r = L.headerRow + 1; r <= L.totalRow; r++) L.formats.forEach((f, c) => { row(r).getCell(c + 1).numFmt = f; });

  const ht = row(L.historyRow).getCell(1);
  ht.value = plain(L.historyTitle);
  ht.font = { bold: true, size: 12 };
  const hh = row(L.historyRow + 1);
  hh.values = L.historyHeader.map(plain);
  hh.font = { bold: true };
  for (let c = 1; c <= L.historyHeader.length; c++) hh.getCell(c).fill = solid(HEAD_FILL);
  const starts = new Set(L.versionStarts);
  L.history.forEach((values, i) => {
    const r = row(L.historyRow + 2 + i);
    r.values = values.map(plain);
    L.historyFormats[i]!.forEach((f, c) => { r.getCell(c + 1).numFmt = f; });
    if (starts.has(i)) for (let c = 1; c <= L.historyHeader.length; c++) r.getCell(c).border = { top: { style: "thin" } };
  });
  L.widths.forEach((w, c) => { ws.getColumn(c + 1).width = w; });
  await wb.xlsx.writeFile(path);
  return { sheet: name, rows: L.rows.length, changes: detail.history.reduce((n, v) => n + v.changes.length, 0) };
}
