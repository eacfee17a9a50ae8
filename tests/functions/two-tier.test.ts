import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCatalog, unitsValidIn } from "../../shared/index.ts";
import { communeValues, provincesOf } from "../../scripts/demo.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { idem, startStack, type Stack } from "./stack.ts";

let s: Stack;
beforeAll(async () => { s = await startStack(); }, 60_000);
afterAll(async () => { await s?.close(); });

const catalog = getCatalog();
const body = (o: Record<string, unknown>, units: { unit: string; values: Record<string, number | string> }[]) => ({
  catalogVersion: catalog.version, baseVersion: null, mode: "merge", units,
  source: { workbook: "t.xlsx", sheet: "Sheet1", fingerprint: "fp" }, ...o,
});
const cells = REGISTRY.filter((u) => u.parent === "LDG-M01");
const cellValues = (seed: number) => ({ "members.total": 20 + seed, "party.cells": 1, "members.grade.httnv": 10 });

describe("a commune clerk in the two-tier structure", () => {
  it("submits the commune's party cells as its reporting unit, and the province sees communes straight under it", async () => {
    const r = await s.call("POST", "/api/submissions", {
      user: "clerk-LDG-M01", headers: idem(),
      body: body({ province: "LDG", unit: "LDG-M01", period: "2026" }, cells.map((c, i) => ({ unit: c.code, values: cellValues(i) }))),
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const roll = await s.call("GET", "/api/rollups/LDG/2026", { user: "province-LDG" });
    expect(roll.status).toBe(200);
    expect(roll.json.districts.map((d: { unit: string }) => d.unit)).toEqual(["LDG-M01", "LDG-M02", "LDG-M03", "LDG-M04", "LDG-M05"]);
    expect(roll.json.districts.every((d: { level: string }) => d.level === "commune")).toBe(true);
    expect(roll.json.completeness).toMatchObject({ unitsExpected: 5, unitsReported: 1, districtsExpected: 0, communesExpected: 5, communesReported: 1 });
    expect(roll.json.totals["members.total"]).toBe(20 + 21 + 22);
    expect(roll.json.totals["party.cells"]).toBe(3);
  });

  it("cannot submit for a period before its commune existed, and is told when it did", async () => {
    const r = await s.call("POST", "/api/submissions", {
      user: "clerk-LDG-M01", headers: idem(),
      body: body({ province: "LDG", unit: "LDG-M01", period: "2024" }, [{ unit: "LDG-M01", values: { "members.total": 5 } }]),
    });
    expect(r.status).toBe(422);
    expect(r.json.issues[0].message).toContain("01/07/2025");
  });

  it("cannot submit for another commune, nor for a cell's code as if it were a reporting unit", async () => {
    const other = await s.call("POST", "/api/submissions", { user: "clerk-LDG-M01", headers: idem(), body: body({ province: "LDG", unit: "LDG-M02", period: "2026" }, [{ unit: "LDG-M02", values: { "members.total": 5 } }]) });
    expect(other.status).toBe(403);
    const cell = await s.call("POST", "/api/submissions", { user: "clerk-LDG-M01", headers: idem(), body: body({ province: "LDG", unit: "LDG-M01-M01", period: "2026" }, [{ unit: "LDG-M01-M01", values: { "members.total": 5 } }]) });
    expect(cell.status).toBe(403);
  });

  it("a one-unit form (the commune's own figures) is a submission too", async () => {
    const r = await s.call("POST", "/api/submissions", {
      user: "clerk-LDG-M05", headers: idem(),
      body: body({ province: "LDG", unit: "LDG-M05", period: "2026" }, [{ unit: "LDG-M05", values: communeValues(7) }]),
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.rollup.completeness.unitsReported).toBe(2);
  });
});

describe("an old district's clerk, with an older client", () => {
  it("submits with `district` for a period of the three-tier structure; history reads by unit", async () => {
    const communes = REGISTRY.filter((u) => u.parent === "BTH-HTN");
    const r = await s.call("POST", "/api/submissions", {
      user: "clerk-BTH-HTN", headers: idem(),
      body: body({ province: "BTH", district: "BTH-HTN", period: "2024" }, communes.map((c, i) => ({ unit: c.code, values: communeValues(i) }))),
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.rollup.districts.find((d: { unit: string }) => d.unit === "BTH-HTN")).toMatchObject({ district: "BTH-HTN", level: "district", submitted: true });
    const h = await s.call("GET", "/api/submissions/BTH/2024/BTH-HTN", { user: "clerk-BTH-HTN" });
    expect(h.status).toBe(200);
    expect(h.json).toMatchObject({ unit: "BTH-HTN", district: "BTH-HTN", currentVersion: 1 });
  });

  it("a province that no longer existed in a period has no rollup for it, and says when it existed", async () => {
    const r = await s.call("GET", "/api/rollups/BTH/2026", { user: "province-BTH" });
    expect(r.status).toBe(404);
    expect(r.json.message.vi).toContain("30/06/2025");
  });
});

describe("the data-quality scorecard of a province formed in the reorganisation", () => {
  it("reads its units' history before July 2025 from their predecessors, instead of refusing the period", async () => {
    const old = unitsValidIn(REGISTRY, "2025-Q2").filter((u) => u.parent === "BTH-HTN");
    for (const [k, period] of ["2025-Q1", "2025-Q2"].entries()) {
      const r = await s.call("POST", "/api/submissions", { user: "clerk-BTH-HTN", headers: idem(), body: body({ province: "BTH", unit: "BTH-HTN", period, mode: "replace" }, old.map((c, i) => ({ unit: c.code, values: communeValues(40 * k + i) }))) });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }
    for (const [k, period] of ["2025-Q3", "2025-Q4"].entries()) {
      const r = await s.call("POST", "/api/submissions", { user: "clerk-LDG-M02", headers: idem(), body: body({ province: "LDG", unit: "LDG-M02", period, mode: "replace" }, [{ unit: "LDG-M02", values: communeValues(90 + k) }]) });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }
    const sc = await s.call("GET", "/api/scorecards/LDG/2025-Q4", { user: "province-LDG" });
    expect(sc.status, JSON.stringify(sc.json)).toBe(200);
    const m02 = sc.json.units.find((u: { unit: string }) => u.unit === "LDG-M02");
    // Three earlier quarters: 2025-Q3 its own, 2025-Q2 and 2025-Q1 its predecessors' (Hàm Tân's communes).
    expect(m02.overTime.length).toBeGreaterThan(0);
    expect(m02.outliers.checked).toBeGreaterThan(0);
  });
});

describe("GET /api/me", () => {
  it("names the person and their assignment with the unit's name, level and province", async () => {
    const commune = await s.call("GET", "/api/me", { user: "clerk-LDG-M01" });
    expect(commune.status).toBe(200);
    expect(commune.json).toEqual({
      user: "clerk-LDG-M01", displayName: "clerk-LDG-M01",
      assignments: [{ role: "clerk", unit: "LDG-M01", unitName: "Xã mẫu 01", level: "commune", province: "LDG", provinceName: "Lâm Đồng" }],
    });
    const district = await s.call("GET", "/api/me", { user: "clerk-BTH-HTN" });
    expect(district.json.assignments[0]).toMatchObject({ unit: "BTH-HTN", unitName: "Hàm Tân", level: "district", province: "BTH" });
    const staff = await s.call("GET", "/api/me", { user: "province-LDG" });
    expect(staff.json.assignments[0]).toMatchObject({ role: "province", unit: "LDG", level: "province", province: "LDG" });
    const job = await s.call("GET", "/api/me", { user: "job-consolidation" });
    expect(job.json.assignments[0]).toMatchObject({ role: "job", unit: null, province: null });
  });

  it("refuses without a token, with a bad one, and for a person without an assignment", async () => {
    expect((await s.call("GET", "/api/me")).status).toBe(401);
    expect((await s.call("GET", "/api/me", { token: "a.b.c" })).status).toBe(401);
    expect((await s.call("GET", "/api/me", { user: "nobody-at-all" })).status).toBe(403);
    expect((await s.call("POST", "/api/me", { user: "clerk-LDG-M01", body: {} })).status).toBe(405);
  });
});

describe("timeliness per reporting unit, from the province's calendar", () => {
  it("judges the receipt time against the unit's level's deadline; a province's own calendar moves it", async () => {
    const r = await s.call("POST", "/api/submissions", {
      user: "clerk-LDG-M02", headers: idem(),
      body: body({ province: "LDG", unit: "LDG-M02", period: "2026-06" }, [{ unit: "LDG-M02", values: communeValues(3) }]),
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const mine = r.json.rollup.districts.find((d: { unit: string }) => d.unit === "LDG-M02");
    // Cut-off 14 June, communes due two days later, by midnight in Vietnam; received months after.
    expect(mine.dueAt).toBe("2026-06-16T17:00:00.000Z");
    expect(mine.status).toBe("late");
    expect(mine.daysLate).toBe(Math.ceil((Date.parse(mine.firstSubmittedAt) - Date.parse(mine.dueAt)) / 86_400_000));
    const other = r.json.rollup.districts.find((d: { unit: string }) => d.unit === "LDG-M03");
    expect(other).toMatchObject({ status: "overdue", submitted: false });
    expect(other.daysLate).toBeGreaterThan(100);
    expect(Date.parse(r.json.rollup.dueAt)).toBeGreaterThan(Date.parse(mine.dueAt));

    const { writeCalendar } = await import("../../functions/store/reference.ts");
    await writeCalendar(s.table, "LDG", { rules: { month: { deadlineDays: { commune: 10 } } } });
    const roll = await s.call("GET", "/api/rollups/LDG/2026-06", { user: "province-LDG" });
    expect(roll.json.districts.find((d: { unit: string }) => d.unit === "LDG-M02").dueAt).toBe("2026-06-24T17:00:00.000Z");
    const periods = await s.call("GET", "/api/periods/LDG", { user: "province-LDG" });
    expect(periods.json.periods.find((p: { period: string }) => p.period === "2026-06").dueAt).toBe("2026-06-20T17:00:00.000Z");
  });
});

describe("unusual change across the reorganisation", () => {
  const htn = (members: Record<string, number>) => REGISTRY.filter((u) => u.parent === "BTH-HTN").map((c) => ({ unit: c.code, values: { "members.total": members[c.code] ?? 100, "party.cells": 3 } }));
  it("compares a 2026 commune with the sum of its predecessors' earlier figures, and says when that is approximate", async () => {
    // Hàm Tân's three half-years before the reorganisation: Tân Minh + Tân Nghĩa ≈ 350, Sông Phan + Sơn Mỹ + Tân Thắng ≈ 300.
    for (const [period, a] of [["2024-H1", 170], ["2024-H2", 175], ["2025-H1", 180]] as const) {
      const r = await s.call("POST", "/api/submissions", { user: "clerk-BTH-HTN", headers: idem(), body: body({ province: "BTH", unit: "BTH-HTN", period }, htn({ "BTH-HTN-01": a, "BTH-HTN-02": a })) });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }
    // Cells adding up to ten times the predecessors: the commune's total is flagged, reconstructed.
    const far = await s.call("POST", "/api/submissions", {
      user: "clerk-LDG-M01", headers: idem(),
      body: body({ province: "LDG", unit: "LDG-M01", period: "2026-H1" }, cells.map((c) => ({ unit: c.code, values: { "members.total": 1200, "party.cells": 1 } }))),
    });
    expect(far.status, JSON.stringify(far.json)).toBe(200);
    const w = far.json.warnings.filter((i: { rule: string }) => i.rule === "outlier_reconstructed");
    expect(w.map((i: { indicators: string[] }) => i.indicators[0])).toEqual(["members.total"]);
    expect(w[0].message).toContain("tiền thân");
    expect(w[0].message).not.toContain("gần đúng");
    // In line with its predecessors: no warning.
    const near = await s.call("POST", "/api/submissions", {
      user: "clerk-LDG-M04", headers: idem(),
      body: body({ province: "LDG", unit: "LDG-M04", period: "2026-H1" }, [{ unit: "LDG-M04", values: { "members.total": 305, "party.cells": 9 } }]),
    });
    expect(near.status).toBe(200);
    expect(near.json.warnings.filter((i: { rule: string }) => i.rule.startsWith("outlier"))).toEqual([]);
    // A one-unit form of a commune formed partly from a split one: approximate, and it says so.
    const split = await s.call("POST", "/api/submissions", {
      user: "clerk-LDG-M02", headers: idem(),
      body: body({ province: "LDG", unit: "LDG-M02", period: "2026-H1" }, [{ unit: "LDG-M02", values: { "members.total": 4000, "party.cells": 9 } }]),
    });
    expect(split.status).toBe(200);
    const sw = split.json.warnings.filter((i: { rule: string }) => i.rule === "outlier_reconstructed");
    expect(sw).toHaveLength(1);
    expect(sw[0].message).toContain("gần đúng");
  });
});

describe("a period's figures in another period's units", () => {
  it("gives 2024 in 2026's communes: predecessors summed, rates recomputed, splits flagged, no double count in the total", async () => {
    const r = await s.call("GET", "/api/rollups/LDG/2024/in/2026", { user: "province-LDG" });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const then = await s.call("GET", "/api/rollups/BTH/2024", { user: "province-BTH" });
    const byUnit = new Map(r.json.units.map((u: { unit: string }) => [u.unit, u]));
    const m01 = byUnit.get("LDG-M01") as { values: Record<string, number>; from: string[]; reconstructed: boolean; approximate: string[] };
    expect(m01.reconstructed).toBe(true);
    expect(m01.from.sort()).toEqual(["BTH-HTN-01", "BTH-HTN-02"]);
    expect(m01.approximate).toEqual([]);
    const m02 = byUnit.get("LDG-M02") as { split: string[]; approximate: string[] };
    expect(m02.split).toEqual(["BTH-HTN-08"]);
    expect(m02.approximate).toContain("members.total");
    expect((byUnit.get("LDG-M05") as { missing: string[] }).missing).toEqual(["LDG-M05"]);
    // The province's 2024 is Bình Thuận's, not the sum of its communes (which counts Tân Thắng twice).
    expect(r.json.totals.from).toEqual(["BTH"]);
    expect(r.json.totals.values["members.total"]).toBe(then.json.totals["members.total"]);
    const sum = r.json.units.reduce((a: number, u: { values: Record<string, number> }) => a + (u.values["members.total"] ?? 0), 0);
    expect(sum).toBeGreaterThan(r.json.totals.values["members.total"]);
    const rate = r.json.totals.values["members.htxsnv_rate"];
    expect(rate).toBeCloseTo(100 * r.json.totals.values["members.grade.htxsnv"] / r.json.totals.values["members.total"], 9);
  });

  it("is refused for the province's clerks of another province, unknown provinces and bad periods", async () => {
    expect((await s.call("GET", "/api/rollups/LDG/2024/in/2026", { user: "clerk-LCU-NNH" })).status).toBe(403);
    expect((await s.call("GET", "/api/rollups/LDG/2024/in/2020", { user: "province-LDG" })).status).toBe(404);
    expect((await s.call("GET", "/api/rollups/LDG/2024/in/20x6", { user: "province-LDG" })).status).toBe(400);
    expect((await s.call("GET", "/api/rollups/LDG/2024/in/2026")).status).toBe(401);
  });
});

describe("registry administration by the province's own staff", () => {
  const ldg = () => provincesOf(REGISTRY).find((p) => p.province.code === "LDG")!.units;
  it("replaces the registry all at once, records who, when and what, and the new unit can report", async () => {
    const units = [...ldg(), { code: "LDG-M06", name: "Phường mẫu 06", level: "commune", type: "phuong", parent: "LDG", sample: true, aliases: [], validFrom: "2026-01-01" }];
    const r = await s.call("POST", "/api/orgunits/LDG/import", { user: "province-LDG", body: { units } });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.audit).toMatchObject({ user: "province-LDG", added: ["LDG-M06"], removed: [], changed: [], units: units.length });
    const audit = await s.call("GET", "/api/orgunits/LDG/audit", { user: "province-LDG" });
    expect(audit.json.entries[0].id).toBe(r.json.audit.id);
    const reg = await s.call("GET", "/api/orgunits/LDG", { user: "province-LDG" });
    expect(reg.json.units.map((u: { code: string }) => u.code)).toContain("LDG-M06");
    const roll = await s.call("GET", "/api/rollups/LDG/2026", { user: "province-LDG" });
    expect(roll.json.completeness.unitsExpected).toBe(6);
  });

  it("refuses bad rows with one problem each, and stores nothing", async () => {
    const before = await s.call("GET", "/api/orgunits/LDG/audit", { user: "province-LDG" });
    const units = [...ldg(),
      { code: "LDG-M01", name: "Trùng", level: "commune", type: "xa", parent: "LDG" },
      { code: "LDG-M07", name: "Xã mẫu 07", level: "commune", type: "xa", parent: "LDG", validFrom: "2026-02-01", predecessors: ["LDG-M05"] },
      { code: "LDG-M08", name: "Xã mẫu 08", level: "commune", type: "xa", parent: "LDG-NONE" },
      "not a unit",
    ];
    const r = await s.call("POST", "/api/orgunits/LDG/import", { user: "province-LDG", body: { units } });
    expect(r.status).toBe(422);
    expect(r.json.error).toBe("invalid_registry");
    const n = ldg().length;
    expect([...new Set(r.json.problems.map((p: { row: number }) => p.row))]).toEqual([n + 1, n + 2, n + 3, n + 4]);
    const after = await s.call("GET", "/api/orgunits/LDG/audit", { user: "province-LDG" });
    expect(after.json.entries.length).toBe(before.json.entries.length);
  });

  it("is for the province's own staff only, and only for its own units", async () => {
    const units = ldg();
    expect((await s.call("POST", "/api/orgunits/LDG/import", { user: "clerk-LDG-M01", body: { units } })).status).toBe(403);
    expect((await s.call("POST", "/api/orgunits/LDG/import", { user: "province-LCU", body: { units } })).status).toBe(403);
    expect((await s.call("POST", "/api/orgunits/LDG/import", { body: { units } })).status).toBe(401);
    expect((await s.call("GET", "/api/orgunits/LDG/audit", { user: "clerk-LDG-M01" })).status).toBe(403);
    // Another province's units that are no predecessors of Lâm Đồng's.
    const foreign = [...units, ...REGISTRY.filter((u) => u.code === "LCU" || u.code === "LCU-NNH")];
    const r = await s.call("POST", "/api/orgunits/LDG/import", { user: "province-LDG", body: { units: foreign } });
    expect(r.status).toBe(422);
    expect(r.json.problems.map((p: { code: string }) => p.code)).toEqual(["LCU", "LCU-NNH"]);
    const noRoot = await s.call("POST", "/api/orgunits/LDG/import", { user: "province-LDG", body: { units: units.filter((u) => u.code !== "LDG").map((u) => (u.parent === "LDG" ? { ...u, parent: "BTH" } : u)) } });
    expect(noRoot.status).toBe(422);
  });

  it("refuses malformed and oversized bodies with a 4xx, never a 500", async () => {
    const cases: [unknown, number][] = [[{}, 400], [{ units: [] }, 400], [{ units: "x" }, 400], [{ units: [], extra: 1 }, 400], [[1, 2], 400]];
    for (const [b, status] of cases) expect((await s.call("POST", "/api/orgunits/LDG/import", { user: "province-LDG", body: b })).status, JSON.stringify(b)).toBe(status);
    expect((await s.call("POST", "/api/orgunits/LDG/import", { user: "province-LDG", raw: "{not json", headers: { "content-type": "application/json" } })).status).toBe(400);
    const many = { units: Array.from({ length: 20_001 }, (_, i) => ({ code: `X${i}` })) };
    expect((await s.call("POST", "/api/orgunits/LDG/import", { user: "province-LDG", body: many })).status).toBe(400);
    const huge = { units: [{ code: "LDG", name: "x".repeat(9 * 1024 * 1024) }] };
    expect((await s.call("POST", "/api/orgunits/LDG/import", { user: "province-LDG", body: huge })).status).toBe(413);
  });
});
