import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { aggregate, getCatalog, rollupTree, type OrgUnit, type RecordInput } from "../../shared/index.ts";

const catalog = getCatalog();
// Unit counts (org.districts) are the tree's to set, not a commune's to report.
const counts = catalog.indicators.filter((i) => i.kind === "input" && i.type === "count" && !i.countsUnits).map((i) => i.code);

/** A small random province: districts with communes, each commune with random counts and grades. */
const province = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }).chain((sizes) => {
  const units: OrgUnit[] = [{ code: "P", name: "Tỉnh mẫu", level: "province", type: "tinh", parent: null, sample: true, aliases: [] }];
  const communes: string[] = [];
  sizes.forEach((n, d) => {
    units.push({ code: `P-D${d}`, name: `Huyện mẫu ${d}`, level: "district", type: "huyen", parent: "P", sample: true, aliases: [] });
    for (let c = 0; c < n; c++) {
      units.push({ code: `P-D${d}-C${c}`, name: `Xã mẫu ${d}-${c}`, level: "commune", type: "xa", parent: `P-D${d}`, sample: true, aliases: [] });
      communes.push(`P-D${d}-C${c}`);
    }
  });
  const values = fc.record({
    picks: fc.subarray(counts, { minLength: 1, maxLength: 25 }),
    seed: fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 25, maxLength: 25 }),
    grade: fc.constantFrom("Tốt", "Khá", "Trung bình", "Yếu", null),
    reported: fc.boolean(),
  });
  return fc.tuple(fc.constant(units), fc.array(fc.option(values, { nil: undefined, freq: 5 }), { minLength: communes.length, maxLength: communes.length }).map((vs) => {
    const m = new Map<string, Record<string, number | string | null>>();
    vs.forEach((v, i) => {
      if (!v) return;
      const rec: Record<string, number | string | null> = {};
      v.picks.forEach((code, k) => { rec[code] = v.seed[k]!; });
      if (v.grade) rec["government.grade"] = v.grade;
      m.set(communes[i]!, rec);
    });
    return m;
  }));
});

describe("rollup", () => {
  it("rollup of district rollups equals the rollup of all communes", () => {
    fc.assert(fc.property(province, ([units, communes]) => {
      const tree = rollupTree(catalog, units, "P", communes);
      const flat = aggregate([...communes].map(([code, values]): RecordInput => ({ unit: code, unitId: code, level: "commune", values })), catalog);
      const viaTree = { ...tree.get("P")!.values };
      // The tree also knows how many districts reported, which the flat list of communes cannot.
      const districts = viaTree["org.districts"];
      delete viaTree["org.districts"];
      expect(districts ?? 0).toBe([...tree.values()].filter((n) => n.level === "district" && n.communesReported > 0).length);
      expect(Object.keys(viaTree).sort()).toEqual(Object.keys(flat).sort());
      for (const [k, v] of Object.entries(flat)) expect(viaTree[k], k).toBeCloseTo(v, 9);
      const node = tree.get("P")!;
      expect(node.communesReported).toBe(communes.size);
      expect(node.communesExpected).toBe(units.filter((u) => u.level === "commune").length);
    }), { numRuns: 150 });
  });

  it("sums counts, counts grades per class and recomputes rates from the aggregated parts", () => {
    const total = aggregate([
      { unit: "A", values: { "members.total": 100, "members.grade.httnv": 50, "party.cells": 9, "grades.cells.tsvm": 3, "government.grade": "Tốt" } },
      { unit: "B", values: { "members.total": 300, "members.grade.httnv": 100, "party.cells": 1, "grades.cells.tsvm": 1, "government.grade": "Trung bình", "members.httnv_rate": 99 } },
    ], catalog);
    expect(total["members.total"]).toBe(400);
    expect(total["members.httnv_rate"]).toBeCloseTo(37.5, 9); // 150/400, not the mean of 50% and 33%
    expect(total["grades.cells.tsvm_rate"]).toBeCloseTo(40, 9);
    expect(total["government.grade.tot"]).toBe(1);
    expect(total["government.grade.trung_binh"]).toBe(1);
    expect(total["government.kha_or_better_rate"]).toBeCloseTo(50, 9);
    expect(total["org.communes"]).toBe(2);
  });

  it("reports completeness: expected and reported communes and districts", () => {
    const units: OrgUnit[] = [
      { code: "P", name: "P", level: "province", type: "tinh", parent: null, sample: true, aliases: [] },
      { code: "P-1", name: "D1", level: "district", type: "huyen", parent: "P", sample: true, aliases: [] },
      { code: "P-2", name: "D2", level: "district", type: "huyen", parent: "P", sample: true, aliases: [] },
      { code: "P-1-1", name: "C1", level: "commune", type: "xa", parent: "P-1", sample: true, aliases: [] },
      { code: "P-1-2", name: "C2", level: "commune", type: "xa", parent: "P-1", sample: true, aliases: [] },
      { code: "P-2-1", name: "C3", level: "commune", type: "xa", parent: "P-2", sample: true, aliases: [] },
    ];
    const tree = rollupTree(catalog, units, "P", new Map([["P-1-1", { "members.total": 5 }]]));
    expect(tree.get("P")).toMatchObject({ communesExpected: 3, communesReported: 1, districtsExpected: 2, districtsReported: 1, values: { "members.total": 5, "org.districts": 1 } });
    expect(tree.get("P-2")!.values).toEqual({});
  });
});

describe("rollup of district-level reports", () => {
  it("takes a district's own totals when none of its communes reported, as province sheets by district do", async () => {
    const { REGISTRY } = await import("../../seeds/orgunits.ts");
    const { laiChauDistrictValues, LAI_CHAU_TOTALS } = await import("../../seeds/data.ts");
    const tree = rollupTree(catalog, REGISTRY, "LCU", new Map(laiChauDistrictValues().map((d) => [d.unit, d.values])));
    const p = tree.get("LCU")!;
    for (const [code, value] of Object.entries(LAI_CHAU_TOTALS)) expect(p.values[code], code).toBe(value);
    expect(p.districtsReported).toBe(p.districtsExpected);
    expect(p.values["org.districts"]).toBe(p.districtsExpected);
  });
});
