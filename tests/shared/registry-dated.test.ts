import { describe, expect, it } from "vitest";
import {
  checkRegistry, getCatalog, periodLastDay, readSheet, reportingUnitFor, reportingUnitsOf, rollupTree, unitsValidIn,
  OrgUnitRegistry, type OrgUnit,
} from "../../shared/index.ts";

const catalog = getCatalog();
const u = (code: string, name: string, level: string, type: OrgUnit["type"], parent: string | null, extra: Partial<OrgUnit> = {}): OrgUnit =>
  ({ code, name, level, type, parent, sample: true, aliases: [], ...extra });

/** A sample province before and after 1 July 2025: two districts, then communes straight under it. */
const REG: OrgUnit[] = [
  u("P", "Tỉnh mẫu", "province", "tinh", null),
  u("P-D1", "Huyện mẫu 1", "district", "huyen", "P", { validTo: "2025-06-30" }),
  u("P-D1-01", "Xã mẫu A", "commune", "xa", "P-D1", { validTo: "2025-06-30" }),
  u("P-D1-02", "Xã mẫu B", "commune", "xa", "P-D1", { validTo: "2025-06-30" }),
  u("P-D2", "Huyện mẫu 2", "district", "huyen", "P", { validTo: "2025-06-30" }),
  u("P-D2-01", "Xã mẫu C", "commune", "xa", "P-D2", { validTo: "2025-06-30" }),
  u("P-X01", "Xã mẫu 01", "commune", "xa", "P", { validFrom: "2025-07-01", predecessors: ["P-D1-01", "P-D1-02"] }),
  u("P-DK", "Đặc khu mẫu", "commune", "dac_khu", "P", { validFrom: "2025-07-01", predecessors: ["P-D2-01"] }),
  u("P-DK-C1", "Chi bộ mẫu 1", "cell", "chi_bo", "P-DK", { validFrom: "2025-07-01" }),
  u("P-DK-C2", "Chi bộ mẫu 2", "cell", "chi_bo", "P-DK", { validFrom: "2025-07-01" }),
];

describe("dated registry", () => {
  it("parses new fields, keeps old registries parsing, and refuses bad dates and levels", () => {
    expect(OrgUnitRegistry.parse(REG)).toHaveLength(REG.length);
    expect(OrgUnitRegistry.parse([{ code: "A", name: "A", level: "province", type: "tinh", parent: null }])[0]!.sample).toBe(false);
    expect(OrgUnitRegistry.safeParse([{ ...REG[1], validTo: "2025-02-30" }]).success).toBe(false);
    expect(OrgUnitRegistry.safeParse([{ ...REG[1], level: "hamlet" }]).success).toBe(false);
  });

  it("a period uses the units valid on its last day", () => {
    expect(periodLastDay("2025-H1")).toBe("2025-06-30");
    expect(periodLastDay("2024-02")).toBe("2024-02-29");
    expect(periodLastDay("2025-Q3")).toBe("2025-09-30");
    const old = unitsValidIn(REG, "2025-H1").map((x) => x.code);
    const now = unitsValidIn(REG, "2025-07").map((x) => x.code);
    expect(old).toEqual(["P", "P-D1", "P-D1-01", "P-D1-02", "P-D2", "P-D2-01"]);
    expect(now).toEqual(["P", "P-X01", "P-DK", "P-DK-C1", "P-DK-C2"]);
    // A year that straddles the reorganisation is reported in the units of its end.
    expect(unitsValidIn(REG, "2025").map((x) => x.code)).toEqual(now);
    expect(reportingUnitsOf(unitsValidIn(REG, "2024"), "P").map((x) => x.code)).toEqual(["P-D1", "P-D2"]);
    expect(reportingUnitsOf(unitsValidIn(REG, "2026"), "P").map((x) => x.code)).toEqual(["P-X01", "P-DK"]);
    expect(reportingUnitFor(unitsValidIn(REG, "2024"), "P-D1-02")!.code).toBe("P-D1");
    expect(reportingUnitFor(unitsValidIn(REG, "2026"), "P-DK-C2")!.code).toBe("P-DK");
  });

  it("rollups follow the period's depth: districts, communes straight under the province, cells under a commune", () => {
    const v = (n: number) => ({ "members.total": n, "party.cells": 1 });
    const old = rollupTree(catalog, unitsValidIn(REG, "2024"), "P", new Map([["P-D1-01", v(10)], ["P-D1-02", v(20)], ["P-D2-01", v(5)]]));
    expect(old.get("P")!.values["members.total"]).toBe(35);
    expect(old.get("P")!.values["org.districts"]).toBe(2);
    expect(old.get("P")!.districtsReported).toBe(2);
    const now = rollupTree(catalog, unitsValidIn(REG, "2026"), "P", new Map([["P-X01", v(31)], ["P-DK-C1", v(3)], ["P-DK-C2", v(4)]]));
    expect(now.get("P-DK")!.values["members.total"]).toBe(7);
    expect(now.get("P-DK")!.values["party.cells"]).toBe(2);
    expect(now.get("P")!.values["members.total"]).toBe(38);
    expect(now.get("P")!.districtsExpected).toBe(0);
    expect(now.get("P")!.communesExpected).toBe(2);
    expect(now.get("P")!.communesReported).toBe(2);
    expect(now.get("P")!.values["org.districts"]).toBeUndefined();
  });

  it("a workbook's rows are matched against the period's units; a unit of another time is an error saying when it existed", () => {
    const grid = { name: "Báo cáo", values: [["STT", "Đơn vị", "Tổng số đảng viên"], [1, "Xã mẫu A", 10], [2, "Xã mẫu B", 20]] };
    const then = readSheet(grid, { catalog, registry: REG, period: "2024" });
    expect(then.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(then.scope).toBe("P-D1");
    const now = readSheet(grid, { catalog, registry: REG, period: "2026" });
    const errs = now.issues.filter((i) => i.rule === "unit_not_in_period");
    expect(errs).toHaveLength(2);
    expect(errs[0]!.message).toContain("đến 30/06/2025");
    expect(errs[0]!.message).toContain("2026");
  });
});

describe("registry check", () => {
  it("accepts a consistent registry", () => {
    expect(checkRegistry(REG).problems).toEqual([]);
  });

  it("reports every bad row with its row number and nothing else", () => {
    const bad: unknown[] = [
      ...REG,
      u("P-D1", "Dup", "district", "huyen", "P"),
      u("P-X02", "Xã mẫu 02", "commune", "xa", "P-NONE"),
      u("P-X03", "Xã mẫu 03", "commune", "xa", "P-D1", { validFrom: "2024-01-01" }),
      u("P-X04", "Xã mẫu 04", "commune", "xa", "P", { validFrom: "2025-08-01", predecessors: ["P-D1-01"] }),
      u("Q-A", "A", "commune", "xa", "Q-B"), u("Q-B", "B", "commune", "xa", "Q-A"),
      { code: "bad code", name: "" },
      u("P-X05", "Xã mẫu 05", "province", "xa", "P-X01"),
      "not an object",
    ];
    const { problems } = checkRegistry(bad);
    const rows = [...new Set(problems.map((p) => p.row))];
    expect(rows).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(problems.find((p) => p.row === 11)!.message.vi).toContain("trùng");
    expect(problems.find((p) => p.row === 13)!.message.en).toContain("whole life");
    expect(problems.find((p) => p.row === 14)!.message.en).toContain("2025-07-31");
    expect(problems.some((p) => p.row === 15 && p.message.en.includes("cycle"))).toBe(true);
    expect(problems.find((p) => p.row === 18)!.message.en).toContain("not above");
  });

  it("copes with a large hostile registry without blowing up", () => {
    const chain = Array.from({ length: 5000 }, (_, i) => u(`C${i}`, `x${i}`, "commune", "xa", `C${(i + 1) % 5000}`));
    const { problems } = checkRegistry(chain);
    expect(problems.filter((p) => p.message.en.includes("cycle"))).toHaveLength(5000);
  });
});
