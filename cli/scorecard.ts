import type { Lang } from "../shared/index.ts";
import { ScorecardResponse } from "../shared/contract/index.ts";
import { layoutScorecard, SCORECARD_SHEET } from "../shared/quality/scorecard-layout.ts";
import { pageSetupOf, plain, workbookWithout } from "./printable-sheet.ts";
import { headerHeight } from "../shared/report/print-plan.ts";

/** Writes or refreshes the "Chất lượng số liệu" sheet: the units ranked by the scorecard (shared/quality/scorecard-layout.ts). */
export async function writeScorecardWorkbook(path: string, sc: ScorecardResponse, lang: Lang, provinceName?: string): Promise<{ units: number }> {
  const wb = await workbookWithout(path, SCORECARD_SHEET);
  const L = layoutScorecard(sc, lang, { provinceName });
  // Printed as the plan says: header row repeated, rank and unit on every page across, page numbers in the footer.
  const ws = wb.addWorksheet(SCORECARD_SHEET, {
    views: [{ state: "frozen", xSplit: L.freeze.columns, ySplit: L.freeze.rows }],
    pageSetup: pageSetupOf(L.plan, [L.headerRow, L.headerRow]),
    headerFooter: { oddFooter: L.plan.footer },
  });
  L.title.forEach((t, i) => { const c = ws.getCell(i + 1, 1); c.value = plain(t); c.font = { bold: i === 0, size: i === 0 ? 14 : 11 }; });
  const h = ws.getRow(L.headerRow + 1);
  h.height = headerHeight(L.header, L.widths);
  h.values = L.header.map(plain);
  h.font = { bold: true };
  h.alignment = { wrapText: true, vertical: "top" };
  const rows = [...L.rows, L.summary];
  rows.forEach((row, i) => {
    const r = ws.getRow(L.headerRow + 2 + i);
    r.values = row.map(plain);
    L.formats.forEach((f, c) => { r.getCell(c + 1).numFmt = f; });
    if (i === rows.length - 1) r.font = { bold: true };
  });
  L.widths.forEach((w, c) => { ws.getColumn(c + 1).width = w; });
  await wb.xlsx.writeFile(path);
  return { units: L.rows.length };
}
