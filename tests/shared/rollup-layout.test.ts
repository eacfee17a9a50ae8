import { describe, expect, it } from "vitest";
import { getCatalog, withoutTextMark } from "../../shared/index.ts";
import { layoutRollup, RATE_FORMAT } from "../../shared/report/rollup-layout.ts";
import { deadlineDay, statusInWords, vietnamTime } from "../../shared/report/unit-status.ts";
import { hamTanCommuneValues } from "../../seeds/data.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { HAM_TAN_TARGETS } from "../../seeds/targets.ts";
import { rollupFrom } from "./rollup-fixture.ts";

const catalog = getCatalog();
const BTH = REGISTRY.filter((u) => u.code === "BTH" || u.code === "BTH-HTN" || u.parent === "BTH-HTN");
const communes = (shift: number) => Object.fromEntries(hamTanCommuneValues().map((u) => [u.unit, { ...u.values, "members.total": Number(u.values["members.total"]) + shift }]));
const targets = HAM_TAN_TARGETS.filter((t) => t.year === 2015);
const current = rollupFrom({ registry: BTH, province: "BTH", period: "2015", values: new Map([["BTH-HTN", communes(0)]]), targets,
  submittedAt: () => "2016-01-18T03:00:00Z", now: new Date("2016-01-20T01:30:00Z") });
const late = current.districts[0]!.daysLate;
const previous = rollupFrom({ registry: BTH, province: "BTH", period: "2014", values: new Map([["BTH-HTN", communes(-2)]]) });

describe("rollup sheet layout", () => {
  const L = layoutRollup(current, "vi", { previous });

  it("has a title with the province's name, the period in words and when it was refreshed", () => {
    expect(L.title[0]).toBe("TỔNG HỢP CHỈ TIÊU HỆ THỐNG CHÍNH TRỊ CƠ SỞ — BÌNH THUẬN");
    // The calendar's deadline day, the day before the first instant past it (Vietnam time).
    // The units' deadline, as on the status sheet (tests/shared/one-deadline.test.ts).
    expect(L.title[1]).toBe(`Năm 2015 · số liệu cập nhật lúc 20/01/2016 08:30 (giờ Việt Nam) · hạn nộp ${deadlineDay(current.districts[0]!.dueAt)}`);
    expect(deadlineDay("2015-12-20T17:00:00Z")).toBe("20/12/2015");
    expect(L.title[2]).toBe("Đã nhận báo cáo của 1/1 đơn vị, 10/10 xã");
  });

  it("shows each unit by name with its status in words, version and time", () => {
    // Text Excel would turn into a number or a date ("10/10") carries the text mark; compare without it.
    const row = L.rows[0]!.map((c) => (typeof c === "string" ? withoutTextMark(c) : c));
    expect(late).toBeGreaterThan(1);
    expect(row.slice(0, 6)).toEqual(["Hàm Tân", "BTH-HTN", `Gửi muộn ${late} ngày`, 1, "18/01/2016 10:00", "10/10"]);
    expect(statusInWords({ status: "on_time", firstSubmittedAt: "2016-01-01T00:00:00Z" }, current.dueAt, "vi")).toBe("Đã gửi đúng hạn");
    expect(statusInWords({ status: "missing", firstSubmittedAt: null }, current.dueAt, "vi")).toBe("Chưa gửi");
    expect(statusInWords({ status: "overdue", firstSubmittedAt: null }, current.dueAt, "en")).toBe("Overdue, not submitted");
    expect(vietnamTime("2015-12-31T17:00:00Z")).toBe("01/01/2016 00:00");
  });

  it("labels indicators, groups them as the catalog does, and formats rates at their precision", () => {
    expect(L.header.slice(0, 2)).toEqual(["Đơn vị", "Mã"]);
    expect(L.headerRow).toBe(L.groupRow + 1);
    const members = L.header.indexOf("Tổng số đảng viên");
    const g = L.groups.find((x) => x.from <= members && members <= x.to)!;
    expect(g.label).toBe("Đảng viên");
    for (let i = 1; i < L.groups.length; i++) expect(L.groups[i]!.from).toBe(L.groups[i - 1]!.to + 1);
    const rate = L.codes.indexOf("org.villages.with_cell_rate");
    expect(L.formats[rate]).toBe(RATE_FORMAT);
    expect(RATE_FORMAT).toBe("0.00%");
    expect(L.rows[0]![rate]).toBeCloseTo(52 / 53, 12);
    expect(L.total[0]).toBe("Toàn tỉnh");
    expect(L.totalRow).toBe(L.headerRow + 2);
  });

  it("compares with the previous period: counts as a change, rates in percentage points", () => {
    // Same units in both years: each unit and the province against their own figures, nothing marked.
    expect(L.comparisons.map((c) => `${c.kind}:${c.label}`)).toEqual([
      "heading:Kỳ trước (năm 2014)", "unit:Hàm Tân", "total:Toàn tỉnh (năm 2014)",
      "heading:Tăng (+), giảm (−) so với năm 2014", "unit:Hàm Tân", "total:Toàn tỉnh",
    ]);
    const m = L.codes.indexOf("members.total");
    expect(L.comparisons[2]!.values[m]).toBe(609 - 20);
    expect(L.comparisons[1]!.values[m]).toBe(609 - 20);
    expect(L.comparisons[5]!.values[m]).toBe(20);
    expect(L.comparisons[4]!.values[m]).toBe(20);
    expect(L.comparisons[4]!.values[2]).toBe("");
    const r = L.codes.indexOf("members.violation_rate");
    const pts = L.comparisons[5]!.values[r] as number;
    expect(pts).toBeLessThan(0);
    expect(L.comparisons[5]!.formats[r]).toMatch(/điểm %/);
    expect(layoutRollup(current, "vi").comparisons).toEqual([]);
  });

  it("states targets in words with the achieved value formatted and the unit by name, no ids", () => {
    // Column B is the hidden code column of the whole sheet: the target's scope code there, its name under "Đơn vị".
    expect(L.targets.header).toEqual(["Mục tiêu", "Mã", "Đơn vị", "Thực hiện", "Kết quả", "Nguồn"]);
    expect(L.hidden).toEqual([1]);
    const tsvm = L.targets.rows.find((r) => String(r[0]).startsWith("Tỷ lệ đảng bộ xã đạt TSVM"))!;
    expect(tsvm[0]).toBe("Tỷ lệ đảng bộ xã đạt TSVM: ít nhất 30%");
    expect(tsvm[1]).toBe("BTH-HTN");
    expect(tsvm[2]).toBe("Hàm Tân");
    expect(withoutTextMark(String(tsvm[3]))).toMatch(/^\d+,\d\d%$/);
    expect(["Đạt", "Chưa đạt", "Chưa có số liệu"]).toContain(tsvm[L.targets.resultCol]);
    expect(L.targets.rows.map((r) => r.filter((_, c) => !L.hidden.includes(c))).flat().join(" ")).not.toMatch(/BTH-HTN|>=|<=/);
    // "No weak cell" reads as such, not as "at most 0".
    expect(L.targets.rows.some((r) => String(r[0]).endsWith(": không có"))).toBe(true);
  });

  it("is set up to print: A4 landscape, fitted to width, the header rows repeated", () => {
    expect(L.print).toEqual({ orientation: "landscape", paper: "A4", fitToWidth: true, repeatRows: [L.groupRow, L.headerRow] });
    expect(L.freeze).toEqual({ rows: L.headerRow + 1, columns: 1 });
    expect(L.endRow).toBeGreaterThan(L.targetRow + L.targets.rows.length);
  });

  it("reads in English too", () => {
    const en = layoutRollup(current, "en", { previous, catalog });
    expect(en.title[1]).toMatch(/^Year 2015 · refreshed 20\/01\/2016 08:30/);
    expect(en.rows[0]![2]).toBe(`Submitted ${late} days late`);
    expect(en.comparisons[3]!.label).toBe("Change on year 2014");
  });
});

describe("labels of the period's structure", () => {
  it("a 2026 sheet says 'Số xã, phường, đặc khu' (no thị trấn since July 2025); a 2015 sheet keeps 'Số xã, phường, thị trấn'", async () => {
    const { syntheticProvince, communeValues } = await import("../../scripts/demo.ts");
    const { layoutDetail } = await import("../../shared/report/detail-layout.ts");
    const reg = syntheticProvince("NEW", 2, 1);
    const r2026 = rollupFrom({ registry: reg, province: "NEW", period: "2026-Q1", values: new Map([["NEW-D01", { "NEW-D01-M01": communeValues(1) }]]) });
    const col = (L: { header: string[]; codes: (string | null)[] }) => withoutTextMark(L.header[L.codes.indexOf("org.communes")]!);
    expect(col(layoutRollup(r2026, "vi"))).toBe("Số xã, phường, đặc khu");
    expect(col(layoutRollup(current, "vi"))).toBe("Số xã, phường, thị trấn");
    expect(layoutRollup(r2026, "vi").header.join(" ")).not.toContain("thị trấn");
    const detail = {
      province: "NEW", provinceName: "Tỉnh mẫu NEW", period: "2026-Q1", catalogVersion: "1", computedAt: "2026-04-20T00:00:00Z", unit: "NEW-D01", name: "Huyện mẫu NEW 1", level: "district",
      reportingUnit: "NEW-D01", reportingUnitName: "Huyện mẫu NEW 1", version: 0, lastSubmittedAt: null, lastUser: null, total: { reported: true, values: r2026.totals }, rows: [], history: [], historyTruncated: false,
    };
    expect(col(layoutDetail(detail, "vi"))).toBe("Số xã, phường, đặc khu");
  });

  it("the units' 'reported' column is named by the period's structure too, never 'Xã đã báo cáo'", async () => {
    const { syntheticProvince, communeValues } = await import("../../scripts/demo.ts");
    const reg = syntheticProvince("NEW", 2, 1);
    const r2026 = rollupFrom({ registry: reg, province: "NEW", period: "2026-Q1", values: new Map([["NEW-D01", { "NEW-D01-M01": communeValues(1) }]]) });
    // The sixth unit column holds "reported/expected": its header follows the catalog's org.communes label.
    const reported = (L: { header: string[] }) => withoutTextMark(L.header[5]!);
    expect(reported(layoutRollup(r2026, "vi"))).toBe("Số xã, phường, đặc khu đã báo cáo");
    expect(reported(layoutRollup(current, "vi"))).toBe("Số xã, phường, thị trấn đã báo cáo");
    expect(reported(layoutRollup(r2026, "en"))).toBe("Communes, wards and special zones reported");
    expect(reported(layoutRollup(current, "en"))).toBe("Communes (all kinds) reported");
    for (const L of [layoutRollup(r2026, "vi"), layoutRollup(current, "vi")]) expect(L.header.map((h) => withoutTextMark(h))).not.toContain("Xã đã báo cáo");
    // The value under it is the unit's reported/expected, as before.
    expect(withoutTextMark(String(layoutRollup(r2026, "vi").rows[0]![5]))).toMatch(/^\d+\/\d+$/);
  });
});
