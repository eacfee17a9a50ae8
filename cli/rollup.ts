import { APPROXIMATE_FILL, BASIS_COL, columnLetters, layoutRollup, MET_FILL, MISSED_FILL, ROLLUP_SHEET, type Lang } from "../shared/index.ts";
import type { RollupResponse } from "../shared/contract/index.ts";
import type { Comparable } from "../shared/index.ts";
import { writeFile } from "node:fs/promises";
import { addUnitTableSheet, plain, solid, withColumnBreaks, workbookWithout } from "./printable-sheet.ts";

/**
 * Writes or refreshes the "Tổng hợp tỉnh" sheet of a workbook with exceljs, in the add-in's layout
 * (shared/report/rollup-layout.ts): title, grouped headers, one row per unit, the total, the
 * comparisons and the targets, set up to print on A4 landscape with the header rows repeated.
 * exceljs cannot draw charts, so the CLI's sheet has none. Other sheets are left as they are.
 */
export async function writeRollupWorkbook(path: string, rollup: RollupResponse, lang: Lang, comparisons: { previous?: Comparable | null; yearEarlier?: Comparable | null } = {}): Promise<{ rows: number }> {
  const wb = await workbookWithout(path, ROLLUP_SHEET);
  const L = layoutRollup(rollup, lang, comparisons);
  const width = L.header.length;
  const ws = addUnitTableSheet(wb, ROLLUP_SHEET, L);
  const row = (r: number) => ws.getRow(r + 1);
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
      if (met !== null && met !== undefined) r.getCell(L.targets.resultCol + 1).fill = solid(met ? MET_FILL : MISSED_FILL);
    });
  }
  ws.autoFilter = { from: { row: L.headerRow + 1, column: 1 }, to: { row: L.headerRow + 1, column: width } };
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  // exceljs names each sheet's part by the sheet's id (xl/worksheets/sheet{id}.xml).
  await writeFile(path, withColumnBreaks(bytes, ws.id, L.plan.columnBreaks));
  return { rows: L.rows.length };
}
