import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { communeValues } from "../../scripts/demo.ts";
import { idem, startStack, submission, type Stack } from "./stack.ts";

let s: Stack;
beforeAll(async () => { s = await startStack(); }, 60_000);
afterAll(async () => { await s?.close(); });

const post = (user: string, b: unknown) => s.call("POST", "/api/submissions", { user, headers: idem(), body: b });

/** The server judges a submission with its period's catalog (catalogFor), not the whole one. */
describe("a submission is validated with its period's catalog", () => {
  it("from 1/7/2025: a đặc khu's own figures count it in 'Số xã, phường, đặc khu'", async () => {
    const values = { ...communeValues(3), "org.communes": 1, "org.communes.xa": 0, "org.communes.phuong": 0, "org.communes.dac_khu": 1 };
    const r = await post("clerk-LDG-M05", submission("LDG-M05", { period: "2026", units: [{ unit: "LDG-M05", values }] }));
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const roll = await s.call("GET", "/api/rollups/LDG/2026", { user: "province-LDG" });
    expect(roll.json.totals["org.communes.dac_khu"]).toBe(1);
  });

  it("from 1/7/2025: a wrong total is refused against xã + phường + đặc khu, with the period's label", async () => {
    const values = { ...communeValues(4), "org.communes": 2, "org.communes.xa": 1, "org.communes.phuong": 0, "org.communes.dac_khu": 0 };
    const before = await s.dataEntities();
    const r = await post("clerk-LDG-M04", submission("LDG-M04", { period: "2026", units: [{ unit: "LDG-M04", values }] }));
    expect(r.status).toBe(422);
    expect(r.json.issues.filter((i: { rule: string }) => i.rule === "sum_total").map((i: { message: string }) => i.message).join("\n")).toContain("\"Số xã, phường, đặc khu\" ghi 2");
    expect(await s.dataEntities()).toBe(before);
  });

  it("refuses an indicator the period's structure does not have, naming it and the period, and stores nothing", async () => {
    const before = await s.dataEntities();
    const now = await post("clerk-LDG-M03", submission("LDG-M03", { period: "2026", units: [{ unit: "LDG-M03", values: { ...communeValues(5), "org.communes.thi_tran": 1 } }] }));
    expect(now.status).toBe(422);
    expect(now.json.issues.map((i: { rule: string; indicators: string[] }) => [i.rule, i.indicators[0]])).toEqual([["indicator_not_in_period", "org.communes.thi_tran"]]);
    expect(now.json.issues[0].message).toBe("Chỉ tiêu \"Số thị trấn\" (org.communes.thi_tran) không áp dụng cho kỳ 2026 theo cơ cấu đơn vị hành chính của kỳ này.");
    expect(now.json.issues[0].hint).toContain("does not apply to period 2026");
    const then = submission("TST-D01", { period: "2015" });
    then.units[0]!.values = { ...then.units[0]!.values, "org.communes.dac_khu": 1 };
    const old = await post("clerk-TST-D01", then);
    expect(old.status).toBe(422);
    expect(old.json.issues.map((i: { rule: string; indicators: string[] }) => [i.rule, i.indicators[0]])).toEqual([["indicator_not_in_period", "org.communes.dac_khu"]]);
    expect(await s.dataEntities()).toBe(before);
  });

  it("before 1/7/2025: thị trấn is counted, and the rollup reads it", async () => {
    const req = submission("TST-D02", { period: "2015" });
    req.units = req.units.map((u, i) => ({ ...u, values: { ...u.values, "org.communes": 1, "org.communes.xa": i === 0 ? 0 : 1, "org.communes.phuong": 0, "org.communes.thi_tran": i === 0 ? 1 : 0 } }));
    const r = await post("clerk-TST-D02", req);
    expect(r.status, JSON.stringify(r.json).slice(0, 600)).toBe(200);
    const roll = await s.call("GET", "/api/rollups/TST/2015", { user: "province-TST" });
    expect(roll.json.totals["org.communes.thi_tran"]).toBe(1);
  });
});
