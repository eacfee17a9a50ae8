// The marking tests' workbook: a seed report with the clerk's own fill and note set before any
// marking, on the strict fake Excel at ExcelApi 1.18, and the cells' formats as comparable text.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { capabilities, ExcelAdapter } from "../../addin/src/excel/adapter.ts";
import { FakeExcelHost, fromExcelJs, type FakeSheet } from "./fake-excel/index.ts";

const seed = join(import.meta.dirname, "..", "..", "seeds", "workbooks", "ham-tan-tong-sai.xlsx");

export async function setUpMarkedSeed() {
  const b = new ExcelJS.Workbook();
  await b.xlsx.load(readFileSync(seed) as unknown as ArrayBuffer);
  const wb = fromExcelJs(b);
  const sheet = wb.sheet("Báo cáo")!;
  // The clerk's own green on L14 and a note on G10, before any marking.
  sheet.cell(13, 11).fill = { color: "#C6EFCE", pattern: "Solid" };
  sheet.cell(9, 6).note = "Số liệu của chi bộ";
  const host = new FakeExcelHost(wb, { excelApi: "1.18" });
  return { wb, sheet, adapter: new ExcelAdapter(host.run, capabilities(host.office)) };
}

/** Every cell with a fill or a note, as "row,col,fill,note", sorted. */
export const formats = (s: FakeSheet) => [...s.entries()].filter(([, , c]) => c.fill || c.note).map(([r, c, cell]) => `${r},${c},${JSON.stringify(cell.fill)},${cell.note}`).sort();
