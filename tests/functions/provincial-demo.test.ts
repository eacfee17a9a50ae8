import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApprovalsResponse, DetailResponse, RollupResponse, ScorecardResponse } from "../../shared/contract/index.ts";
import { seedProvincialDemo } from "../../scripts/seed-provincial.ts";
import { startStack, type Stack } from "./stack.ts";

/** The provincial demo data (scripts/seed-provincial.ts) through the real API, at a smaller size. */
let stack: Stack;
const staff = { user: "province-MAU" };

beforeAll(async () => {
  stack = await startStack();
  const lines: string[] = [];
  await seedProvincialDemo(stack.url, process.env.AUTH_DEV_KEY_DIR!, (l) => lines.push(l), { communes: 18 });
  expect(lines.filter((l) => !l.includes("reports over")), lines.join("\n")).toEqual([]);
  expect(lines.at(-1)).toMatch(/; 3 corrections$/);
}, 240_000);
afterAll(async () => { await stack?.close(); });

describe("provincial demo data", () => {
  it("has several quarters, late and missing reports in the current one", async () => {
    const r = RollupResponse.parse((await stack.call("GET", "/api/rollups/MAU/2026-Q4", staff)).json);
    expect(r.districts).toHaveLength(18);
    expect(r.districts.filter((d) => !d.submitted)).toHaveLength(3);
    const past = RollupResponse.parse((await stack.call("GET", "/api/rollups/MAU/2025-Q3", staff)).json);
    expect(past.districts.every((d) => d.status === "late")).toBe(true);
    // Members grow from quarter to quarter, unit by unit.
    expect(past.districts[0]!.values["members.total"]!).toBeLessThan(r.districts[0]!.values["members.total"]!);
  });
  it("has approvals under way and an outlier the scorecard finds", async () => {
    const a = ApprovalsResponse.parse((await stack.call("GET", "/api/approvals/MAU/2026-Q4", staff)).json);
    const count = (s: string) => a.units.filter((u) => u.state === s).length;
    expect(count("approved")).toBeGreaterThan(0);
    expect(count("returned")).toBe(1);
    const sc = ScorecardResponse.parse((await stack.call("GET", "/api/scorecards/MAU/2026-Q4", staff)).json);
    expect(sc.units.find((u) => u.unit === "MAU-X008")!.outliers.indicators).toContain("members.total");
  });
  it("has corrected reports whose detail shows each version and what changed", async () => {
    const d = DetailResponse.parse((await stack.call("GET", "/api/details/MAU/2026-Q4/MAU-X002", staff)).json);
    expect(d.history.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(d.history[0]!.source.workbook).toBe("Xã mẫu 002 2026-Q4 (sửa lần 2).xlsx");
    expect(d.history[0]!.changes.length).toBeGreaterThan(0);
    expect(d.history[0]!.changes.every((c) => c.old !== c.new)).toBe(true);
  });
});
