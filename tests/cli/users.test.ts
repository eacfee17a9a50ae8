import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "./run-cli.ts";
import { startStack, type Stack } from "../functions/stack.ts";

/** htct users list|add|revoke|import against the real host and Azurite. */
let s: Stack;
let dir: string;
const tok: Record<string, string> = {};
beforeAll(async () => {
  s = await startStack();
  dir = await mkdtemp(join(tmpdir(), "htct-users-"));
  for (const u of ["admin", "province-TST", "clerk-TST-D01"]) { tok[u] = join(dir, `${u}.token`); await writeFile(tok[u]!, await s.token(u)); }
}, 60_000);
afterAll(async () => { await s?.close(); });

const users = (by: string, ...args: string[]) => runCli(["users", ...args, "--server", s.url, "--token-file", tok[by]!, "--province", "TST"]);
const listed = async () => (await s.call("GET", "/api/assignments/TST", { user: "province-TST" })).json.assignments as { user: string; unit: string; name: string | null; email: string | null }[];

async function sheet(path: string, rows: unknown[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Người dùng");
  ws.addRow(["Mã người dùng", "Vai trò", "Mã đơn vị", "Họ và tên", "Thư điện tử"]);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path);
}

describe("htct users", () => {
  it("adds, lists (id, name or e-mail) and revokes a clerk", async () => {
    const add = await users("province-TST", "add", "--user", "van-thu-mau-07@tinh-mau.example", "--role", "clerk", "--unit", "TST-D07", "--name", "Văn thư mẫu 07", "--email", "van-thu-mau-07@tinh-mau.example");
    expect(add.code, add.err).toBe(0);
    expect(add.out).toContain("TST-D07");
    const list = await users("province-TST", "list");
    expect(list.code).toBe(0);
    const line = list.out.split("\n").find((l) => l.includes("van-thu-mau-07@tinh-mau.example"))!;
    expect(line).toContain("Văn thư mẫu 07");
    const json = JSON.parse((await users("province-TST", "list", "--json")).out);
    expect(json.assignments.some((a: { user: string }) => a.user === "van-thu-mau-07@tinh-mau.example")).toBe(true);
    const rev = await users("province-TST", "revoke", "--user", "van-thu-mau-07@tinh-mau.example");
    expect(rev.code, rev.err).toBe(0);
    expect((await users("province-TST", "list")).out).not.toContain("van-thu-mau-07");
  });

  it("refuses bad options before asking, and says the server's refusal in Vietnamese", async () => {
    const cases: [string[], RegExp][] = [
      [["add", "--user", "x1", "--role", "admin", "--unit", "TST-D01"], /--role/],
      [["add", "--user", "x1", "--role", "clerk", "--unit", "TST-D01", "--name", "=1+1"], /--name/],
      [["add", "--user", "x1", "--role", "clerk", "--unit", "TST-D01", "--email", "không-phải-thư"], /--email/],
      [["add", "--user", "a|b", "--role", "clerk", "--unit", "TST-D01"], /--user/],
      [["add", "--role", "clerk", "--unit", "TST-D01"], /--user/],
      [["frobnicate"], /list\|add\|revoke\|import/],
      [["list", "extra.xlsx"], /không nhận tệp/],
    ];
    for (const [args, msg] of cases) {
      const r = await users("province-TST", ...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err, args.join(" ")).toMatch(msg);
    }
    const staff = await users("province-TST", "add", "--user", "x2", "--role", "province", "--unit", "TST");
    expect(staff.code).toBe(2);
    expect(staff.err).toMatch(/403.*quản trị viên/);
    const clerk = await users("clerk-TST-D01", "list");
    expect(clerk.code).toBe(2);
    expect(clerk.err).toMatch(/403/);
    expect((await listed()).some((a) => a.user === "x1" || a.user === "x2")).toBe(false);
  });

  it("imports a people sheet; a sheet with bad rows names every one and writes no one", async () => {
    const bad = join(dir, "bad.xlsx");
    await sheet(bad, [
      ["nguoi-mau-01", "clerk", "TST-D01", "Người mẫu 01", ""],
      ["nguoi-mau-02", "quản trị", "TST-D02", "Người mẫu 02", ""],
      ["nguoi-mau-03", "clerk", "BTH-HTN", "Người mẫu 03", ""],
      ["nguoi-mau-04", "clerk", "TST-D04", "=HYPERLINK(\"http://evil.example\")", ""],
      ["nguoi-mau-05", "clerk", "TST-D05", "Người mẫu 05", "thư-sai"],
      ["nguoi-mau-01", "clerk", "TST-D06", "Trùng dòng 2", ""],
      ["nguoi mau 07", "clerk", "TST-D07", "", ""],
      ["nguoi-mau-08", "province", "TST-D08", "", ""],
      ["nguoi-mau-09", "clerk", "TST-D09", "Ậ".repeat(150), ""],
    ]);
    const before = await listed();
    const r = await users("admin", "import", bad);
    expect(r.code).toBe(1);
    for (const row of [3, 4, 5, 6, 7, 8, 9, 10]) expect(r.err, `row ${row}`).toContain(`Dòng ${row}:`);
    expect(r.err).not.toContain("Dòng 2:");
    expect(await listed()).toEqual(before);

    const good = join(dir, "good.xlsx");
    await sheet(good, [
      ["nguoi-mau-11", "clerk", "TST-D11", "Người mẫu 11", "nguoi-mau-11@tinh-mau.example"],
      ["nguoi-mau-12", "Cán bộ đơn vị", "TST-D12", "", "nguoi-mau-12@tinh-mau.example"],
      [],
      ["nguoi-mau-13", "province", "TST", "Cán bộ tỉnh mẫu 13", ""],
    ]);
    const ok = await users("admin", "import", good);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/3 người/);
    const now = await listed();
    expect(now.find((a) => a.user === "nguoi-mau-12")).toMatchObject({ unit: "TST-D12", name: null, email: "nguoi-mau-12@tinh-mau.example" });
    expect(now.find((a) => a.user === "nguoi-mau-13")).toMatchObject({ unit: "TST", name: "Cán bộ tỉnh mẫu 13" });
  });
  it("writes no one when the server refuses a row the sheet's own checks pass (all or nothing, one request)", async () => {
    const path = join(dir, "elsewhere.xlsx");
    // Rows 2 and 3 are fine; row 4 is a clerk of Bình Thuận, which only the server can tell.
    await sheet(path, [
      ["nguoi-mau-21", "clerk", "TST-D21", "Người mẫu 21", ""],
      ["nguoi-mau-22", "clerk", "TST-D22", "Người mẫu 22", ""],
      ["clerk-BTH-HTN", "clerk", "TST-D23", "Người mẫu 23", ""],
    ]);
    const before = await listed();
    const r = await users("province-TST", "import", path);
    expect(r.code, r.err + r.out).toBe(1);
    expect(r.err).toMatch(/Chưa ghi ai: máy chủ từ chối 1 dòng/);
    expect(r.err).toMatch(/Dòng 4: Người dùng này đang được phân công ở nơi khác/);
    expect(await listed()).toEqual(before);
    expect(before.some((a) => a.user === "nguoi-mau-21")).toBe(false);
  });
});
