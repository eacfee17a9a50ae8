import { existsSync } from "node:fs";
import ExcelJS from "exceljs";
import { columnLetters, layoutRollup, MET_FILL, MISSED_FILL, ROLLUP_SHEET, withoutTextMark, type Lang } from "../shared/index.ts";
import type { RollupResponse } from "../shared/contract/index.ts";
import { CliError } from "./errors.ts";

const argb = (hex: string) => `FF${hex.replace("#", "")}`;
/** The layout marks formula-like text as Office.js writes it; exceljs writes strings as text anyway. */
const plain = (v: string | number) => (typeof v === "string" ? withoutTextMark(v) : v);

/**
 * Writes or refreshes the "Tổng hợp tỉnh" sheet of a workbook with exceljs: the same layout as the
 * add-in's (one row per district, the province total, rates as percentages, targets with
 * attainment highlighted). exceljs cannot draw charts, so the CLI's sheet has none.
 */
export async function writeRollupWorkbook(path: string, rollup: RollupResponse, lang: Lang): Promise<{ rows: number }> {
  const wb = new ExcelJS.Workbook();
  if (existsSync(path)) {
    try { await wb.xlsx.readFile(path); } catch { throw new CliError(`Tệp "${path}" đã có nhưng không đọc được; chọn tệp khác.`, `"${path}" exists but cannot be read; choose another file.`); }
    const old = wb.getWorksheet(ROLLUP_SHEET);
    if (old) wb.removeWorksheet(old.id);
  }
  const layout = layoutRollup(rollup, lang);
  const ws = wb.addWorksheet(ROLLUP_SHEET, { views: [{ state: "frozen", xSplit: 1, ySplit: 1 }] });
  ws.addRow(layout.header.map(plain)).font = { bold: true };
  for (const row of layout.rows) ws.addRow(row.map(plain));
  const total = ws.addRow(layout.total.map(plain));
  total.font = { bold: true };
  layout.formats.forEach((f, c) => { ws.getColumn(c + 1).numFmt = f; ws.getColumn(c + 1).width = c < 6 ? 14 : 16; });
  ws.getColumn(1).width = 22;
  for (const h of layout.highlights) {
    const r = h.row === -1 ? layout.rows.length + 2 : h.row + 2;
    ws.getCell(`${columnLetters(h.col)}${r}`).fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(h.met ? MET_FILL : MISSED_FILL) } };
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: layout.header.length } };
  if (layout.targets.rows.length) {
    ws.addRow([]);
    ws.addRow(layout.targets.header).font = { bold: true };
    layout.targets.rows.forEach((row, i) => {
      const r = ws.addRow(row.map(plain));
      const met = layout.targets.met[i];
      if (met !== null && met !== undefined) r.getCell(6).fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(met ? MET_FILL : MISSED_FILL) } };
    });
  }
  await wb.xlsx.writeFile(path);
  return { rows: layout.rows.length };
}
