import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFile, mkdtemp, writeFile } from "node:fs/promises";
import { createServer, type Server as HttpServer } from "node:http";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli, seedWorkbook } from "./run-cli.ts";
import { idem, startStack, type Stack } from "../functions/stack.ts";
import { getCatalog, unitsValidIn } from "../../shared/index.ts";
import { ReconstructedRollup } from "../../shared/contract/index.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { communeValues } from "../../scripts/demo.ts";

/** `htct submit` and `htct rollup` against the real stack: Azurite and the local functions host. */
const seeds = seedWorkbook;
let stack: Stack;
let dir: string;
let clerk: string;
let staff: string;
const PERIOD = "2012-06";

beforeAll(async () => {
  stack = await startStack();
  dir = await mkdtemp(join(tmpdir(), "htct-submit-"));
  clerk = join(dir, "clerk.token");
  staff = join(dir, "staff.token");
  await writeFile(clerk, await stack.token("clerk-BTH-HTN"));
  await writeFile(staff, await stack.token("province-BTH"));
}, 60_000);
afterAll(async () => { await stack?.close(); });

const run = runCli;

describe("htct submit and rollup", () => {
  it("refuses to send a workbook with errors, and sends nothing", async () => {
    const before = await stack.dataEntities();
    const r = await run(["submit", seeds("ham-tan-tong-sai.xlsx"), "--server", stack.url, "--token-file", clerk, "--period", PERIOD]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Chưa gửi: bảng tính còn \d+ lỗi/);
    expect(await stack.dataEntities()).toBe(before);
  });

  it("sends a clean workbook, finds its reporting unit by itself, and the rollup sheet shows the stored figures", async () => {
    const r = await run(["submit", seeds("ham-tan-2012-06.xlsx"), "--server", stack.url, "--token-file", clerk, "--period", PERIOD]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Đã gửi Hàm Tân, kỳ 2012-06: phiên bản 1/);

    const out = join(dir, "tong-hop.xlsx");
    const roll = await run(["rollup", "--server", stack.url, "--token-file", staff, "--province", "BTH", "--period", PERIOD, "-o", out]);
    expect(roll.code).toBe(0);
    const api = (await stack.call("GET", `/api/rollups/BTH/${PERIOD}`, { user: "province-BTH" })).json;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Tổng hợp tỉnh")!;
    let h = 0;
    ws.eachRow((r, n) => { if (!h && r.getCell(1).value === "Đơn vị") h = n; });
    const header = (ws.getRow(h).values as unknown[]).slice(1);
    const col = header.indexOf("Tổng số đảng viên") + 1;
    expect(col).toBeGreaterThan(0);
    expect(ws.getRow(1).getCell(1).value).toBe("TỔNG HỢP CHỈ TIÊU HỆ THỐNG CHÍNH TRỊ CƠ SỞ — BÌNH THUẬN");
    expect(String(ws.getRow(2).getCell(1).value)).toMatch(/^Tháng 6 năm 2012 · số liệu cập nhật lúc \d\d\/\d\d\/\d{4} \d\d:\d\d \(giờ Việt Nam\)/);
    expect(ws.getRow(h + 1).getCell(1).value).toBe("Hàm Tân");
    expect(ws.getRow(h + 1).getCell(3).value).toMatch(/^(Đã gửi đúng hạn|Gửi muộn \d+ ngày)$/);
    expect(ws.getRow(h + 1).getCell(col).value).toBe(609);
    // Printable: A4 landscape, the group and header rows repeated on every page; one page wide only
    // when the text stays at 8 pt or more, else groups of columns with the unit column repeated.
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", printTitlesRow: `${h - 1}:${h}` });
    if (ws.pageSetup.fitToPage) expect(ws.pageSetup.fitToWidth).toBe(1);
    else {
      expect(ws.pageSetup.scale! * 11 / 100).toBeGreaterThanOrEqual(8);
      expect(ws.pageSetup.printTitlesColumn).toBeTruthy();
    }
    expect(api.totals["members.total"]).toBe(609);
    const rateCol = header.indexOf("Tỷ lệ thôn, khu phố có chi bộ") + 1;
    expect(ws.getRow(h + 1).getCell(rateCol).numFmt).toBe("0.00%");
    expect(ws.getRow(h + 1).getCell(rateCol).value).toBeCloseTo(api.districts[0].values["org.villages.with_cell_rate"] / 100, 9);

    // Refreshing replaces the sheet in place, and leaves the clerk's other sheets alone.
    const withOwn = new ExcelJS.Workbook();
    await withOwn.xlsx.readFile(out);
    withOwn.addWorksheet("Ghi chú").getCell("A1").value = "của tôi";
    await withOwn.xlsx.writeFile(out);
    await run(["rollup", "--server", stack.url, "--token-file", staff, "--province", "BTH", "--period", PERIOD, "-o", out]);
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(out);
    expect(again.worksheets.map((w) => w.name).sort()).toEqual(["Ghi chú", "Tổng hợp tỉnh"]);
  });

  it("compares a reorganised province in its new communes: 2025-Q3 against Hàm Tân's communes in 2025-Q2, marked as rebuilt", async () => {
    const catalog = getCatalog();
    const send = async (user: string, province: string, unit: string, period: string, units: { unit: string; values: Record<string, number | string> }[]) => {
      const r = await stack.call("POST", "/api/submissions", { user, headers: idem(), body: {
        province, unit, period, catalogVersion: catalog.version, baseVersion: null, mode: "replace", units, source: { workbook: "t.xlsx", sheet: "Sheet1", fingerprint: "fp" } } });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
    };
    const old = unitsValidIn(REGISTRY, "2025-Q2").filter((u) => u.parent === "BTH-HTN");
    await send("clerk-BTH-HTN", "BTH", "BTH-HTN", "2025-Q2", old.map((u, i) => ({ unit: u.code, values: communeValues(300 + i) })));
    for (const [i, code] of ["LDG-M02", "LDG-M03", "LDG-M04"].entries()) await send(`clerk-${code}`, "LDG", code, "2025-Q3", [{ unit: code, values: communeValues(400 + i) }]);
    const tokenFile = join(dir, "ldg.token");
    await writeFile(tokenFile, await stack.token("province-LDG"));
    const out = join(dir, "ldg.xlsx");
    const r = await run(["rollup", "--server", stack.url, "--token-file", tokenFile, "--province", "LDG", "--period", "2025-Q3", "-o", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    // Since July 2025 the reporting units are communes: the count says how many of them reported.
    expect(r.out).toMatch(/; 3\/[1-9]\d* đơn vị, /);
    const api = ReconstructedRollup.parse((await stack.call("GET", "/api/rollups/LDG/2025-Q2/in/2025-Q3", { user: "province-LDG" })).json);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Tổng hợp tỉnh")!;
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => { rows[n] = (row.values as unknown[]).slice(1); });
    const header = rows.find((x) => x?.[0] === "Đơn vị")!;
    const col = header.indexOf("Tổng số đảng viên");
    const at = rows.findIndex((x) => x?.[0] === "Kỳ trước (quý II năm 2025), theo đơn vị của kỳ này");
    expect(at).toBeGreaterThan(0);
    const m02 = rows.slice(at).find((x) => x?.[1] === "LDG-M02")!;
    const sum = REGISTRY.find((u) => u.code === "LDG-M02")!.predecessors!.reduce((t, c) => t + Number(communeValues(300 + old.findIndex((u) => u.code === c))["members.total"]), 0);
    expect(m02[col]).toBe(sum);
    expect(api.units.find((u) => u.unit === "LDG-M02")!.values["members.total"]).toBe(sum);
    expect(String(m02[2])).toMatch(/^Tính lại từ các đơn vị cũ: Sơn Mỹ, Sông Phan, Tân Thắng; gần đúng \(\*\)$/);
    const rowNo = rows.indexOf(m02);
    expect((ws.getRow(rowNo).getCell(3).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFEB9C");
    // The change row of the same unit: this period's figure less the rebuilt one.
    const change = rows.slice(rows.findIndex((x) => x?.[0] === "Tăng (+), giảm (−) so với quý II năm 2025")).find((x) => x?.[1] === "LDG-M02")!;
    expect(change[col]).toBe(Number(communeValues(400)["members.total"]) - sum);
    expect(rows.some((x) => String(x?.[0] ?? "").startsWith("(*) Gần đúng: Tân Thắng được chia cho Xã mẫu 02, Xã mẫu 03"))).toBe(true);
  });

  it("a server whose in-units answer is malformed gets a plain message and no sheet; one without the route (404) falls back to the earlier rollup", async () => {
    // In front of the real host: every request passes through, except the in-units route's.
    let inUnits: "junk" | "html" | "missing" = "junk";
    const front = createServer(async (req, res) => {
      if (/\/in\//.test(req.url ?? "")) {
        if (inUnits === "junk") { res.writeHead(200, { "content-type": "application/json" }); res.end(JSON.stringify({ province: 1, units: "all" })); return; }
        if (inUnits === "html") { res.writeHead(500, { "content-type": "text/html" }); res.end("<html>boom</html>"); return; }
        res.writeHead(404, { "content-type": "application/json" }); res.end(JSON.stringify({ error: "not_found", message: { vi: "Không có", en: "None" } })); return;
      }
      const up = await fetch(`${stack.url}${req.url}`, { headers: { authorization: String(req.headers.authorization ?? "") } });
      res.writeHead(up.status, { "content-type": up.headers.get("content-type") ?? "application/json" });
      res.end(Buffer.from(await up.arrayBuffer()));
    });
    await new Promise<void>((ok) => front.listen(0, "127.0.0.1", ok));
    const url = `http://127.0.0.1:${(front.address() as { port: number }).port}`;
    try {
      for (const kind of ["junk", "html"] as const) {
        inUnits = kind;
        const out = join(dir, `bad-${kind}.xlsx`);
        const r = await run(["rollup", "--server", url, "--token-file", staff, "--province", "BTH", "--period", "2015", "-o", out]);
        expect(r.code, kind).toBe(2);
        expect(r.err).toMatch(/không như mong đợi \(HTTP (200|500)\)/);
        expect(r.err).not.toMatch(/at \w+ \(|TypeError|ZodError/);
        expect(existsSync(out)).toBe(false);
      }
      inUnits = "missing";
      const out = join(dir, "older-server.xlsx");
      const r = await run(["rollup", "--server", url, "--token-file", staff, "--province", "BTH", "--period", PERIOD, "-o", out]);
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      expect(existsSync(out)).toBe(true);
    } finally {
      front.close();
    }
  });

  it("reports a conflict with base, mine and theirs, and writes nothing", async () => {
    // Someone else changes Tân Minh's members after version 1…
    const cur = (await stack.call("GET", `/api/submissions/BTH/${PERIOD}/BTH-HTN`, { user: "clerk-BTH-HTN" })).json;
    expect(cur.entries[0].version).toBe(1);
    const other = await stack.call("POST", "/api/submissions", {
      user: "clerk-BTH-HTN", headers: { "idempotency-key": "other-change" },
      body: { province: "BTH", district: "BTH-HTN", period: PERIOD, catalogVersion: "1.0.0", baseVersion: 1, mode: "merge", units: [{ unit: "BTH-HTN-01", values: { "members.total": 99 } }], source: { workbook: "x.xlsx", sheet: "S", fingerprint: "f" } },
    });
    expect(other.status).toBe(200);
    // …while this clerk's copy, based on version 1, has another value there.
    const mine = join(dir, "mine.xlsx");
    await copyFile(seeds("ham-tan-2012-06.xlsx"), mine);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(mine);
    const ws = wb.getWorksheet("Báo cáo")!;
    let row = 0;
    ws.eachRow((r, n) => { if (String(r.getCell(2).value).includes("Tân Minh")) row = n; });
    const header = (ws.getRow(4).values as unknown[]).slice(1);
    const col = header.indexOf("Tổng số đảng viên") + 1;
    const old = Number(ws.getCell(row, col).value);
    ws.getCell(row, col).value = 77;
    // Excel would recompute the total row's SUM; exceljs keeps the cached result, so do it here.
    ws.eachRow((r) => {
      const c = r.getCell(col);
      if (c.formula) c.value = { formula: c.formula, result: Number(c.result) - old + 77 };
    });
    await wb.xlsx.writeFile(mine);
    const r = await run(["submit", mine, "--server", stack.url, "--token-file", clerk, "--period", PERIOD, "--base", "1", "--json"]);
    expect(r.code).toBe(1);
    const body = JSON.parse(r.out);
    expect(body.issues ?? [], JSON.stringify(body.issues?.map((i: { message: string }) => i.message))).toEqual([]);
    expect(body).toMatchObject({ sent: false, error: "conflict", currentVersion: 2 });
    expect(body.conflicts).toContainEqual(expect.objectContaining({ unit: "BTH-HTN-01", indicator: "members.total", mine: 77, theirs: 99 }));
  });
});

describe("bad input for submit and rollup: a clear message, exit 2", () => {
  let junk: HttpServer;
  let junkUrl = "";
  beforeAll(async () => {
    junk = createServer((_req, res) => { res.writeHead(500, { "content-type": "text/html" }); res.end("<html>Internal Server Error</html>"); });
    await new Promise<void>((ok) => junk.listen(0, "127.0.0.1", ok));
    junkUrl = `http://127.0.0.1:${(junk.address() as { port: number }).port}`;
  });
  afterAll(() => { junk.close(); });
  const base = () => ["submit", seeds("ham-tan-2012-06.xlsx"), "--period", PERIOD];
  const cases: [string, () => Promise<string[]>, RegExp][] = [
    ["no server", async () => [...base(), "--token-file", clerk], /Thiếu --server/],
    ["a server that is not a URL", async () => [...base(), "--server", "not a url", "--token-file", clerk], /không hợp lệ/],
    ["a file: URL", async () => [...base(), "--server", "file:///etc/passwd", "--token-file", clerk], /http:\/\/ hoặc https:\/\//],
    ["credentials in the URL", async () => [...base(), "--server", "http://a:b@127.0.0.1:1", "--token-file", clerk], /mật khẩu/],
    ["no token", async () => [...base(), "--server", stack.url], /Thiếu --token/],
    ["a missing token file", async () => [...base(), "--server", stack.url, "--token-file", join(dir, "none")], /Không đọc được tệp mã đăng nhập/],
    ["a token with spaces", async () => { const f = join(dir, "bad.token"); await writeFile(f, "not a token at all"); return [...base(), "--server", stack.url, "--token-file", f]; }, /token\) không hợp lệ/],
    ["an unreachable server", async () => [...base(), "--server", "http://127.0.0.1:9", "--token-file", clerk], /Không kết nối được máy chủ/],
    ["a server that answers HTML", async () => [...base(), "--server", junkUrl, "--token-file", clerk], /không như mong đợi \(HTTP 500\)/],
    ["an expired token", async () => { const f = join(dir, "old.token"); await writeFile(f, await stack.token("clerk-BTH-HTN", { expiresIn: "-1h" })); return [...base(), "--server", stack.url, "--token-file", f]; }, /từ chối \(401\)/],
    ["another unit's clerk", async () => { const f = join(dir, "other.token"); await writeFile(f, await stack.token("clerk-LCU-NNH")); return [...base(), "--server", stack.url, "--token-file", f]; }, /Không xác định được đơn vị báo cáo/],
    ["another unit's clerk naming that unit", async () => { const f = join(dir, "other2.token"); await writeFile(f, await stack.token("clerk-LCU-NNH")); return [...base(), "--unit", "BTH-HTN", "--server", stack.url, "--token-file", f]; }, /Không có đơn vị mã "BTH-HTN" trong danh mục đơn vị đã tải/],
    ["a bad period", async () => ["submit", seeds("ham-tan-2012-06.xlsx"), "--period", "06/2012", "--server", stack.url, "--token-file", clerk], /--period/],
    ["a bad base", async () => [...base(), "--base", "-1", "--server", stack.url, "--token-file", clerk], /--base/],
    ["a bad mode", async () => [...base(), "--mode", "overwrite", "--server", stack.url, "--token-file", clerk], /--mode/],
    ["an unknown unit given as --district", async () => [...base(), "--district", "XX-YY", "--server", stack.url, "--token-file", clerk], /--unit/],
    ["an unknown unit", async () => [...base(), "--unit", "XX-YY", "--server", stack.url, "--token-file", clerk], /--unit/],
    ["--unit and --district that disagree", async () => [...base(), "--unit", "BTH-HTN", "--district", "LCU-NNH", "--server", stack.url, "--token-file", clerk], /--district/],
    ["rollup without province", async () => ["rollup", "--server", stack.url, "--token-file", staff, "--period", PERIOD, "-o", join(dir, "r.xlsx")], /--province/],
    ["rollup with an injected province", async () => ["rollup", "--server", stack.url, "--token-file", staff, "--province", "BTH') or true", "--period", PERIOD, "--json"], /--province/],
    ["rollup without output", async () => ["rollup", "--server", stack.url, "--token-file", staff, "--province", "BTH", "--period", PERIOD], /Thiếu -o/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const r = await run(await args());
      expect(r.err).toMatch(message);
      expect(r.code).toBe(2);
      expect(r.err).not.toMatch(/\n\s+at /);
    });
  }
});
