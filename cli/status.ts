import type { Lang } from "../shared/index.ts";
import type { RollupResponse } from "../shared/contract/index.ts";
import { layoutStatus, STATUS_HIDDEN, STATUS_SHEET, STATUS_WIDTHS } from "../shared/report/status-layout.ts";
import { pageSetupOf, plain, workbookWithout } from "./printable-sheet.ts";
import { headerHeight } from "../shared/report/print-plan.ts";

/**
 * Writes or refreshes the "Tình hình nộp báo cáo" sheet (shared/report/status-layout.ts) with exceljs; other sheets stay.
 * `clerks` (unit → people, from the province's assignments) fills the clerk column of the units still to report.
 */
export async function writeStatusWorkbook(path: string, rollup: RollupResponse, lang: Lang, clerks?: ReadonlyMap<string, string[]>): Promise<{ missing: number }> {
  const wb = await workbookWithout(path, STATUS_SHEET);
  const L = layoutStatus(rollup, lang, { clerks });
  // The list of units is the long block: its header row repeats on every printed page and stays in view.
  const unitsHeader = L.unitsHeaderRow;
  const plan = L.plan;
  const ws = wb.addWorksheet(STATUS_SHEET, {
    views: [{ state: "frozen", xSplit: L.freeze.columns, ySplit: L.freeze.rows }],
    pageSetup: pageSetupOf(plan, [unitsHeader, unitsHeader]),
    headerFooter: { oddFooter: plan.footer },
  });
  L.title.forEach((t, i) => { const c = ws.getCell(i + 1, 1); c.value = plain(t); c.font = { bold: i === 0, size: i === 0 ? 14 : 11 }; });
  let r = L.title.length + 2;
  const block = (header: string[], rows: (string | number)[][], formats?: string[]) => {
    const h = ws.getRow(r++);
    h.values = header.map(plain);
    h.font = { bold: true };
    h.alignment = { wrapText: true, vertical: "top" };
    h.height = headerHeight(header, STATUS_WIDTHS);
    for (const row of rows) {
      const x = ws.getRow(r++);
      x.values = row.map(plain);
      formats?.forEach((f, c) => { x.getCell(c + 1).numFmt = f; });
    }
    r++;
  };
  block(L.summary.header, L.summary.rows, L.summary.formats);
  block(L.units.header, L.units.rows);
  if (L.missing.rows.length) block(L.missing.header, L.missing.rows);
  STATUS_WIDTHS.forEach((w, c) => { ws.getColumn(c + 1).width = w; });
  // The unit codes: a machine column, kept for whoever reads the file with a program, never printed or shown.
  for (const c of STATUS_HIDDEN) ws.getColumn(c + 1).hidden = true;
  await wb.xlsx.writeFile(path);
  return { missing: L.missing.rows.length };
}
