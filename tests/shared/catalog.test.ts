import { describe, expect, it } from "vitest";
import { CatalogError, getCatalog, loadCatalog, readSheet, validateTable, aggregate } from "../../shared/index.ts";
import { CATALOG_V1 } from "../../shared/catalog/catalog-v1.ts";
import { SEED_FIGURES, UNPLACED_FIGURES } from "../../seeds/figures.ts";

describe("indicator catalog", () => {
  const catalog = getCatalog();
  it("has unique codes, Vietnamese and English labels, and resolvable references", () => {
    expect(catalog.byCode.size).toBe(catalog.indicators.length);
    for (const ind of catalog.indicators) {
      expect(ind.label.vi.length).toBeGreaterThan(0);
      expect(ind.label.en.length).toBeGreaterThan(0);
    }
    expect(catalog.version).toMatch(/^\d+\.\d+\.\d+$/);
  });
  it("covers what the issue lists: organisation, members, grades, cadres by group and level, mass organisations, poverty, pilot", () => {
    for (const code of [
      "party.dang_bo", "party.chi_bo_co_so", "party.cells", "org.villages", "org.villages.with_cell", "org.villages.with_members",
      "org.schools.with_cell", "org.health_stations.with_members", "members.total", "members.admitted", "members.admission_target",
      "members.grade.htxsnv", "members.grade.httnv", "members.grade.htnv", "members.grade.khtnv", "members.violations",
      "grades.base_org.tsvm", "grades.cells.tsvm", "government.grade.tot", "government.grade.yeu", "massorg.grade.tot",
      "cadres.ft.posts", "cadres.cs.in_post", "cadres.pt.cm_sau_dh", "cadres.ft.llct_caocap", "cadres.cs.women", "cadres.pt.standard", "cadres.ft.trained",
      "massorg.members", "massorg.eligible", "massorg.core_activists", "democracy.regulation", "democracy.villages_covenant",
      "poverty.households", "democracy.cultural_households", "democracy.cultural_villages", "poverty.poor", "poverty.near_poor",
      "pilot.secretary_village_head", "pilot.secretary_council_chair",
      "grades.cells.tsvm_rate", "members.httnv_or_better_rate", "poverty.poor_rate", "cadres.ft.fill_rate",
    ]) expect(catalog.byCode.has(code), code).toBe(true);
  });
  it("gives every figure of the seed reports a home", () => {
    for (const f of SEED_FIGURES) expect(catalog.byCode.has(f.indicator), `${f.source} ${f.row}: ${f.indicator}`).toBe(true);
    expect(UNPLACED_FIGURES.map((f) => `${f.source} ${f.row}: ${f.reportedAs}`)).toEqual([]);
  });
  it("rejects a broken catalog with a clear error", () => {
    expect(() => loadCatalog({ ...CATALOG_V1, indicators: [...CATALOG_V1.indicators, { code: "x.rate", group: "org", kind: "ratio", numerator: ["nope"], denominator: ["members.total"], label: { vi: "x", en: "x" } }] })).toThrow(/unknown indicator nope/);
    expect(() => loadCatalog({ ...CATALOG_V1, indicators: [...CATALOG_V1.indicators, CATALOG_V1.indicators[0]!] })).toThrow(CatalogError);
    expect(() => loadCatalog({ version: "x" })).toThrow(CatalogError);
    expect(() => loadCatalog({
      ...CATALOG_V1,
      indicators: [...CATALOG_V1.indicators,
        { code: "a.s", group: "org", kind: "sum", of: ["a.t", "members.total"], label: { vi: "a", en: "a" } },
        { code: "a.t", group: "org", kind: "sum", of: ["a.s", "members.total"], label: { vi: "b", en: "b" } }],
    })).toThrow(/cycle/);
  });
  it("takes a new indicator as data alone: mapped from its header, validated and rolled up", () => {
    const extended = loadCatalog({
      ...CATALOG_V1,
      version: "1.1.0",
      indicators: [
        ...CATALOG_V1.indicators,
        { code: "org.libraries", group: "org", kind: "input", type: "count", label: { vi: "Số tủ sách pháp luật", en: "Legal bookshelves" }, aliases: ["tu sach phap luat"] },
        { code: "org.libraries_per_village", group: "org", kind: "ratio", numerator: ["org.libraries"], denominator: ["org.villages"], label: { vi: "Tỷ lệ thôn có tủ sách pháp luật", en: "Bookshelves per village" } },
      ],
    });
    const read = readSheet({ name: "S", values: [["Đơn vị", "Tổng số thôn", "Tủ sách pháp luật"], ["Xã A", 5, 7], ["Xã B", 4, 2]] }, { catalog: extended });
    expect(read.mapping.map((m) => m.indicator)).toEqual(["org.villages", "org.libraries"]);
    const issues = validateTable(read.table, extended);
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    const total = aggregate([{ unit: "A", values: { "org.libraries": 7, "org.villages": 5 } }, { unit: "B", values: { "org.libraries": 2, "org.villages": 4 } }], extended);
    expect(total["org.libraries"]).toBe(9);
    expect(total["org.libraries_per_village"]).toBeCloseTo(100, 9);
  });
});

describe("catalog display and aggregation", () => {
  const catalog = getCatalog();
  it("gives every count a unit of measure and every rate %", () => {
    for (const ind of catalog.indicators) {
      if (ind.type === "count") expect(ind.measureUnit, ind.code).not.toBeNull();
      if (ind.kind === "ratio") expect(ind.measureUnit).toEqual({ vi: "%", en: "%" });
    }
    expect(catalog.byCode.get("members.total")!.measureUnit!.vi).toBe("người");
    expect(catalog.byCode.get("poverty.poor")!.measureUnit!.vi).toBe("hộ");
    expect(catalog.byCode.get("pilot.district_inspection_merged_rate")!.measureUnit!.vi).toBe("%");
  });
  it("states how each indicator aggregates", () => {
    expect(catalog.byCode.get("members.total")!.aggregation).toBe("sum");
    expect(catalog.byCode.get("democracy.regulation")!.aggregation).toBe("count_true");
    expect(catalog.byCode.get("government.grade")!.aggregation).toBe("count_by_class");
    expect(catalog.byCode.get("poverty.poor_rate")!.aggregation).toBe("recompute");
    // A change of a rate in points is not something districts' values add up to.
    expect(catalog.byCode.get("poverty.poor_rate_fall")!.aggregation).toBe("none");
    expect(aggregate([{ unit: "A", values: { "poverty.poor_rate_fall": 1.2 } }, { unit: "B", values: { "poverty.poor_rate_fall": 2 } }], catalog)["poverty.poor_rate_fall"]).toBeUndefined();
  });
});
