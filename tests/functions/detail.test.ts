import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DETAIL_MAX_CHANGES, DetailResponse } from "../../shared/contract/index.ts";
import { getCatalog } from "../../shared/index.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { communeValues } from "../../scripts/demo.ts";
import { idem, startStack, submission, type Stack } from "./stack.ts";

let s: Stack;
const catalog = getCatalog();
const post = (user: string, body: unknown) => s.call("POST", "/api/submissions", { user, body, headers: idem() });
const detail = (path: string, user?: string) => s.call("GET", `/api/details/${path}`, user ? { user } : {});

beforeAll(async () => {
  s = await startStack();
  // Two versions of TST-D04 for 2015: the second replaces one commune's figures.
  const first = submission("TST-D04");
  expect((await post("clerk-TST-D04", first)).status).toBe(200);
  const second = { ...first, baseVersion: 1, units: [{ unit: first.units[1]!.unit, values: communeValues(4242) }] };
  expect((await post("clerk-TST-D04", second)).status).toBe(200);
  // A two-tier commune over its party cells.
  const cells = REGISTRY.filter((u) => u.parent === "LDG-M01");
  const r = await post("clerk-LDG-M01", {
    province: "LDG", unit: "LDG-M01", period: "2026", catalogVersion: catalog.version, baseVersion: null, mode: "merge",
    units: cells.map((c, i) => ({ unit: c.code, values: { "members.total": 20 + i, "party.cells": 1, "members.grade.httnv": 10 } })),
    source: { workbook: "=HYPERLINK(\"x\").xlsx", sheet: "Sheet1", fingerprint: "fp" },
  });
  expect(r.status).toBe(200);
}, 90_000);
afterAll(async () => { await s?.close(); });

describe("drill-down into a reporting unit", () => {
  it("gives a district's communes with their values, its total and every version with what changed", async () => {
    const r = await detail("TST/2015/TST-D04", "province-TST");
    expect(r.status).toBe(200);
    const d = DetailResponse.parse(r.json);
    expect(d).toMatchObject({ unit: "TST-D04", reportingUnit: "TST-D04", level: "district", version: 2, provinceName: "Tỉnh mẫu TST", historyTruncated: false });
    expect(d.rows.map((x) => x.unit)).toEqual(["TST-D04-M01", "TST-D04-M02", "TST-D04-M03"]);
    expect(d.rows.every((x) => x.depth === 1 && x.reported)).toBe(true);
    expect(d.rows[1]!.values["members.total"]).toBe(communeValues(4242)["members.total"]);
    // The total adds the communes up, as the province rollup does.
    const roll = await s.call("GET", "/api/rollups/TST/2015", { user: "province-TST" });
    const inRollup = roll.json.districts.find((x: { unit: string }) => x.unit === "TST-D04").values;
    expect(d.total.values).toEqual(inRollup);
    expect(d.total.values["members.total"]).toBe(d.rows.reduce((n, x) => n + x.values["members.total"]!, 0));
    expect(d.history.map((h) => h.version)).toEqual([2, 1]);
    expect(d.history[0]!.user).toBe("clerk-TST-D04");
    expect(d.history[0]!.changes.length).toBeGreaterThan(0);
    expect(d.history[0]!.changes.every((c) => c.unit === "TST-D04-M02" && c.old !== c.new)).toBe(true);
    expect(d.history[0]!.changes).toContainEqual({ unit: "TST-D04-M02", indicator: "members.total", old: expect.any(Number), new: communeValues(4242)["members.total"] });
    expect(d.history[1]!.changes.length).toBeGreaterThan(10);
    expect(d.history[1]!.changes.every((c) => c.old === null)).toBe(true);
  });

  it("drills into one commune of a district: its values, and only the changes to it", async () => {
    const r = await detail("TST/2015/TST-D04-M01", "clerk-TST-D04");
    expect(r.status).toBe(200);
    const d = DetailResponse.parse(r.json);
    expect(d).toMatchObject({ unit: "TST-D04-M01", reportingUnit: "TST-D04", level: "commune", rows: [] });
    expect(d.total.reported).toBe(true);
    expect(d.history.map((h) => h.version)).toEqual([2, 1]);
    expect(d.history[0]!.changes).toEqual([]);
    expect(d.history[1]!.changes.every((c) => c.unit === "TST-D04-M01")).toBe(true);
  });

  it("gives a two-tier commune's party cells, and a unit that has not reported with its units listed blank", async () => {
    const d = DetailResponse.parse((await detail("LDG/2026/LDG-M01", "clerk-LDG-M01")).json);
    expect(d.rows.map((x) => x.level)).toEqual(["cell", "cell", "cell"]);
    expect(d.total.values["members.total"]).toBe(20 + 21 + 22);
    expect(d.history[0]!.source.workbook).toBe("=HYPERLINK(\"x\").xlsx");
    const none = DetailResponse.parse((await detail("TST/2015/TST-D05", "province-TST")).json);
    expect(none).toMatchObject({ version: 0, history: [], total: { reported: false, values: {} }, lastSubmittedAt: null });
    expect(none.rows.map((x) => x.reported)).toEqual([false, false, false]);
  });

  it("shows the approval steps on the version they were taken on, and limits the versions", async () => {
    const done = await s.call("POST", "/api/approvals/TST/2015/complete", { user: "clerk-TST-D04", body: { unit: "TST-D04", version: 2 } });
    expect(done.status).toBe(200);
    const d = DetailResponse.parse((await detail("TST/2015/TST-D04?limit=1", "province-TST")).json);
    expect(d.history).toHaveLength(1);
    expect(d.historyTruncated).toBe(true);
    expect(d.history[0]!.steps).toEqual([expect.objectContaining({ step: "complete", by: "clerk-TST-D04" })]);
  });
});

describe("a history too long for one answer", () => {
  it("lists at most DETAIL_MAX_CHANGES changed values, newest first, and says it left some out", async () => {
    const { historyEntity } = await import("../../functions/store/history.ts");
    const communes = ["TST-D09-M01", "TST-D09-M02", "TST-D09-M03"];
    const big = (version: number) => historyEntity("TST", "2017", "TST-D09", {
      submissionId: `big${version}`, version, user: "clerk-TST-D09", at: new Date(Date.UTC(2018, 0, version)).toISOString(), mode: "replace",
      summary: { created: 0, updated: 20_000, unchanged: 0, deleted: 0 }, source: { workbook: "lon.xlsx", sheet: "Sheet1", fingerprint: "fp" },
      changes: Array.from({ length: 20_000 }, (_, k) => ({ unit: communes[k % 3]!, indicator: `x.i${k}`, old: k, new: k + version })),
    });
    for (const v of [1, 2, 3]) await s.table.createEntity(big(v));
    const r = await detail("TST/2017/TST-D09", "province-TST");
    expect(r.status).toBe(200);
    const d = DetailResponse.parse(r.json);
    expect(d.historyTruncated).toBe(true);
    expect(d.history.map((v) => [v.version, v.changes.length])).toEqual([[3, 20_000], [2, 20_000], [1, DETAIL_MAX_CHANGES - 40_000]]);
  }, 60_000);
});

describe("who may drill down", () => {
  it("the unit's clerk and the province's staff only", async () => {
    expect((await detail("TST/2015/TST-D04")).status).toBe(401);
    expect((await detail("TST/2015/TST-D04", "clerk-TST-D05")).status).toBe(403);
    expect((await detail("TST/2015/TST-D04-M01", "clerk-TST-D05")).status).toBe(403);
    expect((await detail("TST/2015/TST-D04", "province-BTH")).status).toBe(403);
    expect((await detail("TST/2015/TST-D04", "job-consolidation")).status).toBe(403);
    // A unit of another province, named under this one: refused to a clerk, not found for staff.
    expect((await detail("TST/2015/BTH-HTN", "clerk-TST-D04")).status).toBe(403);
    expect((await detail("TST/2015/BTH-HTN", "province-TST")).status).toBe(404);
  });
  it("refuses a forged or expired token", async () => {
    const tok = await s.token("province-TST");
    const forged = `${tok.slice(0, -4)}AAAA`;
    expect((await s.call("GET", "/api/details/TST/2015/TST-D04", { token: forged })).status).toBe(401);
    expect((await s.call("GET", "/api/details/TST/2015/TST-D04", { token: await s.token("province-TST", { expiresIn: "-1m" }) })).status).toBe(401);
    expect((await s.call("GET", "/api/details/TST/2015/TST-D04", { token: "not.a.token" })).status).toBe(401);
  });
});

describe("hostile paths", () => {
  it("answers 4xx, never 500, for bad codes, periods and queries", async () => {
    const bad = [
      "TST/2015/TST%2FD04", "TST/2015/TST%23D04", "TST/2015/tst-d04", "TST/15/TST-D04", "TST/2015-13/TST-D04", "TST/2015-Q5/TST-D04",
      "TST/2015/TST%00D04", "TST/2015/%F0%9F%92%A3", `TST/2015/${"A".repeat(41)}`, `TST/2015/${"A".repeat(5000)}`, "TST/2015/TST-D04?limit=0",
      "TST/2015/TST-D04?limit=201", "TST/2015/TST-D04?limit=abc", "TST/2015/..%2F..%2Fsecrets",
    ];
    for (const p of bad) {
      const r = await detail(p, "province-TST");
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.status, p).toBeLessThan(500);
    }
    expect((await detail("TST/2015/TST-D04-M01/extra", "province-TST")).status).toBe(404);
    expect((await detail("NOPE/2015/NOPE-X", "province-TST")).status).toBe(404);
    // The province itself is the rollup's; a unit not in the period is not found.
    expect((await detail("TST/2015/TST", "province-TST")).status).toBe(404);
    expect((await detail("LDG/2015/LDG-M01", "province-LDG")).status).toBe(404);
    expect((await detail("TST/2015/TST-D99", "province-TST")).status).toBe(404);
  });
});
