import ExcelJS from "exceljs";
import { compileValidator, getCatalog, readSheet, type Issue } from "../../shared/index.ts";
import { worksheetGrid } from "../../cli/xlsx-grid.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";

/**
 * Rows written to a real .xlsx sheet ("Báo cáo"), read back as the CLI reads a file, and checked:
 * the read, every issue, and the errors as [rule, first cell]. `merges`: ranges merged ("C1:F1").
 */
export async function checkRows(rows: (string | number | null)[][], opts: { merges?: string[] } = {}) {
  const catalog = getCatalog();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Báo cáo");
  for (const r of rows) ws.addRow(r);
  // Group headers as clerks make them: one merged cell over the columns it names.
  for (const m of opts.merges ?? []) ws.mergeCells(m);
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const read = readSheet(worksheetGrid(back.getWorksheet("Báo cáo")!), { catalog, registry: REGISTRY });
  const issues: Issue[] = [...read.issues, ...compileValidator(catalog)(read.table, { history: read.history })];
  return { read, issues, errors: issues.filter((i) => i.severity === "error").map((e) => [e.rule, e.cells[0]]) };
}
