import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApprovalsResponse, RollupResponse } from "../../shared/contract/index.ts";
import { idem, startStack, submission, type Stack } from "./stack.ts";

/** The approval workflow on Azurite and the local host: complete, approve, return, reopen. */
let stack: Stack;
const P = "2016";
const base = `/api/approvals/TST/${P}`;
const staff = { user: "province-TST" };
const send = (d: string, over: Parameters<typeof submission>[1] = {}, seed = 1) => stack.call("POST", "/api/submissions", { user: `clerk-${d}`, headers: idem(), body: submission(d, { period: P, ...over }, seed) });
const state = async (unit: string) => (ApprovalsResponse.parse((await stack.call("GET", base, staff)).json)).units.find((u) => u.unit === unit)!;

beforeAll(async () => {
  stack = await startStack();
  for (const d of ["TST-D01", "TST-D02"]) expect((await send(d)).status).toBe(200);
  // TST-D03 leaves a required indicator out altogether (a warning, so it is stored).
  const s = submission("TST-D03", { period: P });
  for (const u of s.units) { delete u.values["members.total"]; for (const k of Object.keys(u.values)) if (k.startsWith("members.")) delete u.values[k]; }
  const r = await stack.call("POST", "/api/submissions", { user: "clerk-TST-D03", headers: idem(), body: s });
  expect(r.status, JSON.stringify(r.json).slice(0, 400)).toBe(200);
}, 120_000);
afterAll(async () => { await stack?.close(); });

describe("approval workflow", () => {
  it("lists every reporting unit with its state", async () => {
    const r = ApprovalsResponse.parse((await stack.call("GET", base, staff)).json);
    expect(r.units).toHaveLength(30);
    expect(r.units.find((u) => u.unit === "TST-D01")).toMatchObject({ state: "none", dataVersion: 1 });
    expect(r.units.find((u) => u.unit === "TST-D09")).toMatchObject({ state: "none", dataVersion: 0 });
    // A clerk sees their own unit only.
    const mine = ApprovalsResponse.parse((await stack.call("GET", base, { user: "clerk-TST-D02" })).json);
    expect(mine.units.map((u) => u.unit)).toEqual(["TST-D02"]);
  });

  it("the clerk marks complete the version they saw; a stale version is a 409", async () => {
    const stale = await stack.call("POST", `${base}/complete`, { user: "clerk-TST-D01", body: { unit: "TST-D01", version: 2 } });
    expect(stale.status).toBe(409);
    expect(stale.json.refused[0]).toMatchObject({ unit: "TST-D01", reason: "version" });
    const ok = await stack.call("POST", `${base}/complete`, { user: "clerk-TST-D01", body: { unit: "TST-D01", version: 1 } });
    expect(ok.status).toBe(200);
    expect(ok.json.units[0]).toMatchObject({ unit: "TST-D01", state: "complete", version: 1 });
  });

  it("a required indicator left blank needs a comment", async () => {
    const no = await stack.call("POST", `${base}/complete`, { user: "clerk-TST-D03", body: { unit: "TST-D03", version: 1 } });
    expect(no.status).toBe(422);
    expect(no.json.needComment.map((x: { indicator: string }) => x.indicator)).toContain("members.total");
    expect(no.json.message.vi).toMatch(/cần ghi chú lý do: .*Tổng số đảng viên/);
    const yes = await stack.call("POST", `${base}/complete`, { user: "clerk-TST-D03", body: { unit: "TST-D03", version: 1, comments: { "members.total": "Đảng ủy chưa tổng hợp xong, bổ sung kỳ sau" } } });
    expect(yes.status).toBe(200);
    expect((await state("TST-D03")).comments).toEqual({ "members.total": "Đảng ủy chưa tổng hợp xong, bổ sung kỳ sau" });
  });

  it("the province approves several at once; approved data refuses submissions (423) until reopened", async () => {
    const notReady = await stack.call("POST", `${base}/approve`, { ...staff, body: { units: [{ unit: "TST-D01", version: 1 }, { unit: "TST-D02", version: 1 }] } });
    expect(notReady.status).toBe(409);
    expect(notReady.json.refused).toEqual([expect.objectContaining({ unit: "TST-D02", reason: "state" })]);
    expect((await state("TST-D01")).state).toBe("complete");
    const r = await stack.call("POST", `${base}/approve`, { ...staff, body: { units: [{ unit: "TST-D01", version: 1 }, { unit: "TST-D03", version: 1 }] } });
    expect(r.status).toBe(200);
    expect(r.json.units.map((u: { state: string }) => u.state)).toEqual(["approved", "approved"]);
    const sub = await send("TST-D01", { baseVersion: 1 }, 2);
    expect(sub.status).toBe(423);
    expect(sub.json.message.vi).toMatch(/đã được tỉnh duyệt/);
    expect((await stack.call("POST", `${base}/complete`, { user: "clerk-TST-D01", body: { unit: "TST-D01", version: 1 } })).status).toBe(423);
  });

  it("returns with a comment that the clerk sees; a new submission starts over", async () => {
    await stack.call("POST", `${base}/complete`, { user: "clerk-TST-D02", body: { unit: "TST-D02", version: 1 } });
    const noComment = await stack.call("POST", `${base}/return`, { ...staff, body: { units: [{ unit: "TST-D02", version: 1 }] } });
    expect(noComment.status).toBe(400);
    const r = await stack.call("POST", `${base}/return`, { ...staff, body: { units: [{ unit: "TST-D02", version: 1 }], comment: "Số chi bộ chưa khớp với báo cáo của Đảng ủy, đề nghị rà soát" } });
    expect(r.status).toBe(200);
    const mine = ApprovalsResponse.parse((await stack.call("GET", base, { user: "clerk-TST-D02" })).json);
    expect(mine.units[0]).toMatchObject({ state: "returned", comment: "Số chi bộ chưa khớp với báo cáo của Đảng ủy, đề nghị rà soát" });
    // The rollup carries each unit's state, so a returned unit is not read as final.
    const raw = (await stack.call("GET", `/api/rollups/TST/${P}`, staff)).json;
    const byUnit = new Map(raw.districts.map((d: { unit: string; approval: unknown }) => [d.unit, d.approval]));
    expect(byUnit.get("TST-D02")).toMatchObject({ state: "returned", version: 1, by: "province-TST", comment: "Số chi bộ chưa khớp với báo cáo của Đảng ủy, đề nghị rà soát" });
    expect(byUnit.get("TST-D01")).toMatchObject({ state: "approved", version: 1, by: "province-TST" });
    expect(Date.parse((byUnit.get("TST-D01") as { at: string }).at)).not.toBeNaN();
    // A one-level province: its single level's state is the unit's, a unit with nothing stored included.
    const level1 = { vi: "Cấp tỉnh duyệt", en: "Province approval" };
    expect(byUnit.get("TST-D09")).toEqual({ state: "none", version: 0, by: null, at: null, comment: null, levels: [{ level: 1, name: level1, state: "none", by: null, at: null }] });
    expect((byUnit.get("TST-D01") as { levels: unknown }).levels).toEqual([expect.objectContaining({ level: 1, state: "approved", by: "province-TST" })]);
    expect((byUnit.get("TST-D02") as { levels: unknown }).levels).toEqual([expect.objectContaining({ level: 1, state: "returned", by: "province-TST" })]);
    expect(RollupResponse.safeParse(raw).success).toBe(true);
    expect((await send("TST-D02", { baseVersion: 1 }, 3)).status).toBe(200);
    expect(await state("TST-D02")).toMatchObject({ state: "none", dataVersion: 2 });
  });

  it("an identical resubmission makes no version and keeps the complete mark", async () => {
    expect((await send("TST-D05", {}, 7)).status).toBe(200);
    expect((await stack.call("POST", `${base}/complete`, { user: "clerk-TST-D05", body: { unit: "TST-D05", version: 1 } })).status).toBe(200);
    const again = await send("TST-D05", { baseVersion: 1 }, 7);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ version: 1, unchanged: true, summary: { created: 0, updated: 0, deleted: 0 } });
    expect(again.json.summary.unchanged).toBeGreaterThan(0);
    expect(await state("TST-D05")).toMatchObject({ state: "complete", version: 1, dataVersion: 1 });
    const history = await stack.call("GET", `/api/submissions/TST/${P}/TST-D05`, staff);
    expect(history.status).toBe(200);
    expect(history.json).toMatchObject({ currentVersion: 1 });
    expect(history.json.entries).toHaveLength(1);
    // A real change still makes a version and drops the mark, as before.
    const changed = await send("TST-D05", { baseVersion: 1 }, 8);
    expect(changed.json).toMatchObject({ version: 2, unchanged: false });
    expect(await state("TST-D05")).toMatchObject({ state: "none", dataVersion: 2 });
  });

  it("reopening lets the clerk change approved data, and the change is counted", async () => {
    const r = await stack.call("POST", `${base}/reopen`, { ...staff, body: { units: [{ unit: "TST-D01", version: 1 }], comment: "Mở lại để bổ sung số liệu kết nạp" } });
    expect(r.status).toBe(200);
    expect((await send("TST-D01", { baseVersion: 1 }, 2)).status).toBe(200);
    expect(await state("TST-D01")).toMatchObject({ state: "none", dataVersion: 2, changesAfterApproval: 1 });
    const steps = ApprovalsResponse.parse((await stack.call("GET", base, staff)).json).steps.filter((s) => s.unit === "TST-D01").map((s) => s.step);
    expect(steps).toEqual(["reopen", "approve", "complete"]);
  });

  it("refuses people outside their role: 401, 403", async () => {
    expect((await stack.call("POST", `${base}/approve`, { body: { units: [{ unit: "TST-D02", version: 2 }] } })).status).toBe(401);
    expect((await stack.call("POST", `${base}/approve`, { user: "clerk-TST-D02", body: { units: [{ unit: "TST-D02", version: 2 }] } })).status).toBe(403);
    expect((await stack.call("POST", `${base}/approve`, { user: "province-BTH", body: { units: [{ unit: "TST-D02", version: 2 }] } })).status).toBe(403);
    expect((await stack.call("POST", `${base}/complete`, { user: "clerk-TST-D02", body: { unit: "TST-D01", version: 2 } })).status).toBe(403);
    expect((await stack.call("GET", base, { user: "province-BTH" })).status).toBe(403);
  });

  it("refuses malformed and oversized requests with 400/413/415 and writes nothing", async () => {
    const before = await state("TST-D02");
    const bad: [unknown, number][] = [
      [{ units: [] }, 400],
      [{ units: [{ unit: "TST-D02", version: 2 }, { unit: "TST-D02", version: 2 }] }, 400],
      [{ units: [{ unit: "tst/../d02", version: 2 }] }, 400],
      [{ units: [{ unit: "TST-D02", version: 0 }] }, 400],
      [{ units: [{ unit: "TST-D02", version: 2 }], comment: "\u0000" }, 400],
      [{ units: [{ unit: "TST-D02", version: 2 }], comment: "x".repeat(2001) }, 400],
      [{ units: Array.from({ length: 501 }, (_, i) => ({ unit: `TST-X${i}`, version: 1 })) }, 400],
      [{ units: [{ unit: "TST-D02", version: 2 }], extra: 1 }, 400],
      [{ units: Array.from({ length: 3000 }, (_, i) => ({ unit: `TST-D${String(i).padStart(30, "0")}`, version: 1 })) }, 413],
    ];
    for (const [body, status] of bad) expect((await stack.call("POST", `${base}/approve`, { ...staff, body })).status, JSON.stringify(body).slice(0, 60)).toBe(status);
    expect((await stack.call("POST", `${base}/approve`, { ...staff, raw: "units=1", headers: { "content-type": "text/plain" } })).status).toBe(415);
    expect((await stack.call("POST", `/api/approvals/TST/2016-13/approve`, { ...staff, body: { units: [{ unit: "TST-D02", version: 2 }] } })).status).toBe(400);
    expect((await stack.call("POST", `${base}/approve`, { ...staff, body: { units: [{ unit: "TST-D99", version: 1 }] } })).json.refused[0].reason).toBe("unknown_unit");
    expect(await state("TST-D02")).toEqual(before);
  });

  it("is in the OpenAPI document with its 403, 409 and 423", async () => {
    const doc = (await stack.call("GET", "/api/openapi.json")).json;
    const c = doc.paths["/api/approvals/{province}/{period}/complete"].post;
    for (const s of ["403", "409", "422", "423"]) expect(c.responses[s], s).toBeDefined();
    expect(doc.paths["/api/approvals/{province}/{period}/approve"].post.responses["409"]).toBeDefined();
  });
});
