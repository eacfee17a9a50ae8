import { describe, expect, it, beforeAll } from "vitest";
import { execFile } from "node:child_process";
import { mkdtemp, writeFile, mkdir, copyFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { runCli, seedWorkbook } from "./run-cli.ts";
import { RECORD_SHEET, REPORT_SHEET } from "../../shared/index.ts";

const seeds = seedWorkbook;
const bin = fileURLToPath(new URL("../../cli/bin.mjs", import.meta.url));
let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), "htct-cli-")); });

const run = runCli;

describe("htct validate", () => {
  it("exits 0 on a clean workbook and prints a Vietnamese summary", async () => {
    const r = await run(["validate", seeds("ham-tan-2012-06.xlsx")]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Tổng: 0 lỗi/);
  });
  it("exits 1 on errors and gives the documented JSON shape", async () => {
    const r = await run(["validate", seeds("ham-tan-tong-sai.xlsx"), "--json"]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(["file", "sheets", "issues", "summary", "byCause"]);
    expect(j.sheets[0]).toMatchObject({ kind: "units", kindConfidence: expect.any(Number), kindReason: expect.any(String) });
    expect(j.byCause).toContainEqual({ rule: "total_sum_range", severity: "error", count: 1 });
    expect(j.sheets[0]).toMatchObject({ name: "Báo cáo", headerRows: [3] });
    expect(j.sheets[0].mapping[0]).toEqual(expect.objectContaining({ column: expect.any(String), header: expect.any(String), indicator: expect.any(String), confidence: expect.any(Number) }));
    expect(j.issues[0]).toEqual(expect.objectContaining({ severity: expect.any(String), rule: expect.any(String), sheet: "Báo cáo", cells: expect.any(Array), indicators: expect.any(Array), message: expect.any(String), hint: expect.any(String) }));
    expect(j.summary.errors).toBeGreaterThan(0);
  });
  it("speaks English with --lang en", async () => {
    const r = await run(["validate", seeds("ham-tan-tong-sai.xlsx"), "--lang", "en"]);
    expect(r.out).toMatch(/Total: \d+ errors/);
  });
  it("uses a saved mapping and validates one sheet", async () => {
    const mapping = join(dir, "map.json");
    await writeFile(mapping, JSON.stringify({ D: null }));
    const r = await run(["validate", seeds("ham-tan-2012-06.xlsx"), "--sheet", "Báo cáo", "--mapping", mapping, "--json"]);
    const j = JSON.parse(r.out);
    expect(j.sheets).toHaveLength(1);
    expect(j.sheets[0].mapping.some((m: { column: string }) => m.column === "D")).toBe(false);
  });
  it("works as `npx htct` / the bin script in a real process", async () => {
    const r = await promisify(execFile)(process.execPath, [bin, "validate", seeds("lai-chau-2019.xlsx"), "--json"]).catch((e) => e);
    expect(JSON.parse(r.stdout).summary.warnings).toBeGreaterThan(0);
  });
});

describe("bad input gets a clear message and exit 2", () => {
  const cases: [string, () => Promise<string[]>, RegExp][] = [
    ["no arguments", async () => [], /Cách dùng/],
    ["unknown command", async () => ["frobnicate"], /Lệnh không hợp lệ/],
    ["unknown option", async () => ["validate", "x.xlsx", "--bogus"], /Tham số không hợp lệ/],
    ["bad --lang", async () => ["validate", seeds("ham-tan-2012-06.xlsx"), "--lang", "fr"], /--lang/],
    ["two files", async () => ["validate", "a.xlsx", "b.xlsx"], /đúng một tệp/],
    ["missing file", async () => ["validate", join(dir, "nope.xlsx")], /Không tìm thấy tệp/],
    ["a directory", async () => ["validate", dir], /không phải là tệp/],
    ["an empty file", async () => { const f = join(dir, "empty.xlsx"); await writeFile(f, ""); return ["validate", f]; }, /rỗng/],
    ["a text file", async () => { const f = join(dir, "text.xlsx"); await writeFile(f, "STT,Đơn vị\n1,Xã A\n"); return ["validate", f]; }, /không phải là tệp Excel/],
    ["a corrupt zip", async () => { const f = join(dir, "corrupt.xlsx"); await writeFile(f, Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(200, 7)])); return ["validate", f]; }, /bị hỏng/],
    // An encrypted .xlsx is an OLE container holding these two streams (their names are UTF-16).
    ["a password-protected (OLE) file", async () => { const f = join(dir, "locked.xlsx"); await writeFile(f, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512), Buffer.from("EncryptionInfo\0EncryptedPackage", "utf16le")])); return ["validate", f]; }, /mật khẩu/],
    ["a damaged .xls (OLE header only)", async () => { const f = join(dir, "broken.xls"); await writeFile(f, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)])); return ["validate", f]; }, /bị hỏng/],
    ["an empty sheet", async () => { const f = join(dir, "blank.xlsx"); const wb = new ExcelJS.Workbook(); wb.addWorksheet("Trống"); await wb.xlsx.writeFile(f); return ["validate", f]; }, /không có trang tính nào có dữ liệu/],
    ["a missing sheet", async () => ["validate", seeds("ham-tan-2012-06.xlsx"), "--sheet", "Không có"], /Không có trang tính "Không có"/],
    ["a mapping that is not JSON", async () => { const f = join(dir, "bad.json"); await writeFile(f, "{oops"); return ["validate", seeds("ham-tan-2012-06.xlsx"), "--mapping", f]; }, /không phải JSON/],
    ["a mapping of the wrong shape", async () => { const f = join(dir, "shape.json"); await writeFile(f, JSON.stringify({ D: 42 })); return ["validate", seeds("ham-tan-2012-06.xlsx"), "--mapping", f]; }, /sai cấu trúc/],
    ["a registry of the wrong shape", async () => { const f = join(dir, "reg.json"); await writeFile(f, JSON.stringify([{ code: "a/b" }])); return ["validate", seeds("ham-tan-2012-06.xlsx"), "--registry", f]; }, /có \d+ lỗi; chưa dùng gì/],
    ["control characters in an argument", async () => ["validate", seeds("ham-tan-2012-06.xlsx"), "--sheet", "a\u0000b"], /không hợp lệ/],
    ["an oversized argument", async () => ["validate", seeds("ham-tan-2012-06.xlsx"), "--sheet", "x".repeat(5000)], /không hợp lệ/],
    ["annotate without -o", async () => ["annotate", seeds("ham-tan-2012-06.xlsx")], /Thiếu -o/],
    ["template with an unknown unit", async () => ["template", "-o", join(dir, "t.xlsx"), "--unit", "XX-YY"], /Không có đơn vị/],
    ["template with an input file", async () => ["template", "a.xlsx", "-o", join(dir, "t.xlsx")], /không nhận tệp vào/],
    ["an unwritable output", async () => ["template", "-o", join(dir, "no", "such", "dir", "t.xlsx")], /không ghi được/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const r = await run(await args());
      if (name === "no arguments") { expect(r.code).toBe(2); expect(r.out).toMatch(message); return; }
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    });
  }
  it("never crashes on random arguments", async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("validate", "annotate", "template", "--json", "-o", "--clear", "--sheet", "--lang")), { maxLength: 6 }), async (args) => {
      const r = await run(args.filter((a) => !a.startsWith("-o") || args.length < 3 ? true : true).map((a) => (a === "-o" ? "--json" : a)));
      expect([0, 1, 2]).toContain(r.code);
      expect(r.err).not.toMatch(/Lỗi không mong đợi/);
    }), { numRuns: 60 });
  });
});

async function snapshot(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const cells: Record<string, unknown> = {};
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (c) => {
      cells[`${ws.name}!${c.address}`] = { v: c.value, fill: c.style?.fill ?? null, note: c.note ?? null };
    }));
  }
  return { sheets: wb.worksheets.map((w) => `${w.name}:${w.state}`), cells };
}

describe("htct annotate", () => {
  it("marks problem cells, writes the report sheet, never changes values, and --clear restores the original exactly", async () => {
    const original = join(dir, "orig.xlsx");
    await copyFile(seeds("ham-tan-tong-sai.xlsx"), original);
    // The clerk's own formatting, which clear must bring back: a fill and a note on problem cells.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(original);
    const ws = wb.getWorksheet("Báo cáo")!;
    ws.getCell("E15").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B050" } };
    ws.getCell("B6").note = "ghi chú của cán bộ";
    await wb.xlsx.writeFile(original);

    const annotated = join(dir, "annotated.xlsx");
    const r = await run(["annotate", original, "-o", annotated]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Đã đánh dấu \d+ ô/);
    const before = await snapshot(original);
    const after = await snapshot(annotated);
    for (const [k, v] of Object.entries(before.cells)) expect((after.cells[k] as { v: unknown }).v, k).toEqual((v as { v: unknown }).v);
    expect(after.sheets).toContain(`${REPORT_SHEET}:visible`);
    expect(after.sheets).toContain(`${RECORD_SHEET}:veryHidden`);
    expect((after.cells["Báo cáo!E15"] as { fill: { fgColor: { argb: string } } }).fill.fgColor.argb).toBe("FFFFC7CE");
    // The total row's SUM stops a row early: one issue, noted on its first cell, every cell filled.
    expect(String((after.cells["Báo cáo!C15"] as { note: unknown }).note)).toMatch(/Toàn huyện.*dòng 13/);
    const link = Object.entries(after.cells).find(([k]) => k.startsWith(`${REPORT_SHEET}!C`) && typeof (after.cells[k] as { v: unknown }).v === "object");
    expect((link![1] as { v: { hyperlink: string } }).v.hyperlink).toMatch(/^#'Báo cáo'!/);
    // The report sheet prints as the product's other sheets: A4 landscape, its header repeated, page numbers in the footer.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(annotated);
    const rs = book.getWorksheet(REPORT_SHEET)!;
    expect(rs.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", printTitlesRow: "1:1" });
    expect(rs.headerFooter.oddFooter).toBe("&L&A&RTrang &P/&N");
    expect(rs.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });

    // Annotating again refreshes rather than stacking annotations.
    const twice = join(dir, "twice.xlsx");
    await run(["annotate", annotated, "-o", twice]);
    expect((await snapshot(twice)).sheets.filter((s) => s.startsWith(REPORT_SHEET))).toHaveLength(1);

    const cleared = join(dir, "cleared.xlsx");
    expect((await run(["annotate", "--clear", twice, "-o", cleared])).code).toBe(0);
    expect(await snapshot(cleared)).toEqual(before);
  });
  it("keeps a clerk's own sheet named like the report sheet", async () => {
    const f = join(dir, "own.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(seeds("ham-tan-tong-sai.xlsx"));
    wb.addWorksheet(REPORT_SHEET).getCell("A1").value = "của tôi";
    await wb.xlsx.writeFile(f);
    const out = join(dir, "own-annotated.xlsx");
    await run(["annotate", f, "-o", out]);
    const s = await snapshot(out);
    expect(s.cells[`${REPORT_SHEET}!A1`]).toMatchObject({ v: "của tôi" });
    expect(s.sheets).toContain(`${REPORT_SHEET} (2):visible`);
    const cleared = join(dir, "own-cleared.xlsx");
    await run(["annotate", "--clear", out, "-o", cleared]);
    expect(await snapshot(cleared)).toEqual(await snapshot(f));
  });
});

describe("htct template", () => {
  it("writes a standard workbook whose every column reads back as its indicator", async () => {
    const f = join(dir, "template.xlsx");
    const r = await run(["template", "-o", f, "--unit", "BTH-HTN"]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f);
    const ws = wb.getWorksheet("Báo cáo")!;
    expect(ws.getCell("B5").value).toMatch(/Tân|Sơn|Sông|Thắng/);
    expect(ws.getCell("C3").note).toBeTruthy();
    expect(ws.getCell("C5").dataValidation?.type).toBeDefined();
    // Fill the inputs and validate: every column is recognised and nothing is unmapped.
    for (let r2 = 5; r2 <= 14; r2++) for (let c = 3; c <= ws.columnCount; c++) { const cell = ws.getCell(r2, c); if (!cell.formula && cell.dataValidation?.type === "whole") cell.value = 1; }
    await wb.xlsx.writeFile(f);
    const v = await run(["validate", f, "--json"]);
    const j = JSON.parse(v.out);
    expect(j.sheets[0].unmapped).toEqual([]);
    expect(j.sheets[0].mapping.length).toBeGreaterThan(250);
    expect(j.sheets[0].mapping.every((m: { confidence: number }) => m.confidence >= 0.9)).toBe(true);
  });
  it("places the folder it needs", async () => { await mkdir(join(dir, "sub"), { recursive: true }); expect((await run(["template", "-o", join(dir, "sub", "t.xlsx")])).code).toBe(0); });
});

describe("text that looks like a formula", () => {
  it("is written as text in the report sheet, without a visible apostrophe", async () => {
    const f = join(dir, "formula-names.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Báo cáo");
    ws.addRows([["Đơn vị", "Số đảng viên", "Số chi bộ trực thuộc"], ["=HYPERLINK(\"http://x\")", 5, 2], ["Tân Hà", 4, 1]]);
    await wb.xlsx.writeFile(f);
    const out = join(dir, "formula-names-annotated.xlsx");
    await run(["annotate", f, "-o", out]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    const report = back.getWorksheet(REPORT_SHEET)!;
    const units: unknown[] = [];
    report.eachRow((row) => units.push(row.getCell(5).value));
    expect(units).toContain("=HYPERLINK(\"http://x\")");
    report.eachRow((row) => row.eachCell((c) => expect(c.formula).toBeUndefined()));
  });
});

describe("a blank form", () => {
  it("is recognised as a table whose required figures are still to be entered", async () => {
    const f = join(dir, "blank-form.xlsx");
    await run(["template", "-o", f]);
    const r = await run(["validate", f, "--json"]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.sheets[0].units.filter((u: { isTotal: boolean; unitId: string | null }) => !u.isTotal && u.unitId)).toHaveLength(10);
    // exceljs writes the template's totals and rates without results: computed, and said once.
    expect(new Set(j.issues.map((i: { rule: string }) => i.rule))).toEqual(new Set(["required_blank", "formula_computed"]));
  });
});
