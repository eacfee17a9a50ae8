import { describe, expect, it } from "vitest";
import { capabilities } from "../../addin/src/excel/adapter.ts";
import { blockRows, scorecardSheet, statusSheet, writeTableSheet } from "../../addin/src/excel/table-sheet.ts";
import { aggregate, getCatalog, type OrgUnit } from "../../shared/index.ts";
import { scorecard } from "../../shared/quality/scorecard.ts";
import { layoutScorecard, SCORECARD_SHEET } from "../../shared/quality/scorecard-layout.ts";
import { clerksByUnit, layoutStatus, STATUS_SHEET } from "../../shared/report/status-layout.ts";
import { communeValues, syntheticProvince } from "../../scripts/demo.ts";
import { rollupFrom } from "../shared/rollup-fixture.ts";
import { FakeExcelHost, FakeWorkbook } from "./fake-excel/index.ts";
import { codesShown } from "./sheets.ts";

/** The status and scorecard sheets as the pane writes them, on the strict stand-in for Excel. */
const HOSTILE = '=HYPERLINK("http://evil.example","x")';
const reg: OrgUnit[] = syntheticProvince("STS", 5, 1).map((u) => (u.code === "STS-D05" ? { ...u, name: HOSTILE } : u));
const reported = ["STS-D01", "STS-D02", "STS-D03"];
const rollup = rollupFrom({ registry: reg, province: "STS", period: "2015", values: new Map(reported.map((d, i) => [d, { [`${d}-M01`]: communeValues(i + 1) }])), now: new Date("2016-02-01T00:00:00Z") });
const clerks = clerksByUnit([
  { role: "clerk", unit: "STS-D04", name: "Cán bộ mẫu 04", email: "can-bo-mau-04@example.invalid" },
  { role: "clerk", unit: "STS-D05", name: "Cán bộ mẫu 05", email: null },
  { role: "clerk", unit: "STS-D05", name: null, email: "=1+1@example.invalid" },
]);

function book(excelApi: string) {
  const wb = new FakeWorkbook();
  wb.add("Số liệu").cell(0, 0).value = "của cán bộ";
  const host = new FakeExcelHost(wb, { excelApi });
  return { wb, host, caps: capabilities(host.office) };
}

const values = (wb: FakeWorkbook, name: string, rows: number, cols: number) => {
  const s = wb.sheet(name)!;
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => s.get(r, c)?.value ?? ""));
};

describe("the reporting status sheet in Excel", () => {
  const L = layoutStatus(rollup, "vi", { clerks });
  const sheet = statusSheet(STATUS_SHEET, L);

  it("writes the summary, every unit and the units still to report with their clerks; other sheets untouched", async () => {
    const { wb, host, caps } = book("1.9");
    const r = await writeTableSheet(host.run, sheet, caps);
    expect(r.sheet).toBe("Tình hình nộp báo cáo");
    const [sum, units, missing] = blockRows(sheet);
    const s = wb.sheet(STATUS_SHEET)!;
    expect(s.get(0, 0)?.value).toBe("TÌNH HÌNH NỘP BÁO CÁO — TỈNH MẪU STS");
    expect(s.get(0, 0)?.bold).toBe(true);
    expect(s.get(sum!, 0)?.value).toBe("Cấp");
    expect(s.get(sum!, 0)?.bold).toBe(true);
    const total = L.summary.rows.length;
    expect(s.get(sum! + total, 0)?.value).toBe("Tổng cộng");
    expect(s.get(sum! + total, 0)?.bold).toBe(true);
    expect(s.get(sum! + total, 6)?.numberFormat).toBe("0.0%");
    expect(s.get(sum! + total, 6)?.value).toBeCloseTo(0, 12);
    expect(s.get(units!, 0)?.value).toBe("Đơn vị");
    expect(s.get(missing!, 3)?.value).toBe("Cán bộ phụ trách");
    const rows = values(wb, STATUS_SHEET, missing! + 3, 4).slice(missing! + 1);
    expect(rows.map((x) => x[3]).sort()).toEqual(["Cán bộ mẫu 04 (can-bo-mau-04@example.invalid)", "Cán bộ mẫu 05, =1+1@example.invalid"]);
    // Text that would be a formula stays text: no cell of the sheet holds a formula.
    expect([...s.entries()].filter(([, , c]) => c.formula)).toEqual([]);
    expect(rows.map((x) => x[0])).toContain(HOSTILE);
    // Portrait fitted to one width would print the seven columns below 8 pt; the units' header repeats on every page and stays in view.
    expect(s.pageLayout).toMatchObject({ orientation: "Landscape", paperSize: "A4", printTitleRows: `$${units! + 1}:$${units! + 1}` });
    expect([s.frozenRows, s.frozenColumns]).toEqual([units! + 1, 1]);
    // Page numbers in the footer; units by name, their codes in a hidden machine column.
    expect(s.headerFooter).toMatchObject({ leftFooter: "&A", rightFooter: "Trang &P/&N" });
    expect(s.get(units!, 7)?.value).toBe("Mã");
    expect([...s.hiddenColumns]).toEqual([7]);
    expect([...s.entries()].filter(([, c]) => c === 7).some(([, , x]) => /^STS-D0\d$/.test(String(x.value)))).toBe(true);
    expect([...s.entries()].filter(([, c]) => c !== 7).some(([, , x]) => /^STS-/.test(String(x.value)))).toBe(false);
    expect(wb.sheet("Số liệu")!.get(0, 0)?.value).toBe("của cán bộ");
    expect(r.syncs).toBe(2);
  });

  it("refreshing replaces it in place (found whatever its case), leaving nothing of the old rows", async () => {
    const { wb, host, caps } = book("1.9");
    const old = wb.add("TÌNH HÌNH NỘP BÁO CÁO");
    for (let r = 0; r < 60; r++) old.cell(r, 8).value = `cũ ${r}`;
    await writeTableSheet(host.run, sheet, caps);
    expect(wb.sheets.map((x) => x.name)).toEqual(["Số liệu", "TÌNH HÌNH NỘP BÁO CÁO"]);
    const s = wb.sheet("TÌNH HÌNH NỘP BÁO CÁO")!;
    expect([...s.entries()].some(([, , c]) => String(c.value).startsWith("cũ "))).toBe(false);
    expect(s.get(0, 0)?.value).toMatch(/^TÌNH HÌNH NỘP BÁO CÁO/);
  });

  it("at the manifest's minimum (ExcelApi 1.2) writes the same cells without print settings", async () => {
    const a = book("1.2");
    const b = book("1.9");
    await writeTableSheet(a.host.run, sheet, a.caps);
    await writeTableSheet(b.host.run, sheet, b.caps);
    const n = blockRows(sheet).at(-1)! + L.missing.rows.length + 1;
    expect(values(a.wb, STATUS_SHEET, n, 7)).toEqual(values(b.wb, STATUS_SHEET, n, 7));
    expect(a.wb.sheet(STATUS_SHEET)!.pageLayout.printTitleRows).toBeNull();
  });

  it("a province of 3,321 communes stays within Excel on the web's request limit", async () => {
    const big = syntheticProvince("BIG", 3321, 1).map((u) => (u.level === "district" ? { ...u, level: "commune" as const, type: "xa" as const } : u)).filter((u) => u.level !== "commune" || u.code.split("-").length === 2);
    const communes = big.filter((u) => u.level === "commune");
    const r0 = rollupFrom({ registry: big.map((u) => (u.level === "commune" ? { ...u, level: "district" as const } : u)), province: "BIG", period: "2025-Q4",
      values: new Map(communes.slice(0, 2000).map((u, i) => [u.code, { [u.code]: communeValues(i + 1) }])) });
    const many = clerksByUnit(communes.map((u, i) => ({ role: "clerk" as const, unit: u.code, name: `Cán bộ mẫu ${String(i + 1).padStart(4, "0")}`, email: `can-bo-mau-${i + 1}@example.invalid` })));
    const big2 = statusSheet(STATUS_SHEET, layoutStatus(r0, "vi", { clerks: many }));
    const { wb, host, caps } = book("1.9");
    const r = await writeTableSheet(host.run, big2, caps);
    expect(r.rows).toBe(big2.blocks.reduce((n, b) => n + b.rows.length, 0));
    expect(host.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(r.syncs).toBeLessThanOrEqual(6);
    const last = blockRows(big2).at(-1)! + big2.blocks.at(-1)!.rows.length;
    expect(String(wb.sheet(STATUS_SHEET)!.get(last, 3)?.value)).toMatch(/^Cán bộ mẫu \d{4} \(can-bo-mau-\d+@example\.invalid\)$/);
  });
});

describe("the data-quality scorecard sheet in Excel", () => {
  const catalog = getCatalog();
  const units = ["Xã mẫu 01", "Xã mẫu 02", HOSTILE].map((name, d) => {
    const records = [0, 1].map((i) => ({ unit: `SCX-M0${d}-C0${i}`, unitId: `SCX-M0${d}-C0${i}`, level: "commune" as const, values: communeValues(d * 10 + i) }));
    const values = aggregate(records, catalog);
    return { unit: `SCX-M0${d}`, name, status: d === 1 ? ("late" as const) : ("on_time" as const), submitted: true, communesExpected: 2, communesReported: 2, records, values, history: [values, values, values] };
  });
  const sc = scorecard({ province: "SCX", period: "2026-Q1", units, provinceValues: {}, provinceHistory: [] });
  const L = layoutScorecard(sc, "vi", { provinceName: "Tỉnh mẫu SCX" });

  it("ranks the units with each dimension formatted, the province's line last and bold, frozen under the header", async () => {
    const { wb, host, caps } = book("1.9");
    const r = await writeTableSheet(host.run, scorecardSheet(SCORECARD_SHEET, L), caps);
    expect(r.sheet).toBe("Chất lượng số liệu");
    const s = wb.sheet(SCORECARD_SHEET)!;
    const [head] = blockRows(scorecardSheet(SCORECARD_SHEET, L));
    expect(s.get(0, 0)?.value).toBe("CHẤT LƯỢNG SỐ LIỆU BÁO CÁO — TỈNH MẪU SCX");
    expect(s.get(head!, 0)?.value).toBe("Hạng");
    L.rows.forEach((row, i) => {
      expect(s.get(head! + 1 + i, 0)?.value).toBe(row[0]);
      expect(s.get(head! + 1 + i, 3)?.numberFormat).toBe("0.0%");
    });
    const last = head! + 1 + L.rows.length;
    expect(s.get(last, 1)?.value).toBe("Toàn tỉnh");
    expect(s.get(last, 1)?.bold).toBe(true);
    expect(s.get(head! + 1, 1)?.bold ?? false).toBe(false);
    // Frozen under the header, rank and unit kept in view.
    expect([s.frozenRows, s.frozenColumns]).toEqual([L.title.length + 2, 2]);
    expect(codesShown(s, units.map((u) => u.unit))).toEqual([]);
    expect(s.pageLayout).toMatchObject({ orientation: "Landscape", paperSize: "A4", printTitleRows: `$${head! + 1}:$${head! + 1}` });
    expect(s.headerFooter).toMatchObject({ leftFooter: "&A", rightFooter: "Trang &P/&N" });
    expect([...s.entries()].filter(([, , c]) => c.formula)).toEqual([]);
    expect(L.rows.map((x) => x[1])).toContain(`'${HOSTILE}`);
    expect([...s.entries()].map(([, , c]) => c.value)).toContain(HOSTILE);
  });
});
