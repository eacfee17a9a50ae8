import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { checkWorkbook } from "../../cli/check.ts";
import { capabilities, ExcelAdapter } from "../../addin/src/excel/adapter.ts";
import { compileValidator, getCatalog, groupByCause, readSheet, type Issue } from "../../shared/index.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { FakeExcelHost, FakeWorkbook, loadXlsx } from "./fake-excel/index.ts";

const LEVELS = ["1.2", "1.9", "1.18"] as const;
const MODES = ["web", "desktop"] as const;

/**
 * Hidden rows and columns through Office.js: the adapter learns them (rowHidden/columnHidden from
 * ExcelApi 1.2, getRowProperties/getColumnProperties from 1.9) and hands them to the shared
 * reader as the CLI does from the file, so the pane says the same as `htct check`.
 */
const catalog = getCatalog();

/** A district's sheet with last year's columns hidden and two hidden rows (one a unit with figures that would be errors). */
async function xlsx(origin: { row: number; col: number } = { row: 0, col: 0 }): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Báo cáo");
  const put = (r: number, values: (string | number | null)[]) => values.forEach((v, c) => { if (v !== null) ws.getCell(origin.row + r + 1, origin.col + c + 1).value = v; });
  put(0, ["BÁO CÁO NĂM 2023"]);
  put(1, ["Đơn vị", "Đảng viên", null, "Chi bộ trực thuộc", null, "Tổng số hộ", "Số hộ nghèo"]);
  put(2, [null, "Năm 2022", "Năm 2023", "Năm 2022", "Năm 2023", null, null]);
  ws.mergeCells(origin.row + 2, origin.col + 2, origin.row + 2, origin.col + 3);
  ws.mergeCells(origin.row + 2, origin.col + 4, origin.row + 2, origin.col + 5);
  put(3, ["Tổng cộng", 250, 270, 20, 19, 3000, 300]);
  put(4, ["Xã Sơn Mỹ", 100, 110, 12, 10, 1000, 120]);
  put(5, ["Xã Tân Đức", 150, 160, 8, 9, 2000, 180]);
  put(6, ["Xã Thử Ẩn", 5, 5, 1, 1, 10, 9000]); // hidden: its poor > households must not be reported
  put(7, ["Xã Tân Phúc", 80, 90, 5, 6, 500, 9999]); // visible: poor > households is an error on both sides
  put(8, ["Xã Cũ", 1, 1, 1, 1, 1, 1]); // hidden: a unit of an older list, never read
  put(10, ["Người lập biểu"]);
  ws.getColumn(origin.col + 2).hidden = true; // Năm 2022 of "Đảng viên"
  ws.getColumn(origin.col + 4).hidden = true; // Năm 2022 of "Chi bộ"
  ws.getRow(origin.row + 7).hidden = true;
  ws.getRow(origin.row + 9).hidden = true;
  return new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
}

async function cli(data: Uint8Array): Promise<Issue[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return checkWorkbook(wb, { registry: REGISTRY, targets: [], lang: "vi" }).issues;
}

async function pane(data: Uint8Array, excelApi: string, mode: "web" | "desktop" = "web"): Promise<{ issues: Issue[]; host: FakeExcelHost; grid: { hiddenRows?: readonly number[]; hiddenColumns?: readonly number[] } }> {
  const host = new FakeExcelHost(await loadXlsx(data), { excelApi, mode });
  const snap = await new ExcelAdapter(host.run, capabilities(host.office)).readSheet("Báo cáo");
  const read = readSheet(snap.grid, { catalog, lang: "vi", registry: REGISTRY });
  const found = compileValidator(catalog, { lang: "vi", totalUnitId: read.scope })(read.table, { history: read.history });
  return { issues: groupByCause([...read.issues, ...found], "vi"), host, grid: snap.grid };
}

const brief = (issues: Issue[]) => issues.map((i) => [i.severity, i.rule, i.cells.join(" "), i.message]).sort();

describe("hidden rows and columns in the add-in", () => {
  for (const excelApi of LEVELS) {
    for (const mode of MODES) {
      it(`gives the CLI's issues on the same .xlsx (ExcelApi ${excelApi}, ${mode})`, async () => {
        const data = await xlsx();
        const expected = await cli(data);
        const got = await pane(data, excelApi, mode);
        expect(got.grid.hiddenColumns).toEqual([1, 3]);
        expect(got.grid.hiddenRows).toEqual([6, 8]);
        expect(brief(got.issues)).toEqual(brief(expected));
        const skipped = got.issues.find((i) => i.rule === "hidden_skipped");
        expect(skipped?.message).toMatch(/dòng 7, 9\b/);
        expect(skipped?.message).toMatch(/cột B, D/);
        // The hidden unit's impossible figures are not read; the visible one's are.
        expect(got.issues.filter((i) => i.severity === "error").flatMap((i) => i.cells)).not.toContain("G7");
        expect(got.issues.some((i) => i.severity === "error" && i.cells.includes("G8"))).toBe(true);
        // Knowing what is hidden costs no sync: still the size, then one block.
        expect(got.host.syncCount).toBe(2);
      });
    }
  }

  it("says the same when the table starts elsewhere on the sheet (addresses move, nothing else)", async () => {
    const data = await xlsx({ row: 4, col: 2 });
    const expected = await cli(data);
    for (const excelApi of LEVELS) {
      const got = await pane(data, excelApi);
      expect(brief(got.issues)).toEqual(brief(expected));
      expect(got.issues.find((i) => i.rule === "hidden_skipped")?.message).toMatch(/dòng 11, 13\b.*cột D, F/);
    }
  });

  it("asks no more of Excel when nothing is hidden (as many syncs and actions as without looking)", async () => {
    const wb = new FakeWorkbook();
    const s = wb.add("Báo cáo");
    [["Đơn vị", "Tổng số đảng viên"], ["Xã Sơn Mỹ", 100]].forEach((row, r) => row.forEach((v, c) => { s.cell(r, c).value = v; }));
    for (const excelApi of LEVELS) {
      const host = new FakeExcelHost(wb, { excelApi });
      const snap = await new ExcelAdapter(host.run, capabilities(host.office)).readSheet();
      expect(snap.grid.hiddenRows).toEqual([]);
      expect(snap.grid.hiddenColumns).toEqual([]);
      const blind = new FakeExcelHost(wb, { excelApi });
      await new ExcelAdapter(blind.run, { ...capabilities(blind.office), hidden: false, lineProperties: false }).readSheet();
      expect(host.syncs.map((x) => x.actions)).toEqual(blind.syncs.map((x) => x.actions));
    }
  });

  it("knows a sheet whose every row or column is hidden", async () => {
    const wb = new FakeWorkbook();
    const s = wb.add("Báo cáo");
    wb.add("Khác").cell(0, 0).value = "x";
    [["Đơn vị", "Tổng số đảng viên"], ["Xã Sơn Mỹ", 100]].forEach((row, r) => row.forEach((v, c) => { s.cell(r, c).value = v; }));
    s.hiddenColumns.add(0); s.hiddenColumns.add(1);
    const host = new FakeExcelHost(wb, { excelApi: "1.2" });
    const snap = await new ExcelAdapter(host.run, capabilities(host.office)).readSheet("Báo cáo");
    expect(snap.grid.hiddenColumns).toEqual([0, 1]);
  });

  it("reads many hidden rows at ExcelApi 1.2 within the request budget, in blocks", async () => {
    const wb = new FakeWorkbook();
    const s = wb.add("Báo cáo");
    s.cell(0, 0).value = "Đơn vị"; s.cell(0, 1).value = "Tổng số đảng viên";
    for (let r = 1; r <= 20_000; r++) { s.cell(r, 0).value = `Xã Thử Nghiệm ${r}`; s.cell(r, 1).value = 100 + (r % 7); if (r % 3 === 0) s.hiddenRows.add(r); }
    for (const excelApi of ["1.2", "1.9"]) {
      const host = new FakeExcelHost(wb, { excelApi });
      const snap = await new ExcelAdapter(host.run, capabilities(host.office)).readSheet("Báo cáo");
      expect(snap.grid.hiddenRows).toEqual([...s.hiddenRows].sort((a, b) => a - b));
      expect(host.maxRequestBytes).toBeLessThan(4 * 1024 * 1024);
      expect(host.maxResponseBytes).toBeLessThan(4 * 1024 * 1024);
      // 1.9: one getRowProperties per block; 1.2: a range per row, so more blocks.
      if (excelApi === "1.9") expect(host.syncCount).toBe(2);
      else expect(host.syncCount).toBeGreaterThan(2);
    }
  }, 120_000);
});

describe("rows hidden or shown while the pane is open", () => {
  const sheet = () => {
    const wb = new FakeWorkbook();
    const s = wb.add("Báo cáo");
    [["Đơn vị", "Tổng số đảng viên"], ["Xã Sơn Mỹ", 100], ["Xã Tân Đức", 120]].forEach((row, r) => row.forEach((v, c) => { s.cell(r, c).value = v; }));
    return { wb, s };
  };

  it("hears of it from ExcelApi 1.11 (no change event comes for it), and not below", async () => {
    for (const [excelApi, heard] of [["1.18", true], ["1.11", true], ["1.9", false]] as const) {
      const { s, wb } = sheet();
      const host = new FakeExcelHost(wb, { excelApi });
      const adapter = new ExcelAdapter(host.run, capabilities(host.office));
      const events: string[] = [];
      expect(await adapter.watch("Báo cáo", (address, type) => events.push(`${type} ${address}`))).toBe(true);
      host.userSetRowsHidden(s, 1, 1, true);
      await new Promise((r) => setTimeout(r, 0));
      expect(events).toEqual(heard ? ["RowHidden 2:2"] : []);
    }
  });

  it("a re-check of edited rows reads the sheet again whole once rows were hidden or shown", async () => {
    const { s, wb } = sheet();
    const host = new FakeExcelHost(wb, { excelApi: "1.9" });
    const adapter = new ExcelAdapter(host.run, capabilities(host.office));
    const snap = await adapter.readSheet("Báo cáo");
    expect(await adapter.readRows(snap.grid, [2])).not.toBeNull();
    host.userSetRowsHidden(s, 2, 2, true);
    expect(await adapter.readRows(snap.grid, [2])).toBeNull();
    const again = await adapter.readSheet("Báo cáo");
    expect(again.grid.hiddenRows).toEqual([2]);
    expect(await adapter.readRows(again.grid, [2])).not.toBeNull();
    s.hiddenColumns.add(1);
    expect(await adapter.readRows(again.grid, [2])).toBeNull();
  });
});

describe("the fake Excel's hidden rows and columns", () => {
  const wb = () => {
    const w = new FakeWorkbook();
    const s = w.add("A");
    s.cell(0, 0).value = 1; s.cell(5, 5).value = 2;
    s.hiddenRows.add(2); s.hiddenColumns.add(3);
    return w;
  };
  it("answers rowHidden true, false or null (some) as Excel does, from ExcelApi 1.2", async () => {
    const host = new FakeExcelHost(wb(), { excelApi: "1.2" });
    const got = await host.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("A");
      const ranges = ["A3:F3", "A1:F2", "A1:F6", "D1:D9", "A1:C9", "A1:F1"].map((a) => ws.getRange(a).load("rowHidden,columnHidden"));
      await ctx.sync();
      return ranges.map((r) => [r.rowHidden, r.columnHidden]);
    });
    expect(got).toEqual([[true, null], [false, null], [null, null], [null, true], [null, false], [false, null]]);
  });
  it("refuses getRowProperties below ExcelApi 1.9 and options it does not model", async () => {
    const host = new FakeExcelHost(wb(), { excelApi: "1.8" });
    await expect(host.run(async (ctx) => { ctx.workbook.worksheets.getItem("A").getRange("A1:A3").getRowProperties({ rowHidden: true }); await ctx.sync(); })).rejects.toThrow(/ApiNotFound/);
    const h19 = new FakeExcelHost(wb(), { excelApi: "1.9" });
    await expect(h19.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("A").getRange("A1:A3").getRowProperties({ rowHidden: true, format: {} } as never); await ctx.sync();
    })).rejects.toThrow(/InvalidArgument/);
    const value = await h19.run(async (ctx) => {
      const rows = ctx.workbook.worksheets.getItem("A").getRange("A2:B4").getRowProperties({ rowHidden: true });
      const cols = ctx.workbook.worksheets.getItem("A").getRange("C1:E1").getColumnProperties({ columnHidden: true, columnIndex: true });
      expect(() => rows.value).toThrow(/ValueNotLoaded/);
      await ctx.sync();
      return [rows.value, cols.value];
    });
    expect(value).toEqual([[{ rowHidden: false }, { rowHidden: true }, { rowHidden: false }], [{ columnHidden: false, columnIndex: 2 }, { columnHidden: true, columnIndex: 3 }, { columnHidden: false, columnIndex: 4 }]]);
  });
  it("moves hidden rows up when a row above is deleted", () => {
    const w = wb();
    w.sheet("A")!.deleteRow(0);
    expect([...w.sheet("A")!.hiddenRows]).toEqual([1]);
  });
});
