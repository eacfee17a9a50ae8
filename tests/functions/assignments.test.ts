import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AssignmentsResponse, ErrorBody, MAX_ASSIGNEE_TEXT } from "../../shared/contract/index.ts";
import { clerksByUnit, layoutStatus } from "../../shared/report/status-layout.ts";
import { isFormulaLeading } from "../../shared/index.ts";
import { REGISTRY_ALL, startStack, type Stack } from "./stack.ts";

/** GET /api/assignments/{province}: the clerks of a province's units, for its own staff only. */
let s: Stack;
beforeAll(async () => {
  s = await startStack();
  // Rows as a careless or hostile administrator might leave them in the assignment table.
  const rows = [
    { rowKey: "clerk-hostile", role: "clerk", unit: "TST-D02", name: `=HYPERLINK("http://evil.example","x")\u0000\u0007${"Ậ".repeat(5000)}`, email: 42, token: "eyJhbGciOi.secret.token", secret: "s3cr3t" },
    { rowKey: "clerk-mail", role: "clerk", unit: "TST-D03", name: "", email: "can-bo-mau-03@example.invalid" },
    { rowKey: "admin-odd", role: "admin", unit: "TST", name: "Không phải vai trò" },
    { rowKey: "clerk-nounit", role: "clerk", unit: 17, name: "Mã đơn vị không phải chữ" },
    { rowKey: "province-other-in-tst", role: "province", unit: "TST-D01", name: "Vai trò tỉnh gắn với huyện" },
  ];
  for (const { rowKey, ...props } of rows) await s.table.upsertEntity({ partitionKey: "ASSIGN", rowKey, ...props }, "Replace");
  await s.table.upsertEntity({ partitionKey: "ASSIGN", rowKey: "province-ZZZ", role: "province", unit: "ZZZ", name: "Tỉnh không có danh mục" }, "Replace");
}, 60_000);
afterAll(async () => { await s?.close(); });

const get = (user: string | null, province: string) => s.call("GET", `/api/assignments/${province}`, user ? { user } : {});

describe("the province's assignment listing", () => {
  it("lists the province's staff and the clerks of its units by id and name, nothing of another province, no other column", async () => {
    const r = await get("province-TST", "TST");
    expect(r.status).toBe(200);
    const body = AssignmentsResponse.parse(r.json);
    const codes = new Set(REGISTRY_ALL.filter((u) => u.code.startsWith("TST")).map((u) => u.code));
    expect(body.assignments.length).toBeGreaterThan(30);
    for (const a of body.assignments) expect(codes.has(a.unit), a.unit).toBe(true);
    expect(body.assignments.filter((a) => a.role === "province").map((a) => a.unit)).toEqual(["TST"]);
    const d01 = body.assignments.find((a) => a.unit === "TST-D01" && a.role === "clerk")!;
    expect(d01).toEqual({ user: "clerk-TST-D01", role: "clerk", unit: "TST-D01", unitName: REGISTRY_ALL.find((u) => u.code === "TST-D01")!.name, name: expect.stringMatching(/^Cán bộ /), email: null });
    // Whatever the row holds besides: no token, no other column; no one of another province.
    const text = JSON.stringify(r.json);
    for (const leak of ["clerk-BTH", "eyJhbGciOi", "s3cr3t", "job-consolidation", "BTH", "Không phải vai trò", "Vai trò tỉnh gắn với huyện", "Mã đơn vị không phải chữ"]) expect(text).not.toContain(leak);
  });

  it("passes stored text on cut to length, without control characters; a non-text e-mail is none; the sheet writes it as text", async () => {
    const body = AssignmentsResponse.parse((await get("province-TST", "TST")).json);
    const hostile = body.assignments.find((a) => a.unit === "TST-D02" && a.name?.startsWith("=HYPERLINK"))!;
    expect(hostile.name!.length).toBeLessThanOrEqual(MAX_ASSIGNEE_TEXT);
    expect(hostile.name).not.toMatch(/[\u0000-\u001f]/);
    expect(hostile.email).toBeNull();
    const mail = body.assignments.find((a) => a.unit === "TST-D03" && a.email)!;
    expect(mail).toMatchObject({ name: null, email: "can-bo-mau-03@example.invalid" });
    const clerks = clerksByUnit(body.assignments);
    expect(clerks.get("TST-D03")).toContain("can-bo-mau-03@example.invalid");
    const rollup = (await s.call("GET", "/api/rollups/TST/2015", { user: "province-TST" })).json;
    const L = layoutStatus(rollup, "vi", { clerks });
    const row = L.missing.rows.find((x) => String(x[3]).includes("HYPERLINK"))!;
    expect(isFormulaLeading(String(row[3]))).toBe(false);
  });

  it("answers only the province's own staff: clerks, jobs, other provinces' staff and no token are refused", async () => {
    for (const user of ["clerk-TST-D01", "job-consolidation", "province-BTH", "province-LCU"]) {
      const r = await get(user, "TST");
      expect(r.status, user).toBe(403);
      expect(ErrorBody.safeParse(r.json).success).toBe(true);
    }
    expect((await get(null, "TST")).status).toBe(401);
    expect((await get("province-BTH", "BTH")).status).toBe(200);
    // Staff of a province without a registry learn that, and nothing else.
    const none = await get("province-ZZZ", "ZZZ");
    expect(none.status).toBe(404);
    expect(ErrorBody.safeParse(none.json).success).toBe(true);
    // Another province's existence is not told to someone who may not ask about it.
    expect((await get("province-TST", "ZZZ")).status).toBe(403);
  });

  it("hostile paths get a 4xx error envelope, never a 500 or another province's list", async () => {
    const paths = ["TST')%20or%20true", "%E2%80%AETST", "T".repeat(300), "TST%00", "%2e%2e%2fBTH", "TST%2FBTH", "*", "TST%20", encodeURIComponent("<script>")];
    for (const p of paths) {
      const r = await get("province-TST", p);
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.status, p).toBeLessThan(500);
      expect(JSON.stringify(r.json)).not.toMatch(/clerk|Cán bộ|stack|at \w+ \(/);
    }
    const post = await s.call("POST", "/api/assignments/TST", { user: "province-TST", body: { x: 1 } });
    expect(post.status).toBeGreaterThanOrEqual(400);
    expect(post.status).toBeLessThan(500);
  });
});
