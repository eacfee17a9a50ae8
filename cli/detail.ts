import { withoutTextMark, type Lang } from "../shared/index.ts";
import type ExcelJS from "exceljs";
import { detailSheetName, layoutDetail } from "../shared/report/detail-layout.ts";
import type { DetailResponse } from "../shared/contract/index.ts";
import { writeFile } from "node:fs/promises";
import { addUnitTableSheet, HEAD_FILL, plain, solid, withColumnBreaks, workbookWithout } from "./printable-sheet.ts";

/**
 * Writes or refreshes a unit's detail sheet ("Chi tiết <đơn vị>") with exceljs, in the add-in's
 * layout (shared/report/detail-layout.ts): title, the units below against the grouped
 * indicators, the unit's total, and the submission history with each value old → new; A4
 * landscape, one page wide, header rows repeated. The unit's sheet is replaced; others stay.
 */
export async function writeDetailWorkbook(path: string, detail: DetailResponse, lang: Lang): Promise<{ sheet: string; rows: number; changes: number }> {
  const L = layoutDetail(detail, lang);
  // The unit's own sheet from an earlier run is replaced; a unit of the same name elsewhere
  // (Tân Xuân is in Hàm Tân and in Ba Tri) gets a sheet of its own.
  const wb = await workbookWithout(path, "");
  const own = wb.worksheets.find((ws) => holdsTotalOf(ws, withoutTextMark(String(L.total[0])), detail.unit));
  if (own) wb.removeWorksheet(own.id);
  const name = own?.name ?? detailSheetName(detail.name, lang, wb.worksheets.map((ws) => ws.name));
  const ws = addUnitTableSheet(wb, name, L);
  const row = (r: number) => ws.getRow(r + 1);
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
  // exceljs writes no column breaks: added to the sheet's part, as for the rollup sheet.
  await writeFile(path, withColumnBreaks(new Uint8Array(await wb.xlsx.writeBuffer()), ws.id, L.plan.columnBreaks));
  return { sheet: name, rows: L.rows.length, changes: detail.history.reduce((n, v) => n + v.changes.length, 0) };
}

/** Whether a sheet is this unit's detail: its total row ("Cộng <đơn vị>", the code beside it). */
function holdsTotalOf(ws: ExcelJS.Worksheet, label: string, code: string): boolean {
  let found = false;
  ws.eachRow((row) => { if (!found && row.getCell(1).value === label && row.getCell(2).value === code) found = true; });
  return found;
}
