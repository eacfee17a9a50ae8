import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack.ts";

/** Issue 17: a mapping offer is checked on the server before anyone else's workbook is read with it. */
let s: Stack;
// Small limits so the queue fills in a few requests (settings are read once, when the host starts).
const PER_PROVINCE = 4, PER_CLERK = 2;
beforeAll(async () => {
  process.env.HTCT_PENDING_OFFERS_PER_PROVINCE = String(PER_PROVINCE);
  process.env.HTCT_PENDING_OFFERS_PER_CLERK = String(PER_CLERK);
  s = await startStack();
}, 60_000);
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

describe("the limit on pending offers", () => {
  // TST's clerks only: the tests above queue offers in BTH.
  const clerk = (n: number) => `clerk-TST-D${String(n).padStart(2, "0")}`;
  let next = 0;
  const fresh = () => {
    const i = next++;
    return { fp: `f${(0xa000 + i).toString(16).padStart(16, "0")}`, body: offer({ mapping: { [`Tổng số đảng viên (cột ${i})`]: "members.total" }, headers: [`Tổng số đảng viên (cột ${i})`] }) };
  };
  const send = (user: string, o: ReturnType<typeof fresh>) => s.call("POST", `/api/mappings/TST/${o.fp}`, { user, body: o.body });
  const pending = async () => (await s.call("GET", "/api/mapping-offers/TST", { user: "province-TST" })).json.offers.filter((o: { state: string }) => o.state === "pending");

  it("refuses a clerk's offer beyond the clerk's limit and the province's, in Vietnamese and English, writing nothing", async () => {
    const first = [fresh(), fresh()];
    for (const o of first) expect((await send(clerk(1), o)).json.offer.state).toBe("pending");
    const third = fresh();
    const r = await send(clerk(1), third);
    expect(r.status).toBe(409);
    expect(r.json).toMatchObject({ error: "offer_limit", scope: "clerk", limit: PER_CLERK, pending: PER_CLERK });
    expect(r.json.message.vi).toMatch(/đang chờ tỉnh duyệt \(tối đa 2 đề xuất mỗi người\); đề xuất này chưa được lưu/);
    expect(r.json.message.en).toMatch(/at most 2 per person/);
    expect(r.json.correlationId).toBeTruthy();

    for (const o of [fresh(), fresh()]) expect((await send(clerk(2), o)).status).toBe(200);
    const over = await send(clerk(3), fresh());
    expect(over.status).toBe(409);
    expect(over.json).toMatchObject({ error: "offer_limit", scope: "province", limit: PER_PROVINCE, pending: PER_PROVINCE });
    expect(over.json.message.vi).toMatch(/^Tỉnh TST đã có 4 đề xuất ánh xạ cột đang chờ duyệt \(tối đa 4\)/);
    const waiting = await pending();
    expect(waiting).toHaveLength(PER_PROVINCE);
    expect(waiting.map((o: { fingerprint: string }) => o.fingerprint)).not.toContain(third.fp);
    expect((await s.call("GET", `/api/mappings/TST/${third.fp}`, { user: "province-TST" })).status).toBe(404);

    // Another unit sending an offer already waiting adds no work: it is counted, not refused.
    const same = await send(clerk(3), first[0]!);
    expect(same.status).toBe(200);
    expect(same.json.offer.units).toEqual([clerk(1).slice(6), clerk(3).slice(6)].sort());
  });

  it("frees a place once the province's staff review an offer", async () => {
    const [oldest] = await pending();
    const rejected = await s.call("POST", `/api/mapping-offers/TST/${oldest.id}`, { user: "province-TST", body: { decision: "reject" } });
    expect(rejected.status).toBe(200);
    const o = fresh();
    expect((await send(clerk(3), o)).json.offer.state).toBe("pending");
    expect((await send(clerk(4), fresh())).status).toBe(409);
    expect(await pending()).toHaveLength(PER_PROVINCE);
  });

  it("holds under concurrent offers: never more pending than the limit", async () => {
    for (const o of (await pending()).slice(0, 3)) {
      expect((await s.call("POST", `/api/mapping-offers/TST/${o.id}`, { user: "province-TST", body: { decision: "reject" } })).status).toBe(200);
    }
    // Three free places, twelve offers at once from six clerks (two each, within their own limit).
    const burst = Array.from({ length: 12 }, (_, i) => send(clerk(10 + (i % 6)), fresh()));
    const statuses = (await Promise.all(burst)).map((r) => r.status);
    expect(statuses.filter((x) => x === 200)).toHaveLength(3);
    expect(statuses.filter((x) => x === 409)).toHaveLength(9);
    expect(await pending()).toHaveLength(PER_PROVINCE);
  });
});
