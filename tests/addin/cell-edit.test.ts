import { describe, expect, it } from "vitest";
import { capabilities, ExcelAdapter } from "../../addin/src/excel/adapter.ts";
import { cellEditSafeRun } from "../../addin/src/excel/cell-edit.ts";
import { FakeExcelHost } from "./fake-excel/index.ts";
import { unitWorkbook } from "./sheets.ts";

/** A re-check fired while the clerk is typing the next cell (Excel's cell-edit mode). */
describe("Excel in cell-edit mode", () => {
  it("the strict stand-in refuses a plain Excel.run while a cell is being edited, as Excel does", async () => {
    const host = new FakeExcelHost(unitWorkbook(5));
    const adapter = new ExcelAdapter(host.run, capabilities(host.office));
    host.beginCellEdit();
    await expect(adapter.readSheet()).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    host.endCellEdit();
    await expect(adapter.readSheet()).resolves.toBeTruthy();
  });

  it("with delayForCellEdit the read waits until the clerk leaves the cell, then reads what was typed", async () => {
    const wb = unitWorkbook(5);
    const host = new FakeExcelHost(wb);
    const adapter = new ExcelAdapter(cellEditSafeRun(host.runWith), capabilities(host.office));
    const known = await adapter.readSheet();
    host.beginCellEdit();
    let done = false;
    const pending = adapter.readRows(known.grid, [3]).then((r) => { done = true; return r; });
    await new Promise((ok) => setTimeout(ok, 20));
    expect(done).toBe(false);
    wb.sheet("Báo cáo")!.cell(2, 4).value = 777;
    host.endCellEdit();
    const patch = await pending;
    expect(JSON.stringify(patch!.rows)).toContain("777");
    expect(host.cellEditRefusals).toBe(0);
  });

  it("where the runtime ignores delayForCellEdit, the batch is tried again until the clerk leaves the cell", async () => {
    const host = new FakeExcelHost(unitWorkbook(5), { delayForCellEdit: false });
    const waits: number[] = [];
    let tries = 0;
    const run = cellEditSafeRun(host.runWith, {
      waits: [1, 2, 4],
      sleep: async (ms) => { waits.push(ms); if (++tries === 3) host.endCellEdit(); },
    });
    const adapter = new ExcelAdapter(run, capabilities(host.office));
    host.beginCellEdit();
    const snap = await adapter.readSheet();
    expect(snap.grid.name).toBe("Báo cáo");
    expect(host.cellEditRefusals).toBe(3);
    expect(waits).toEqual([1, 2, 4]);
  });

  it("gives up after its tries with Excel's own error, and other errors are not retried", async () => {
    const host = new FakeExcelHost(unitWorkbook(5), { delayForCellEdit: false });
    const run = cellEditSafeRun(host.runWith, { tries: 3, sleep: async () => undefined });
    host.beginCellEdit();
    await expect(new ExcelAdapter(run, capabilities(host.office)).readSheet()).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
    expect(host.cellEditRefusals).toBe(3);
    host.endCellEdit();
    let calls = 0;
    const failing = cellEditSafeRun(async () => { calls++; throw Object.assign(new Error("x"), { code: "AccessDenied" }); }, { sleep: async () => undefined });
    await expect(failing(async () => 1)).rejects.toMatchObject({ code: "AccessDenied" });
    expect(calls).toBe(1);
  });
});
