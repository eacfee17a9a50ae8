import ExcelJS from "exceljs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorBody, OrgUnitsResponse, RegistryAuditResponse, RegistryProposal, RegistryProposalReviewed, RegistryProposalsResponse } from "../../shared/contract/index.ts";
import { startStack, type Stack } from "../functions/stack.ts";
import { runCli } from "./run-cli.ts";

/**
 * Party cells have no public list: a commune's clerk proposes the ones their sheet names that the
 * registry does not know (`htct registry propose`), the province's staff accept or reject them,
 * and accepted cells join the registry, audited.
 */
let s: Stack;
let dir: string;
let clerkToken: string;
let book: string;
beforeAll(async () => {
  s = await startStack();
  dir = await mkdtemp(join(tmpdir(), "htct-propose-"));
  process.env.HTCT_CACHE_DIR = join(dir, "cache");
  clerkToken = join(dir, "clerk.token");
  await writeFile(clerkToken, await s.token("clerk-LDG-M02"));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Chi bộ");
  ws.addRow(["BÁO CÁO CHẤT LƯỢNG ĐẢNG VIÊN"]);
  ws.addRow(["STT", "Tên chi bộ", "Tổng số đảng viên", "Số đảng viên kết nạp trong kỳ"]);
  ws.addRow([1, "Chi bộ Thôn mẫu 07", 15, 0]);
  ws.addRow([2, "Chi bộ Trường mẫu 08", 12, 2]);
  ws.addRow([3, "Tổ mẫu 09", 9, 0]);
  ws.addRow(["", "Tổng cộng", 36, 2]);
  book = join(dir, "chi-bo.xlsx");
  await wb.xlsx.writeFile(book);
}, 60_000);
afterAll(async () => { delete process.env.HTCT_CACHE_DIR; await s?.close(); });

const propose = (user: string, body: unknown, province = "LDG") => s.call("POST", `/api/orgunits/${province}/proposals`, { user, body });

describe("registry proposals", () => {
  let id = "";
  it("htct registry propose sends the unknown party cells under the clerk's commune; a row that does not say what it is is listed, not sent", async () => {
    const r = await runCli(["registry", "propose", book, "--server", s.url, "--token-file", clerkToken, "--period", "2026", "--json"]);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as { proposal: RegistryProposal; unclear: { name: string }[] };
    expect(out.proposal.parent).toBe("LDG-M02");
    expect(out.proposal.units.map((u) => [u.name, u.type])).toEqual([["Chi bộ Thôn mẫu 07", "chi_bo"], ["Chi bộ Trường mẫu 08", "chi_bo"]]);
    expect(out.proposal.units.every((u) => /^LDG-M02-CB[0-9A-F]{10}$/.test(u.code))).toBe(true);
    expect(out.proposal.state).toBe("pending");
    expect(out.unclear.map((u) => u.name)).toEqual(["Tổ mẫu 09"]);
    id = out.proposal.id;
    const human = await runCli(["registry", "propose", book, "--server", s.url, "--token-file", clerkToken, "--period", "2026"]);
    expect(human.out).toContain(`Đã gửi đề xuất ${id} (chờ tỉnh duyệt): 2 đơn vị thuộc LDG-M02:`);
    expect(human.out).toContain("\"Tổ mẫu 09\" không có trong danh mục và không rõ là chi bộ, thôn hay tổ dân phố; không đề xuất.");
  });

  it("province staff see it, accept it: the cells join the registry with an audit record, once", async () => {
    const list = RegistryProposalsResponse.parse((await s.call("GET", "/api/orgunits/LDG/proposals", { user: "province-LDG" })).json);
    expect(list.proposals.map((p) => [p.id, p.state])).toEqual([[id, "pending"]]);
    expect((await s.call("GET", "/api/orgunits/LDG/proposals", { user: "clerk-LDG-M02" })).status).toBe(403);
    const accepted = await s.call("POST", `/api/orgunits/LDG/proposals/${id}`, { user: "province-LDG", body: { decision: "accept" } });
    expect(accepted.status, JSON.stringify(accepted.json)).toBe(200);
    const done = RegistryProposalReviewed.parse(accepted.json);
    expect(done.proposal).toMatchObject({ state: "accepted", reviewedBy: "province-LDG" });
    expect(done.audit!.added).toEqual(done.proposal.units.map((u) => u.code));
    const units = OrgUnitsResponse.parse((await s.call("GET", "/api/orgunits/LDG", { user: "province-LDG" })).json).units;
    expect(units.filter((u) => u.parent === "LDG-M02" && u.type === "chi_bo").map((u) => [u.name, u.level, u.validFrom])).toEqual([["Chi bộ Thôn mẫu 07", "cell", "2025-07-01"], ["Chi bộ Trường mẫu 08", "cell", "2025-07-01"]]);
    const audit = RegistryAuditResponse.parse((await s.call("GET", "/api/orgunits/LDG/audit", { user: "province-LDG" })).json);
    expect(audit.entries[0]).toMatchObject({ user: "province-LDG", added: done.audit!.added });
    const again = await s.call("POST", `/api/orgunits/LDG/proposals/${id}`, { user: "province-LDG", body: { decision: "reject" } });
    expect(again.status).toBe(409);
    expect(ErrorBody.parse(again.json).message.vi).toContain("đã được xử lý (đã chấp nhận)");
    // The accepted cells are known now: the same sheet proposes nothing more.
    const r = await runCli(["registry", "propose", book, "--server", s.url, "--token-file", clerkToken, "--period", "2026"]);
    expect(r.err + r.out).toContain("Không có chi bộ, thôn nào mới để đề xuất.");
  });

  it("a rejected proposal stays rejected and adds nothing", async () => {
    const p = RegistryProposal.parse((await propose("clerk-LDG-M02", { parent: "LDG-M02", units: [{ name: "Chi bộ mẫu 11", type: "chi_bo" }] })).json);
    const r = await s.call("POST", `/api/orgunits/LDG/proposals/${p.id}`, { user: "province-LDG", body: { decision: "reject" } });
    expect(RegistryProposalReviewed.parse(r.json)).toMatchObject({ proposal: { state: "rejected" }, audit: null });
    expect(RegistryProposal.parse((await propose("clerk-LDG-M02", { parent: "LDG-M02", units: [{ name: "Chi bộ mẫu 11", type: "chi_bo" }] })).json).state).toBe("rejected");
    const units = OrgUnitsResponse.parse((await s.call("GET", "/api/orgunits/LDG", { user: "province-LDG" })).json).units;
    expect(units.some((u) => u.name === "Chi bộ mẫu 11")).toBe(false);
  });

  it("refuses hostile and out-of-scope proposals with a clear message, storing nothing", async () => {
    const cases: [string, () => ReturnType<typeof propose>, number, RegExp][] = [
      ["another commune's clerk", () => propose("clerk-LDG-M02", { parent: "LDG-M01", units: [{ name: "Chi bộ mẫu 12", type: "chi_bo" }] }), 403, /trực thuộc đơn vị mình/],
      ["another province", () => propose("clerk-LDG-M02", { parent: "LDG-M02", units: [{ name: "Chi bộ mẫu 12", type: "chi_bo" }] }, "BTH"), 403, /trực thuộc đơn vị mình/],
      ["an unknown parent", () => propose("province-LDG", { parent: "LDG-M99", units: [{ name: "Chi bộ mẫu 12", type: "chi_bo" }] }), 404, /Không có đơn vị LDG-M99/],
      ["under the province itself", () => propose("province-LDG", { parent: "LDG", units: [{ name: "Chi bộ mẫu 12", type: "chi_bo" }] }), 400, /dưới một xã, phường, đặc khu/],
      ["a name already there", () => propose("clerk-LDG-M02", { parent: "LDG-M02", units: [{ name: "chi bộ thôn mẫu 07", type: "chi_bo" }] }), 409, /Danh mục đã có "Chi bộ Thôn mẫu 07"/],
      ["one name twice", () => propose("clerk-LDG-M02", { parent: "LDG-M02", units: [{ name: "Chi bộ mẫu 12", type: "chi_bo" }, { name: "Chi bộ  mẫu 12", type: "chi_bo" }] }), 400, /cùng một đơn vị/],
      ["a formula for a name", () => propose("clerk-LDG-M02", { parent: "LDG-M02", units: [{ name: "=HYPERLINK(\"x\")", type: "chi_bo" }] }), 400, /không đúng cấu trúc/],
      ["control characters", () => propose("clerk-LDG-M02", { parent: "LDG-M02", units: [{ name: "Chi bộ\u0000", type: "chi_bo" }] }), 400, /không đúng cấu trúc/],
      ["a type that is not proposable", () => propose("clerk-LDG-M02", { parent: "LDG-M02", units: [{ name: "Xã mẫu 09", type: "xa" }] }), 400, /không đúng cấu trúc/],
      ["too many units", () => propose("clerk-LDG-M02", { parent: "LDG-M02", units: Array.from({ length: 201 }, (_, i) => ({ name: `Chi bộ mẫu ${i + 100}`, type: "chi_bo" })) }), 400, /không đúng cấu trúc/],
      ["an extra field", () => propose("clerk-LDG-M02", { parent: "LDG-M02", units: [{ name: "Chi bộ mẫu 12", type: "chi_bo" }], code: "X" }), 400, /không đúng cấu trúc/],
      ["an oversized body", () => s.call("POST", "/api/orgunits/LDG/proposals", { user: "clerk-LDG-M02", raw: JSON.stringify({ parent: "LDG-M02", units: [{ name: "Chi bộ mẫu 12", type: "chi_bo" }], pad: "x".repeat(200_000) }), headers: { "content-type": "application/json" } }), 413, /./],
      ["no sign-in", () => s.call("POST", "/api/orgunits/LDG/proposals", { body: { parent: "LDG-M02", units: [{ name: "Chi bộ mẫu 12", type: "chi_bo" }] } }), 401, /./],
    ];
    const before = RegistryProposalsResponse.parse((await s.call("GET", "/api/orgunits/LDG/proposals", { user: "province-LDG" })).json).proposals.length;
    for (const [name, run, status, message] of cases) {
      const r = await run();
      expect(r.status, `${name}: ${JSON.stringify(r.json).slice(0, 300)}`).toBe(status);
      expect(ErrorBody.parse(r.json).message.vi, name).toMatch(message);
    }
    expect(RegistryProposalsResponse.parse((await s.call("GET", "/api/orgunits/LDG/proposals", { user: "province-LDG" })).json).proposals).toHaveLength(before);
    expect((await s.call("POST", "/api/orgunits/LDG/proposals/p0000000000000000", { user: "province-LDG", body: { decision: "accept" } })).status).toBe(404);
    expect((await s.call("POST", "/api/orgunits/LDG/proposals/not-an-id", { user: "province-LDG", body: { decision: "accept" } })).status).toBe(400);
  });
});
