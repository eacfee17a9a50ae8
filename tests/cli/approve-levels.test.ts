import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./run-cli.ts";
import { idem, startStack, submission, type Stack } from "../functions/stack.ts";
import { TWO_LEVEL_EXAMPLE } from "../../shared/approval/levels-v1.ts";

/** `htct approve --level` against the real stack, in a province with a review before the approval (issue 19). */
let stack: Stack;
const tokens: Record<string, string> = {};
let dirOf = "";
const P = "2018";
const args = (who: string, cmd: string, ...rest: string[]) => [cmd, "--server", stack.url, "--token-file", tokens[who]!, "--province", "TST", "--period", P, ...rest];

beforeAll(async () => {
  stack = await startStack();
  const dir = await mkdtemp(join(tmpdir(), "htct-levels-"));
  expect((await stack.call("PUT", "/api/approval-levels/TST", { user: "admin", body: { chain: TWO_LEVEL_EXAMPLE } })).status).toBe(200);
  for (const [user, levels] of [["btc-tst@tinh-mau.example", [1]], ["btv-tst@tinh-mau.example", [2]]] as const) {
    expect((await stack.call("PUT", `/api/assignments/TST/${user}`, { user: "admin", body: { role: "province", unit: "TST", levels } })).status).toBe(200);
    tokens[user.slice(0, 3)] = join(dir, `${user}.token`);
    await writeFile(tokens[user.slice(0, 3)]!, await stack.token(user));
  }
  for (const user of ["admin", "province-TST"]) {
    tokens[user] = join(dir, `${user}.token`);
    await writeFile(tokens[user]!, await stack.token(user));
  }
  dirOf = dir;
  for (const d of ["TST-D01", "TST-D02"]) {
    expect((await stack.call("POST", "/api/submissions", { user: `clerk-${d}`, headers: idem(), body: submission(d, { period: P }) })).status).toBe(200);
    expect((await stack.call("POST", `/api/approvals/TST/${P}/complete`, { user: `clerk-${d}`, body: { unit: d, version: 1 } })).status).toBe(200);
  }
}, 120_000);
afterAll(async () => { await stack?.close(); });

describe("htct approve with approval levels", () => {
  it("refuses level 2 before level 1 with the server's words, exit 1", async () => {
    const r = await runCli(args("btv", "approve", "--level", "2", "--unit", "TST-D01"));
    expect(r.code).toBe(1);
    expect(r.err).toContain("Chưa thể duyệt ở cấp 2 (Ban Thường vụ duyệt): cấp 1 (Ban Tổ chức thẩm định) chưa duyệt 1 đơn vị.");
    expect(r.err).toContain("Huyện mẫu TST 1 (TST-D01): level");
  });

  it("refuses a level the user does not hold (403) in plain words", async () => {
    const r = await runCli(args("btv", "approve", "--level", "1", "--unit", "TST-D01"));
    expect(r.code).not.toBe(0);
    expect(r.err).toContain("Máy chủ từ chối (403): Phân công của bạn không có quyền thao tác ở cấp duyệt 1 (Ban Tổ chức thẩm định).");
  });

  it("without --level, each user acts at their own level and the output names it and what comes next", async () => {
    const low = await runCli(args("btc", "approve", "--all"));
    expect(low.err).toBe("");
    expect(low.out).toBe("Đã duyệt ở cấp 1 (Ban Tổ chức thẩm định) 2 đơn vị: Huyện mẫu TST 1, Huyện mẫu TST 2; chờ cấp 2 (Ban Thường vụ duyệt)");
    // Nothing waits at level 1 any more.
    expect((await runCli(args("btc", "approve", "--all"))).out).toBe('Không có đơn vị nào ở trạng thái "complete".');
    const top = await runCli(args("btv", "approve", "--all"));
    expect(top.out).toBe("Đã duyệt ở cấp 2 (Ban Thường vụ duyệt) 2 đơn vị: Huyện mẫu TST 1, Huyện mẫu TST 2");
    const states = (await stack.call("GET", `/api/approvals/TST/${P}`, { user: "province-TST" })).json.units;
    expect(states.filter((u: { state: string }) => u.state === "approved").map((u: { unit: string }) => u.unit)).toEqual(["TST-D01", "TST-D02"]);
  });

  it("reopens from the top level only", async () => {
    expect((await runCli(args("btc", "reopen", "--unit", "TST-D01", "--comment", "Mở lại để bổ sung"))).err).toContain("(403)");
    const r = await runCli(args("btv", "reopen", "--unit", "TST-D01", "--comment", "Mở lại để bổ sung"));
    expect(r.out).toBe("Đã mở lại ở cấp 2 (Ban Thường vụ duyệt) 1 đơn vị: Huyện mẫu TST 1");
  });

  it("refuses a level that is no level: a clear message, exit 2", async () => {
    const r = await runCli(args("btv", "approve", "--level", "7", "--unit", "TST-D01"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--level nhận một cấp duyệt từ 1 đến 5/);
  });

  const plain = (who: string, cmd: string, ...rest: string[]) => [cmd, "--server", stack.url, "--token-file", tokens[who]!, "--province", "TST", ...rest];

  it("htct approval-levels shows the chain; an operator replaces it from a file, staff cannot; a bad file is named", async () => {
    const shown = await runCli(plain("province-TST", "approval-levels"));
    expect(shown.code).toBe(0);
    expect(shown.out).toBe("Các cấp duyệt của tỉnh TST:\n  1. Ban Tổ chức thẩm định: cán bộ được giao cấp này\n  2. Ban Thường vụ duyệt: cán bộ được giao cấp này");
    const file = join(dirOf, "one-level.json");
    await writeFile(file, JSON.stringify({ levels: [{ level: 1, name: { vi: "Ban Thường vụ duyệt", en: "Standing Committee approval" }, who: "province_staff" }] }));
    const staff = await runCli([...plain("province-TST", "approval-levels"), file]);
    expect(staff.code).not.toBe(0);
    expect(staff.err).toContain("(403): Chỉ quản trị viên hệ thống được thiết lập các cấp duyệt của tỉnh.");
    const gap = join(dirOf, "gap.json");
    await writeFile(gap, JSON.stringify({ levels: [{ level: 2, name: { vi: "Cấp hai", en: "Two" }, who: "assigned" }] }));
    const bad = await runCli([...plain("admin", "approval-levels"), gap]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/không đúng dạng các cấp duyệt \(chain\.levels: levels are numbered 1, 2, 3… in order/);
    const set = await runCli([...plain("admin", "approval-levels"), file]);
    expect(set.err).toBe("");
    expect(set.out).toBe("Đã thay các cấp duyệt.\nCác cấp duyệt của tỉnh TST:\n  1. Ban Thường vụ duyệt: mọi cán bộ tỉnh");
  });

  it("htct users add --levels gives a staff member their levels; the listing shows them; a bad list is refused", async () => {
    const r = await runCli(plain("admin", "users", "add", "--user", "btc-2@tinh-mau.example", "--role", "province", "--unit", "TST", "--levels", "1,2"));
    expect(r.err).toBe("");
    expect(r.out).toBe("Đã phân công btc-2@tinh-mau.example: cán bộ tỉnh TST (Tỉnh mẫu TST), cấp duyệt 1, 2.");
    const list = await runCli(plain("province-TST", "users", "list"));
    expect(list.out).toContain("btc-2@tinh-mau.example\tcán bộ tỉnh (cấp duyệt 1, 2)\tTST");
    const bad = await runCli(plain("admin", "users", "add", "--user", "btc-3@tinh-mau.example", "--role", "province", "--unit", "TST", "--levels", "1,1"));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--levels nhận các cấp duyệt từ 1 đến 5/);
  });
});
