import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTES } from "../../shared/contract/index.ts";
import { getCatalog } from "../../shared/index.ts";
import { idem, startStack, submission, type Stack } from "./stack.ts";

let s: Stack;
beforeAll(async () => { s = await startStack(); }, 60_000);
afterAll(async () => { await s?.close(); });

const clerk = "clerk-TST-D01";

describe("registrations", () => {
  it("registers exactly the contract's routes, methods and auth levels under the api prefix", () => {
    const http = s.registrations.filter((r) => r.route !== null).map((r) => ({ name: r.name, methods: r.methods, route: r.route, authLevel: r.authLevel }));
    const expected = Object.entries(ROUTES).map(([name, spec]) => ({ name, methods: [spec.method], route: `api/${spec.route}`, authLevel: spec.authLevel }));
    expect(http.sort((a, b) => a.name.localeCompare(b.name))).toEqual(expected.sort((a, b) => a.name.localeCompare(b.name)));
  });
  it("registers the nightly timer from an app setting, not on startup", () => {
    const timers = s.registrations.filter((r) => r.route === null);
    expect(timers).toEqual([expect.objectContaining({ name: "consolidateNightly", trigger: "timerTrigger", schedule: "%CONSOLIDATION_SCHEDULE%", runOnStartup: false })]);
  });
  it("lists registrations on the admin endpoint", async () => {
    const r = await s.call("GET", "/admin/functions");
    expect(r.status).toBe(200);
    expect(r.json.map((x: { name: string }) => x.name)).toContain("submit");
  });
});

describe("public routes", () => {
  it("serves the catalog with an ETag", async () => {
    const r = await s.call("GET", "/api/catalog");
    expect(r.status).toBe(200);
    expect(r.json.version).toBe(getCatalog().version);
    expect(r.json.indicators.length).toBeGreaterThan(100);
    const again = await s.call("GET", "/api/catalog", { headers: { "if-none-match": r.headers.get("etag")! } });
    expect(again.status).toBe(304);
  });
  it("answers health 200 when storage answers", async () => {
    const r = await s.call("GET", "/api/health");
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: "ok", storage: "ok" });
  });
  it("publishes an OpenAPI document with every route", async () => {
    const r = await s.call("GET", "/api/openapi.json");
    expect(r.status).toBe(200);
    expect(r.json.openapi).toBe("3.1.0");
    for (const spec of Object.values(ROUTES)) expect(r.json.paths[`/api/${spec.route}`][spec.method.toLowerCase()]).toBeDefined();
    expect(r.json.paths["/api/submissions"].post.responses["409"]).toBeDefined();
  });
  it("answers unknown paths 404 and wrong methods 405, with the envelope", async () => {
    const a = await s.call("GET", "/api/nothing-here");
    expect(a.status).toBe(404);
    expect(a.json.message.vi).toBeTruthy();
    const b = await s.call("DELETE", "/api/catalog");
    expect(b.status).toBe(405);
    expect(b.json.error).toBe("method_not_allowed");
  });
});

describe("CORS", () => {
  it("allows the add-in origin only", async () => {
    const ok = await s.call("OPTIONS", "/api/submissions", { headers: { origin: "https://localhost:3000", "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type,idempotency-key" } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://localhost:3000");
    const bad = await s.call("OPTIONS", "/api/submissions", { headers: { origin: "https://evil.example", "access-control-request-method": "POST" } });
    expect(bad.status).toBe(403);
    expect(bad.headers.get("access-control-allow-origin")).toBeNull();
    const get = await s.call("GET", "/api/catalog", { headers: { origin: "https://localhost:3000" } });
    expect(get.headers.get("access-control-allow-origin")).toBe("https://localhost:3000");
    const other = await s.call("GET", "/api/catalog", { headers: { origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("authentication", () => {
  const path = "/api/rollups/TST/2015";
  it("401 without a token, with a malformed one, expired, wrong issuer or audience, or foreign key", async () => {
    const cases: Record<string, string | undefined> = {
      none: undefined,
      garbage: "not-a-jwt",
      expired: await s.token("province-TST", { expiresIn: "-10m" }),
      issuer: await s.token("province-TST", { issuer: "https://evil.example" }),
      audience: await s.token("province-TST", { audience: "api://other" }),
    };
    for (const [label, tok] of Object.entries(cases)) {
      const r = await s.call("GET", path, tok ? { token: tok } : {});
      expect(r.status, label).toBe(401);
      expect(r.json.error, label).toBe("unauthorized");
      expect(r.headers.get("www-authenticate"), label).toContain("Bearer");
    }
    const good = await s.token("province-TST");
    const [h, p] = good.split(".");
    const forged = await s.call("GET", path, { token: `${h}.${p}.${"A".repeat(86)}` });
    expect(forged.status).toBe(401);
  });
  it("accepts the API's audience in both spellings: api://<id> (v1 tokens) and the bare id (v2 tokens)", async () => {
    const v2 = await s.token("province-TST", { audience: "htct-indicators" });
    expect((await s.call("GET", path, { token: v2 })).status).toBe(200);
    const { audiences } = await import("../../functions/lib/auth.ts");
    expect(audiences("api://11111111-2222-3333-4444-555555555555")).toEqual(["api://11111111-2222-3333-4444-555555555555", "11111111-2222-3333-4444-555555555555"]);
    expect(audiences("11111111-2222-3333-4444-555555555555")).toContain("api://11111111-2222-3333-4444-555555555555");
  });
  it("403 for a valid token without an assignment", async () => {
    const r = await s.call("GET", path, { user: "stranger" });
    expect(r.status).toBe(403);
    expect(r.json.message.en).toMatch(/assignment/);
  });
});

describe("submissions", () => {
  it("accepts a clerk's first submission with summary, warnings and rollup", async () => {
    const r = await s.call("POST", "/api/submissions", { user: clerk, body: submission("TST-D01"), headers: idem() });
    expect(r.status).toBe(200);
    expect(r.json.version).toBe(1);
    expect(r.json.summary.created).toBeGreaterThan(30);
    expect(r.json.summary).toMatchObject({ updated: 0, deleted: 0 });
    expect(r.json.rollup.completeness).toMatchObject({ unitsExpected: 30, unitsReported: 1, communesExpected: 90, communesReported: 3 });
    expect(Array.isArray(r.json.warnings)).toBe(true);
  });

  it("replays the first answer for a retried idempotency key and writes nothing", async () => {
    const key = idem();
    const body = submission("TST-D02");
    const first = await s.call("POST", "/api/submissions", { user: "clerk-TST-D02", body, headers: key });
    const before = await s.dataEntities();
    const again = await s.call("POST", "/api/submissions", { user: "clerk-TST-D02", body, headers: key });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await s.dataEntities()).toBe(before);
    const other = await s.call("POST", "/api/submissions", { user: "clerk-TST-D02", body: { ...body, mode: "replace" }, headers: key });
    expect(other.status).toBe(422);
    expect(other.json.error).toBe("idempotency_key_reused");
  });

  it("requires an Idempotency-Key", async () => {
    const r = await s.call("POST", "/api/submissions", { user: clerk, body: submission("TST-D01") });
    expect(r.status).toBe(400);
    expect(r.json.message.vi).toMatch(/Idempotency-Key/);
  });

  it("refuses other units' clerks, province staff and jobs with 403", async () => {
    for (const user of ["clerk-TST-D03", "province-TST", "job-consolidation", "clerk-wrong"]) {
      const r = await s.call("POST", "/api/submissions", { user, body: submission("TST-D01"), headers: idem() });
      expect(r.status, user).toBe(403);
    }
  });

  it("merges: values a submission does not carry stay as stored", async () => {
    const d = "TST-D04";
    const base = submission(d);
    const v1 = await s.call("POST", "/api/submissions", { user: `clerk-${d}`, body: base, headers: idem() });
    const unit = base.units[0]!.unit;
    const r = await s.call("POST", "/api/submissions", { user: `clerk-${d}`, body: { ...base, baseVersion: v1.json.version, units: [{ unit, values: { "members.admitted": 1 } }] }, headers: idem() });
    expect(r.status).toBe(200);
    expect(r.json.summary).toEqual({ created: 0, updated: 1, unchanged: 0, deleted: 0 });
    const h = await s.call("GET", `/api/submissions/TST/2015/${d}`, { user: `clerk-${d}` });
    expect(h.json.currentVersion).toBe(2);
    expect(h.json.entries[0].changes).toEqual([{ unit, indicator: "members.admitted", old: base.units[0]!.values["members.admitted"], new: 1 }]);
    expect(h.json.entries[1].summary.created).toBe(v1.json.summary.created);
  });

  it("answers 409 with base/mine/theirs when someone else changed the same value, and keeps theirs when mine is the base", async () => {
    const d = "TST-D05";
    const user = `clerk-${d}`;
    const base = submission(d);
    await s.call("POST", "/api/submissions", { user, body: base, headers: idem() });
    const unit = base.units[1]!.unit;
    const original = base.units[1]!.values["members.admitted"]!;
    const a = await s.call("POST", "/api/submissions", { user, body: { ...base, baseVersion: 1, units: [{ unit, values: { "members.admitted": 3 } }] }, headers: idem() });
    expect(a.status).toBe(200);
    const before = await s.dataEntities();
    const b = await s.call("POST", "/api/submissions", { user, body: { ...base, baseVersion: 1, units: [{ unit, values: { "members.admitted": 4 } }] }, headers: idem() });
    expect(b.status).toBe(409);
    expect(b.json).toMatchObject({ error: "conflict", currentVersion: 2, conflicts: [{ unit, indicator: "members.admitted", base: original, mine: 4, theirs: 3 }] });
    expect(b.json.message.vi).toBeTruthy();
    expect(await s.dataEntities()).toBe(before);
    // The whole stale workbook again: untouched values equal the base, so theirs stay.
    // It changes nothing, so it makes no version (issue 19): the answer says so and the history's
    // newest entry is still version 2 with theirs.
    const c = await s.call("POST", "/api/submissions", { user, body: { ...base, baseVersion: 1 }, headers: idem() });
    expect(c.status).toBe(200);
    expect(c.json).toMatchObject({ unchanged: true, version: 2 });
    const h = await s.call("GET", `/api/submissions/TST/2015/${d}?limit=1`, { user });
    expect(h.json.entries).toHaveLength(1);
    expect(h.json.entries[0].version).toBe(2);
    expect(h.json.entries[0].changes).toEqual([{ unit, indicator: "members.admitted", old: original, new: 3 }]);
    const ahead = await s.call("POST", "/api/submissions", { user, body: { ...base, baseVersion: 99 }, headers: idem() });
    expect(ahead.status).toBe(409);
    expect(ahead.json.currentVersion).toBe(2);
  });

  it("replace mode clears what the submission no longer carries", async () => {
    const d = "TST-D06";
    const user = `clerk-${d}`;
    const base = submission(d);
    await s.call("POST", "/api/submissions", { user, body: base, headers: idem() });
    const fewer = { ...base, baseVersion: 1, mode: "replace" as const, units: base.units.slice(0, 2) };
    const r = await s.call("POST", "/api/submissions", { user, body: fewer, headers: idem() });
    expect(r.status).toBe(200);
    expect(r.json.summary.deleted).toBe(Object.keys(base.units[2]!.values).length);
    expect(r.json.rollup.districts.find((x: { unit: string }) => x.unit === d).communesReported).toBe(2);
  });

  it("refuses invalid data with 422 issues from the shared validator, storing nothing", async () => {
    const before = await s.dataEntities();
    const bad = submission("TST-D07");
    bad.units[0]!.values["org.villages.with_cell"] = 500;
    const r = await s.call("POST", "/api/submissions", { user: "clerk-TST-D07", body: bad, headers: idem() });
    expect(r.status).toBe(422);
    expect(r.json.error).toBe("invalid");
    expect(r.json.issues.some((i: { rule: string }) => i.rule === "part_le_whole")).toBe(true);
    const unknown = submission("TST-D07");
    unknown.units[0]!.values["made.up"] = 1;
    unknown.units.push({ unit: "TST-D08-M01", values: { "members.total": 1 } });
    const u = await s.call("POST", "/api/submissions", { user: "clerk-TST-D07", body: unknown, headers: idem() });
    expect(u.status).toBe(422);
    expect(u.json.issues.map((i: { rule: string }) => i.rule).sort()).toEqual(["unknown_indicator", "unknown_unit"]);
    const old = await s.call("POST", "/api/submissions", { user: "clerk-TST-D07", body: { ...submission("TST-D07"), catalogVersion: "0.9.0" }, headers: idem() });
    expect(old.status).toBe(422);
    expect(old.json.issues[0].rule).toBe("catalog_version");
    expect(await s.dataEntities()).toBe(before);
  });

  it("parses Vietnamese numbers like the add-in does", async () => {
    const body = submission("TST-D09");
    body.units[0]!.values["poverty.households"] = "1.716";
    const r = await s.call("POST", "/api/submissions", { user: "clerk-TST-D09", body, headers: idem() });
    expect(r.status).toBe(200);
  });
});

describe("periods and locks", () => {
  it("locks and unlocks a period for province staff only; locked periods answer 423", async () => {
    expect((await s.call("POST", "/api/periods/TST/2016/lock", { user: clerk })).status).toBe(403);
    expect((await s.call("POST", "/api/periods/TST/2016/lock", { user: "province-BTH" })).status).toBe(403);
    const lock = await s.call("POST", "/api/periods/TST/2016/lock", { user: "province-TST" });
    expect(lock.status).toBe(200);
    expect(lock.json).toMatchObject({ province: "TST", period: "2016", locked: true, lockedBy: "province-TST" });
    const refused = await s.call("POST", "/api/submissions", { user: "clerk-TST-D10", body: submission("TST-D10", { period: "2016" }), headers: idem() });
    expect(refused.status).toBe(423);
    expect(refused.json.error).toBe("locked");
    expect(refused.json.message.vi).toMatch(/khóa/);
    const list = await s.call("GET", "/api/periods/TST", { user: clerk });
    expect(list.status).toBe(200);
    expect(list.json.periods.find((p: { period: string }) => p.period === "2016")).toMatchObject({ locked: true });
    expect(list.json.periods.find((p: { period: string }) => p.period === "2015")).toMatchObject({ locked: false });
    expect((await s.call("POST", "/api/periods/TST/2016/unlock", { user: "province-TST" })).json.locked).toBe(false);
    const ok = await s.call("POST", "/api/submissions", { user: "clerk-TST-D10", body: submission("TST-D10", { period: "2016" }), headers: idem() });
    expect(ok.status).toBe(200);
    expect((await s.call("GET", "/api/periods/TST", { user: "province-BTH" })).status).toBe(403);
    expect((await s.call("GET", "/api/periods/NOPE", { user: "province-TST" })).status).toBe(404);
  });
});

describe("history", () => {
  it("is readable by the unit's clerk and the province's staff only", async () => {
    expect((await s.call("GET", "/api/submissions/TST/2015/TST-D01", { user: clerk })).status).toBe(200);
    expect((await s.call("GET", "/api/submissions/TST/2015/TST-D01", { user: "province-TST" })).status).toBe(200);
    expect((await s.call("GET", "/api/submissions/TST/2015/TST-D01", { user: "clerk-TST-D02" })).status).toBe(403);
    expect((await s.call("GET", "/api/submissions/TST/2015/TST-D01", { user: "province-BTH" })).status).toBe(403);
    expect((await s.call("GET", "/api/submissions/TST/2015/TST-D01", { user: "job-consolidation" })).status).toBe(403);
    expect((await s.call("GET", "/api/submissions/TST/2015/TST-D01")).status).toBe(401);
  });
  it("rejects unsafe or malformed path codes with 400 before storage", async () => {
    for (const p of ["TST/2015/TST%2FD01", "TST/2015/TST%23D01", "TST/2015/TST%3FD01", "TST/2015/TST%0AD01", "tst/2015/TST-D01", "TST/15/TST-D01", "TST/2015-13/TST-D01", "TST/2015/TST%5CD01"]) {
      const r = await s.call("GET", `/api/submissions/${p}`, { user: "province-TST" });
      expect(r.status, p).toBe(400);
      expect(r.json.error, p).toBe("bad_request");
    }
    expect((await s.call("GET", "/api/submissions/TST/2015/TST-D01?limit=0", { user: "province-TST" })).status).toBe(400);
  });
  it("answers 404 for a province without a registry", async () => {
    expect((await s.call("GET", "/api/submissions/NOPE/2015/NOPE-X", { user: "province-TST" })).status).toBe(404);
  });
});

describe("rollups", () => {
  it("gives the units, totals, completeness and timeliness to the province and its clerks", async () => {
    const r = await s.call("GET", "/api/rollups/TST/2015", { user: "province-TST" });
    expect(r.status).toBe(200);
    expect(r.json.completeness.unitsExpected).toBe(30);
    const d1 = r.json.districts.find((d: { unit: string }) => d.unit === "TST-D01");
    expect(d1).toMatchObject({ submitted: true, version: 1, status: "late", communesReported: 3 });
    expect(r.json.districts.find((d: { unit: string }) => d.unit === "TST-D30")).toMatchObject({ submitted: false, status: "overdue" });
    expect(r.json.totals["members.total"]).toBeGreaterThan(0);
    expect(r.json.totals["members.htxsnv_rate"]).toBeCloseTo((r.json.totals["members.grade.htxsnv"] / r.json.totals["members.total"]) * 100, 9);
    expect((await s.call("GET", "/api/rollups/TST/2015", { user: "clerk-TST-D29" })).status).toBe(200);
    expect((await s.call("GET", "/api/rollups/TST/2015", { user: "clerk-BTH-HTN" })).status).toBe(403);
    expect((await s.call("GET", "/api/rollups/TST/2015", { user: "province-BTH" })).status).toBe(403);
    expect((await s.call("GET", "/api/rollups/TST/2015", { user: "job-consolidation" })).status).toBe(403);
    expect((await s.call("GET", "/api/rollups/NOPE/2015", { user: "province-TST" })).status).toBe(404);
  });
  it("marks submissions before the due date on time and reports target attainment", async () => {
    const r = await s.call("POST", "/api/submissions", { user: "clerk-TST-D01", body: submission("TST-D01", { period: "2099" }), headers: idem() });
    expect(r.status).toBe(200);
    expect(r.json.rollup.districts[0].status).toBe("on_time");
    // Hàm Tân ended with the districts on 30 June 2025: a later period is refused, saying so.
    const gone = await s.call("POST", "/api/submissions", { user: "clerk-BTH-HTN", body: submission("BTH-HTN", { period: "2099" }), headers: idem() });
    expect(gone.status).toBe(422);
    expect(gone.json.issues[0].message).toContain("30/06/2025");
    const y2015 = await s.call("POST", "/api/submissions", { user: "clerk-BTH-HTN", body: submission("BTH-HTN"), headers: idem() });
    expect(y2015.status).toBe(200);
    const roll = await s.call("GET", "/api/rollups/BTH/2015", { user: "province-BTH" });
    expect(roll.json.targets.length).toBeGreaterThan(5);
    const schools = roll.json.targets.find((t: { id: string }) => t.id === "BTH-HTN-2015-schools-cell");
    expect(schools.actual).toBeCloseTo(roll.json.districts[0].values["org.schools.with_cell_rate"], 9);
    expect(schools.met).toBe(schools.actual > 80);
    expect(roll.json.targets.every((t: { met: boolean | null }) => t.met === null || typeof t.met === "boolean")).toBe(true);
  });
});

describe("orgunits", () => {
  it("serves a registry to any assigned user", async () => {
    const r = await s.call("GET", "/api/orgunits/BTH", { user: clerk });
    expect(r.status).toBe(200);
    expect(r.json.units.map((u: { code: string }) => u.code)).toContain("BTH-HTN-01");
    expect((await s.call("GET", "/api/orgunits/BTH")).status).toBe(401);
    expect((await s.call("GET", "/api/orgunits/NOPE", { user: clerk })).status).toBe(404);
    expect((await s.call("GET", "/api/orgunits/b%23h", { user: clerk })).status).toBe(400);
  });
});

describe("consolidations", () => {
  it("stores snapshots for the job only, idempotently", async () => {
    for (const user of [clerk, "province-TST"]) expect((await s.call("POST", "/api/consolidations", { user, body: { period: "2015" } })).status, user).toBe(403);
    const first = await s.call("POST", "/api/consolidations", { user: "job-consolidation", body: { province: "TST", period: "2015" } });
    expect(first.status).toBe(200);
    expect(first.json.provinces).toEqual([expect.objectContaining({ province: "TST", unitsExpected: 30, rowsWritten: 31, unchanged: false })]);
    const again = await s.call("POST", "/api/consolidations", { user: "job-consolidation", body: { province: "TST", period: "2015" } });
    expect(again.json.provinces[0]).toMatchObject({ rowsWritten: 0, unchanged: true });
    const all = await s.call("POST", "/api/consolidations", { user: "job-consolidation", body: { period: "2015" } });
    expect(all.json.provinces.map((p: { province: string }) => p.province)).toEqual(["BTH", "BTR", "LCU", "TST", "TTH"]);
    expect((await s.call("POST", "/api/consolidations", { user: "job-consolidation", body: { period: "15" } })).status).toBe(400);
    expect((await s.call("POST", "/api/consolidations", { user: "job-consolidation", body: { province: "NOPE", period: "2015" } })).status).toBe(404);
  });
  it("runs the nightly timer on demand through the admin endpoint", async () => {
    const res = await fetch(`${s.url}/admin/functions/consolidateNightly`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(202);
    const rowsOf = async () => { let n = 0; for await (const _ of s.table.listEntities({ queryOptions: { filter: "PartitionKey eq 'SNAP|2016' and RowKey ge 'TST|' and RowKey lt 'TST}'" } })) n++; return n; };
    // The province, its 30 districts and its data-quality scorecard.
    for (let i = 0; i < 100 && (await rowsOf()) < 32; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await rowsOf()).toBe(32);
    expect(await s.table.getEntity("SNAP|2016", "TST|~scorecard").then(() => true, () => false)).toBe(true);
    expect((await fetch(`${s.url}/admin/functions/nope`, { method: "POST" })).status).toBe(404);
  });
});

describe("unusual change against earlier periods", () => {
  const d = "TST-D07";
  const user = `clerk-${d}`;
  const unit = "TST-D07-M01";
  const send = (period: string, members: number) => s.call("POST", "/api/submissions", {
    user, headers: idem("hist"),
    body: submission(d, { period, units: [{ unit, values: { "members.total": members, "party.cells": 6 } }] }),
  });
  it("warns (never refuses) when a figure jumps far from the unit's own earlier periods", async () => {
    for (const [period, members] of [["2019", 60], ["2020", 62], ["2021", 61], ["2022", 64]] as const) expect((await send(period, members)).status).toBe(200);
    const jump = await send("2023", 610);
    expect(jump.status).toBe(200);
    const w = jump.json.warnings.find((i: { rule: string }) => i.rule === "outlier");
    expect(w).toMatchObject({ severity: "warning", unit, indicators: ["members.total"] });
    expect(w.message).toMatch(/khác thường/);
  });
  it("stays quiet for ordinary change", async () => {
    const ok = await send("2024", 66);
    expect(ok.status).toBe(200);
    expect(ok.json.warnings.filter((i: { rule: string }) => i.rule === "outlier")).toEqual([]);
  });
});
