import { describe, expect, it } from "vitest";
import { capabilities } from "../../addin/src/excel/adapter.ts";
import { writeDetailSheet } from "../../addin/src/excel/detail-sheet.ts";
import { FakeExcelHost, FakeWorkbook } from "./fake-excel/index.ts";
import { sheetNameProblem } from "./fake-excel/names.ts";
import { codesShown } from "./sheets.ts";
import { drillDown, getCatalog, versionsFor } from "../../shared/index.ts";
import { layoutDetail } from "../../shared/report/detail-layout.ts";
import { DetailResponse, type HistoryEntry } from "../../shared/contract/index.ts";
import { communeValues, syntheticProvince } from "../../scripts/demo.ts";
import { hamTanCommuneValues } from "../../seeds/data.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import type { OrgUnit } from "../../shared/index.ts";

const catalog = getCatalog();
const BTH = REGISTRY.filter((u) => u.code === "BTH" || u.code === "BTH-HTN" || u.parent === "BTH-HTN");
const values = Object.fromEntries(hamTanCommuneValues().map((u) => [u.unit, u.values]));

function detailOf(units: readonly OrgUnit[], unit: string, vals: Record<string, Record<string, number | string>>, history: HistoryEntry[], name?: string): DetailResponse {
  const self = units.find((u) => u.code === unit)!;
  return DetailResponse.parse({
    province: "BTH", provinceName: "Bình Thuận", period: "2015", catalogVersion: catalog.version, computedAt: "2016-01-20T01:30:00Z",
    unit, name: name ?? self.name, level: self.level, reportingUnit: unit, reportingUnitName: name ?? self.name, version: history[0]?.version ?? 0,
    lastSubmittedAt: history[0]?.at ?? null, lastUser: history[0]?.user ?? null, ...drillDown(catalog, units, unit, vals),
    history: versionsFor(history, [], null), historyTruncated: false,
  });
}
const entry = (version: number, changes: HistoryEntry["changes"], workbook = "ham-tan.xlsx"): HistoryEntry => ({
  submissionId: `s${version}`, version, user: "clerk-BTH-HTN", at: `2016-01-1${version}T03:00:00Z`, mode: "merge",
  summary: { created: 0, updated: changes.length, unchanged: 0, deleted: 0 }, source: { workbook, sheet: "Sheet1", fingerprint: "fp" }, changes,
});
const [c1, c2] = Object.keys(values);
const hamTan = detailOf(BTH, "BTH-HTN", values, [
  entry(2, [{ unit: c1!, indicator: "members.total", old: 400, new: 412 }, { unit: c2!, indicator: "members.total", old: "1.716", new: "=SUM(A1:A9)" }], "=HYPERLINK(\"http://x\")"),
  entry(1, [{ unit: c1!, indicator: "members.total", old: null, new: 400 }]),
]);

function book(excelApi: string) {
  const wb = new FakeWorkbook();
  wb.add("Của tôi").cell(0, 0).value = "giữ nguyên";
  const host = new FakeExcelHost(wb, { excelApi });
  return { wb, host, caps: capabilities(host.office) };
}

describe("a unit's detail sheet in Excel (fake host)", () => {
  it("names the people who sent and approved, not their logins; a login only where the server knows no name", async () => {
    const { wb, host, caps } = book("1.9");
    const named = DetailResponse.parse({ ...hamTan, people: { "clerk-BTH-HTN": "Cán bộ huyện Hàm Tân" } });
    const r = await writeDetailSheet(host.run, named, "vi", null, caps);
    const L = layoutDetail(named, "vi");
    const s = wb.sheet(r.sheet)!;
    expect(String(s.get(2, 0)?.value)).toMatch(/bởi Cán bộ huyện Hàm Tân$/);
    expect(s.get(L.historyRow + 2, 3)?.value).toBe("Cán bộ huyện Hàm Tân");
    expect([...s.entries()].some(([, , c]) => String(c.value).includes("clerk-BTH-HTN"))).toBe(false);
    // Readers find units by name: the code column (B, in both tables) is hidden, no code or login shown anywhere else.
    expect([...s.hiddenColumns]).toEqual([1]);
    expect(s.get(L.historyRow + 1, 1)?.value).toBe("Mã");
    expect(codesShown(s, [hamTan.unit, ...hamTan.rows.map((u) => u.unit)], ["province-BTH"])).toEqual([]);
    // Without a name from the server the login is all there is to say.
    expect(layoutDetail(hamTan, "vi").history[0]![3]).toBe("clerk-BTH-HTN");
  });

  it("writes the shared layout in two syncs: title, groups, the communes, the total, the history; A4 landscape with repeated headers", async () => {
    const { wb, host, caps } = book("1.9");
    const r = await writeDetailSheet(host.run, hamTan, "vi", null, caps);
    const L = layoutDetail(hamTan, "vi");
    expect(r.sheet).toBe("Chi tiết Hàm Tân");
    const s = wb.sheet(r.sheet)!;
    expect(s.get(0, 0)?.value).toBe("CHI TIẾT SỐ LIỆU — HÀM TÂN (Bình Thuận)");
    expect(s.get(L.headerRow, 0)?.value).toBe("Đơn vị");
    expect(s.get(L.headerRow + 1, 1)?.value).toBe(c1);
    expect(s.get(L.totalRow, 0)?.value).toBe("Cộng Hàm Tân");
    const members = L.codes.indexOf("members.total");
    expect(s.get(L.totalRow, members)?.value).toBe(L.total[members]);
    const rate = L.codes.indexOf("org.villages.with_cell_rate");
    expect(s.get(L.headerRow + 1, rate)?.numberFormat).toBe("0.00%");
    expect(s.get(L.historyRow, 0)?.value).toBe("LỊCH SỬ NỘP BÁO CÁO CỦA HÀM TÂN (2 phiên bản)");
    const first = L.historyRow + 2;
    expect(s.get(first, 0)?.value).toBe(2);
    expect(s.get(first, 8)?.value).toBe(400);
    expect(s.get(first, 9)?.value).toBe(412);
    // The clerk's text stays text: "1.716" is not one point seven, "=SUM(…)" and the workbook name are no formulas.
    expect(s.get(first + 1, 8)?.value).toBe("1.716");
    expect(s.get(first + 1, 9)?.value).toBe("=SUM(A1:A9)");
    expect(s.get(first + 1, 9)?.formula ?? null).toBeNull();
    expect(s.get(first, 4)?.value).toBe("=HYPERLINK(\"http://x\") · Sheet1");
    expect(s.get(first, 4)?.formula ?? null).toBeNull();
    expect(s.get(first + 2, 8)?.value).toBe("(chưa có)");
    expect([...s.hiddenColumns]).toEqual([1]);
    // Printed as the rollup is: not fitted to 4 pt but in groups of columns, the unit column repeated, page numbers.
    expect(L.plan.fitToWidth).toBe(false);
    expect(s.pageLayout).toEqual({ orientation: "Landscape", paperSize: "A4", zoom: { scale: L.plan.scale }, printTitleRows: `$${L.groupRow + 1}:$${L.headerRow + 1}` });
    expect(s.columnBreaks).toEqual(L.plan.columnBreaks);
    expect(s.printTitleColumns).toBe("$A:$A");
    expect(s.headerFooter).toMatchObject({ leftFooter: "&A", rightFooter: "Trang &P/&N" });
    // The header rows and the unit's name stay in view.
    expect([s.frozenRows, s.frozenColumns]).toEqual([L.headerRow + 1, 1]);
    expect(r.syncs).toBe(2);
    expect(wb.sheet("Của tôi")!.get(0, 0)?.value).toBe("giữ nguyên");
  });

  it("a second time rewrites its own sheet by id, even renamed, leaving nothing of the longer first one; a clerk's sheet of the same name is never taken", async () => {
    const { wb, host, caps } = book("1.2");
    wb.add("CHI TIẾT HÀM TÂN").cell(0, 0).value = "của cán bộ";
    const first = await writeDetailSheet(host.run, hamTan, "vi", null, caps);
    expect(first.sheet).toBe("Chi tiết Hàm Tân (2)");
    wb.sheet(first.sheet)!.name = "Hàm Tân";
    const shorter = { ...hamTan, history: hamTan.history.slice(0, 1) };
    const again = await writeDetailSheet(host.run, shorter, "vi", first.id, caps);
    expect(again).toMatchObject({ sheet: "Hàm Tân", id: first.id });
    const L = layoutDetail(shorter, "vi");
    const s = wb.sheet("Hàm Tân")!;
    expect(s.get(L.historyRow + 2 + L.history.length, 0)?.value ?? "").toBe("");
    expect(wb.sheet("CHI TIẾT HÀM TÂN")!.get(0, 0)?.value).toBe("của cán bộ");
    expect(wb.sheets).toHaveLength(3);
    // At ExcelApi 1.2 there are no print settings or freeze panes to set.
    expect(s.frozenRows).toBe(0);
  });

  it("names a unit whose name breaks Excel's rules within them", async () => {
    const { wb, host, caps } = book("1.9");
    const odd = { ...hamTan, name: "Xã [mẫu]: tên rất dài / có * và ? và \\ nữa'" };
    const r = await writeDetailSheet(host.run, odd, "vi", null, caps);
    expect(sheetNameProblem(r.sheet)).toBeNull();
    const r2 = await writeDetailSheet(host.run, odd, "vi", null, caps);
    expect(r2.sheet).not.toBe(r.sheet);
    expect(sheetNameProblem(r2.sheet)).toBeNull();
    expect(wb.sheets).toHaveLength(3);
  });

  it("a district of 60 communes with 50 versions of 600 changes each stays within Excel on the web's request limit", async () => {
    const reg = syntheticProvince("BIG", 1, 60);
    const district = "BIG-D01";
    const communes = reg.filter((u) => u.parent === district);
    const vals = Object.fromEntries(communes.map((c, i) => [c.code, communeValues(i + 1)]));
    const codes = Object.keys(vals[communes[0]!.code]!);
    const history = Array.from({ length: 50 }, (_, v) => entry(50 - v, Array.from({ length: 600 }, (_, k) => ({
      unit: communes[k % communes.length]!.code, indicator: codes[k % codes.length]!, old: k % 3 ? k : `giá trị cũ ${k}`, new: k + v,
    }))));
    const big = { ...detailOf(reg, district, vals, history), province: "BIG", provinceName: "Tỉnh mẫu BIG" };
    const { wb, host, caps } = book("1.9");
    const r = await writeDetailSheet(host.run, big, "vi", null, caps);
    expect(r.rows).toBe(60);
    expect(host.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
    const L = layoutDetail(big, "vi");
    expect(wb.sheet(r.sheet)!.get(L.historyRow + 2 + L.history.length - 1, 9)?.value).toBe(L.history.at(-1)![9]);
    expect(r.syncs).toBeLessThanOrEqual(10);
  });
});
