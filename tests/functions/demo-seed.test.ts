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
    expect(log.filter((l) => !/: 200 version 1$/.test(l))).toEqual([]);
    const now = await s.call("GET", "/api/rollups/LDG/2026", { user: "province-LDG" });
    expect(now.json.completeness).toMatchObject({ unitsExpected: 5, unitsReported: 4 });
    expect(now.json.districts.find((d: { unit: string }) => d.unit === "LDG-M05").submitted).toBe(false);
    const then = await s.call("GET", "/api/rollups/LDG/2024/in/2026", { user: "province-LDG" });
    expect(then.json.units.filter((u: { reconstructed: boolean; values: object }) => u.reconstructed && Object.keys(u.values).length)).toHaveLength(4);
    expect(then.json.units.filter((u: { approximate: string[] }) => u.approximate.length).map((u: { unit: string }) => u.unit)).toEqual(["LDG-M02", "LDG-M03"]);
    const again: string[] = [];
    await seedSubmissions(s.url, process.env.AUTH_DEV_KEY_DIR!, (l) => again.push(l));
    expect(again.every((l) => l.endsWith("already has data"))).toBe(true);
  }, 120_000);
});
