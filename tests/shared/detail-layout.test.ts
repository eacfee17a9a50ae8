import { describe, expect, it } from "vitest";
import { capChanges, drillDown, getCatalog, versionsFor, withoutTextMark } from "../../shared/index.ts";
import { detailSheetName, layoutDetail } from "../../shared/report/detail-layout.ts";
import { layoutRollup, RATE_FORMAT } from "../../shared/report/rollup-layout.ts";
import { DetailResponse, type HistoryEntry } from "../../shared/contract/index.ts";
import { hamTanCommuneValues } from "../../seeds/data.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { rollupFrom } from "./rollup-fixture.ts";

const catalog = getCatalog();
const BTH = REGISTRY.filter((u) => u.code === "BTH" || u.code === "BTH-HTN" || u.parent === "BTH-HTN");
const values = Object.fromEntries(hamTanCommuneValues().map((u) => [u.unit, u.values]));
const [c1, c2] = Object.keys(values);
const entry = (version: number, at: string, changes: HistoryEntry["changes"], workbook = "ham-tan.xlsx"): HistoryEntry => ({
  submissionId: `s${version}`, version, user: `clerk-BTH-HTN`, at, mode: "merge",
  summary: { created: 0, updated: changes.length, unchanged: 0, deleted: 0 }, source: { workbook, sheet: "Sheet1", fingerprint: "fp" }, changes,
});
const entries = [
  entry(3, "2016-01-19T02:00:00Z", []),
  entry(2, "2016-01-18T03:00:00Z", [
    { unit: c1!, indicator: "members.total", old: 400, new: 412 },
    { unit: c2!, indicator: "members.grade.htxsnv", old: "=1+1", new: null },
  ], "=HYPERLINK(\"http://x\").xlsx"),
  entry(1, "2016-01-15T03:00:00Z", [{ unit: c1!, indicator: "members.total", old: null, new: 400 }]),
];
const steps = [
  { unit: "BTH-HTN", step: "return" as const, version: 2, by: "province-BTH", at: "2016-01-18T09:00:00Z", comment: "Xem lại số đảng viên" },
  { unit: "BTH-HTN", step: "complete" as const, version: 2, by: "clerk-BTH-HTN", at: "2016-01-18T04:00:00Z", comment: null },
];

function detail(unit: string, lang: "vi" | "en" = "vi") {
  const d = drillDown(catalog, BTH, unit, values);
  const self = BTH.find((u) => u.code === unit)!;
  const within = unit === "BTH-HTN" ? null : new Set([unit]);
  return layoutDetail(DetailResponse.parse({
    province: "BTH", provinceName: "Bình Thuận", period: "2015", catalogVersion: catalog.version, computedAt: "2016-01-20T01:30:00Z",
    unit, name: self.name, level: self.level, reportingUnit: "BTH-HTN", reportingUnitName: "Hàm Tân", version: 3,
    lastSubmittedAt: "2016-01-19T02:00:00Z", lastUser: "clerk-BTH-HTN", ...d,
    history: versionsFor(entries, steps, within), historyTruncated: false,
  }), lang);
}
const plain = (row: (string | number)[]) => row.map((c) => (typeof c === "string" ? withoutTextMark(c) : c));

describe("detail sheet layout", () => {
  const L = detail("BTH-HTN");
  const R = layoutRollup(rollupFrom({ registry: BTH, province: "BTH", period: "2015", values: new Map([["BTH-HTN", values]]) }), "vi");

  it("has a title with the unit, the period in words and when the figures were read", () => {
    expect(L.title[0]).toBe("CHI TIẾT SỐ LIỆU — HÀM TÂN (Bình Thuận)");
    expect(L.title[1]).toBe("Năm 2015 · số liệu đọc lúc 20/01/2016 08:30 (giờ Việt Nam)");
    expect(L.title[2]).toBe("Phiên bản 3, gửi lúc 19/01/2016 09:00 bởi clerk-BTH-HTN");
  });

  it("lists the communes against the indicators grouped and formatted as the rollup sheet does, and the unit's total as the rollup has it", () => {
    expect(L.rows.map((r) => r[1])).toEqual(BTH.filter((u) => u.parent === "BTH-HTN").map((u) => u.code));
    expect(L.groups.map((g) => g.label)).toEqual(R.groups.map((g) => g.label));
    expect(L.header.slice(4)).toEqual(R.header.slice(6));
    expect(L.formats.slice(4)).toEqual(R.formats.slice(6));
    expect(L.total.slice(4)).toEqual(R.rows[0]!.slice(6));
    const rate = L.codes.indexOf("org.villages.with_cell_rate");
    expect(L.formats[rate]).toBe(RATE_FORMAT);
    expect(L.total[rate]).toBeGreaterThan(0);
    expect(L.total[rate]).toBeLessThanOrEqual(1);
    const members = L.codes.indexOf("members.total");
    expect(L.total[members]).toBe(L.rows.reduce((n, r) => n + (r[members] as number), 0));
    expect(L.totalRow).toBe(L.headerRow + 1 + L.rows.length);
    expect(L.print).toEqual({ orientation: "landscape", paper: "A4", fitToWidth: true, repeatRows: [L.groupRow, L.headerRow] });
  });

  it("shows every version with who, when, its approval steps and each value changed, old → new", () => {
    const h = L.history.map(plain);
    expect(L.versionStarts).toEqual([0, 1, 3]);
    // Column B is the hidden code column in both tables: the changed value's unit, or the reporting unit when nothing changed.
    expect(L.hidden).toEqual([1]);
    expect(L.historyHeader[1]).toBe("Mã");
    expect(h[0]).toEqual([3, "BTH-HTN", "19/01/2016 09:00", "clerk-BTH-HTN", "ham-tan.xlsx · Sheet1", "Đã nhận", "", "Không thay đổi giá trị nào", "", ""]);
    expect(h[1]!.slice(0, 5)).toEqual([2, c1, "18/01/2016 10:00", "clerk-BTH-HTN", "=HYPERLINK(\"http://x\").xlsx · Sheet1"]);
    expect(h[1]![5]).toBe("Đơn vị xác nhận hoàn thành 18/01/2016 11:00 (clerk-BTH-HTN); Tỉnh trả lại 18/01/2016 16:00 (province-BTH): Xem lại số đảng viên");
    const name1 = BTH.find((u) => u.code === c1)!.name;
    expect(h[1]!.slice(6)).toEqual([name1, catalog.byCode.get("members.total")!.label.vi, 400, 412]);
    expect([h[2]![0], ...h[2]!.slice(2, 6)]).toEqual(["", "", "", "", ""]);
    expect(h[2]!.slice(8)).toEqual(["=1+1", "(xóa)"]);
    expect(h[3]!.slice(8)).toEqual(["(chưa có)", 400]);
    // Text a clerk wrote stays text; numbers stay numbers.
    expect(L.historyFormats[2]!.slice(8)).toEqual(["@", "@"]);
    expect(L.historyFormats[1]!.slice(8)).toEqual(["General", "General"]);
    expect(L.historyRow).toBe(L.totalRow + 2);
  });

  it("marks every formula-leading text as text, wherever it came from", () => {
    const all = [...L.title, ...L.header, ...L.rows.flat(), ...L.total, ...L.history.flat()].filter((c): c is string => typeof c === "string");
    for (const c of all) expect(/^[\s]*[=+\-@]/.test(c), c).toBe(false);
    expect(L.history[1]![4]).toBe("'=HYPERLINK(\"http://x\").xlsx · Sheet1");
  });

  it("drills into one commune: no units below, the commune's total, only its changes", () => {
    const C = detail(c1!);
    expect(C.rows).toEqual([]);
    expect(C.title[1]).toContain("báo cáo qua Hàm Tân");
    expect(C.history.map(plain).filter((r) => r[7] && r[7] !== "Không thay đổi giá trị nào").map((r) => r[6])).toEqual([BTH.find((u) => u.code === c1)!.name, BTH.find((u) => u.code === c1)!.name]);
    const E = detail(c1!, "en");
    expect(E.historyHeader[0]).toBe("Version");
    expect(E.title[0]).toMatch(/^UNIT DETAIL — /);
  });
});

describe("detail sheet names", () => {
  it("stays within Excel's rules and unlike the names taken, without regard to case", () => {
    expect(detailSheetName("Hàm Tân", "vi", [])).toBe("Chi tiết Hàm Tân");
    expect(detailSheetName("Hàm Tân", "vi", ["CHI TIẾT HÀM TÂN"])).toBe("Chi tiết Hàm Tân (2)");
    expect(detailSheetName("Hàm Tân", "vi", ["chi tiết hàm tân", "Chi tiết Hàm Tân (2)"])).toBe("Chi tiết Hàm Tân (3)");
    const long = detailSheetName("Xã mẫu có một cái tên rất dài: [thử] / \\ * ? thôi", "vi", []);
    expect([...long].length).toBeLessThanOrEqual(31);
    expect(long).not.toMatch(/[[\]:*?/\\]/);
    const taken = [long];
    const again = detailSheetName("Xã mẫu có một cái tên rất dài: [thử] / \\ * ? thôi", "vi", taken);
    expect([...again].length).toBeLessThanOrEqual(31);
    expect(again.endsWith("(2)")).toBe(true);
    // Cut within 31 UTF-16 units, never inside a surrogate pair.
    const wide = detailSheetName("😀".repeat(40), "en", []);
    expect(wide.length).toBeLessThanOrEqual(31);
    expect(wide).not.toMatch(/[\uD800-\uDBFF]$/);
    expect(detailSheetName("a'", "en", [])).toBe("Detail a");
  });
});

describe("a history too long for one answer", () => {
  const many = (n: number, version: number) => entry(version, "2016-01-18T03:00:00Z", Array.from({ length: n }, (_, k) => ({ unit: c1!, indicator: "members.total", old: k, new: k + 1 })));
  it("keeps the newest versions up to the cap, the version reaching it cut, and says so", () => {
    const v = versionsFor([many(30, 3), many(30, 2), many(30, 1)], [], null);
    expect(capChanges(v, 100)).toEqual({ versions: v, cut: false });
    const cut = capChanges(v, 45);
    expect(cut.cut).toBe(true);
    expect(cut.versions.map((x) => [x.version, x.changes.length])).toEqual([[3, 30], [2, 15]]);
    // A version that changed nothing past the cap is still who-submitted-when, until one with changes is left out.
    const quiet = versionsFor([many(10, 3), many(0, 2), many(5, 1)], [], null);
    expect(capChanges(quiet, 10).versions.map((x) => x.version)).toEqual([3, 2]);
    expect(capChanges(quiet, 10).cut).toBe(true);
  });
  it("the sheet says how much it shows and where the rest is", () => {
    const { total, rows } = drillDown(catalog, BTH, "BTH-HTN", values);
    const L = layoutDetail(DetailResponse.parse({
      province: "BTH", provinceName: "Bình Thuận", period: "2015", catalogVersion: catalog.version, computedAt: "2016-01-20T01:30:00Z",
      unit: "BTH-HTN", name: "Hàm Tân", level: "district", reportingUnit: "BTH-HTN", reportingUnitName: "Hàm Tân", version: 3,
      lastSubmittedAt: null, lastUser: null, total, rows, history: capChanges(versionsFor([many(1200, 3)], [], null), 1000).versions, historyTruncated: true,
    }), "vi");
    expect(L.history.at(-1)![5]).toBe("Chỉ hiện 1 phiên bản gần nhất với 1.000 giá trị thay đổi; lịch sử đầy đủ: htct history");
    expect(L.history).toHaveLength(1001);
  });
});
