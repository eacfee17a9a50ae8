import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack.ts";

/**
 * Shared column mappings on Azurite: a clerk's offer waits for the province's staff and reaches
 * other clerks only once accepted, a rejected one never, the province sees and sets them, nobody outside the province reads them, and
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
  it("queues the first clerk's offer for the province's staff: not served to another clerk until accepted", async () => {
    const none = await s.call("GET", `/api/mappings/TST/${FP}`, { user: "clerk-TST-D02" });
    expect(none.status).toBe(404);
    const first = await s.call("POST", `/api/mappings/TST/${FP}`, { user: "clerk-TST-D01", body: offer({ "Chi bộ đạt TSVM": "grades.cells.tsvm", "Ghi chú": null }) });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ accepted: false, mapping: null, offer: { state: "pending", by: "clerk-TST-D01", unit: "TST-D01", mapping: { "Chi bộ đạt TSVM": "grades.cells.tsvm", "Ghi chú": null } } });
    const id = first.json.offer.id as string;
    expect((await s.call("GET", `/api/mappings/TST/${FP}`, { user: "clerk-TST-D02" })).status).toBe(404);
    expect((await s.call("GET", "/api/mappings/TST", { user: "clerk-TST-D02" })).json.mappings.map((m: { fingerprint: string }) => m.fingerprint)).not.toContain(FP);
    // The same offer from another unit is the same queued offer, with both units counted.
    const again = await s.call("POST", `/api/mappings/TST/${FP}`, { user: "clerk-TST-D02", body: offer({ "Ghi chú": null, "Chi bộ đạt TSVM": "grades.cells.tsvm" }) });
    expect(again.json.offer).toMatchObject({ id, units: ["TST-D01", "TST-D02"] });
    // Clerks cannot see the queue nor review.
    expect((await s.call("GET", "/api/mapping-offers/TST", { user: "clerk-TST-D01" })).status).toBe(403);
    expect((await s.call("POST", `/api/mapping-offers/TST/${id}`, { user: "clerk-TST-D01", body: { decision: "accept" } })).status).toBe(403);
    const queue = await s.call("GET", "/api/mapping-offers/TST", { user: "province-TST" });
    expect(queue.status).toBe(200);
    expect(queue.json.offers).toEqual([expect.objectContaining({ id, state: "pending", fingerprint: FP })]);

    const ok = await s.call("POST", `/api/mapping-offers/TST/${id}`, { user: "province-TST", body: { decision: "accept" } });
    expect(ok.status).toBe(200);
    expect(ok.json.offer).toMatchObject({ state: "accepted", reviewedBy: "province-TST", reviewedAt: expect.any(String) });
    const served = await s.call("GET", `/api/mappings/TST/${FP}`, { user: "clerk-TST-D02" });
    expect(served.status).toBe(200);
    expect(served.json).toMatchObject({ source: "clerk", by: "clerk-TST-D01", mapping: { "Chi bộ đạt TSVM": "grades.cells.tsvm", "Ghi chú": null } });
    // Reviewed once: a second review is a 409 naming who did it, nothing changes.
    const twice = await s.call("POST", `/api/mapping-offers/TST/${id}`, { user: "province-TST", body: { decision: "reject" } });
    expect(twice.status).toBe(409);
    expect(twice.json.message.vi).toMatch(/đã được chấp nhận \(province-TST/);
    // The accepted mapping offered again is simply in use.
    const same = await s.call("POST", `/api/mappings/TST/${FP}`, { user: "clerk-TST-D03", body: offer({ "Chi bộ đạt TSVM": "grades.cells.tsvm", "Ghi chú": null }) });
    expect(same.json).toMatchObject({ accepted: true, mapping: { units: ["TST-D01", "TST-D02", "TST-D03"] } });
  });

  it("never serves a rejected offer, and a differing offer leaves the accepted mapping in place", async () => {
    const other = await s.call("POST", `/api/mappings/TST/${FP}`, { user: "clerk-TST-D02", body: offer({ "Chi bộ đạt TSVM": "massorg.grade.tot" }) });
    expect(other.json).toMatchObject({ accepted: false, mapping: { mapping: { "Chi bộ đạt TSVM": "grades.cells.tsvm" } }, offer: { state: "pending" } });
    const id = other.json.offer.id as string;
    const no = await s.call("POST", `/api/mapping-offers/TST/${id}`, { user: "province-TST", body: { decision: "reject" } });
    expect(no.status).toBe(200);
    expect(no.json).toMatchObject({ offer: { state: "rejected", reviewedBy: "province-TST" }, mapping: null });
    expect((await s.call("GET", `/api/mappings/TST/${FP}`, { user: "clerk-TST-D04" })).json.mapping).toEqual({ "Chi bộ đạt TSVM": "grades.cells.tsvm", "Ghi chú": null });
    // Offered again, it stays rejected: not back in the queue, not served.
    const back = await s.call("POST", `/api/mappings/TST/${FP}`, { user: "clerk-TST-D05", body: offer({ "Chi bộ đạt TSVM": "massorg.grade.tot" }) });
    expect(back.json.offer).toMatchObject({ id, state: "rejected" });
    expect((await s.call("GET", `/api/mappings/TST/${FP}`, { user: "clerk-TST-D04" })).json.mapping).toEqual({ "Chi bộ đạt TSVM": "grades.cells.tsvm", "Ghi chú": null });
    // A rejected offer on a form with no accepted mapping is never served either.
    const FP3 = "f00000000000000bb";
    const lone = await s.call("POST", `/api/mappings/TST/${FP3}`, { user: "clerk-TST-D01", body: offer({ "Tổng số đảng viên": "members.total" }) });
    await s.call("POST", `/api/mapping-offers/TST/${lone.json.offer.id}`, { user: "province-TST", body: { decision: "reject" } });
    expect((await s.call("GET", `/api/mappings/TST/${FP3}`, { user: "clerk-TST-D02" })).status).toBe(404);
    expect((await s.call("GET", `/api/mappings/TST/${FP3}`, { user: "clerk-TST-D01" })).status).toBe(404);
  });

  it("lets only the province's own staff review; staff of another province get 403 and change nothing", async () => {
    const FP4 = "f00000000000000cc";
    const o = await s.call("POST", `/api/mappings/TST/${FP4}`, { user: "clerk-TST-D01", body: offer({ "Tổng số đảng viên": "members.total" }) });
    const id = o.json.offer.id as string;
    expect((await s.call("GET", "/api/mapping-offers/TST", { user: "province-BTH" })).status).toBe(403);
    expect((await s.call("POST", `/api/mapping-offers/TST/${id}`, { user: "province-BTH", body: { decision: "accept" } })).status).toBe(403);
    expect((await s.call("POST", `/api/mapping-offers/BTH/${id}`, { user: "province-BTH", body: { decision: "accept" } })).status).toBe(404);
    expect((await s.call("POST", `/api/mapping-offers/TST/${id}`, { body: { decision: "accept" } })).status).toBe(401);
    expect((await s.call("GET", `/api/mappings/TST/${FP4}`, { user: "clerk-TST-D02" })).status).toBe(404);
    const queue = await s.call("GET", "/api/mapping-offers/TST", { user: "province-TST" });
    expect(queue.json.offers.find((x: { id: string }) => x.id === id)).toMatchObject({ state: "pending", reviewedBy: null });
  });

  it("answers hostile review ids and bodies with a 4xx and writes nothing", async () => {
    const FP5 = "f00000000000000dd";
    const o = await s.call("POST", `/api/mappings/TST/${FP5}`, { user: "clerk-TST-D01", body: offer({ "Tổng số đảng viên": "members.total" }) });
    const id = o.json.offer.id as string;
    const before = await count();
    const post = (path: string, x: Parameters<Stack["call"]>[2]) => s.call("POST", path, { user: "province-TST", ...x });
    const cases = [
      await post(`/api/mapping-offers/TST/not-an-id`, { body: { decision: "accept" } }),
      await post(`/api/mapping-offers/TST/${id.toUpperCase()}`, { body: { decision: "accept" } }),
      await post(`/api/mapping-offers/TST/${encodeURIComponent("Q|" + id)}`, { body: { decision: "accept" } }),
      await post(`/api/mapping-offers/TST/o${"0".repeat(16)}`, { body: { decision: "accept" } }),
      await post(`/api/mapping-offers/TST/${id}`, { body: { decision: "approve" } }),
      await post(`/api/mapping-offers/TST/${id}`, { body: { decision: "accept", mapping: { A: "members.total" } } }),
      await post(`/api/mapping-offers/TST/${id}`, { body: {} }),
      await post(`/api/mapping-offers/TST/${id}`, { raw: "{not json", headers: { "content-type": "application/json" } }),
      await post(`/api/mapping-offers/TST/${id}`, { raw: JSON.stringify({ decision: "accept", pad: "x".repeat(4096) }), headers: { "content-type": "application/json" } }),
      await post(`/api/mapping-offers/TST/${id}`, { raw: "[".repeat(5000), headers: { "content-type": "application/json" } }),
    ];
    for (const r of cases) {
      expect(r.status, JSON.stringify(r.json).slice(0, 200)).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.json).toMatchObject({ error: expect.any(String) });
    }
    expect(await count()).toBe(before);
    const queue = await s.call("GET", "/api/mapping-offers/TST", { user: "province-TST" });
    expect(queue.json.offers.find((x: { id: string }) => x.id === id)).toMatchObject({ state: "pending" });
    expect((await s.call("GET", `/api/mappings/TST/${FP5}`, { user: "clerk-TST-D02" })).status).toBe(404);
  });

  it("lets the province set its own mapping, which clerks' offers never replace", async () => {
    const FP2 = "f00000000000000aa";
    const set = await s.call("POST", `/api/mappings/BTH/${FP2}`, { user: "province-BTH", body: offer({ "Tổng số đảng viên": "members.total" }) });
    expect(set.json).toMatchObject({ accepted: true, mapping: { source: "province", by: "province-BTH" } });
    const seen = (await s.call("GET", `/api/mappings/BTH/${FP2}`, { user: "clerk-BTH-HTN" })).json;
    const clerk = await s.call("POST", `/api/mappings/BTH/${FP2}`, { user: "clerk-BTH-HTN", body: offer({ "Tổng số đảng viên": null }) });
    expect(clerk.json).toMatchObject({ accepted: false, mapping: { source: "province", mapping: { "Tổng số đảng viên": "members.total" } }, offer: { state: "pending" } });
    const same = await s.call("POST", `/api/mappings/BTH/${FP2}`, { user: "clerk-BTH-HTN", body: offer({ "Tổng số đảng viên": "members.total" }) });
    expect(same.json).toMatchObject({ accepted: true, mapping: { units: ["BTH-HTN"] } });
    const edit = await s.call("POST", `/api/mappings/BTH/${FP2}`, { user: "province-BTH", body: offer({ "Tổng số đảng viên": "members.total", "Chi bộ đạt TSVM": "grades.cells.tsvm" }, { baseAt: same.json.mapping.at }) });
    expect(edit.status).toBe(200);
    expect(edit.json.mapping).toMatchObject({ source: "province", units: ["BTH-HTN"] });
    // A second edit from the same (now old) view: refused with who changed it, in Vietnamese too.
    const stale = await s.call("POST", `/api/mappings/BTH/${FP2}`, { user: "province-BTH", body: offer({ "Tổng số đảng viên": null }, { baseAt: seen.at }) });
    expect(stale.status).toBe(409);
    expect(stale.json.message.vi).toMatch(/vừa được province-BTH sửa/);
    expect((await s.call("GET", `/api/mappings/BTH/${FP2}`, { user: "province-BTH" })).json.mapping).toEqual({ "Tổng số đảng viên": "members.total", "Chi bộ đạt TSVM": "grades.cells.tsvm" });
    // baseAt is the province's: a clerk sending it is a bad request.
    const bad = await s.call("POST", `/api/mappings/BTH/${FP2}`, { user: "clerk-BTH-HTN", body: offer({}, { baseAt: seen.at }) });
    expect(bad.status).toBe(400);
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
