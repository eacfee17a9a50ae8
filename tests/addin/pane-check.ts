import { checkSheet, readOtherSheets, type CheckScope } from "../../addin/src/check.ts";
import { capabilities, ExcelAdapter } from "../../addin/src/excel/adapter.ts";
import { getCatalog } from "../../shared/index.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { FakeExcelHost, FakeWorkbook } from "./fake-excel/index.ts";

/**
 * Rows typed into a "Báo cáo" sheet of the strict fake Excel, read by the pane's adapter and
 * checked as the pane checks it (the other sheets read too): the issues, and the workbook to look
 * at afterwards.
 */
const PANE_SCOPE: CheckScope = { catalog: getCatalog(), lang: "vi", registry: REGISTRY, mappingOf: () => undefined };

export async function paneCheck(rows: (string | number | null)[][]) {
  const wb = new FakeWorkbook();
  const s = wb.add("Báo cáo");
  rows.forEach((row, r) => row.forEach((v, c) => { if (v !== null) s.cell(r, c).value = v; }));
  const host = new FakeExcelHost(wb, { excelApi: "1.18" });
  const adapter = new ExcelAdapter(host.run, capabilities(host.office));
  const snap = await adapter.readSheet("Báo cáo", { others: true, known: await adapter.listSheets() });
  const { issues } = checkSheet(snap.grid, readOtherSheets(snap.others ?? [], PANE_SCOPE), PANE_SCOPE);
  return { issues, wb };
}
