import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack.ts";

/**
 * Shared column mappings on Azurite: the first confirmed mapping of a form is learned and served
 * to the next unit, the province sees and sets them, nobody outside the province reads them, and
 * malformed, hostile and oversized requests get a 4xx and write nothing.
 */
let s: Stack;
beforeAll(async () => { s = await startStack(); }, 60_000);
afterAll(async () => { await s?.close(); });

const FP = "f0123456789abcdef";
const offer = (mapping: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  mapping, headers: ["Đơn vị", "Tổng số đảng viên", "Chi bộ đạt TSVM"], kind: "units", sheet: "Báo cáo", ...extra,
});
const count = async () => {
  let n = 0;
  for await (const e of s.table.listEntities({ queryOptions: { select: ["PartitionKey"] } })) if (e.partitionKey!.startsWith("MAP|")) n++;
  return n;
};

describe("shared column mappings", () => {
  it("learns the first clerk's confirmed mapping and serves it to the next unit of the province", async () => {
    const none = await s.call("GET", `/api/mappings/BTH/${FP}`, { user: "clerk-BTH-HTN" });
    expect(none.status).toBe(404);
    const first = await s.call("POST", `/api/mappings/BTH/${FP}`, { user: "clerk-BTH-HTN", body: offer({ "Chi bộ đạt TSVM": "grades.cells.tsvm", "Ghi chú": null }) });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ accepted: true, mapping: { source: "clerk", by: "clerk-BTH-HTN", unit: "BTH-HTN", mapping: { "Chi bộ đạt TSVM": "grades.cells.tsvm", "Ghi chú": null } } });
    // A second clerk's different offer does not replace what was learned.
    const second = await s.call("POST", `/api/mappings/BTH/${FP}`, { user: "clerk-BTH-HTN", body: offer({ "Chi bộ đạt TSVM": "massorg.grade.tot" }) });
    expect(second.json).toMatchObject({ accepted: false, mapping: { mapping: { "Chi bộ đạt TSVM": "grades.cells.tsvm" } } });
    const got = await s.call("GET", `/api/mappings/BTH/${FP}`, { user: "clerk-BTH-HTN" });
    expect(got.json.mapping).toEqual({ "Chi bộ đạt TSVM": "grades.cells.tsvm", "Ghi chú": null });
  });

  it("lets the province see every mapping in use and set its own, which clerks' offers never replace", async () => {
    const list = await s.call("GET", "/api/mappings/BTH", { user: "province-BTH" });
    expect(list.status).toBe(200);
    expect(list.json.mappings.map((m: { fingerprint: string }) => m.fingerprint)).toContain(FP);
    const set = await s.call("POST", `/api/mappings/BTH/${FP}`, { user: "province-BTH", body: offer({ "Chi bộ đạt TSVM": "grades.cells.tsvm", "Tổng số đảng viên": "members.total" }) });
    expect(set.json).toMatchObject({ accepted: true, mapping: { source: "province", by: "province-BTH" } });
    const clerk = await s.call("POST", `/api/mappings/BTH/${FP}`, { user: "clerk-BTH-HTN", body: offer({ "Tổng số đảng viên": null }) });
    expect(clerk.json).toMatchObject({ accepted: false, mapping: { source: "province", mapping: { "Tổng số đảng viên": "members.total" } } });
  });

  it("counts the units that sent with a form, and refuses a province edit based on an older version (409, nothing written)", async () => {
    const FP2 = "f00000000000000aa";
    await s.call("POST", `/api/mappings/BTH/${FP2}`, { user: "clerk-BTH-HTN", body: offer({ "Tổng số đảng viên": "members.total" }) });
    await s.call("POST", `/api/mappings/BTH/${FP2}`, { user: "clerk-BTH-HTN", body: offer({ "Tổng số đảng viên": "members.total" }) });
    const seen = (await s.call("GET", `/api/mappings/BTH/${FP2}`, { user: "province-BTH" })).json;
    expect(seen.units).toEqual(["BTH-HTN"]);
    const edit = await s.call("POST", `/api/mappings/BTH/${FP2}`, { user: "province-BTH", body: offer({ "Tổng số đảng viên": "members.total", "Chi bộ đạt TSVM": "grades.cells.tsvm" }, { baseAt: seen.at }) });
    expect(edit.status).toBe(200);
    expect(edit.json.mapping).toMatchObject({ source: "province", units: ["BTH-HTN"] });
    // A second edit from the same (now old) view: refused with who changed it, in Vietnamese too.
    const stale = await s.call("POST", `/api/mappings/BTH/${FP2}`, { user: "province-BTH", body: offer({ "Tổng số đảng viên": null }, { baseAt: seen.at }) });
    expect(stale.status).toBe(409);
    expect(stale.json.message.vi).toMatch(/vừa được province-BTH sửa/);
    expect((await s.call("GET", `/api/mappings/BTH/${FP2}`, { user: "province-BTH" })).json.mapping).toEqual({ "Tổng số đảng viên": "members.total", "Chi bộ đạt TSVM": "grades.cells.tsvm" });
    // baseAt is the province's: a clerk sending it is a bad request.
    const clerk = await s.call("POST", `/api/mappings/BTH/${FP2}`, { user: "clerk-BTH-HTN", body: offer({}, { baseAt: seen.at }) });
    expect(clerk.status).toBe(400);
    expect((await s.call("POST", `/api/mappings/BTH/${FP2}`, { user: "province-BTH", body: offer({}, { baseAt: "x".repeat(41) }) })).status).toBe(400);
  });

  it("refuses readers and writers outside the province", async () => {
    expect((await s.call("GET", "/api/mappings/BTH", { user: "clerk-wrong" })).status).toBe(403);
    expect((await s.call("POST", `/api/mappings/BTH/${FP}`, { user: "clerk-wrong", body: offer({}) })).status).toBe(403);
    expect((await s.call("GET", "/api/mappings/BTH")).status).toBe(401);
  });

  it("answers malformed, hostile and oversized requests with a 4xx and writes nothing", async () => {
    const before = await count();
    const post = (path: string, o: Parameters<Stack["call"]>[2]) => s.call("POST", path, { user: "clerk-BTH-HTN", ...o });
    const cases = [
      await post("/api/mappings/BTH/not-a-fingerprint", { body: offer({}) }),
      await post(`/api/mappings/BTH/f0123456789abcdeg`, { body: offer({}) }),
      await post(`/api/mappings/bth/${FP}`, { body: offer({}) }),
      await post(`/api/mappings/BTH/f1111111111111111`, { raw: "{not json", headers: { "content-type": "application/json" } }),
      await post(`/api/mappings/BTH/f1111111111111111`, { raw: JSON.stringify(offer({})), headers: { "content-type": "text/plain" } }),
      await post(`/api/mappings/BTH/f1111111111111111`, { raw: '{"mapping":{"__proto__":"x"},"headers":[],"kind":"units"}', headers: { "content-type": "application/json" } }),
      await post(`/api/mappings/BTH/f1111111111111111`, { body: offer({ A: "x".repeat(500) }) }),
      await post(`/api/mappings/BTH/f1111111111111111`, { body: offer({}, { kind: "sheet" }) }),
      await post(`/api/mappings/BTH/f1111111111111111`, { body: offer({}, { extra: 1 }) }),
      await post(`/api/mappings/BTH/f1111111111111111`, { body: offer({}, { headers: ["a\u0000b"] }) }),
      await post(`/api/mappings/BTH/f1111111111111111`, { body: offer(Object.fromEntries(Array.from({ length: 401 }, (_, i) => [`H${i}`, null]))) }),
      await post(`/api/mappings/BTH/f1111111111111111`, { raw: JSON.stringify(offer({ A: null, pad: "x".repeat(300 * 1024) })), headers: { "content-type": "application/json" } }),
    ];
    for (const r of cases) {
      expect(r.status, JSON.stringify(r.json).slice(0, 200)).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.json).toMatchObject({ error: expect.any(String) });
    }
    expect(await count()).toBe(before);
  });
});
