import { describe, expect, it } from "vitest";
import { comparisonsInUnits } from "../../addin/src/api/comparisons.ts";
import { ApiError } from "../../addin/src/api/client.ts";
import type { ReconstructedRollup, RollupResponse } from "../../shared/contract/index.ts";
import { getCatalog, reconstructInUnits, unitsValidIn } from "../../shared/index.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { communeValues } from "../../scripts/demo.ts";
import { rollupFrom } from "../shared/rollup-fixture.ts";

/** Which earlier figures the pane compares with: in this period's units, else the older server's plain rollup, else none. */
const raw = Object.fromEntries(unitsValidIn(REGISTRY, "2025-Q2").filter((u) => u.parent === "BTH-HTN").map((u, i) => [u.code, communeValues(i + 1)]));
const rebuilt = reconstructInUnits(getCatalog(), REGISTRY, "LDG", "2025-Q2", "2025-Q3", new Map([["BTH", new Map([["BTH-HTN", raw]])]]))!;
const plain = rollupFrom({ registry: REGISTRY, province: "BTH", period: "2025-Q2", values: new Map([["BTH-HTN", raw]]) });

function api(inUnits: (p: string, q: string, u: string) => Promise<ReconstructedRollup>, rollup: (p: string, q: string) => Promise<RollupResponse> = async () => plain) {
  const calls: string[] = [];
  return {
    calls,
    rollupInUnits: (p: string, q: string, u: string) => { calls.push(`in ${q}/${u}`); return inUnits(p, q, u); },
    rollup: (p: string, q: string) => { calls.push(`rollup ${q}`); return rollup(p, q); },
  };
}

describe("the pane's comparison periods", () => {
  it("asks for the previous quarter and the same quarter a year earlier in this period's units", async () => {
    const a = api(async (_p, q) => ({ ...rebuilt, period: q }));
    const r = await comparisonsInUnits(a, "LDG", "2025-Q3");
    expect(a.calls.sort()).toEqual(["in 2024-Q3/2025-Q3", "in 2025-Q2/2025-Q3"]);
    expect(r.previous && "inUnitsOf" in r.previous ? r.previous.period : null).toBe("2025-Q2");
    expect(r.yearEarlier?.period).toBe("2024-Q3");
  });
  it("a year is compared once: its previous period is the year before", async () => {
    const a = api(async (_p, q) => ({ ...rebuilt, period: q }));
    const r = await comparisonsInUnits(a, "LDG", "2026");
    expect(a.calls).toEqual(["in 2025/2026"]);
    expect(r.previous).toBe(r.yearEarlier);
  });
  it("a server without the route (404) gets the plain earlier rollup; other failures and empty answers compare with nothing", async () => {
    const older = api(async () => { throw new ApiError("client", 404, "none"); });
    expect((await comparisonsInUnits(older, "BTH", "2025-Q3")).previous).toBe(plain);
    expect(older.calls).toContain("rollup 2025-Q2");
    const down = api(async () => { throw new ApiError("server", 503, "down"); });
    expect(await comparisonsInUnits(down, "LDG", "2025-Q3")).toEqual({ previous: null, yearEarlier: null });
    expect(down.calls.some((c) => c.startsWith("rollup"))).toBe(false);
    const empty = api(async (_p, q) => ({ ...rebuilt, period: q, totals: { ...rebuilt.totals, values: {} }, units: rebuilt.units.map((u) => ({ ...u, values: {} })) }));
    expect(await comparisonsInUnits(empty, "LDG", "2025-Q3")).toEqual({ previous: null, yearEarlier: null });
  });
});
