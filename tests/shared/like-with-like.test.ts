import { describe, expect, it } from "vitest";
import { getCatalog, withoutTextMark } from "../../shared/index.ts";
import { layoutRollup } from "../../shared/report/rollup-layout.ts";
import { isRateCode } from "../../shared/report/figures.ts";
import { communeValues, syntheticProvince } from "../../scripts/demo.ts";
import { rollupFrom } from "./rollup-fixture.ts";

/** Issue 19: "Toàn tỉnh … Số xã −20" when 20 units had simply not reported. */
const catalog = getCatalog();
const reg = syntheticProvince("LWL", 5, 2);
const all = ["LWL-D01", "LWL-D02", "LWL-D03", "LWL-D04", "LWL-D05"];
const of = (ds: string[], k: number) => new Map(ds.map((d, i) => [d, { [`${d}-M01`]: communeValues(i + k), [`${d}-M02`]: communeValues(i + k + 9) }]));
const now = rollupFrom({ registry: reg, province: "LWL", period: "2015", values: of(all.slice(0, 4), 1) });
const before = rollupFrom({ registry: reg, province: "LWL", period: "2014", values: of(all, 3) });

describe("the rollup sheet's comparison compares like with like", () => {
  const L = layoutRollup(now, "vi", { previous: before });
  const changeAt = L.comparisons.findIndex((c) => c.kind === "heading" && c.label.startsWith("Tăng (+), giảm (−)"));
  const total = L.comparisons.slice(changeAt).find((c) => c.kind === "total")!;
  const lead = L.codes.findIndex((c) => c !== null);

  it("the province's change counts only the units that reported in both periods, and says so in its row", () => {
    expect(withoutTextMark(String(total.values[2]))).toBe("Chỉ so sánh 4 đơn vị có số liệu cả hai kỳ (4/5 đơn vị báo cáo, so với 5/5 năm 2014); tỷ lệ không so sánh");
    let differs = 0;
    L.codes.forEach((c, col) => {
      if (c === null) return;
      if (isRateCode(catalog, c)) { expect(total.values[col], c).toBe(""); return; }
      const both = now.districts.filter((d) => d.submitted).map((d) => [d.values[c], before.districts.find((x) => x.unit === d.unit)!.values[c]] as const);
      if (both.some(([a, b]) => a === undefined || b === undefined)) return;
      const expected = both.reduce((s, [a, b]) => s + a! - b!, 0);
      expect(total.values[col], c).toBe(expected);
      // What the sheet used to print: the totals' difference, a "fall" of the unit that did not report.
      if (expected !== now.totals[c]! - before.totals[c]!) differs++;
    });
    expect(lead).toBeGreaterThan(0);
    expect(differs).toBeGreaterThan(5);
  });

  it("a unit that did not report shows no change at all", () => {
    const missing = L.comparisons.slice(changeAt).find((c) => c.kind === "unit" && c.values[1] === "LWL-D05")!;
    expect(missing.values.slice(lead).every((v) => v === "")).toBe(true);
  });

  it("the same units in both periods: the plain difference of the totals, no coverage words", () => {
    const full = rollupFrom({ registry: reg, province: "LWL", period: "2015", values: of(all, 1) });
    const S = layoutRollup(full, "vi", { previous: before });
    const at = S.comparisons.findIndex((c) => c.kind === "heading" && c.label.startsWith("Tăng (+), giảm (−)"));
    const t = S.comparisons.slice(at).find((c) => c.kind === "total")!;
    expect(withoutTextMark(String(t.values[2]))).toBe("");
    const col = S.codes.indexOf("members.total");
    expect(t.values[col]).toBe(full.totals["members.total"]! - before.totals["members.total"]!);
  });
});
