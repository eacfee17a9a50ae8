import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack.ts";

/**
 * Issue 21: a sheet of people is one request, all or nothing: every row checked before anything
 * is written, a 422 naming each bad row, and an import larger than one transaction undone whole
 * when a later transaction fails. Against Azurite through the real host.
 */
let s: Stack;
beforeAll(async () => { s = await startStack(); }, 60_000);
afterAll(async () => { await s?.close(); });

/** The whole assignment partition (people and change records), without the service's stamps. */
async function assignPartition(): Promise<string[]> {
  const out: string[] = [];
  for await (const e of s.table.listEntities({ queryOptions: { filter: "PartitionKey eq 'ASSIGN'" } })) {
    const { etag: _e, timestamp: _t, ...rest } = e as Record<string, unknown>;
    out.push(JSON.stringify(rest));
  }
  return out.sort();
}
const clerks = (n: number, from = 1, prefix = "nguoi-mau") => Array.from({ length: n }, (_, i) => {
  const d = ((from + i - 1) % 30) + 1;
  return { row: from + i + 1, user: `${prefix}-${from + i}`, role: "clerk", unit: `TST-D${String(d).padStart(2, "0")}`, name: `Người mẫu ${from + i}` };
});
const importAs = (user: string | undefined, body: unknown, headers?: Record<string, string>) => s.call("POST", "/api/assignments/TST/import", { ...(user ? { user } : {}), body, ...(headers ? { headers } : {}) });

describe("importing people", () => {
  it("assigns 120 clerks in one request (more than one transaction), each audited; the same list again changes nothing", async () => {
    const people = clerks(120);
    const r = await importAs("admin", { people });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json).toEqual({ province: "TST", written: 120, unchanged: 0 });
    const listed = (await s.call("GET", "/api/assignments/TST", { user: "province-TST" })).json.assignments as { user: string; unit: string; name: string }[];
    for (const p of people) expect(listed.find((a) => a.user === p.user), p.user).toMatchObject({ unit: p.unit, name: p.name });
    const audit = (await s.call("GET", "/api/assignments/TST/audit", { user: "province-TST" })).json.audit as { user: string; by: string; action: string }[];
    expect(audit.filter((a) => a.user.startsWith("nguoi-mau-") && a.by === "admin" && a.action === "put")).toHaveLength(120);
    const before = await assignPartition();
    const again = await importAs("province-TST", { people });
    expect(again.json).toEqual({ province: "TST", written: 0, unchanged: 120 });
    expect(await assignPartition()).toEqual(before);
    // The clerks can sign in at once.
    expect((await s.call("GET", "/api/me", { user: "nguoi-mau-7" })).status).toBe(200);
  });

  it("refuses a list with bad rows with 422 naming each, in Vietnamese and English, and writes no one", async () => {
    const before = await assignPartition();
    // Entries without a row number are named by their place in the list.
    const people: unknown[] = [
      "not a person",
      null,
      ...clerks(3, 200),
      { row: 10, user: "nguoi mau", role: "clerk", unit: "TST-D01" },
      { row: 11, user: "nguoi-mau-x1", role: "admin", unit: "TST-D01" },
      { row: 12, user: "nguoi-mau-x2", role: "clerk", unit: "BTH-HTN" },
      { row: 13, user: "nguoi-mau-x3", role: "clerk", unit: "TST-D01", name: "=HYPERLINK(\"http://evil.example\")" },
      { row: 14, user: "nguoi-mau-x4", role: "clerk", unit: "TST-D01", email: "thư-sai" },
      { row: 15, user: "nguoi-mau-200", role: "clerk", unit: "TST-D02" },
      { row: 16, user: "clerk-BTH-HTN", role: "clerk", unit: "TST-D03" },
      { row: 17, user: "nguoi-mau-x5", role: "province", unit: "TST" },
      { row: 18, user: "nguoi-mau-x6", role: "clerk", unit: "TST-D01", extra: "field" },
    ];
    const r = await importAs("province-TST", { people });
    expect(r.status).toBe(422);
    expect(r.json.error).toBe("invalid");
    expect(r.json.message.vi).toMatch(/^Chưa phân công ai: 11 dòng có lỗi/);
    expect(r.json.message.en).toMatch(/^No one was assigned: 11 row/);
    expect(r.json.problemCount).toBe(11);
    const rows = r.json.problems.map((p: { row: number }) => p.row);
    expect(rows).toEqual([1, 2, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    const byRow = new Map(r.json.problems.map((p: { row: number; message: { vi: string } }) => [p.row, p.message.vi]));
    expect(byRow.get(12)).toMatch(/^Dòng 12: Đơn vị BTH-HTN không có trong danh mục đơn vị của tỉnh TST/);
    expect(byRow.get(15)).toMatch(/^Dòng 15: người dùng "nguoi-mau-200" đã có ở dòng 201/);
    expect(byRow.get(16)).toMatch(/^Dòng 16: Người dùng này đang được phân công ở nơi khác/);
    expect(byRow.get(17)).toMatch(/^Dòng 17: Chỉ quản trị viên hệ thống được phân công/);
    for (const row of [1, 2]) expect(byRow.get(row), String(row)).toMatch(new RegExp(`^Dòng ${row}: mục này không phải một người`));
    expect(byRow.get(18)).toMatch(/^Dòng 18: có trường không được nhận \(extra\)/);
    expect(byRow.get(13)).toMatch(/^Dòng 13: trường "name" không hợp lệ: họ và tên tối đa 100 ký tự/);
    for (const row of [10, 11, 13, 14]) expect(byRow.get(row), String(row)).toMatch(new RegExp(`^Dòng ${row}: trường "`));
    expect(r.json.problems.find((p: { row: number }) => p.row === 13).field).toBe("name");
    expect(r.json.correlationId).toBeTruthy();
    expect(await assignPartition()).toEqual(before);
  });

  it("refuses hostile requests at the edge with a 4xx, writing nothing", async () => {
    const before = await assignPartition();
    const deep = `{"people":[${"[".repeat(200)}${"]".repeat(200)}]}`;
    const cases: [string, () => Promise<{ status: number; json: any }>, number][] = [
      ["anonymous", () => importAs(undefined, { people: clerks(1, 300) }), 401],
      ["a clerk", () => importAs("clerk-TST-D01", { people: clerks(1, 300) }), 403],
      ["another province's staff", () => importAs("province-BTH", { people: clerks(1, 300) }), 403],
      ["no list", () => importAs("admin", {}), 400],
      ["an empty list", () => importAs("admin", { people: [] }), 400],
      ["5,001 people", () => importAs("admin", { people: clerks(5001, 1000, "q") }), 400],
      ["not JSON", () => s.call("POST", "/api/assignments/TST/import", { user: "admin", raw: "{people:", headers: { "content-type": "application/json" } }), 400],
      ["not JSON media type", () => s.call("POST", "/api/assignments/TST/import", { user: "admin", raw: JSON.stringify({ people: clerks(1, 300) }), headers: { "content-type": "text/plain" } }), 415],
      ["nested 200 deep", () => s.call("POST", "/api/assignments/TST/import", { user: "admin", raw: deep, headers: { "content-type": "application/json" } }), 400],
      ["over 4 MiB", () => s.call("POST", "/api/assignments/TST/import", { user: "admin", raw: JSON.stringify({ people: [{ user: "a", role: "clerk", unit: "TST-D01", name: "x".repeat(5 * 1024 * 1024) }] }), headers: { "content-type": "application/json" } }), 413],
      ["a bad province code", () => s.call("POST", "/api/assignments/..%2F/import", { user: "admin", body: { people: clerks(1, 300) } }), 400],
      ["extra top-level field", () => importAs("admin", { people: clerks(1, 300), keepGoing: true }), 400],
    ];
    for (const [name, run, status] of cases) {
      const r = await run();
      expect(r.status, name).toBe(status);
      expect(r.json?.message?.vi, name).toBeTruthy();
      expect(JSON.stringify(r.json), name).not.toMatch(/\bat \S+\.ts:\d+|RangeError|TypeError/);
    }
    expect(await assignPartition()).toEqual(before);
  });

  it("undoes the transactions already written when a later one fails: nothing of the import stays", async () => {
    const { readAllAssignments, writeImport, ImportConflict } = await import("../../functions/store/assignment-import.ts");
    const { auditEntry } = await import("../../functions/lib/people-audit.ts");
    const who = { user: "admin", displayName: "admin", assignment: { user: "admin", role: "operator" as const, unit: null } };
    const stored = await readAllAssignments(s.table);
    // 60 new people, then 30 already assigned (nguoi-mau-1…30, renamed), one of them read with a stale ETag.
    const changes = [
      ...clerks(60, 500).map((p) => ({ user: p.user, next: { role: "clerk", unit: p.unit, name: p.name, email: null }, before: null, entry: auditEntry(who, "put", p.user, null, { role: "clerk", unit: p.unit, name: p.name, email: null }) })),
      ...clerks(30, 1).map((p, i) => {
        const before = stored.get(p.user)!;
        const next = { role: "clerk", unit: p.unit, name: `Đổi tên ${i}`, email: null };
        return { user: p.user, next, before: i === 20 ? { ...before, stored: { ...before.stored, etag: 'W/"datetime\'2000-01-01T00%3A00%3A00.0000000Z\'"' } } : before, entry: auditEntry(who, "put", p.user, null, next) };
      }),
    ];
    const before = await assignPartition();
    await expect(writeImport(s.table, "TST", changes)).rejects.toBeInstanceOf(ImportConflict);
    expect(await assignPartition()).toEqual(before);
  });
});
