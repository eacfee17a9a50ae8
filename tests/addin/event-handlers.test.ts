// Event handlers the pane adds are removed again, in their own context, and never pile up.
import { describe, expect, it } from "vitest";
import { capabilities, ExcelAdapter } from "../../addin/src/excel/adapter.ts";
import { cellEditSafeRun } from "../../addin/src/excel/cell-edit.ts";
import type { XlEventHandle } from "../../addin/src/excel/surface.ts";
import { FakeExcelHost } from "./fake-excel/index.ts";
import { unitWorkbook, validate } from "./sheets.ts";

function setup(excelApi = "1.18") {
  const wb = unitWorkbook(20);
  const host = new FakeExcelHost(wb, { excelApi });
  // As the pane runs batches: through the cell-edit-safe run over Excel.run(options, batch).
  const adapter = new ExcelAdapter(cellEditSafeRun(host.runWith), capabilities(host.office));
  return { wb, host, adapter };
}

const count = (host: FakeExcelHost) => [...host.changeHandlers.values(), ...host.rowHiddenHandlers.values()].reduce((n, l) => n + l.length, 0);

describe("event handlers: registered once, removed in their own context", () => {
  it("repeated check, mark and watch of the same sheet keep one handler of each kind, and unwatch leaves none", async () => {
    const { wb, host, adapter } = setup("1.18");
    const seen: string[] = [];
    for (let round = 0; round < 5; round++) {
      const snap = await adapter.readSheet();
      expect(await adapter.watch(snap.grid.name, (a) => seen.push(a))).toBe(true);
      await adapter.annotate(validate(snap), "vi", snap.sheets);
    }
    // onChanged and, from ExcelApi 1.11, onRowHiddenChanged: one each, not five.
    expect(host.changeHandlers.get(wb.sheet("Báo cáo")!)?.length).toBe(1);
    expect(host.rowHiddenHandlers.get(wb.sheet("Báo cáo")!)?.length).toBe(1);
    host.userEdited(wb.sheet("Báo cáo")!, "E13");
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(["E13"]);
    await adapter.unwatch();
    expect(count(host)).toBe(0);
    expect(adapter.watchedSheets).toEqual([]);
    host.userEdited(wb.sheet("Báo cáo")!, "E14");
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(["E13"]);
  });

  it("unwatching one sheet leaves the other's handler", async () => {
    const { wb, host, adapter } = setup("1.9");
    await adapter.watch("Báo cáo", () => undefined);
    await adapter.watch("Nguồn", () => undefined);
    expect(count(host)).toBe(2);
    await adapter.unwatch("báo cáo");
    expect(host.changeHandlers.has(wb.sheet("Báo cáo")!)).toBe(false);
    expect(host.changeHandlers.get(wb.sheet("Nguồn")!)?.length).toBe(1);
  });

  it("the stand-in refuses remove() outside the handler's own context, as Excel would ignore it", async () => {
    const { host } = setup("1.9");
    const handle = await host.run(async (ctx) => {
      const h = ctx.workbook.worksheets.getItem("Báo cáo").onChanged.add(async () => undefined);
      await ctx.sync();
      return h;
    });
    expect(count(host)).toBe(1);
    expect(() => handle.remove()).toThrow(/InvalidObjectPath/);
    // In another, fresh batch the removal is not part of that batch's context either.
    await expect(host.run(async (ctx) => { (handle as XlEventHandle).remove(); await ctx.sync(); })).rejects.toMatchObject({ code: "InvalidObjectPath" });
    expect(count(host)).toBe(1);
    // In its own context it goes.
    await host.run(async (ctx) => { handle.remove(); await ctx.sync(); }, handle.context);
    expect(count(host)).toBe(0);
  });

  it("a context from another host is refused as previousObjects", async () => {
    const { host } = setup("1.9");
    const other = setup("1.9").host;
    const handle = await other.run(async (ctx) => { const h = ctx.workbook.worksheets.getItem("Báo cáo").onChanged.add(async () => undefined); await ctx.sync(); return h; });
    await expect(host.run(async () => undefined, handle.context)).rejects.toMatchObject({ code: "InvalidArgument" });
  });
});
