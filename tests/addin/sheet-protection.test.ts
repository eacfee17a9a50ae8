// A protected sheet with unlocked input cells, as Excel treats it (Microsoft's "Protect a
// worksheet"): typing only into unlocked cells; fills, fonts and number formats on any cell only
// with "Format cells" allowed; notes only with "Edit objects" allowed.
import { describe, expect, it } from "vitest";
import { capabilities, ExcelAdapter } from "../../addin/src/excel/adapter.ts";
import type { XlContext } from "../../addin/src/excel/surface.ts";
import { FakeExcelHost, FakeWorkbook, snapshot } from "./fake-excel/index.ts";
import { unitWorkbook, validate } from "./sheets.ts";

async function code(host: FakeExcelHost, act: (ctx: XlContext) => void): Promise<string | null> {
  try { await host.run(async (ctx) => { act(ctx); await ctx.sync(); }); return null; } catch (e) { return (e as { code?: string }).code ?? String(e); }
}

function protectedBook(options: Partial<FakeWorkbook["sheets"][number]["protectionOptions"]> = {}): FakeWorkbook {
  const wb = new FakeWorkbook();
  const s = wb.add("A");
  // B2:B3 are the form's input cells, unlocked before the sheet was protected.
  s.cell(1, 1).locked = false;
  s.cell(2, 1).locked = false;
  s.protected = true;
  s.protectionOptions = { ...s.protectionOptions, ...options };
  return wb;
}

describe("fake Excel: a protected sheet with unlocked cells", () => {
  it("takes values in unlocked cells only; a range with one locked cell is refused whole", async () => {
    const wb = protectedBook();
    const host = new FakeExcelHost(wb);
    expect(await code(host, (c) => { c.workbook.worksheets.getItem("A").getRange("B2:B3").values = [[1], [2]]; })).toBeNull();
    expect(wb.sheet("A")!.get(2, 1)!.value).toBe(2);
    expect(await code(host, (c) => { c.workbook.worksheets.getItem("A").getRange("B3:B4").values = [[5], [6]]; })).toBe("AccessDenied");
    expect(wb.sheet("A")!.get(2, 1)!.value).toBe(2);
    expect(await code(host, (c) => { c.workbook.worksheets.getItem("A").getRange("A1").values = [[1]]; })).toBe("AccessDenied");
    expect(await code(host, (c) => { c.workbook.worksheets.getItem("A").getRange("B2").clear("Contents"); })).toBeNull();
    // Clear "All" also clears formats: refused without "Format cells".
    expect(await code(host, (c) => { c.workbook.worksheets.getItem("A").getRange("B2").clear(); })).toBe("AccessDenied");
  });

  it("refuses fills, fonts and number formats even on unlocked cells unless Format cells is allowed; then on any cell", async () => {
    const host = new FakeExcelHost(protectedBook());
    expect(await code(host, (c) => { c.workbook.worksheets.getItem("A").getRange("B2").format.fill.color = "#FF0000"; })).toBe("AccessDenied");
    expect(await code(host, (c) => { c.workbook.worksheets.getItem("A").getRange("B2").format.font.bold = true; })).toBe("AccessDenied");
    expect(await code(host, (c) => { c.workbook.worksheets.getItem("A").getRange("B2").numberFormat = [["0"]]; })).toBe("AccessDenied");
    const wb = protectedBook({ allowFormatCells: true });
    const open = new FakeExcelHost(wb);
    expect(await code(open, (c) => { c.workbook.worksheets.getItem("A").getRange("A1").format.fill.color = "#FF0000"; })).toBeNull();
    expect(wb.sheet("A")!.get(0, 0)!.fill).toEqual({ color: "#FF0000", pattern: "Solid" });
    // Column widths are "Format columns", a permission of their own.
    expect(await code(open, (c) => { c.workbook.worksheets.getItem("A").getRange("A1").format.columnWidth = 80; })).toBe("AccessDenied");
  });

  it("refuses notes unless Edit objects is allowed, and reports its options as Excel does", async () => {
    expect(await code(new FakeExcelHost(protectedBook({ allowFormatCells: true })), (c) => { c.workbook.worksheets.getItem("A").notes.add("B2", "x"); })).toBe("AccessDenied");
    const wb = protectedBook({ allowEditObjects: true });
    const host = new FakeExcelHost(wb);
    expect(await code(host, (c) => { c.workbook.worksheets.getItem("A").notes.add("B2", "x"); })).toBeNull();
    const options = await host.run(async (ctx) => { const p = ctx.workbook.worksheets.getItem("A").protection.load("protected,options"); await ctx.sync(); return p.options; });
    expect(options).toMatchObject({ allowFormatCells: false, allowEditObjects: true });
  });
});

describe("Excel adapter: marks on a protected sheet, where its protection allows", () => {
  function setup(options: { allowFormatCells?: boolean; allowEditObjects?: boolean }) {
    const wb = unitWorkbook(20);
    const s = wb.sheet("Báo cáo")!;
    s.protected = true;
    s.protectionOptions = { ...s.protectionOptions, ...options };
    const host = new FakeExcelHost(wb, { excelApi: "1.18" });
    return { wb, host, adapter: new ExcelAdapter(host.run, capabilities(host.office)) };
  }

  it("with Format cells allowed: fills the cells, adds no note, says so; Clear puts the fills back", async () => {
    const { wb, adapter } = setup({ allowFormatCells: true });
    const before = snapshot(wb);
    const initial = unitWorkbook(20);
    const snap = await adapter.readSheet();
    const result = await adapter.annotate(validate(snap), "vi", snap.sheets);
    expect(result.marked).toBeGreaterThan(0);
    expect(result.notes).toBe(0);
    expect(result.protectedSheets).toEqual([{ sheet: "Báo cáo", fills: true, notes: false }]);
    const s = wb.sheet("Báo cáo")!;
    expect([...s.entries()].some(([, , c]) => c.fill !== null)).toBe(true);
    // The clerk's own notes, and no note of ours.
    const notesOf = (w: FakeWorkbook) => [...w.sheet("Báo cáo")!.entries()].filter(([, , c]) => c.note !== null).map(([r, c, cell]) => `${r},${c}:${cell.note}`);
    expect(notesOf(wb)).toEqual(notesOf(initial));
    // The report lists every issue, those on the protected sheet included.
    expect(wb.sheet(result.reportSheet)).toBeDefined();
    expect((await adapter.clear()).cleared).toBe(true);
    expect(snapshot(wb)).toEqual(before);
  });

  it("with Format cells and Edit objects allowed: marks as on an open sheet", async () => {
    const { adapter } = setup({ allowFormatCells: true, allowEditObjects: true });
    const snap = await adapter.readSheet();
    const result = await adapter.annotate(validate(snap), "vi", snap.sheets);
    expect(result.notes).toBeGreaterThan(0);
    expect(result.protectedSheets).toEqual([{ sheet: "Báo cáo", fills: true, notes: true }]);
  });

  it("with Excel's default protection nothing can be marked: nothing is written and the sheet is named", async () => {
    const { wb, adapter } = setup({});
    const before = snapshot(wb);
    const snap = await adapter.readSheet();
    await expect(adapter.annotate(validate(snap), "vi", snap.sheets)).rejects.toMatchObject({ code: "protected", sheet: "Báo cáo" });
    expect(snapshot(wb)).toEqual(before);
  });
});
