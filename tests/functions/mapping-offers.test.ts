import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack.ts";

/** Issue 17: a mapping offer is checked on the server before anyone else's workbook is read with it. */
let s: Stack;
beforeAll(async () => { s = await startStack(); }, 60_000);
afterAll(async () => { await s?.close(); });

const offer = (over: Record<string, unknown>) => ({ mapping: { "Tổng số đảng viên": "members.total" }, headers: ["Tổng số đảng viên"], kind: "units", ...over });

describe("mapping offers", () => {
  it("refuses formula-leading text, control characters and indicators not in the catalog, storing nothing", async () => {
    const hostile: [string, Record<string, unknown>][] = [
      ["formula header", { headers: ["=cmd|' /C calc'!A0"] }],
      ["formula key", { mapping: { "=cmd|' /C calc'!A0": "members.total" } }],
      ["at-sign key", { mapping: { "@SUM(A1:A9)": "members.total" } }],
      ["spaced formula", { headers: ["   =1+1"] }],
      ["formula sheet", { sheet: "=HYPERLINK(\"http://x\")" }],
      ["control character in a key", { mapping: { "Tổng\u0007số": "members.total" } }],
      ["line separator", { headers: ["a\u2028b"] }],
      ["unknown indicator", { mapping: { "Tổng số đảng viên": "members.owned" } }],
      ["unknown part", { mapping: { "52/53": { part: "members.total", whole: "nope.nope" } } }],
    ];
    for (const [i, [name, o]] of hostile.entries()) {
      const fp = `f${String(i).padStart(16, "0")}`;
      const r = await s.call("POST", `/api/mappings/BTH/${fp}`, { user: "clerk-BTH-HTN", body: offer(o) });
      expect(r.status, name).toBe(400);
      expect(r.json.message.vi, name).toMatch(/Chưa lưu ánh xạ cột/);
      expect(r.json.details.length, name).toBeGreaterThan(0);
      expect((await s.call("GET", `/api/mappings/BTH/${fp}`, { user: "clerk-BTH-HTN" })).status, name).toBe(404);
    }
  });

  it("keeps '+ Nam' and '- Trong đó' as the ordinary headers they are", async () => {
    const r = await s.call("POST", "/api/mappings/BTH/f00000000000000aa", { user: "clerk-BTH-HTN", body: offer({ headers: ["+ Nam", "- Trong đó", "Tổng số đảng viên"], mapping: { "+ Nam": null, "- Trong đó": "members.total" } }) });
    expect(r.status).toBe(200);
    expect(r.json.offer.headers).toEqual(["+ Nam", "- Trong đó", "Tổng số đảng viên"]);
  });
});
