import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idem, startStack, submission, type Stack } from "./stack.ts";

let s: Stack;
beforeAll(async () => { s = await startStack(); }, 60_000);
afterAll(async () => { await s?.close(); });

/** One commune's values, submitted for a district of TST on its own period so tests stay apart. */
function one(district: string, period: string, values: Record<string, unknown>, baseVersion: number | null = null) {
  const b = submission(district, { period, baseVersion });
  return { ...b, units: [{ unit: b.units[0]!.unit, values }] };
}
const post = (user: string, body: unknown) => s.call("POST", "/api/submissions", { user, body, headers: idem() });

describe("values are bounded however they are written", () => {
  it.each([
    ["digits", "10000000000000"],
    ["Vietnamese thousands", "10.000.000.000.000"],
    ["two hundred nines", "9".repeat(200)],
  ])("refuses %s above the limit and stores nothing", async (_label, v) => {
    const before = await s.dataEntities();
    const r = await post("clerk-TST-D02", one("TST-D02", "2016", { "poverty.escaped": v }));
    expect(r.status).toBe(422);
    expect(r.json.issues.map((i: { rule: string }) => i.rule)).toContain("out_of_bounds");
    expect(await s.dataEntities()).toBe(before);
  });
});

describe("digits of other scripts", () => {
  it("counts full-width and Arabic-Indic digits in the rollup, as the number they are", async () => {
    const b = submission("TST-D03", { period: "2017" });
    const [u0, u1] = b.units;
    const r = await post("clerk-TST-D03", { ...b, units: [{ unit: u0!.unit, values: { "poverty.escaped": "１２" } }, { unit: u1!.unit, values: { "poverty.escaped": "١٢" } }] });
    expect(r.status).toBe(200);
    expect(r.json.rollup.totals["poverty.escaped"]).toBe(24);
  });
  it("refuses text that only looks blank", async () => {
    const r = await post("clerk-TST-D03", one("TST-D03", "2018", { "poverty.escaped": "十二" }));
    expect(r.status).toBe(422);
    expect(r.json.issues[0].rule).toBe("invalid_value");
  });
});

describe("the three-way merge compares values", () => {
  it("a value set back to its base value is not a conflict", async () => {
    const u = "clerk-TST-D04";
    const v = (x: unknown, base: number | null) => one("TST-D04", "2016", { "poverty.escaped": x }, base);
    expect((await post(u, v(20, null))).json.version).toBe(1);
    expect((await post(u, v(21, 1))).json.version).toBe(2);
    expect((await post(u, v(20, 2))).json.version).toBe(3);
    const r = await post(u, v(25, 1));
    expect(r.status).toBe(200);
    expect(r.json.rollup.totals["poverty.escaped"]).toBe(25);
  });
  it("a change of form only is not a conflict", async () => {
    const u = "clerk-TST-D05";
    const v = (x: unknown, base: number | null) => one("TST-D05", "2016", { "members.total": x }, base);
    expect((await post(u, v("1.716", null))).status).toBe(200);
    expect((await post(u, v(1716, 1))).json.summary.unchanged).toBe(1);
    expect((await post(u, v(1720, 1))).status).toBe(200);
    // Based on v1 ("1.716"), the clerk sends 1716: the newer 1720 stays, nothing conflicts.
    const r = await post(u, v(1716, 1));
    expect(r.status).toBe(200);
    expect(r.json.rollup.totals["members.total"]).toBe(1720);
  });
});
