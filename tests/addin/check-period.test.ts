import { describe, expect, it } from "vitest";
import { checkSheet, type CheckScope } from "../../addin/src/check.ts";
import { capabilities, ExcelAdapter } from "../../addin/src/excel/adapter.ts";
import { getCatalog } from "../../shared/index.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { FakeExcelHost, FakeWorkbook } from "./fake-excel/index.ts";

/** The pane checks a sheet with the catalog of the period the clerk chose, as `htct check` does. */
const HEAD = ["Đơn vị", "Số xã, phường, đặc khu", "Số xã", "Số phường", "Số đặc khu", "Số thị trấn"];

async function paneCheck(rows: (string | number)[][], period: string) {
  const wb = new FakeWorkbook();
  const s = wb.add("Tổng hợp");
  rows.forEach((row, r) => row.forEach((v, c) => { s.cell(r, c).value = v; }));
  const host = new FakeExcelHost(wb, { excelApi: "1.18" });
  const adapter = new ExcelAdapter(host.run, capabilities(host.office));
  const snap = await adapter.readSheet("Tổng hợp", { others: false, known: await adapter.listSheets() });
  const scope: CheckScope = { catalog: getCatalog(), lang: "vi", registry: REGISTRY, unit: "LDG", period, mappingOf: () => undefined };
  return checkSheet(snap.grid, [], scope);
}

const rows = (total: number) => [HEAD, ...["Xã mẫu 01", "Xã mẫu 02", "Xã mẫu 03", "Xã mẫu 04"].map((n) => [n, 1, 1, 0, 0, 0]), ["Đặc khu mẫu", 1, 0, 0, 1, 0], ["Tổng cộng", total, 4, 0, 1, 0]];

describe("the pane's check follows the period's structure", () => {
  it("from 1/7/2025 counts đặc khu and leaves a thị trấn column unmapped", async () => {
    const { read, issues } = await paneCheck(rows(5), "2026-H1");
    const taken = read.mapping.map((m) => m.indicator);
    expect(taken).toContain("org.communes.dac_khu");
    expect(taken).not.toContain("org.communes.thi_tran");
    expect(issues.filter((i) => i.rule === "sum_total")).toEqual([]);
    const wrong = await paneCheck(rows(6), "2026-H1");
    expect(wrong.issues.filter((i) => i.rule === "sum_total").map((i) => i.message)).toEqual(["Tổng cộng: \"Số xã, phường, đặc khu\" ghi 6 nhưng cộng các thành phần được 5."]);
  });

  it("before 1/7/2025 reads thị trấn and has no đặc khu", async () => {
    const { read } = await paneCheck(rows(5), "2024");
    const taken = read.mapping.map((m) => m.indicator);
    expect(taken).toContain("org.communes.thi_tran");
    expect(taken).not.toContain("org.communes.dac_khu");
  });
});
