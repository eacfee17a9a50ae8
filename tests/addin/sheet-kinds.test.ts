import { describe, expect, it } from "vitest";
import { capabilities, ExcelAdapter, offered, sheetKind } from "../../addin/src/excel/adapter.ts";
import { FakeExcelHost, FakeWorkbook } from "./fake-excel/index.ts";

/**
 * The sheets the product wrote (rollup, status, scorecard by their fixed names or their ids; the
 * draft and details by id) are never offered for validation nor read as data; the clerk's own
 * sheets are, whatever they are called ("Báo cáo" is a clerk's name as often as the draft's).
 */
function workbook() {
  const wb = new FakeWorkbook();
  const rows = [["Đơn vị", "Tổng số đảng viên"], ["Xã Sơn Mỹ", 110], ["Xã Tân Đức", 160]];
  for (const name of ["Báo cáo", "Báo cáo (2)", "Tổng hợp tỉnh", "TÌNH HÌNH NỘP BÁO CÁO", "Chất lượng số liệu", "TH quý 3", "Kiểm tra", "Chi tiết Hàm Tân", "Đảng viên"]) {
    const s = wb.add(name);
    rows.forEach((row, r) => row.forEach((v, c) => { s.cell(r, c).value = v; }));
  }
  const host = new FakeExcelHost(wb, { excelApi: "1.18" });
  return { wb, host };
}

describe("which sheets are data", () => {
  it("tells data sheets from the pane's annotation sheets and the product's report sheets", async () => {
    const { host } = workbook();
    const adapter = new ExcelAdapter(host.run, capabilities(host.office));
    const first = await adapter.listSheets();
    const id = (name: string) => first.find((s) => s.name === name)!.id!;
    // The draft, a detail sheet and a rollup sheet someone renamed, known by the ids the pane recorded.
    const reports = new Set([id("Báo cáo (2)"), id("TH quý 3"), id("Chi tiết Hàm Tân")]);
    adapter.reportSheets = () => reports;
    const sheets = await adapter.listSheets();
    expect(Object.fromEntries(sheets.map((s) => [s.name, s.kind]))).toEqual({
      "Báo cáo": "data", "Báo cáo (2)": "report", "Tổng hợp tỉnh": "report", "TÌNH HÌNH NỘP BÁO CÁO": "report", "Chất lượng số liệu": "report",
      "TH quý 3": "report", "Kiểm tra": "annotation", "Chi tiết Hàm Tân": "report", "Đảng viên": "data",
    });
    expect(sheets.filter(offered).map((s) => s.name)).toEqual(["Báo cáo", "Đảng viên"]);
    expect(sheets.every((s) => typeof s.id === "string" && s.id.length > 0)).toBe(true);
    // Without the recorded ids only the fixed names are known: a renamed report reads as data.
    expect(sheetKind("TH quý 3", id("TH quý 3"), new Set())).toBe("data");
    expect(sheetKind("tổng hợp tỉnh", undefined, new Set())).toBe("report");
  });

  it("reads only the data sheets beside the picked one", async () => {
    const { host } = workbook();
    const adapter = new ExcelAdapter(host.run, capabilities(host.office));
    const first = await adapter.listSheets();
    const reports = new Set(["Báo cáo (2)", "TH quý 3", "Chi tiết Hàm Tân"].map((n) => first.find((s) => s.name === n)!.id!));
    adapter.reportSheets = () => reports;
    for (const known of [undefined, await adapter.listSheets()]) {
      const snap = await adapter.readSheet("Báo cáo", { others: true, ...(known ? { known } : {}) });
      expect(snap.grid.name).toBe("Báo cáo");
      expect((snap.others ?? []).map((g) => g.name)).toEqual(["Đảng viên"]);
      expect(snap.sheets.filter(offered).map((s) => s.name)).toEqual(["Báo cáo", "Đảng viên"]);
    }
  });
});
