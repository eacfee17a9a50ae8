import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CalendarResponse } from "../../shared/contract/index.ts";
import { ruleFor } from "../../shared/index.ts";
import { startStack, type Stack } from "./stack.ts";

let s: Stack;
beforeAll(async () => { s = await startStack(); }, 60_000);
afterAll(async () => { await s?.close(); });

const URL_LDG = "/api/calendars/LDG";
const own = { rules: { quarter: { cutoffDay: 20, deadlineDays: { commune: 5 } } }, reports: { htct: { year: { cutoffDay: "last" as const } } } };

describe("a province's own reporting calendar (GET/PUT /api/calendars/{province})", () => {
  it("starts empty, is replaced by the province's staff, applies at once and is audited with before and after", async () => {
    const first = await s.call("GET", URL_LDG, { user: "province-LDG" });
    expect(first.status).toBe(200);
    expect(CalendarResponse.parse(first.json)).toEqual({ province: "LDG", calendar: {}, audit: [] });
    const put = await s.call("PUT", URL_LDG, { user: "province-LDG", body: { calendar: own } });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    const saved = CalendarResponse.parse(put.json);
    expect(saved.calendar).toEqual(own);
    expect(saved.audit).toHaveLength(1);
    expect(saved.audit[0]).toMatchObject({ user: "province-LDG", before: {}, after: own });
    // The timeliness judgement reads the new rule straight away (the cached calendar is dropped).
    const { readCalendar } = await import("../../functions/store/reference.ts");
    expect(ruleFor(await readCalendar(s.table, "LDG"), "quarter", { province: "LDG" })).toMatchObject({ cutoffDay: 20, deadlineDays: { commune: 5, district: 4 } });
    const back = await s.call("PUT", URL_LDG, { user: "province-LDG", body: { calendar: {} } });
    const after = CalendarResponse.parse(back.json);
    expect(after.audit.map((a) => a.after)).toEqual([{}, own]);
    expect(after.audit[0]!.before).toEqual(own);
    expect(ruleFor(await readCalendar(s.table, "LDG"), "quarter", { province: "LDG" }).cutoffDay).toBe(14);
  });

  it("is for the province's own staff only", async () => {
    for (const [user, method] of [["clerk-LDG-M01", "GET"], ["clerk-LDG-M01", "PUT"], ["province-BTH", "GET"], ["province-BTH", "PUT"], ["job-consolidation", "PUT"]] as const) {
      const r = await s.call(method, URL_LDG, { user, body: method === "PUT" ? { calendar: own } : undefined });
      expect(r.status, `${user} ${method}`).toBe(403);
    }
    expect((await s.call("GET", URL_LDG)).status).toBe(401);
    expect((await s.call("PUT", URL_LDG, { token: "not.a.token", body: { calendar: own } })).status).toBe(401);
    expect((await s.call("GET", "/api/calendars/ZZZ", { user: "province-LDG" })).status).toBe(403);
    expect((await s.call("GET", "/api/calendars/lower%20case", { user: "province-LDG" })).status).toBe(400);
  });

  it("refuses malformed, hostile and oversized bodies with a 4xx and writes nothing", async () => {
    const before = CalendarResponse.parse((await s.call("GET", URL_LDG, { user: "province-LDG" })).json);
    const bad: unknown[] = [
      {}, [], "x", null, { calendar: own, extra: 1 }, { calendar: { rules: { quarter: { cutoffDay: 31 } } } },
      { calendar: { rules: { quarter: { cutoffDay: 0 } } } }, { calendar: { rules: { quarter: { cutoffDay: 1.5 } } } },
      { calendar: { rules: { week: { cutoffDay: 10 } } } }, { calendar: { rules: { month: { deadlineDays: { commune: -1 } } } } },
      { calendar: { rules: { month: { deadlineDays: { commune: 1e9 } } } } }, { calendar: { rules: { month: { deadlineDays: { hamlet: 1 } } } } },
      { calendar: { reports: { "Bad Key": {} } } }, JSON.parse('{"calendar":{"reports":{"__proto__":{"year":{"cutoffDay":3}}}}}'),
      JSON.parse('{"calendar":{"__proto__":{"rules":{}}}}'), { calendar: { rules: { month: { cutoffDay: "=1+1" } } } },
    ];
    for (const b of bad) {
      const r = await s.call("PUT", URL_LDG, { user: "province-LDG", body: b });
      expect(r.status, JSON.stringify(b)).toBe(400);
      expect(JSON.stringify(r.json)).not.toMatch(/at .*\.ts:\d+/);
    }
    expect((await s.call("PUT", URL_LDG, { user: "province-LDG", raw: "{not json", headers: { "content-type": "application/json" } })).status).toBe(400);
    const huge = { calendar: { reports: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`r${i}`, { year: { cutoffDay: 1 } }])) } };
    expect((await s.call("PUT", URL_LDG, { user: "province-LDG", body: huge })).status).toBe(413);
    expect(CalendarResponse.parse((await s.call("GET", URL_LDG, { user: "province-LDG" })).json)).toEqual(before);
  });
});
