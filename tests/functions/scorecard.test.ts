import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { odata } from "@azure/data-tables";
import { ScorecardResponse } from "../../shared/contract/index.ts";
import { unpack } from "../../functions/store/chunks.ts";
import { idem, startStack, submission, type Stack } from "./stack.ts";

/** GET /api/scorecards and the nightly job's scorecard, on Azurite and the local host. */
let stack: Stack;
const UNITS = ["TST-D01", "TST-D02", "TST-D03", "TST-D04"];

beforeAll(async () => {
  stack = await startStack();
  // Four years of the same four units; in 2015 TST-D04's members jump far above its history.
  for (const period of ["2012", "2013", "2014", "2015"]) {
    for (const d of UNITS) {
      const body = submission(d, { period }, 1);
      if (period === "2015" && d === "TST-D04") for (const u of body.units) {
        u.values["members.total"] = Number(u.values["members.total"]) * 3;
        for (const k of Object.keys(u.values)) if (k.endsWith("_rate")) delete u.values[k];
      }
      const r = await stack.call("POST", "/api/submissions", { user: `clerk-${d}`, headers: idem(), body });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }
  }
}, 180_000);
afterAll(async () => { await stack?.close(); });

describe("data-quality scorecard", () => {
  it("ranks the province's units on demand, with the outlier found against the unit's own history", async () => {
    const r = await stack.call("GET", "/api/scorecards/TST/2015", { user: "province-TST" });
    expect(r.status).toBe(200);
    const sc = ScorecardResponse.parse(r.json);
    expect(sc.units).toHaveLength(30);
    const d4 = sc.units.find((u) => u.unit === "TST-D04")!;
    expect(d4.outliers.indicators).toContain("members.total");
    expect(d4.overTime.find((o) => o.indicator === "members.total")?.flagged).toBe(true);
    const d1 = sc.units.find((u) => u.unit === "TST-D01")!;
    expect(d1.outliers.flagged).toBe(0);
    expect(d1.rank).toBeLessThan(d4.rank);
    expect(sc.units.filter((u) => !u.submitted).every((u) => u.rank > 4)).toBe(true);
    expect(sc.summary.completeness).toBeCloseTo((100 * 4) / 30, 9);
  });

  it("judges the province over time like with like: a year only one unit reported is not a fall of the province", async () => {
    // 2016: only TST-D01 reports, with the figures it sent every year. The province's total is a quarter of before.
    const r0 = await stack.call("POST", "/api/submissions", { user: "clerk-TST-D01", headers: idem(), body: submission("TST-D01", { period: "2016" }, 1) });
    expect(r0.status, JSON.stringify(r0.json)).toBe(200);
    const r = await stack.call("GET", "/api/scorecards/TST/2016", { user: "province-TST" });
    expect(r.status).toBe(200);
    const sc = ScorecardResponse.parse(r.json);
    const members = sc.summary.overTime.find((o) => o.indicator === "members.total")!;
    // The same unit then and now: unchanged, not flagged (its totals alone would read as a 75 % fall).
    expect(members.ratio).toBeCloseTo(1, 9);
    expect(members.flagged).toBe(false);
    const rollup = (await stack.call("GET", "/api/rollups/TST/2016", { user: "province-TST" })).json;
    const before = (await stack.call("GET", "/api/rollups/TST/2015", { user: "province-TST" })).json;
    expect(rollup.totals["members.total"] / before.totals["members.total"]).toBeLessThan(0.67);
  });

  it("is stored by the nightly consolidation job", async () => {
    const before = (await stack.call("GET", "/api/scorecards/TST/2015", { user: "province-TST" })).json;
    const c = await stack.call("POST", "/api/consolidations", { user: "job-consolidation", body: { province: "TST", period: "2015", scorecards: true } });
    expect(c.status).toBe(200);
    const rows: Record<string, unknown>[] = [];
    for await (const e of stack.table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${"SNAP|2015"} and RowKey eq ${"TST|~scorecard"}` } })) rows.push(e);
    expect(rows).toHaveLength(1);
    const body = unpack("v", rows[0]!) as { units: { unit: string; rank: number }[] };
    expect(body.units.map((u) => [u.unit, u.rank])).toEqual(before.units.map((u: { unit: string; rank: number }) => [u.unit, u.rank]));
    // A rerun with nothing changed writes nothing.
    const again = await stack.call("POST", "/api/consolidations", { user: "job-consolidation", body: { province: "TST", period: "2015", scorecards: true } });
    expect(again.json.provinces[0].rowsWritten).toBe(0);
  });

  it("refuses others: 401, 403, 400", async () => {
    expect((await stack.call("GET", "/api/scorecards/TST/2015")).status).toBe(401);
    expect((await stack.call("GET", "/api/scorecards/TST/2015", { user: "clerk-TST-D01" })).status).toBe(403);
    expect((await stack.call("GET", "/api/scorecards/TST/2015", { user: "province-BTH" })).status).toBe(403);
    expect((await stack.call("GET", "/api/scorecards/TST/15", { user: "province-TST" })).status).toBe(400);
    expect((await stack.call("GET", "/api/scorecards/t%2F..%2Fx/2015", { user: "province-TST" })).status).toBe(400);
    expect((await stack.call("POST", "/api/consolidations", { user: "job-consolidation", body: { period: "2015", scorecards: "yes" } })).status).toBe(400);
  });
});
