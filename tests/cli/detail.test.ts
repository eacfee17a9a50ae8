import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "./run-cli.ts";
import { idem, startStack, submission, type Stack } from "../functions/stack.ts";
import { communeValues } from "../../scripts/demo.ts";

/** `htct detail` against the real stack: Azurite and the local functions host. */
let stack: Stack;
let dir: string;
let staff: string;
let clerk: string;

beforeAll(async () => {
  stack = await startStack();
  dir = await mkdtemp(join(tmpdir(), "htct-detail-"));
  staff = join(dir, "staff.token");
  clerk = join(dir, "clerk.token");
  await writeFile(staff, await stack.token("province-TST"));
  await writeFile(clerk, await stack.token("clerk-TST-D03"));
  const first = submission("TST-D02", { source: { workbook: "=cmd|' /C calc'!A0", sheet: "Sheet1", fingerprint: "fp" } });
  expect((await stack.call("POST", "/api/submissions", { user: "clerk-TST-D02", headers: idem(), body: first })).status).toBe(200);
  const second = { ...first, baseVersion: 1, units: [{ unit: "TST-D02-M03", values: communeValues(777) }] };
  expect((await stack.call("POST", "/api/submissions", { user: "clerk-TST-D02", headers: idem(), body: second })).status).toBe(200);
}, 120_000);
afterAll(async () => { await stack?.close(); });

const cellText = (ws: ExcelJS.Worksheet, r: number, c: number) => { const v = ws.getCell(r, c).value; return v === null || v === undefined ? "" : String(v); };

describe("htct detail", () => {
  it("writes the unit's detail sheet: its communes with their values, the total, and every version with what changed", async () => {
    const out = join(dir, "chi-tiet.xlsx");
    const r = await runCli(["detail", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "--unit", "TST-D02", "-o", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Đã ghi trang "Chi tiết Huyện mẫu TST 2": 3 đơn vị trực thuộc, 2 phiên bản/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Chi tiết Huyện mẫu TST 2")!;
    expect(cellText(ws, 1, 1)).toBe("CHI TIẾT SỐ LIỆU — HUYỆN MẪU TST 2 (Tỉnh mẫu TST)");
    expect(cellText(ws, 2, 1)).toMatch(/^Năm 2015 · số liệu đọc lúc /);
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, fitToWidth: 1, printTitlesRow: "5:6" });
    expect([7, 8, 9].map((n) => cellText(ws, n, 2))).toEqual(["TST-D02-M01", "TST-D02-M02", "TST-D02-M03"]);
    expect(cellText(ws, 10, 1)).toBe("Cộng Huyện mẫu TST 2");
    const api = (await stack.call("GET", "/api/details/TST/2015/TST-D02", { user: "province-TST" })).json;
    const header = (ws.getRow(6).values as unknown[]).slice(1).map(String);
    const col = header.indexOf("Tổng số đảng viên") + 1;
    expect(col).toBeGreaterThan(4);
    expect(ws.getCell(10, col).value).toBe(api.total.values["members.total"]);
    // History: its heading two rows below the total, then the header, then version 2's changes first.
    expect(cellText(ws, 12, 1)).toBe("LỊCH SỬ NỘP BÁO CÁO CỦA HUYỆN MẪU TST 2 (2 phiên bản)");
    expect(cellText(ws, 13, 8)).toBe("Chỉ tiêu");
    expect(ws.getCell(14, 1).value).toBe(2);
    // The sender by name (the assignment table's), never the login.
    expect(cellText(ws, 14, 4)).toBe("Cán bộ Huyện mẫu TST 2");
    expect(api.people?.["clerk-TST-D02"]).toBe("Cán bộ Huyện mẫu TST 2");
    expect(cellText(ws, 14, 7)).toBe("Xã mẫu 2.3");
    // Read as its reader would: units by name, the codes only in column B (hidden, in both tables), no login; both panes frozen.
    expect(cellText(ws, 14, 2)).toBe("TST-D02-M03");
    expect(ws.getColumn(2).hidden).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 6 });
    const shown: string[] = [];
    ws.eachRow((row) => row.eachCell((c, n) => { if (!ws.getColumn(n).hidden) shown.push(String(c.value)); }));
    expect(shown.filter((t) => /^TST-D\d\d(-M\d\d)?$/.test(t) || /clerk-|province-/.test(t))).toEqual([]);
    // The workbook name a clerk sent is text, never a formula.
    const v1 = api.history[0].changes.length + 14;
    expect(ws.getCell(v1, 1).value).toBe(1);
    expect(ws.getCell(v1, 5).value).toBe("=cmd|' /C calc'!A0 · Sheet1");
    expect(ws.getCell(v1, 5).formula).toBeUndefined();
    // Run again into the same file: the sheet is replaced, not added.
    const again = await runCli(["detail", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "--unit", "TST-D02", "-o", out, "--lang", "en"]);
    expect(again.code).toBe(0);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(out);
    expect(wb2.worksheets.map((w) => w.name).sort()).toEqual(["Chi tiết Huyện mẫu TST 2", "Detail Huyện mẫu TST 2"].sort());
    expect(cellText(wb2.getWorksheet("Detail Huyện mẫu TST 2")!, 1, 1)).toMatch(/^UNIT DETAIL — /);
  });

  it("two units of the same name get a sheet each; each run replaces its own unit's sheet", async () => {
    const out = join(dir, "cung-ten.xlsx");
    const run = (unit: string) => runCli(["detail", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "--unit", unit, "-o", out]);
    // A workbook that already has a sheet of the name the first unit would take, not a detail sheet.
    const seed = new ExcelJS.Workbook();
    seed.addWorksheet("Chi tiết Huyện mẫu TST 2").getCell("A1").value = "của cán bộ";
    await seed.xlsx.writeFile(out);
    expect((await run("TST-D02")).out).toMatch(/"Chi tiết Huyện mẫu TST 2 \(2\)"/);
    expect((await run("TST-D02")).out).toMatch(/"Chi tiết Huyện mẫu TST 2 \(2\)"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name).sort()).toEqual(["Chi tiết Huyện mẫu TST 2", "Chi tiết Huyện mẫu TST 2 (2)"]);
    expect(wb.getWorksheet("Chi tiết Huyện mẫu TST 2")!.getCell("A1").value).toBe("của cán bộ");
  });

  it("drills into one commune through its district", async () => {
    const out = join(dir, "xa.xlsx");
    const r = await runCli(["detail", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "--unit", "TST-D02-M03", "-o", out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Chi tiết Xã mẫu 2\.3": 0 đơn vị trực thuộc, 2 phiên bản/);
  });

  it("refuses bad arguments with a plain message and writes nothing", async () => {
    const out = join(dir, "never.xlsx");
    const base = ["detail", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015"];
    const cases: [string[], RegExp][] = [
      [[...base, "-o", out], /--unit/],
      [[...base, "--unit", "tst-d02", "-o", out], /--unit/],
      [[...base, "--unit", "A".repeat(41), "-o", out], /--unit/],
      [[...base, "--unit", "TST-D02"], /-o <tệp\.xlsx>/],
      [[...base, "--unit", "TST-D02", "-o", join(dir, "x.csv")], /-o <tệp\.xlsx>/],
      [["detail", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015-13", "--unit", "TST-D02", "-o", out], /--period/],
      [["detail", "--server", stack.url, "--token-file", staff, "--province", "../x", "--period", "2015", "--unit", "TST-D02", "-o", out], /--province/],
      [["detail", "--server", "ftp://x", "--token-file", staff, "--province", "TST", "--period", "2015", "--unit", "TST-D02", "-o", out], /./],
      [[...base, "--unit", "TST-D02", "-o", out, "extra.xlsx"], /không nhận tệp vào/],
      [[...base, "--unit", "TST-D02\u0007", "-o", out], /không hợp lệ/],
    ];
    for (const [args, msg] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err, args.join(" ")).toMatch(msg);
      expect(r.err).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(existsSync(out)).toBe(false);
  });

  it("says plainly when the server refuses: another unit's clerk, an unknown unit, a bad token", async () => {
    const out = join(dir, "refused.xlsx");
    const other = await runCli(["detail", "--server", stack.url, "--token-file", clerk, "--province", "TST", "--period", "2015", "--unit", "TST-D02", "-o", out]);
    expect(other.code).not.toBe(0);
    expect(other.err).toMatch(/403|Phân công/);
    const unknown = await runCli(["detail", "--server", stack.url, "--token-file", staff, "--province", "TST", "--period", "2015", "--unit", "TST-D99", "-o", out]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toMatch(/404|không phải là đơn vị/);
    const bad = join(dir, "bad.token");
    await writeFile(bad, "not-a-token");
    const forged = await runCli(["detail", "--server", stack.url, "--token-file", bad, "--province", "TST", "--period", "2015", "--unit", "TST-D02", "-o", out]);
    expect(forged.code).not.toBe(0);
    expect(existsSync(out)).toBe(false);
  });
});
