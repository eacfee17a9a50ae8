import { existsSync } from "node:fs";
import ExcelJS from "exceljs";
import { APPROXIMATE_FILL, BASIS_COL, columnLetters, layoutRollup, MET_FILL, MISSED_FILL, ROLLUP_SHEET, withoutTextMark, type Lang } from "../shared/index.ts";
import type { RollupResponse } from "../shared/contract/index.ts";
import type { Comparable } from "../shared/index.ts";
import { CliError } from "./errors.ts";

const argb = (hex: string) => `FF${hex.replace("#", "")}`;
/** The layout marks formula-like text as Office.js writes it; exceljs writes strings as text anyway. */
const plain = (v: string | number) => (typeof v === "string" ? withoutTextMark(v) : v);
const solid = (hex: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb: argb(hex) } });
const HEAD_FILL = "#DDEBF7";

/**
 * Writes or refreshes the "Tổng hợp tỉnh" sheet of a workbook with exceljs, in the add-in's layout
 * (shared/report/rollup-layout.ts): title, grouped headers, one row per unit, the total, the
 * comparisons and the targets, set up to print on A4 landscape with the header rows repeated.
 * exceljs cannot draw charts, so the CLI's sheet has none. Other sheets are left as they are.
 */
export async function writeRollupWorkbook(path: string, rollup: RollupResponse, lang: Lang, comparisons: { previous?: Comparable | null; yearEarlier?: Comparable | null } = {}): Promise<{ rows: number }> {
  const wb = new ExcelJS.Workbook();
  if (existsSync(path)) {
    try { await wb.xlsx.readFile(path); } catch { throw new CliError(`Tệp "${path}" đã có nhưng không đọc được; chọn tệp khác.`, `"${path}" exists but cannot be read; choose another file.`); }
    const old = wb.getWorksheet(ROLLUP_SHEET);
    if (old) wb.removeWorksheet(old.id);
  }
  const L = layoutRollup(rollup, lang, comparisons);
  const width = L.header.length;
  const ws = wb.addWorksheet(ROLLUP_SHEET, {
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
  for (const h of L.highlights) {
    const r = h.row === -1 ? L.totalRow : L.headerRow + 1 + h.row;
    ws.getCell(`${columnLetters(h.col)}${r + 1}`).fill = solid(h.met ? MET_FILL : MISSED_FILL);
  }
  L.comparisons.forEach((cmp, i) => {
    const r = row(L.comparisonRow + i);
    r.values = cmp.values.map(plain);
    cmp.formats.forEach((f, c) => { r.getCell(c + 1).numFmt = f; });
    if (cmp.kind === "heading" || cmp.kind === "total") r.font = { bold: true };
    if (cmp.kind === "note") r.font = { italic: true };
    if (cmp.approximate) r.getCell(BASIS_COL + 1).fill = solid(APPROXIMATE_FILL);
  });
  if (L.targets.rows.length) {
    const h = row(L.targetRow);
    h.values = L.targets.header.map(plain);
    h.font = { bold: true };
    L.targets.rows.forEach((values, i) => {
      const r = row(L.targetRow + 1 + i);
      r.values = values.map(plain);
      const met = L.targets.met[i];
      if (met !== null && met !== undefined) r.getCell(4).fill = solid(met ? MET_FILL : MISSED_FILL);
    });
  }
  L.widths.forEach((w, c) => { ws.getColumn(c + 1).width = w; });
  ws.autoFilter = { from: { row: L.headerRow + 1, column: 1 }, to: { row: L.headerRow + 1, column: width } };
  await wb.xlsx.writeFile(path);
  return { rows: L.rows.length };
}
