import { TableClient } from "@azure/data-tables";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { communeValues } from "../../scripts/demo.ts";
import { unitEntity } from "../../functions/store/units.ts";
import { REGISTRY_ALL, startStack, type Stack } from "./stack.ts";

// How many times a province rollup lists the period's unit rows: a cold instance needs every
// payload, so it lists them once in full instead of listing versions first and then everything.
let s: Stack;
beforeAll(async () => { s = await startStack(); }, 60_000);
afterAll(async () => { await s?.close(); vi.restoreAllMocks(); });

const PERIOD = "2017";
/** Listings of the unit rows of TST's partition for PERIOD for their data or versions (the approvals' own listing left out), and whether each selected columns. */
function unitListings(spy: { mock: { calls: unknown[][] } }): { select: boolean }[] {
  return spy.mock.calls
    .map((c) => (c[0] as { queryOptions?: { filter?: string; select?: string[] } } | undefined)?.queryOptions)
    .filter((q) => q?.filter?.includes(`P|TST|${PERIOD}`) && q.filter.includes("'D|'") && !q.select?.includes("approvalBy"))
    .map((q) => ({ select: !!q!.select }));
}

describe("province rollup reads", () => {
  it("cold: one full listing of the unit rows; warm: one listing of versions only; same answer", async () => {
    const districts = REGISTRY_ALL.filter((u) => u.parent === "TST").slice(0, 10);
    const now = new Date().toISOString();
    await s.table.submitTransaction(districts.map((d, i) => ["upsert", unitEntity("TST", PERIOD, {
      unit: d.code, version: 1, firstSubmittedAt: now, lastSubmittedAt: now, lastSubmissionId: `seed-${i}`, lastUser: "seed", stamps: {},
      values: Object.fromEntries(REGISTRY_ALL.filter((c) => c.parent === d.code).map((c, k) => [c.code, communeValues(i * 10 + k)])),
    }), "Replace"]));
    const spy = vi.spyOn(TableClient.prototype, "listEntities");
    const cold = await s.call("GET", `/api/rollups/TST/${PERIOD}`, { user: "province-TST" });
    expect(cold.status, JSON.stringify(cold.json)).toBe(200);
    expect(cold.json.completeness.unitsReported).toBe(10);
    expect(unitListings(spy)).toEqual([{ select: false }]);
    spy.mockClear();
    const warm = await s.call("GET", `/api/rollups/TST/${PERIOD}`, { user: "province-TST" });
    expect(unitListings(spy)).toEqual([{ select: true }]);
    const { computedAt: _a, ...a } = cold.json;
    const { computedAt: _b, ...b } = warm.json;
    expect(b).toEqual(a);
  });
});
