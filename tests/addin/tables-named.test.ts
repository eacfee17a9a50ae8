import { describe, expect, it } from "vitest";
import { checkSheet, type CheckScope } from "../../addin/src/check.ts";
import { capabilities, ExcelAdapter } from "../../addin/src/excel/adapter.ts";
import { getCatalog } from "../../shared/index.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { FakeExcelHost, FakeWorkbook } from "./fake-excel/index.ts";

/** The pane's check of a sheet of two tables, read through the strict fake Excel: each issue says its table. */
const scope: CheckScope = { catalog: getCatalog(), lang: "vi", registry: REGISTRY, mappingOf: () => undefined };
type Rows = (string | number | null)[][];

async function paneIssues(rows: Rows) {
  const wb = new FakeWorkbook();
  const s = wb.add("Báo cáo");
  rows.forEach((row, r) => row.forEach((v, c) => { if (v !== null) s.cell(r, c).value = v; }));
  const host = new FakeExcelHost(wb, { excelApi: "1.18" });
  const adapter = new ExcelAdapter(host.run, capabilities(host.office));
  const snap = await adapter.readSheet("Báo cáo", { others: true, known: await adapter.listSheets() });
  return checkSheet(snap.grid, [], scope).issues;
}

const table1: Rows = [["Biểu 01: Tổ chức đảng"], ["Đơn vị", "Tổng số chi bộ", "Chi bộ đạt TSVM", "Tỷ lệ chi bộ đạt TSVM (%)"], ["Xã Sơn Mỹ", 9, 6, 66.67], ["Xã Tân Đức", 8, 4, 55], ["Tổng cộng", 17, 10, 58.82]];
const table2: Rows = [["Biểu 02: Đảng viên"], ["Đơn vị", "Tổng số đảng viên", "Đảng viên HTTNV"], ["Xã Sơn Mỹ", 100, 60], ["Xã Tân Đức", 150, 90], ["Tổng cộng", 260, 150]];

describe("the pane names the table of each issue", () => {
  it("on a sheet of two tables", async () => {
    const issues = await paneIssues([["BÁO CÁO NĂM 2023"], ...table1, [], ...table2]);
    const at = (rule: string) => issues.find((i) => i.rule === rule)!;
    expect(at("rate_mismatch")).toMatchObject({ cells: ["D5", "C5", "B5"], table: { index: 1, label: "Biểu 01" } });
    expect(at("total_row")).toMatchObject({ cells: ["B12"], table: { index: 2, label: "Biểu 02" } });
  });

  it("and names none on a sheet of one", async () => {
    const issues = await paneIssues([["BÁO CÁO NĂM 2023"], ...table1]);
    expect(issues.some((i) => i.rule === "rate_mismatch")).toBe(true);
    expect(issues.filter((i) => i.table)).toEqual([]);
  });
});
