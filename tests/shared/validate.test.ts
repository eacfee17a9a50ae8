import { describe, expect, it } from "vitest";
import { getCatalog, readSheet, tableFromRecords, validateTable, summarize, isWithin, type CellValue, type Issue } from "../../shared/index.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { HAM_TAN_TARGETS } from "../../seeds/targets.ts";

const catalog = getCatalog();
const sheet = (values: CellValue[][], formats?: (string | null)[][]) => {
  const r = readSheet({ name: "Báo cáo", values, formats }, { catalog, registry: REGISTRY });
  return [...r.issues, ...validateTable(r.table, catalog)];
};
// Small test sheets leave out most indicators and units: those two warnings are beside the point.
const rules = (issues: Issue[]) => issues.filter((i) => i.severity !== "info" && i.rule !== "required_missing" && i.rule !== "unit_missing").map((i) => i.rule);
const records = (values: Record<string, number | string>) => {
  const { table, issues } = tableFromRecords([{ unit: "Đơn vị thử", values }], catalog);
  return [...issues, ...validateTable(table, catalog)];
};

describe("validation rules", () => {
  it("checks types and bounds: whole non-negative counts, rates 0–100", () => {
    const issues = sheet([["Đơn vị", "Số đảng viên", "Số chi bộ trực thuộc", "Tỷ lệ hộ nghèo"], ["Tân Hà", 50.5, -1, 120], ["Tân Xuân", 40, 3, 5]]);
    expect(rules(issues)).toEqual(expect.arrayContaining(["not_integer", "negative", "out_of_bounds"]));
    const notInt = issues.find((i) => i.rule === "not_integer")!;
    expect(notInt.cells).toEqual(["B2"]);
    expect(notInt.message).toContain("50,5");
  });
  it("checks part ≤ whole and parts ≤ whole", () => {
    expect(rules(records({ "org.villages.with_cell": 7, "org.villages": 6 }))).toContain("part_le_whole");
    expect(rules(records({ "members.grade.htxsnv": 30, "members.grade.httnv": 40, "members.total": 60 }))).toContain("parts_le_whole");
    expect(rules(records({ "members.grade.htxsnv": 20, "members.grade.httnv": 40, "members.total": 60 }))).toEqual([]);
  });
  it("checks a reported total against its parts", () => {
    expect(rules(records({ "training.total": 4040, "training.cm_trungcap": 91, "training.cm_daihoc": 46, "training.llct_socap": 55, "training.llct_trungcap": 98, "training.qlnn": 114 }))).toEqual(["sum_total"]);
    expect(rules(records({ "training.total": 404, "training.cm_trungcap": 91, "training.cm_daihoc": 46, "training.llct_socap": 55, "training.llct_trungcap": 98, "training.qlnn": 114 }))).toEqual([]);
  });
  it("checks rates against numerator and denominator, and by GRIM when only one is known", () => {
    expect(rules(records({ "pilot.secretary_council_chair": 76, "org.communes": 186, "pilot.secretary_council_chair_rate": "40,3" }))).toEqual(["rate_mismatch"]);
    expect(rules(records({ "pilot.secretary_council_chair": 76, "org.communes": 186, "pilot.secretary_council_chair_rate": "40,8" }))).toEqual([]);
    expect(rules(records({ "party.cells": 1716, "grades.cells.tsvm_rate": "44,09%" }))).toEqual(["rate_grim"]);
    expect(rules(records({ "party.base_orgs": 108, "grades.base_org.tsvm_rate": "24,07%" }))).toEqual([]);
    expect(rules(records({ "members.admitted": 271, "members.admission_rate": "100,31" }))).toEqual(["rate_grim_den"]);
    expect(rules(records({ "poverty.poor": 0, "poverty.households": 0, "poverty.poor_rate": 5 }))).toEqual(["rate_zero_den"]);
  });
  it("accepts Excel percent cells at the precision of their format", () => {
    const issues = sheet([["Đơn vị", "Số chi bộ trực thuộc", "Chi bộ TSVM", "Tỷ lệ chi bộ TSVM"], ["Tân Hà", 9, 5, 5 / 9], ["Tân Xuân", 7, 3, 0.4286]], [[], [null, null, null, "0.00%"], [null, null, null, "0.00%"]]);
    expect(rules(issues)).toEqual([]);
  });
  it("checks the sheet's own total row against its units", () => {
    const issues = sheet([["Đơn vị", "Số đảng viên"], ["Tân Hà", 50], ["Tân Xuân", 40], ["Toàn huyện", 80]]);
    const t = issues.find((i) => i.rule === "total_row")!;
    expect(t.cells).toEqual(["B4"]);
    expect(t.message).toContain("80");
    expect(t.message).toContain("90");
  });
  it("reports required indicators missing or blank", () => {
    // Cells graded are checked against the number of cells, which the sheet leaves out.
    expect(sheet([["Đơn vị", "Chi bộ đạt TSVM"], ["Tân Hà", 5], ["Tân Xuân", 4]]).map((i) => i.rule)).toContain("required_missing");
    const blank = sheet([["Đơn vị", "Số đảng viên", "Số chi bộ trực thuộc"], ["Tân Hà", 50, 5], ["Tân Xuân", null, 4]]);
    expect(blank.find((i) => i.rule === "required_blank")?.cells).toEqual(["B3"]);
  });
  it("only errors block: warnings and infos are counted apart", () => {
    const all = [...records({ "party.cells": 1716, "grades.cells.tsvm_rate": "44,09%", "members.total": 17852 }), ...records({ "members.total": 1.5, "party.cells": 1 })];
    const s = summarize(all.filter((i) => i.rule !== "required_missing"));
    expect(s).toMatchObject({ errors: 1, warnings: 1 });
  });
  it("reports values below a resolution's targets as information", () => {
    const { table } = tableFromRecords([{ unit: "Hàm Tân", unitId: "BTH-HTN", values: { "grades.cells.tsvm": 30, "party.cells": 89, "members.total": 609, "members.grade.httnv": 292, "members.grade.htxsnv": 10 } }], catalog);
    const issues = validateTable(table, catalog, { targets: HAM_TAN_TARGETS, inScope: (u, s) => isWithin(REGISTRY, u, s) });
    const infos = issues.filter((i) => i.rule === "target_below");
    expect(infos.every((i) => i.severity === "info")).toBe(true);
    expect(infos.map((i) => i.indicators[0])).toEqual(expect.arrayContaining(["grades.cells.tsvm_rate", "members.httnv_or_better_rate"]));
  });
  it("speaks English when asked", () => {
    const { table } = tableFromRecords([{ unit: "X", values: { "org.villages.with_cell": 7, "org.villages": 6 } }], catalog);
    const [issue] = validateTable(table, catalog, { lang: "en" });
    expect(issue!.message).toMatch(/exceeds/);
  });
});

describe("unusual change against earlier periods", () => {
  const history = new Map([["BTH-HTN-01", [{ "members.total": 60 }, { "members.total": 62 }, { "members.total": 61 }, { "members.total": 64 }]]]);
  const check = (v: number) => {
    const { table } = tableFromRecords([{ unit: "Tân Minh", unitId: "BTH-HTN-01", values: { "members.total": v } }], catalog);
    return validateTable(table, catalog, { history }).filter((i) => i.rule === "outlier");
  };
  it("warns on a value far from the unit's own history (modified z-score over 3.5)", () => {
    const [w] = check(610);
    expect(w).toMatchObject({ severity: "warning", indicators: ["members.total"] });
    expect(w!.message).toMatch(/khác thường/);
  });
  it("lets ordinary change pass", () => {
    expect(check(66)).toEqual([]);
    expect(check(58)).toEqual([]);
  });
});

describe("target attainment", async () => {
  const { targetAttainment } = await import("../../shared/index.ts");
  it("says which of a unit's targets are met, missed or undetermined", () => {
    const a = targetAttainment({ "grades.cells.tsvm_rate": 55, "members.httnv_or_better_rate": 60 }, HAM_TAN_TARGETS, "BTH-HTN");
    expect(a.find((x) => x.target.indicator === "grades.cells.tsvm_rate")).toMatchObject({ value: 55, met: true });
    expect(a.find((x) => x.target.indicator === "members.httnv_or_better_rate")).toMatchObject({ value: 60, met: false });
    expect(a.some((x) => x.met === null)).toBe(true);
    expect(targetAttainment({}, HAM_TAN_TARGETS, "LCU")).toEqual([]);
  });
});
