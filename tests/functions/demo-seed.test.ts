import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack.ts";

let s: Stack;
beforeAll(async () => { s = await startStack(); }, 60_000);
afterAll(async () => { await s?.close(); });

describe("the demo data", () => {
  it("seeds both structures through the API, so the demo shows a two-tier rollup and a reconstructed comparison; seeding again adds nothing", async () => {
    const { seedSubmissions } = await import("../../scripts/seed.ts");
    const log: string[] = [];
    await seedSubmissions(s.url, process.env.AUTH_DEV_KEY_DIR!, (l) => log.push(l));
    // First reports, then the corrections: Hàm Tân 2015 twice, Xã mẫu 01's 2026 once.
    expect(log.filter((l) => !/: 200 version 1$/.test(l))).toEqual(["  BTH-HTN 2015: 200 version 2", "  BTH-HTN 2015: 200 version 3", "  LDG-M01 2026: 200 version 2"]);
    const hamTan = await s.call("GET", "/api/details/BTH/2015/BTH-HTN", { user: "province-BTH" });
    expect(hamTan.json.history.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(hamTan.json.history[0].changes.length).toBeGreaterThan(0);
    expect(new Set(hamTan.json.history[1].changes.map((c: { unit: string }) => c.unit)).size).toBe(2);
    const cells = await s.call("GET", "/api/details/LDG/2026/LDG-M01", { user: "province-LDG" });
    expect(cells.json.history[0].changes.every((c: { unit: string }) => c.unit === "LDG-M01-M02")).toBe(true);
    const now = await s.call("GET", "/api/rollups/LDG/2026", { user: "province-LDG" });
    expect(now.json.completeness).toMatchObject({ unitsExpected: 5, unitsReported: 4 });
    expect(now.json.districts.find((d: { unit: string }) => d.unit === "LDG-M05").submitted).toBe(false);
    const then = await s.call("GET", "/api/rollups/LDG/2024/in/2026", { user: "province-LDG" });
    expect(then.json.units.filter((u: { reconstructed: boolean; values: object }) => u.reconstructed && Object.keys(u.values).length)).toHaveLength(4);
    expect(then.json.units.filter((u: { approximate: string[] }) => u.approximate.length).map((u: { unit: string }) => u.unit)).toEqual(["LDG-M02", "LDG-M03"]);
    // The half-year after the reorganisation has its previous one to compare with, rebuilt in its communes.
    const half = await s.call("GET", "/api/rollups/LDG/2025-H1/in/2025-H2", { user: "province-LDG" });
    expect(half.json.units.filter((u: { reconstructed: boolean; values: object }) => u.reconstructed && Object.keys(u.values).length)).toHaveLength(4);
    expect((await s.call("GET", "/api/rollups/LDG/2025-H2", { user: "province-LDG" })).json.completeness).toMatchObject({ unitsExpected: 5, unitsReported: 4 });
    const again: string[] = [];
    await seedSubmissions(s.url, process.env.AUTH_DEV_KEY_DIR!, (l) => again.push(l));
    expect(again.every((l) => l.endsWith("already has data"))).toBe(true);
  }, 120_000);
});
