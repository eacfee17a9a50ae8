import { describe, expect, it } from "vitest";
import { capabilities } from "../../addin/src/excel/adapter.ts";
import { writeRollupSheet } from "../../addin/src/excel/rollup-sheet.ts";
import { FakeExcelHost, FakeWorkbook } from "./fake-excel/index.ts";
import { codesShown } from "./sheets.ts";
import { layoutRollup } from "../../shared/report/rollup-layout.ts";
import { communeValues, syntheticProvince } from "../../scripts/demo.ts";
import { rollupFrom } from "../shared/rollup-fixture.ts";
import { hamTanCommuneValues } from "../../seeds/data.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { HAM_TAN_TARGETS } from "../../seeds/targets.ts";
import { APPROXIMATE_FILL, BASIS_COL, getCatalog, reconstructInUnits, unitsValidIn } from "../../shared/index.ts";

const BTH = REGISTRY.filter((u) => u.code === "BTH" || u.code === "BTH-HTN" || u.parent === "BTH-HTN");
const communes = Object.fromEntries(hamTanCommuneValues().map((u) => [u.unit, u.values]));
const rollup = rollupFrom({ registry: BTH, province: "BTH", period: "2015", values: new Map([["BTH-HTN", communes]]), targets: HAM_TAN_TARGETS.filter((t) => t.year === 2015) });
const previous = rollupFrom({ registry: BTH, province: "BTH", period: "2014", values: new Map([["BTH-HTN", communes]]) });

function book(excelApi: string) {
  const wb = new FakeWorkbook();
  wb.add("Của tôi").cell(0, 0).value = "giữ nguyên";
  const host = new FakeExcelHost(wb, { excelApi });
  return { wb, host, caps: capabilities(host.office) };
}

describe("rollup sheet in Excel (fake host)", () => {
  it("writes the shared layout: title, groups, the unit table, total, comparisons, targets in words; A4 landscape with repeated headers", async () => {
    const { wb, host, caps } = book("1.9");
    const r = await writeRollupSheet(host.run, rollup, "vi", { previous, caps });
    const L = layoutRollup(rollup, "vi", { previous });
    const s = wb.sheet("Tổng hợp tỉnh")!;
    expect(s.get(0, 0)?.value).toBe("TỔNG HỢP CHỈ TIÊU HỆ THỐNG CHÍNH TRỊ CƠ SỞ — BÌNH THUẬN");
    expect(String(s.get(1, 0)?.value)).toMatch(/^Năm 2015 · số liệu cập nhật lúc/);
    expect(s.get(L.headerRow, 0)?.value).toBe("Đơn vị");
    expect(s.get(L.headerRow + 1, 0)?.value).toBe("Hàm Tân");
    expect(s.get(L.totalRow, 0)?.value).toBe("Toàn tỉnh");
    expect(s.get(L.comparisonRow, 0)?.value).toBe("Kỳ trước (năm 2014)");
    expect(String(s.get(L.targetRow + 1, 0)?.value)).toMatch(/: (ít nhất|trên|không có)/);
    expect(s.tables).toEqual([expect.objectContaining({ name: "HTCT_TongHopTinh", address: expect.stringMatching(new RegExp(`^(.*!)?A${L.headerRow + 1}:`)) })]);
    const rate = L.codes.indexOf("org.villages.with_cell_rate");
    expect(s.get(L.headerRow + 1, rate)?.numberFormat).toBe("0.00%");
    // This many indicator columns fitted to one A4 width would print below 8 pt: printed at the plan's scale instead, pages across.
    expect(L.plan.fitToWidth).toBe(false);
    expect(L.plan.printedPt).toBeGreaterThanOrEqual(8);
    expect(s.pageLayout).toEqual({ orientation: "Landscape", paperSize: "A4", zoom: { scale: L.plan.scale }, printTitleRows: `$${L.groupRow + 1}:$${L.headerRow + 1}` });
    // Groups of columns one page wide each, the unit column repeated, page numbers in the footer, the code column hidden.
    expect(L.plan.columnBreaks.length).toBeGreaterThan(1);
    expect(s.columnBreaks).toEqual(L.plan.columnBreaks);
    expect(s.printTitleColumns).toBe("$A:$A");
    expect(s.headerFooter).toMatchObject({ leftFooter: "&A", centerFooter: "", rightFooter: "Trang &P/&N" });
    expect([...s.hiddenColumns]).toEqual(L.hidden);
    // The header rows and the unit's name stay in view (freezeAt, both at once).
    expect([s.frozenRows, s.frozenColumns]).toEqual([L.headerRow + 1, 1]);
    // Readers find units by name: no code in any shown cell, the targets' unit by name under "Đơn vị" too.
    expect(codesShown(s, BTH.map((u) => u.code))).toEqual([]);
    expect(s.get(L.targetRow, 2)?.value).toBe("Đơn vị");
    expect(s.get(L.targetRow + 1, 2)?.value).toBe("Hàm Tân");
    const result = L.targets.met.findIndex((m) => m !== null);
    expect(s.get(L.targetRow + 1 + result, L.targets.resultCol)?.fill?.color).toBe(L.targets.met[result] ? "#C6EFCE" : "#FFC7CE");
    // The chart reads the table's columns, not a copy of them.
    expect(s.charts).toHaveLength(1);
    expect(s.charts[0]!.xValues).toMatch(new RegExp(`A${L.headerRow + 2}:A${L.headerRow + 2}`));
    expect(s.charts[0]!.source).toContain(`${L.headerRow + 2}`);
    // The sheet list, every sheet's tables (names are unique across the workbook), the sheet.
    expect(r.syncs).toBe(3);
    expect(wb.sheet("Của tôi")!.get(0, 0)?.value).toBe("giữ nguyên");
  });

  it("refreshing replaces the sheet in place: one table, one chart, nothing left of the old rows", async () => {
    const { wb, host, caps } = book("1.9");
    await writeRollupSheet(host.run, rollup, "vi", { previous, caps });
    await writeRollupSheet(host.run, rollup, "vi", { caps });
    const s = wb.sheet("Tổng hợp tỉnh")!;
    expect(s.tables).toHaveLength(1);
    expect(s.charts).toHaveLength(1);
    const L = layoutRollup(rollup, "vi");
    expect(s.get(L.comparisonRow, 0)?.value ?? "").not.toBe("Kỳ trước (năm 2014)");
    expect(wb.sheets.map((x) => x.name)).toEqual(["Của tôi", "Tổng hợp tỉnh"]);
  });

  it("a rollup sheet the clerk renamed is refreshed where it is, found by its table: no second sheet, no half-written one", async () => {
    const { wb, host, caps } = book("1.9");
    const first = await writeRollupSheet(host.run, rollup, "vi", { previous, caps });
    wb.sheet("Tổng hợp tỉnh")!.name = "Tổng hợp (bản của tôi)";
    const r = await writeRollupSheet(host.run, rollup, "vi", { caps, ownSheets: new Set([first.id]) });
    expect(r.sheet).toBe("Tổng hợp (bản của tôi)");
    expect(wb.sheets.map((x) => x.name)).toEqual(["Của tôi", "Tổng hợp (bản của tôi)"]);
    const s = wb.sheet("Tổng hợp (bản của tôi)")!;
    expect(s.tables.map((t) => t.name)).toEqual(["HTCT_TongHopTinh"]);
    expect(s.get(layoutRollup(rollup, "vi").headerRow + 1, 0)?.value).toBe("Hàm Tân");
  });

  it("where another sheet holds a table of the rollup's name (a copy of the sheet), the new table is named uniquely and the clerk's sheet is left alone", async () => {
    const { wb, host, caps } = book("1.9");
    wb.sheet("Của tôi")!.tables.push({ name: "HTCT_TongHopTinh", address: "A1:B2", style: "TableStyleLight1" });
    const r = await writeRollupSheet(host.run, rollup, "vi", { caps, ownSheets: new Set(["{not-this-one}"]) });
    expect(r.sheet).toBe("Tổng hợp tỉnh");
    expect(wb.sheet("Tổng hợp tỉnh")!.tables.map((t) => t.name)).toEqual(["HTCT_TongHopTinh_2"]);
    expect(wb.sheet("Của tôi")!.tables.map((t) => t.name)).toEqual(["HTCT_TongHopTinh"]);
    expect(wb.sheet("Của tôi")!.get(0, 0)?.value).toBe("giữ nguyên");
  });

  it("at the manifest's minimum (ExcelApi 1.2, no 1.7/1.9) writes the same sheet, without print settings, freeze or chart", async () => {
    const { wb, host, caps } = book("1.2");
    await writeRollupSheet(host.run, rollup, "vi", { previous, caps });
    const s = wb.sheet("Tổng hợp tỉnh")!;
    expect(s.get(0, 0)?.value).toMatch(/^TỔNG HỢP/);
    expect(s.pageLayout.printTitleRows).toBeNull();
    expect(s.columnBreaks).toEqual([]);
    expect(s.headerFooter.rightFooter).toBe("");
    expect(s.charts).toHaveLength(0);
  });

  it("a 170-commune province stays within Excel on the web's request limit, in a fixed number of syncs", async () => {
    const reg = syntheticProvince("BIG", 170, 1).map((u) => (u.level === "district" ? { ...u, level: "commune" as const, type: "xa" as const } : u)).filter((u) => u.level !== "commune" || u.code.split("-").length === 2);
    // 170 communes directly under the province, as since July 2025; each reports for itself.
    const values = new Map(reg.filter((u) => u.level === "commune").map((u, i) => [u.code, { [u.code]: communeValues(i + 1) }]));
    const big = rollupFrom({ registry: reg.map((u) => (u.level === "commune" ? { ...u, level: "district" as const } : u)), province: "BIG", period: "2025", values });
    expect(big.districts).toHaveLength(170);
    const { wb, host, caps } = book("1.9");
    const r = await writeRollupSheet(host.run, big, "vi", { caps });
    expect(r.rows).toBe(170);
    expect(r.syncs).toBeLessThanOrEqual(4);
    expect(host.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
    const L = layoutRollup(big, "vi");
    expect(wb.sheet("Tổng hợp tỉnh")!.get(L.headerRow + 170, 0)?.value).toBe(big.districts[169]!.name);
  });

  it("compares a reorganised province in its new communes: predecessors' figures, marked, the approximate ones filled, within the request limit", async () => {
    // Lâm Đồng's sample communes in 2025-Q3 against Hàm Tân's communes in 2025-Q2 and 2024-Q3.
    const units = unitsValidIn(REGISTRY, "2025-Q3").filter((u) => u.parent === "LDG");
    const now = rollupFrom({ registry: REGISTRY, province: "LDG", period: "2025-Q3", values: new Map(units.map((u, i) => [u.code, { [u.code]: communeValues(i + 1) }])) });
    const old = (period: string, seed: number) => new Map([["BTH", new Map([["BTH-HTN", Object.fromEntries(unitsValidIn(REGISTRY, period).filter((u) => u.parent === "BTH-HTN").map((u, i) => [u.code, communeValues(seed + i)]))]])]]);
    const previous = reconstructInUnits(getCatalog(), REGISTRY, "LDG", "2025-Q2", "2025-Q3", old("2025-Q2", 100));
    const yearEarlier = reconstructInUnits(getCatalog(), REGISTRY, "LDG", "2024-Q3", "2025-Q3", old("2024-Q3", 200));
    const { wb, host, caps } = book("1.9");
    await writeRollupSheet(host.run, now, "vi", { previous, yearEarlier, caps });
    const L = layoutRollup(now, "vi", { previous, yearEarlier });
    const s = wb.sheet("Tổng hợp tỉnh")!;
    expect(s.get(L.comparisonRow, 0)?.value).toBe("Kỳ trước (quý II năm 2025), theo đơn vị của kỳ này");
    const m = L.codes.indexOf("members.total");
    L.comparisons.forEach((c, i) => {
      expect(s.get(L.comparisonRow + i, 0)?.value ?? "").toBe(c.values[0]);
      expect(s.get(L.comparisonRow + i, m)?.value ?? "").toBe(c.values[m]);
      expect(s.get(L.comparisonRow + i, BASIS_COL)?.fill?.color ?? null).toBe(c.approximate ? APPROXIMATE_FILL : null);
      expect(!!s.get(L.comparisonRow + i, 0)?.bold).toBe(c.kind === "heading" || c.kind === "total");
    });
    const m02 = L.comparisons.findIndex((c) => c.values[1] === "LDG-M02");
    expect(String(s.get(L.comparisonRow + m02, BASIS_COL)?.value)).toMatch(/^Tính lại từ các đơn vị cũ: .*gần đúng/);
    expect(String(s.get(L.targetRow - 2, 0)?.value ?? "")).toMatch(/^\(\*\) Gần đúng: Tân Thắng/);
  });

  it("170 communes compared with two earlier periods by unit (four rows a unit) stay within the request limit", async () => {
    const reg = syntheticProvince("BIG", 170, 1).map((u) => (u.level === "district" ? { ...u, level: "commune" as const, type: "xa" as const } : u)).filter((u) => u.level !== "commune" || u.code.split("-").length === 2);
    const at = (period: string, k: number) => rollupFrom({ registry: reg.map((u) => (u.level === "commune" ? { ...u, level: "district" as const } : u)), province: "BIG", period,
      values: new Map(reg.filter((u) => u.level === "commune").map((u, i) => [u.code, { [u.code]: communeValues(i + k) }])) });
    const { wb, host, caps } = book("1.9");
    const big = at("2026-Q1", 1);
    const r = await writeRollupSheet(host.run, big, "vi", { previous: at("2025-Q4", 2), yearEarlier: at("2025-Q1", 3), caps });
    const L = layoutRollup(big, "vi", { previous: at("2025-Q4", 2), yearEarlier: at("2025-Q1", 3) });
    expect(L.comparisons.length).toBe(4 * 172);
    expect(r.syncs).toBeLessThanOrEqual(8);
    expect(host.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
    const last = L.comparisons.length - 1;
    expect(wb.sheet("Tổng hợp tỉnh")!.get(L.comparisonRow + last, 0)?.value).toBe(L.comparisons[last]!.values[0]);
  });
});
