import { describe, expect, it } from "vitest";
import { selectedRow } from "../../addin/src/excel/selection.ts";
import { FakeExcelHost, FakeWorkbook } from "./fake-excel/index.ts";

function book() {
  const wb = new FakeWorkbook();
  const a = wb.add("Tổng hợp tỉnh");
  a.cell(6, 0).value = "Hàm Tân";
  a.cell(6, 1).value = "BTH-HTN";
  a.cell(7, 1).value = "Toàn tỉnh có mã không hợp lệ";
  wb.add("Khác").cell(0, 1).value = "X-1";
  return { wb, host: new FakeExcelHost(wb, { excelApi: "1.2" }) };
}

describe("the selected row (fake host)", () => {
  it("gives the active sheet, the selection's first row and the unit code in column B, in two syncs", async () => {
    const { wb, host } = book();
    wb.activeSheet = 0;
    wb.selection = { sheet: "Tổng hợp tỉnh", address: "D7:F9" };
    const r = await selectedRow(host.run);
    expect(r).toMatchObject({ sheet: "Tổng hợp tỉnh", row: 6, code: "BTH-HTN" });
    expect(r!.sheetId).toBe(wb.sheets[0]!.id);
    expect(host.syncCount).toBe(2);
  });
  it("a row without a code reads as none; text that is no unit code is not taken for one", async () => {
    const { wb, host } = book();
    wb.selection = { sheet: "Tổng hợp tỉnh", address: "A8" };
    expect(await selectedRow(host.run)).toMatchObject({ row: 7, code: null });
    wb.selection = { sheet: "Tổng hợp tỉnh", address: "C30" };
    expect(await selectedRow(host.run)).toMatchObject({ row: 29, code: null });
  });
  it("a selection left on another sheet is the active sheet's A1, as Excel shows a sheet just activated", async () => {
    const { wb, host } = book();
    wb.selection = { sheet: "Tổng hợp tỉnh", address: "B7" };
    wb.activeSheet = 1;
    expect(await selectedRow(host.run)).toMatchObject({ sheet: "Khác", row: 0, code: "X-1" });
  });
  it("several areas selected read as no selection (Excel refuses getSelectedRange then)", async () => {
    const { wb, host } = book();
    wb.selection = { sheet: "Tổng hợp tỉnh", address: "B7,D9" };
    expect(await selectedRow(host.run)).toBeNull();
  });
});
