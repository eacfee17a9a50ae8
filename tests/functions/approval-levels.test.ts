import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApprovalLevelsResponse, ApprovalsResponse, RollupResponse } from "../../shared/contract/index.ts";
import { TWO_LEVEL_EXAMPLE } from "../../shared/approval/levels-v1.ts";
import { idem, startStack, submission, type Stack } from "./stack.ts";

/**
 * Two approval levels on Azurite and the local host (issue 19): an operator gives TST a review by
 * the Ban Tổ chức before the Ban Thường vụ's approval and the two staff members their levels; the
 * whole life of a unit through both levels, the refusals (order: 409; right: 403), returns at
 * either level, the top level's reopening, and the levels in the rollup.
 */
let stack: Stack;
const P = "2017";
const base = `/api/approvals/TST/${P}`;
const REVIEW = { user: "btc-tst@tinh-mau.example" };
const APPROVE = { user: "btv-tst@tinh-mau.example" };
/** Province staff without a level of their own: the assigned levels are not theirs. */
const STAFF = { user: "province-TST" };
const send = (d: string, over: Parameters<typeof submission>[1] = {}, seed = 1) => stack.call("POST", "/api/submissions", { user: `clerk-${d}`, headers: idem(), body: submission(d, { period: P, ...over }, seed) });
const list = async () => ApprovalsResponse.parse((await stack.call("GET", base, STAFF)).json);
const unit = async (code: string) => (await list()).units.find((u) => u.unit === code)!;
const complete = (d: string, version = 1) => stack.call("POST", `${base}/complete`, { user: `clerk-${d}`, body: { unit: d, version } });
const act = (step: "approve" | "return" | "reopen", who: { user: string }, units: string[], extra: Record<string, unknown> = {}, version = 1) =>
  stack.call("POST", `${base}/${step}`, { ...who, body: { units: units.map((u) => ({ unit: u, version })), ...extra } });

beforeAll(async () => {
  stack = await startStack();
  for (const d of ["TST-D01", "TST-D02", "TST-D03"]) {
    expect((await send(d)).status).toBe(200);
    expect((await complete(d)).status).toBe(200);
  }
}, 120_000);
afterAll(async () => { await stack?.close(); });

describe("approval levels as data", () => {
  it("a province follows the one-level default until an operator sets its own chain, audited", async () => {
    const before = ApprovalLevelsResponse.parse((await stack.call("GET", "/api/approval-levels/TST", STAFF)).json);
    expect(before).toMatchObject({ own: false, chain: { levels: [{ level: 1, who: "province_staff" }] }, audit: [] });
    // Staff do not set who approves their data; a chain with a gap is no chain.
    expect((await stack.call("PUT", "/api/approval-levels/TST", { ...STAFF, body: { chain: TWO_LEVEL_EXAMPLE } })).status).toBe(403);
    const gap = { levels: [TWO_LEVEL_EXAMPLE.levels[0], { ...TWO_LEVEL_EXAMPLE.levels[1], level: 3 }] };
    expect((await stack.call("PUT", "/api/approval-levels/TST", { user: "admin", body: { chain: gap } })).status).toBe(400);
    const put = await stack.call("PUT", "/api/approval-levels/TST", { user: "admin", body: { chain: TWO_LEVEL_EXAMPLE } });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    const after = ApprovalLevelsResponse.parse(put.json);
    expect(after.own).toBe(true);
    expect(after.chain.levels.map((l) => l.name.vi)).toEqual(["Ban Tổ chức thẩm định", "Ban Thường vụ duyệt"]);
    expect(after.audit).toEqual([expect.objectContaining({ user: "admin", before: null, after: TWO_LEVEL_EXAMPLE })]);
    // Another province keeps the default.
    expect(ApprovalLevelsResponse.parse((await stack.call("GET", "/api/approval-levels/BTH", { user: "province-BTH" })).json).own).toBe(false);
  });

  it("refuses bad chains and callers with a clear status, writing nothing", async () => {
    const before = (await stack.call("GET", "/api/approval-levels/TST", STAFF)).json;
    const put = (body: unknown, user = "admin", province = "TST") => stack.call("PUT", `/api/approval-levels/${province}`, { user, body });
    const l1 = TWO_LEVEL_EXAMPLE.levels[0]!;
    for (const [body, status] of [
      [{ chain: { levels: [] } }, 400],
      [{ chain: { levels: [{ ...l1, who: "anyone" }] } }, 400],
      [{ chain: { levels: [{ ...l1, name: { vi: "=1+1", en: "x" } }] } }, 400],
      [{ chain: { levels: Array.from({ length: 6 }, (_, i) => ({ ...l1, level: i + 1 })) } }, 400],
      [{ chain: TWO_LEVEL_EXAMPLE, extra: 1 }, 400],
      [{ chain: { levels: [{ ...l1, name: { vi: "x".repeat(70_000), en: "x" } }] } }, 413],
    ] as const) expect((await put(body)).status, JSON.stringify(body).slice(0, 80)).toBe(status);
    expect((await put({ chain: TWO_LEVEL_EXAMPLE }, "clerk-TST-D01")).status).toBe(403);
    expect((await put({ chain: TWO_LEVEL_EXAMPLE }, "admin", "XYZ")).status).toBe(404);
    expect((await stack.call("GET", "/api/approval-levels/TST", { user: "clerk-TST-D01" })).status).toBe(403);
    expect((await stack.call("GET", "/api/approval-levels/TST", { user: "province-BTH" })).status).toBe(403);
    expect((await stack.call("GET", "/api/approval-levels/TST")).status).toBe(401);
    expect((await stack.call("GET", "/api/approval-levels/TST", STAFF)).json).toEqual(before);
  });

  it("an operator gives each staff member the levels they act at; a clerk holds none", async () => {
    for (const [who, levels, name] of [[REVIEW, [1], "Cán bộ Ban Tổ chức mẫu"], [APPROVE, [2], "Cán bộ Ban Thường vụ mẫu"]] as const) {
      const r = await stack.call("PUT", `/api/assignments/TST/${who.user}`, { user: "admin", body: { role: "province", unit: "TST", name, levels } });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    }
    expect((await stack.call("PUT", "/api/assignments/TST/van-thu-mau@tinh-mau.example", { user: "admin", body: { role: "clerk", unit: "TST-D04", levels: [1] } })).status).toBe(400);
    const seen = async (who: { user: string }) => ApprovalsResponse.parse((await stack.call("GET", base, who)).json);
    expect((await seen(REVIEW)).myLevels).toEqual([1]);
    expect((await seen(APPROVE)).myLevels).toEqual([2]);
    expect((await seen(STAFF)).myLevels).toEqual([]);
    expect((await seen(STAFF)).levels.map((l) => l.level)).toEqual([1, 2]);
  });

  it("refuses level 2 before level 1 (409, in both languages) and a level the user does not hold (403), writing nothing", async () => {
    const early = await act("approve", APPROVE, ["TST-D01"], { level: 2 });
    expect(early.status).toBe(409);
    expect(early.json.message.vi).toBe("Chưa thể duyệt ở cấp 2 (Ban Thường vụ duyệt): cấp 1 (Ban Tổ chức thẩm định) chưa duyệt 1 đơn vị. Mỗi cấp chỉ duyệt sau khi cấp dưới đã duyệt; chưa ghi gì.");
    expect(early.json.message.en).toMatch(/^Cannot approve at level 2 \(Standing Committee approval\): level 1 \(Organisation Commission review\) has not approved 1 unit/);
    expect(early.json.refused).toEqual([expect.objectContaining({ unit: "TST-D01", reason: "level", awaitingLevel: 1 })]);
    // Without --level the approver's own level is used: the same refusal.
    expect((await act("approve", APPROVE, ["TST-D01"])).json.refused[0].reason).toBe("level");

    const notMine = await act("approve", REVIEW, ["TST-D01"], { level: 2 });
    expect(notMine.status).toBe(403);
    expect(notMine.json.message.vi).toBe("Phân công của bạn không có quyền thao tác ở cấp duyệt 2 (Ban Thường vụ duyệt).");
    expect((await act("approve", STAFF, ["TST-D01"])).status).toBe(403);
    expect((await act("return", STAFF, ["TST-D01"], { comment: "Đề nghị rà soát" })).status).toBe(403);
    expect((await act("approve", REVIEW, ["TST-D01"], { level: 3 })).status).toBe(400);

    const u = await unit("TST-D01");
    expect(u).toMatchObject({ state: "complete", awaitingLevel: 1 });
    expect(u.levels.map((l) => l.state)).toEqual(["none", "none"]);
    expect((await list()).steps.filter((s) => s.unit === "TST-D01").map((s) => s.step)).toEqual(["complete"]);
  });

  it("level 1 approves: the unit stays complete, waits at level 2, and is not yet approved data", async () => {
    const r = await act("approve", REVIEW, ["TST-D01", "TST-D02", "TST-D03"]);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.units.map((x: { state: string; awaitingLevel: number }) => [x.state, x.awaitingLevel])).toEqual([["complete", 2], ["complete", 2], ["complete", 2]]);
    const u = await unit("TST-D01");
    expect(u.levels).toEqual([
      expect.objectContaining({ level: 1, state: "approved", by: REVIEW.user }),
      expect.objectContaining({ level: 2, state: "none", by: null }),
    ]);
    // The clerk's mark stands: state, who and when are still the clerk's "complete".
    expect(u).toMatchObject({ state: "complete", by: "clerk-TST-D01" });
    // Level 1 has acted: it cannot approve again; the unit is level 2's to decide.
    expect((await act("approve", REVIEW, ["TST-D01"])).json.refused[0]).toMatchObject({ reason: "state", awaitingLevel: 2 });

    const raw = (await stack.call("GET", `/api/rollups/TST/${P}`, STAFF)).json;
    expect(RollupResponse.safeParse(raw).success).toBe(true);
    const d01 = raw.districts.find((d: { unit: string }) => d.unit === "TST-D01").approval;
    expect(d01.state).toBe("complete");
    expect(d01.levels.map((l: { state: string }) => l.state)).toEqual(["approved", "none"]);
    const only = (await stack.call("GET", `/api/rollups/TST/${P}?approved=only`, STAFF)).json;
    expect(only.completeness.unitsCounted).toBe(0);
  });

  it("a return at level 2 goes back to the clerk, who marks it complete again and starts both levels over", async () => {
    const r = await act("return", APPROVE, ["TST-D02"], { comment: "Số đảng viên chưa khớp với báo cáo của Đảng ủy, đề nghị rà soát lại" });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const mine = ApprovalsResponse.parse((await stack.call("GET", base, { user: "clerk-TST-D02" })).json).units[0]!;
    expect(mine).toMatchObject({ state: "returned", by: APPROVE.user, comment: "Số đảng viên chưa khớp với báo cáo của Đảng ủy, đề nghị rà soát lại", awaitingLevel: null });
    expect(mine.levels.map((l) => l.state)).toEqual(["approved", "returned"]);
    expect((await complete("TST-D02")).status).toBe(200);
    const again = await unit("TST-D02");
    expect(again).toMatchObject({ state: "complete", awaitingLevel: 1 });
    expect(again.levels.map((l) => l.state)).toEqual(["none", "none"]);
    // A return at level 1 sends it back too.
    expect((await act("return", REVIEW, ["TST-D02"], { comment: "Thiếu ghi chú số chi bộ" })).status).toBe(200);
    expect((await unit("TST-D02")).levels.map((l) => l.state)).toEqual(["returned", "none"]);
  });

  it("level 2 approves: the unit is approved, counted as approved data, and locked", async () => {
    const r = await act("approve", APPROVE, ["TST-D01"]);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const u = await unit("TST-D01");
    expect(u).toMatchObject({ state: "approved", by: APPROVE.user, awaitingLevel: null });
    expect(u.levels.map((l) => [l.level, l.state, l.by])).toEqual([[1, "approved", REVIEW.user], [2, "approved", APPROVE.user]]);
    expect((await send("TST-D01", { baseVersion: 1 }, 2)).status).toBe(423);
    const only = (await stack.call("GET", `/api/rollups/TST/${P}?approved=only`, STAFF)).json;
    expect(only.completeness.unitsCounted).toBe(1);
    const steps = (await list()).steps.filter((s) => s.unit === "TST-D01").map((s) => [s.step, s.level ?? null, s.by]);
    expect(steps).toEqual([["approve", 2, APPROVE.user], ["approve", 1, REVIEW.user], ["complete", null, "clerk-TST-D01"]]);
  });

  it("only the top level reopens; the reopened unit starts its levels over", async () => {
    const low = await act("reopen", REVIEW, ["TST-D01"], { comment: "Mở lại để bổ sung" });
    expect(low.status).toBe(403);
    const asked = await act("reopen", APPROVE, ["TST-D01"], { comment: "Mở lại để bổ sung", level: 1 });
    expect(asked.status).toBe(403);
    const r = await act("reopen", APPROVE, ["TST-D01"], { comment: "Mở lại để bổ sung số liệu kết nạp" });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const u = await unit("TST-D01");
    expect(u).toMatchObject({ state: "reopened" });
    expect(u.levels.map((l) => l.state)).toEqual(["none", "none"]);
    expect((await send("TST-D01", { baseVersion: 1 }, 2)).status).toBe(200);
    expect(await unit("TST-D01")).toMatchObject({ state: "none", dataVersion: 2, changesAfterApproval: 1 });
  });

  it("a submission while level 1 has approved starts the unit over (level 2 never decides on data level 1 did not see)", async () => {
    expect((await send("TST-D03", { baseVersion: 1 }, 5)).status).toBe(200);
    const u = await unit("TST-D03");
    expect(u).toMatchObject({ state: "none", dataVersion: 2, awaitingLevel: null });
    expect(u.levels.map((l) => l.state)).toEqual(["none", "none"]);
    expect((await act("approve", APPROVE, ["TST-D03"], {}, 2)).json.refused[0].reason).toBe("state");
  });

  it("is in the OpenAPI document: the levels routes, and the level on approve with its 403 and 409", async () => {
    const doc = (await stack.call("GET", "/api/openapi.json")).json;
    expect(Object.keys(doc.paths["/api/approval-levels/{province}"]).sort()).toEqual(["get", "put"]);
    const approve = doc.paths["/api/approvals/{province}/{period}/approve"].post;
    for (const s of ["403", "409"]) expect(approve.responses[s], s).toBeDefined();
    expect(JSON.stringify(approve.requestBody)).toContain("level");
  });
});
