import { describe, expect, it } from "vitest";
import { getCatalog, rollupTree } from "../../shared/index.ts";
import { contestedCells, mergeSubmission, sameCellValue, valueAt } from "../../shared/contract/index.ts";
import { buildRollup, unitNode } from "../../functions/lib/rollup.ts";
import { nextOccurrence, parseNcrontab } from "../../functions/host/ncrontab.ts";
import { compileRoute } from "../../functions/host/routes.ts";
import { reverseTicks, keyPart, prefixEnd } from "../../functions/store/keys.ts";
import { communeValues, syntheticProvince } from "../../scripts/demo.ts";

describe("rollup from cached unit nodes", () => {
  it("equals the shared rollupTree over the whole province", () => {
    const catalog = getCatalog();
    const reg = syntheticProvince("EQV", 7, 5);
    const stored = reg.filter((u) => u.level === "district").slice(0, 5).map((d, i) => ({
      unit: d.code, version: 1, lastSubmissionId: `s${i}`, firstSubmittedAt: "2015-01-01T00:00:00Z", lastSubmittedAt: "2015-01-01T00:00:00Z",
      values: Object.fromEntries(reg.filter((c) => c.parent === d.code).slice(0, 5 - (i % 3)).map((c, k) => [c.code, communeValues(i * 10 + k)])),
    }));
    const roll = buildRollup({ catalog, province: "EQV", period: "2015", registry: reg, targets: [], locked: false, now: new Date("2015-06-01"),
      stored: stored.map((s) => ({ ...s, node: unitNode(catalog, reg, "2015", s) })) });
    const tree = rollupTree(catalog, reg, "EQV", new Map(stored.flatMap((d) => Object.entries(d.values))));
    expect(roll.totals).toEqual(tree.get("EQV")!.values);
    expect(roll.completeness).toEqual({ unitsExpected: 7, unitsReported: 5, districtsExpected: 7, districtsReported: 5, communesExpected: 35, communesReported: tree.get("EQV")!.communesReported });
    for (const d of roll.districts) expect(d.values).toEqual(tree.get(d.unit)!.values);
    expect(roll.districts.map((d) => d.status)).toEqual(["on_time", "on_time", "on_time", "on_time", "on_time", "missing", "missing"]);
  });
  it("takes a district's own totals when none of its communes reported, as rollupTree does", () => {
    const catalog = getCatalog();
    const reg = syntheticProvince("OWN", 2, 2);
    const own = { unit: "OWN-D01", version: 1, lastSubmissionId: "a", firstSubmittedAt: "2015-01-01T00:00:00Z", lastSubmittedAt: "2015-01-01T00:00:00Z", values: { "OWN-D01": { "members.total": 40 } } };
    const kid = { unit: "OWN-D02", version: 1, lastSubmissionId: "b", firstSubmittedAt: "2015-01-01T00:00:00Z", lastSubmittedAt: "2015-01-01T00:00:00Z", values: { "OWN-D02-M01": { "members.total": 2 } } };
    const roll = buildRollup({ catalog, province: "OWN", period: "2015", registry: reg, targets: [], locked: false, now: new Date("2015-06-01"),
      stored: [own, kid].map((s) => ({ ...s, node: unitNode(catalog, reg, "2015", s) })) });
    const tree = rollupTree(catalog, reg, "OWN", new Map([["OWN-D01", { "members.total": 40 }], ["OWN-D02-M01", { "members.total": 2 }]]));
    expect(roll.totals).toEqual(tree.get("OWN")!.values);
    expect(roll.totals["members.total"]).toBe(42);
  });
});

describe("three-way merge", () => {
  const cur = { A: { x: 1, y: 2 } };
  const stamps = { A: { x: 1, y: 2 } };
  it("applies untouched cells, keeps theirs when mine is the base, conflicts otherwise", () => {
    const input = { mode: "merge" as const, baseVersion: 1, units: [{ unit: "A", values: { x: 5, y: 9, z: 3 } }] };
    expect(contestedCells(cur, stamps, input)).toEqual([{ unit: "A", indicator: "y" }]);
    const m = mergeSubmission(cur, stamps, input, 3, () => 9);
    expect(m.conflicts).toEqual([]);
    expect(m.values).toEqual({ A: { x: 5, y: 2, z: 3 } });
    expect(m.summary).toEqual({ created: 1, updated: 1, unchanged: 1, deleted: 0 });
    const c = mergeSubmission(cur, stamps, input, 3, () => 7);
    expect(c.conflicts).toEqual([{ unit: "A", indicator: "y", base: 7, mine: 9, theirs: 2 }]);
  });
  it("replace clears cells not sent; null deletes", () => {
    const m = mergeSubmission(cur, stamps, { mode: "replace", baseVersion: 2, units: [{ unit: "A", values: { x: null } }] }, 3, () => null);
    expect(m.values).toEqual({});
    expect(m.summary.deleted).toBe(2);
  });
  it("compares values, not writes: a cell set back to its base value is not contested", () => {
    // v1 x=20, v2 x=21, v3 x=20: a clerk based on v1 changing x is not in conflict with anyone.
    const input = { mode: "merge" as const, baseVersion: 1, units: [{ unit: "A", values: { x: 25 } }] };
    const m = mergeSubmission({ A: { x: 20 } }, { A: { x: 3 } }, input, 4, () => 20);
    expect(m.conflicts).toEqual([]);
    expect(m.values).toEqual({ A: { x: 25 } });
    expect(m.summary.updated).toBe(1);
  });
  it("with a catalog's comparison, a change of form only is neither a conflict nor an update", () => {
    const same = sameCellValue(getCatalog());
    const cur = { A: { "members.total": 1716 } };
    const st = { A: { "members.total": 3 } };
    const input = { mode: "merge" as const, baseVersion: 1, units: [{ unit: "A", values: { "members.total": "1.716" } }], same };
    expect(contestedCells(cur, st, input)).toEqual([]);
    const m = mergeSubmission(cur, st, input, 4, () => 1700);
    expect(m.conflicts).toEqual([]);
    expect(m.summary).toEqual({ created: 0, updated: 0, unchanged: 1, deleted: 0 });
    // The base written "1.700" and the stored 1700 are one value: the clerk's 1750 applies.
    const n = mergeSubmission({ A: { "members.total": 1700 } }, st, { ...input, units: [{ unit: "A", values: { "members.total": 1750 } }] }, 4, () => "1.700");
    expect(n.conflicts).toEqual([]);
    expect(n.values.A!["members.total"]).toBe(1750);
    // Mine equal in value to the base: the newer stored value stays.
    const k = mergeSubmission({ A: { "members.total": 1800 } }, st, { ...input, units: [{ unit: "A", values: { "members.total": "1.700" } }] }, 4, () => 1700);
    expect(k.conflicts).toEqual([]);
    expect(k.values.A!["members.total"]).toBe(1800);
  });
  it("finds the value at a version from history", () => {
    const h = [{ version: 3, changes: [{ unit: "A", indicator: "x", old: 2, new: 3 }] }, { version: 2, changes: [{ unit: "A", indicator: "x", old: 1, new: 2 }] }];
    expect(valueAt(3, h, "A", "x", 1)).toBe(1);
    expect(valueAt(3, h, "A", "x", 2)).toBe(2);
    expect(valueAt(3, h, "A", "x", 3)).toBe(3);
  });
});

describe("host pieces", () => {
  it("evaluates NCRONTAB in UTC", () => {
    const s = parseNcrontab("0 0 2 * * *");
    expect(nextOccurrence(s, new Date("2024-03-01T01:59:59Z")).toISOString()).toBe("2024-03-01T02:00:00.000Z");
    expect(nextOccurrence(s, new Date("2024-03-01T02:00:00Z")).toISOString()).toBe("2024-03-02T02:00:00.000Z");
    expect(nextOccurrence(parseNcrontab("*/15 * * * * MON-FRI"), new Date("2024-03-02T10:00:00Z")).toISOString()).toBe("2024-03-04T00:00:00.000Z");
    expect(nextOccurrence(parseNcrontab("30 5 8 1 JAN *"), new Date("2024-03-02T10:00:00Z")).toISOString()).toBe("2025-01-01T08:05:30.000Z");
    expect(() => parseNcrontab("0 2 * * *")).toThrow(/6 fields/);
  });
  it("matches route templates with literals before parameters", () => {
    const r = compileRoute("api/submissions/{province}/{period}/{unit}");
    expect(r.match(["api", "submissions", "A", "2015", "B"])).toEqual({ province: "A", period: "2015", unit: "B" });
    expect(r.match(["api", "submissions", "A", "2015"])).toBeNull();
    expect(compileRoute("api/periods/{p}/{q}/lock").rank).toBeGreaterThan(compileRoute("api/periods/{p}/{q}/{r}").rank);
    expect(compileRoute("api/x/{id:int?}").match(["api", "x"])).toEqual({});
  });
  it("builds keys that sort newest first and refuses unsafe parts", () => {
    expect(reverseTicks(new Date(2)) < reverseTicks(new Date(1))).toBe(true);
    expect(reverseTicks(new Date())).toHaveLength(19);
    for (const bad of ["a/b", "a\\b", "a#b", "a?b", "a\u0000b", "a\u007fb", ""]) expect(() => keyPart(bad)).toThrow();
    expect(prefixEnd("D|")).toBe("D}");
  });
});
