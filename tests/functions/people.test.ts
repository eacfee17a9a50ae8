import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AssignmentAuditResponse, AssignmentChange, AssignmentsResponse, ErrorBody, MeResponse } from "../../shared/contract/index.ts";
import { idem, startStack, submission, type Stack } from "./stack.ts";

/** People managed through the API: operators, province staff, clerks; every change audited. */
let s: Stack;
beforeAll(async () => { s = await startStack(); }, 60_000);
afterAll(async () => { await s?.close(); });

const put = (by: string, province: string, user: string, body: unknown) => s.call("PUT", `/api/assignments/${province}/${encodeURIComponent(user)}`, { user: by, body });
const del = (by: string, province: string, user: string) => s.call("DELETE", `/api/assignments/${province}/${encodeURIComponent(user)}`, { user: by });
const list = async (by: string, province: string) => AssignmentsResponse.parse((await s.call("GET", `/api/assignments/${province}`, { user: by })).json);

function refused(r: { status: number; json: unknown }, status: number, label = ""): void {
  expect(r.status, `${label} ${JSON.stringify(r.json)}`).toBe(status);
  const e = ErrorBody.parse(r.json);
  expect(e.message.vi.length).toBeGreaterThan(0);
  expect(e.message.en.length).toBeGreaterThan(0);
}

describe("an account's whole life", () => {
  it("operator adds province staff → staff add a clerk → the clerk submits → revoked → 403 at once, every step audited", async () => {
    const staff = "nguoi-dung-mau-01@tinh-mau.example";
    const clerk = "0b5e1f2c-0000-4000-8000-000000000001";
    // No one has these yet.
    refused(await s.call("GET", "/api/me", { user: staff }), 403);

    const a = await put("admin", "TST", staff, { role: "province", unit: "TST", name: "Cán bộ mẫu 01", email: "can-bo-mau-01@tinh-mau.example" });
    expect(a.status, JSON.stringify(a.json)).toBe(200);
    expect(AssignmentChange.parse(a.json).assignment).toMatchObject({ user: staff, role: "province", unit: "TST" });
    expect(MeResponse.parse((await s.call("GET", "/api/me", { user: staff })).json).assignments[0]).toMatchObject({ role: "province", unit: "TST" });

    const b = await put(staff, "TST", clerk, { role: "clerk", unit: "TST-D05", name: "Văn thư mẫu 05" });
    expect(b.status, JSON.stringify(b.json)).toBe(200);
    const listed = (await list(staff, "TST")).assignments.find((x) => x.user === clerk);
    expect(listed).toMatchObject({ role: "clerk", unit: "TST-D05", name: "Văn thư mẫu 05", email: null });

    const sub = await s.call("POST", "/api/submissions", { user: clerk, headers: idem(), body: submission("TST-D05") });
    expect(sub.status, JSON.stringify(sub.json)).toBeLessThan(300);

    const r = await del(staff, "TST", clerk);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    refused(await s.call("GET", "/api/me", { user: clerk }), 403);
    refused(await s.call("POST", "/api/submissions", { user: clerk, headers: idem(), body: submission("TST-D05") }), 403);
    expect((await list(staff, "TST")).assignments.some((x) => x.user === clerk)).toBe(false);
    // Revoking again finds nothing to revoke.
    refused(await del(staff, "TST", clerk), 404);

    const audit = AssignmentAuditResponse.parse((await s.call("GET", "/api/assignments/TST/audit", { user: staff })).json).audit;
    expect(audit.map((e) => [e.action, e.user, e.by])).toEqual([["revoke", clerk, staff], ["put", clerk, staff], ["put", staff, "admin"]]);
    expect(audit[0]!.before).toMatchObject({ role: "clerk", unit: "TST-D05" });
    expect(audit[0]!.after).toBeNull();
    expect(Date.parse(audit[0]!.at)).toBeGreaterThan(Date.now() - 60_000);
    // Another province's audit is not this one's.
    expect(AssignmentAuditResponse.parse((await s.call("GET", "/api/assignments/BTH/audit", { user: "admin" })).json).audit).toEqual([]);
  });

  it("staff can be added before their province has a registry, and then import it", async () => {
    const r = await put("admin", "ZZQ", "can-bo-tinh-moi", { role: "province", unit: "ZZQ" });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    const me = MeResponse.parse((await s.call("GET", "/api/me", { user: "can-bo-tinh-moi" })).json);
    expect(me.assignments[0]).toMatchObject({ role: "province", unit: "ZZQ" });
    // Clerks need the registry to know the unit.
    refused(await put("can-bo-tinh-moi", "ZZQ", "van-thu-moi", { role: "clerk", unit: "ZZQ-01" }), 404);
    const units = [
      { code: "ZZQ", name: "Tỉnh mẫu ZZQ", level: "province", type: "tinh", parent: null, sample: true, aliases: [] },
      { code: "ZZQ-01", name: "Xã mẫu 01", level: "commune", type: "xa", parent: "ZZQ", sample: true, aliases: [], validFrom: "2025-07-01" },
    ];
    const imported = await s.call("POST", "/api/orgunits/ZZQ/import", { user: "can-bo-tinh-moi", body: { units } });
    expect(imported.status, JSON.stringify(imported.json)).toBe(200);
    expect((await put("can-bo-tinh-moi", "ZZQ", "van-thu-moi", { role: "clerk", unit: "ZZQ-01" })).status).toBe(200);
  });

  it("an Entra app role makes an operator without any table row", async () => {
    const token = await s.token("entra-operator-oid", {});
    refused(await s.call("PUT", "/api/assignments/TST/x1", { token, body: { role: "province", unit: "TST" } }), 403);
    const { signDevToken } = await import("../../functions/lib/token.ts");
    const withRole = await signDevToken({ user: "entra-operator-oid", keyDir: process.env.AUTH_DEV_KEY_DIR!, roles: ["HTCT.Operator"] });
    const ok = await s.call("PUT", "/api/assignments/TST/x1", { token: withRole, body: { role: "province", unit: "TST" } });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect((await del("admin", "TST", "x1")).status).toBe(200);
  });

  it("a person assigned by UPN is found by the token's upn claim when no assignment has the object id", async () => {
    const upn = "can-bo-mau-20@tinh-mau.example";
    expect((await put("admin", "TST", upn, { role: "clerk", unit: "TST-D20" })).status).toBe(200);
    const { signDevToken } = await import("../../functions/lib/token.ts");
    const token = await signDevToken({ user: "7c9e0000-0000-4000-8000-000000000020", keyDir: process.env.AUTH_DEV_KEY_DIR!, upn });
    const me = MeResponse.parse((await s.call("GET", "/api/me", { token })).json);
    expect(me.assignments[0]).toMatchObject({ role: "clerk", unit: "TST-D20" });
    expect((await del("province-TST", "TST", upn)).status).toBe(200);
    refused(await s.call("GET", "/api/me", { token }), 403);
  });
});

describe("who may change whom", () => {
  it("staff manage their own province's clerks only, never staff; clerks and jobs manage no one", async () => {
    refused(await put("province-TST", "TST", "someone", { role: "province", unit: "TST" }), 403, "staff adds staff");
    refused(await put("province-TST", "BTH", "someone", { role: "clerk", unit: "BTH-HTN" }), 403, "other province");
    refused(await put("province-TST", "TST", "someone", { role: "clerk", unit: "BTH-HTN" }), 400, "other province's unit");
    refused(await del("province-TST", "TST", "province-TST"), 403, "staff revokes staff");
    refused(await del("province-TST", "TST", "clerk-BTH-HTN"), 409, "clerk of another province");
    refused(await put("province-TST", "TST", "clerk-BTH-HTN", { role: "clerk", unit: "TST-D01" }), 409, "takes another province's clerk");
    refused(await put("province-TST", "TST", "job-consolidation", { role: "clerk", unit: "TST-D01" }), 409, "the job");
    refused(await put("province-TST", "TST", "admin", { role: "clerk", unit: "TST-D01" }), 409, "the operator");
    for (const by of ["clerk-TST-D01", "job-consolidation"]) refused(await put(by, "TST", "someone", { role: "clerk", unit: "TST-D01" }), 403, by);
    refused(await s.call("PUT", "/api/assignments/TST/someone", { body: { role: "clerk", unit: "TST-D01" } }), 401);
    expect((await list("province-TST", "TST")).assignments.some((x) => x.user === "someone")).toBe(false);
  });

  it("hostile bodies and ids get a 400 with a message, and nothing is written", async () => {
    const before = JSON.stringify(await list("admin", "TST"));
    const auditBefore = (await s.call("GET", "/api/assignments/TST/audit", { user: "admin" })).json;
    const bodies: unknown[] = [
      { role: "admin", unit: "TST-D01" },
      { role: "operator", unit: "TST-D01" },
      { role: "clerk" },
      { role: "clerk", unit: "tst-d01" },
      { role: "clerk", unit: "TST-D01", name: "Ậ".repeat(101) },
      { role: "clerk", unit: "TST-D01", name: "=HYPERLINK(\"http://evil.example\")" },
      { role: "clerk", unit: "TST-D01", name: "+84 ai đó" },
      { role: "clerk", unit: "TST-D01", name: "Tên\u0000ẩn" },
      { role: "clerk", unit: "TST-D01", name: "   " },
      { role: "clerk", unit: "TST-D01", email: "khong-phai-thu" },
      { role: "clerk", unit: "TST-D01", email: "a@b" },
      { role: "clerk", unit: "TST-D01", email: `${"a".repeat(250)}@x.example` },
      { role: "clerk", unit: "TST-D01", email: "=cmd@x.example" },
      { role: "clerk", unit: "TST-D01", extra: 1 },
      [{ role: "clerk", unit: "TST-D01" }],
      "clerk",
    ];
    for (const b of bodies) {
      const r = await put("admin", "TST", "hostile-target", b);
      expect(r.status, JSON.stringify(b)).toBe(400);
      expect(ErrorBody.safeParse(r.json).success).toBe(true);
    }
    const big = await s.call("PUT", "/api/assignments/TST/hostile-target", { user: "admin", raw: JSON.stringify({ role: "clerk", unit: "TST-D01", pad: "x".repeat(100_000) }), headers: { "content-type": "application/json" } });
    expect(big.status).toBe(413);
    for (const id of ["a|b", "AUDIT|TST|1", "a b", "%2Fx", "x".repeat(201), "a%23b", "a%00b"]) {
      const r = await s.call("PUT", `/api/assignments/TST/${id.includes("%") ? id : encodeURIComponent(id)}`, { user: "admin", body: { role: "clerk", unit: "TST-D01" } });
      expect(r.status, id).toBeGreaterThanOrEqual(400);
      expect(r.status, id).toBeLessThan(500);
    }
    expect(JSON.stringify(await list("admin", "TST"))).toBe(before);
    expect((await s.call("GET", "/api/assignments/TST/audit", { user: "admin" })).json).toEqual(auditBefore);
  });
});
