import { describe, expect, it } from "vitest";
import { getCatalog, layoutRollup, reconstructInUnits, unitsValidIn, withoutTextMark, type ComparisonRow } from "../../shared/index.ts";
import { roundRate } from "../../shared/report/figures.ts";
import { fetchComparisons } from "../../shared/report/rollup-comparison.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { communeValues } from "../../scripts/demo.ts";
import { rollupFrom } from "./rollup-fixture.ts";

/**
 * The two-tier demo province: Lâm Đồng's sample communes in 2025-Q3 (after the reorganisation of
 * 1 July 2025), compared with 2025-Q2 and 2024-Q3, when Hàm Tân's communes reported in Bình Thuận.
 */
const catalog = getCatalog();
const num = (v: unknown) => Number(v ?? 0);
const newUnits = unitsValidIn(REGISTRY, "2025-Q3").filter((u) => u.parent === "LDG");
const current = rollupFrom({ registry: REGISTRY, province: "LDG", period: "2025-Q3", values: new Map(newUnits.map((u, i) => [u.code, { [u.code]: communeValues(i + 1) }])) });
const oldCommunes = (period: string, seed: number) => Object.fromEntries(unitsValidIn(REGISTRY, period).filter((u) => u.parent === "BTH-HTN").map((u, i) => [u.code, communeValues(seed + i)]));
const q2 = oldCommunes("2025-Q2", 100);
const q3 = oldCommunes("2024-Q3", 200);
const inUnits = (period: string, raw: Record<string, Record<string, number | string>>) =>
  reconstructInUnits(catalog, REGISTRY, "LDG", period, "2025-Q3", new Map([["BTH", new Map([["BTH-HTN", raw]])]]))!;
const previous = inUnits("2025-Q2", q2);
const yearEarlier = inUnits("2024-Q3", q3);
const plain = (r: ComparisonRow) => r.values.map((c) => (typeof c === "string" ? withoutTextMark(c) : c));

describe("rollup sheet comparisons in the units of this period", () => {
  const L = layoutRollup(current, "vi", { previous, yearEarlier });
  const members = L.codes.indexOf("members.total");
  const rate = L.codes.indexOf("members.htxsnv_rate");
  const headings = L.comparisons.filter((c) => c.kind === "heading").map((c) => c.label);
  /** The rows of the block under `heading`, up to the next heading or note. */
  const block = (heading: string) => {
    const at = L.comparisons.findIndex((c) => c.label === heading);
    const out: ComparisonRow[] = [];
    for (const c of L.comparisons.slice(at + 1)) { if (c.kind === "heading" || c.kind === "note") break; out.push(c); }
    return out;
  };
  const row = (rows: ComparisonRow[], code: string) => rows.find((r) => r.values[1] === code)!;

  it("has, for each earlier period, its figures by unit and for the province, then the change", () => {
    expect(headings).toEqual([
      "Kỳ trước (quý II năm 2025), theo đơn vị của kỳ này", "Tăng (+), giảm (−) so với quý II năm 2025",
      "Cùng kỳ năm trước (quý III năm 2024), theo đơn vị của kỳ này", "Tăng (+), giảm (−) so với quý III năm 2024",
    ]);
    for (const h of headings) expect(block(h).map((r) => r.values[1])).toEqual([...current.districts.map((d) => d.unit), "LDG"]);
  });

  it("a merged commune's earlier figures are its predecessors' summed, marked as rebuilt from the former units", () => {
    const m01 = row(block(headings[0]!), "LDG-M01");
    const m01Unit = REGISTRY.find((u) => u.code === "LDG-M01")!;
    const sum = m01Unit.predecessors!.reduce((s, c) => s + num(q2[c]!["members.total"]), 0);
    expect(m01.values[members]).toBe(sum);
    expect(plain(m01)[2]).toBe("Tính lại từ các đơn vị cũ: Tân Minh, Tân Nghĩa");
    expect(m01.approximate).toBe(false);
    // Rates recomputed from the summed parts, shown as fractions of one.
    const htx = m01Unit.predecessors!.reduce((s, c) => s + num(q2[c]!["members.grade.htxsnv"]), 0);
    expect(m01.values[rate]).toBeCloseTo(htx / sum, 12);
  });

  it("the successors of a split commune are approximate, and a note says why", () => {
    for (const code of ["LDG-M02", "LDG-M03"]) {
      const r = row(block(headings[0]!), code);
      expect(r.approximate).toBe(true);
      expect(plain(r)[2]).toMatch(/Tân Thắng; gần đúng \(\*\)$/);
      expect(r.values[members]).toBe(REGISTRY.find((u) => u.code === code)!.predecessors!.reduce((s, c) => s + num(q2[c]!["members.total"]), 0));
    }
    const notes = L.comparisons.filter((c) => c.kind === "note").map((c) => c.label);
    expect(notes.some((n) => n.startsWith("(*) Gần đúng: Tân Thắng được chia cho Xã mẫu 02, Xã mẫu 03;"))).toBe(true);
    expect(notes.some((n) => n.startsWith("Tính lại từ các đơn vị cũ:"))).toBe(true);
    expect(row(block(headings[0]!), "LDG-M01").approximate).toBe(false);
  });

  it("a unit with no predecessor has nothing to compare with, and says so; its change is blank", () => {
    const before = row(block(headings[0]!), "LDG-M05");
    expect(plain(before)[2]).toBe("Không có số liệu kỳ so sánh");
    expect(before.values[members]).toBe("");
    expect(row(block(headings[1]!), "LDG-M05").values[members]).toBe("");
  });

  it("changes per unit and for the province: counts, and percentage points between the rates as shown", () => {
    for (const [h, other] of [[headings[1]!, previous], [headings[3]!, yearEarlier]] as const) {
      const rows = block(h);
      for (const d of current.districts.filter((x) => x.unit !== "LDG-M05")) {
        const e = other.units.find((u) => u.unit === d.unit)!;
        const r = row(rows, d.unit);
        expect(r.values[members]).toBe(num(d.values["members.total"]) - num(e.values["members.total"]));
        expect(r.values[rate]).toBe(roundRate(roundRate(d.values["members.htxsnv_rate"]!) - roundRate(e.values["members.htxsnv_rate"]!)));
        expect(r.formats[rate]).toMatch(/điểm %/);
      }
      // The province against its predecessor province (Bình Thuận, here Hàm Tân's communes only),
      // like with like: the special zone has no predecessor, so its figures are not a rise.
      const total = row(rows, "LDG");
      expect(total.kind).toBe("total");
      expect(total.values[0]).toBe("Toàn tỉnh");
      const whole = Object.values(other === previous ? q2 : q3).reduce((s, v) => s + num(v["members.total"]), 0);
      const zone = num(current.districts.find((x) => x.unit === "LDG-M05")!.values["members.total"]);
      expect(zone).toBeGreaterThan(0);
      expect(total.values[members]).toBe(current.totals["members.total"]! - zone - whole);
      expect(total.values[rate]).toBe("");
      expect(plain(total)[2]).toMatch(/^Chỉ so sánh 4 đơn vị có số liệu cả hai kỳ \(5\/5 đơn vị báo cáo, so với 4\/5 quý (II năm 2025|III năm 2024)\); tỷ lệ không so sánh; Tính lại từ các đơn vị cũ: tỉnh Bình Thuận \(cũ\); thiếu số liệu của tỉnh Đắk Nông \(cũ\), tỉnh Lâm Đồng \(cũ\)$/);
    }
  });

  it("a period in the same units compares each unit with its own figures, unmarked", () => {
    const later = inUnits("2025-Q2", q2);
    const q4 = rollupFrom({ registry: REGISTRY, province: "LDG", period: "2025-Q4", values: new Map(newUnits.map((u, i) => [u.code, { [u.code]: communeValues(i + 7) }])) });
    const same = layoutRollup(q4, "vi", { previous: current, yearEarlier: later });
    expect(same.comparisons[0]!.label).toBe("Kỳ trước (quý III năm 2025)");
    const m01 = same.comparisons.find((c) => c.values[1] === "LDG-M01")!;
    expect(plain(m01)[2]).toBe("");
    expect(m01.values[same.codes.indexOf("members.total")]).toBe(current.districts[0]!.values["members.total"]);
  });

  it("reads in English", () => {
    const en = layoutRollup(current, "en", { previous, yearEarlier });
    const heads = en.comparisons.filter((c) => c.kind === "heading").map((c) => c.label);
    expect(heads[0]).toBe("Previous period (Q2 2025), in this period's units");
    const m02 = en.comparisons.find((c) => c.values[1] === "LDG-M02")!;
    expect(withoutTextMark(String(m02.values[2]))).toMatch(/^Rebuilt from the former units: .*; approximate \(\*\)$/);
    expect(en.comparisons.some((c) => c.kind === "note" && c.label.startsWith("(*) Approximate: Tân Thắng was split between"))).toBe(true);
  });

  it("counts the reporting units of the period (communes since July 2025), not districts, in the title and the total row", () => {
    expect(withoutTextMark(L.title[2]!)).toMatch(/^Đã nhận báo cáo của 5\/5 đơn vị,/);
    expect(withoutTextMark(String(L.total[2]))).toBe("5/5");
  });

  it("the layout stays in step: targets after the comparisons, nothing written over", () => {
    expect(L.targetRow).toBeGreaterThanOrEqual(L.comparisonRow + L.comparisons.length);
    for (const c of L.comparisons) { expect(c.values).toHaveLength(L.header.length); expect(c.formats).toHaveLength(L.header.length); }
  });
});

describe("which earlier periods a period is compared with", () => {
  const withFigures = (periods: string[]) => {
    const asked: string[] = [];
    const one = async (p: string) => { asked.push(p); return periods.includes(p) ? rollupFrom({ registry: REGISTRY.filter((u) => u.code === "BTH" || u.parent === "BTH"), province: "BTH", period: p, values: new Map() }) : null; };
    return { one, asked };
  };
  it("a year whose previous year has no figures (Lâm Đồng's 2026 after the reorganisation) compares with the year before that", async () => {
    const { one, asked } = withFigures(["2024"]);
    const r = await fetchComparisons("2026", one);
    expect(r.previous?.period).toBe("2024");
    expect(r.yearEarlier?.period).toBe("2024");
    expect(asked.sort()).toEqual(["2024", "2025"]);
  });
  it("the previous period with figures wins, each period fetched once, and nothing is invented when none has figures", async () => {
    const a = withFigures(["2025", "2024"]);
    expect((await fetchComparisons("2026", a.one)).previous?.period).toBe("2025");
    expect(a.asked).toEqual(["2025"]);
    const b = withFigures(["2025-Q2"]);
    const q = await fetchComparisons("2026-Q1", b.one);
    expect(q).toEqual({ previous: null, yearEarlier: null });
    expect(b.asked.sort()).toEqual(["2025-Q1", "2025-Q3", "2025-Q4"]);
  });
});
