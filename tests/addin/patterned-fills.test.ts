// A clerk's patterned fill (pattern, pattern colour, tints) comes back exactly after Clear.
import { describe, expect, it } from "vitest";
import { capabilities, ExcelAdapter } from "../../addin/src/excel/adapter.ts";
import { parseA1 } from "../../shared/parse/text.ts";
import { FakeExcelHost, snapshot } from "./fake-excel/index.ts";
import { unitWorkbook, validate } from "./sheets.ts";

describe("patterned fills after Clear (ExcelApi 1.9+)", () => {
  it.each(["1.9", "1.18"])("pattern, pattern colour and both tints are restored exactly at %s", async (excelApi) => {
    const wb = unitWorkbook(20);
    const host = new FakeExcelHost(wb, { excelApi });
    const adapter = new ExcelAdapter(host.run, capabilities(host.office));
    const first = validate(await adapter.readSheet());
    expect(first.length).toBeGreaterThan(0);
    // The clerk's own patterned fills on every cell that will be marked.
    const s = wb.sheet("Báo cáo")!;
    const marked = [...new Set(first.filter((i) => i.sheet === "Báo cáo").flatMap((i) => i.cells))].map((a) => parseA1(a)!);
    expect(marked.length).toBeGreaterThan(0);
    for (const { row, col } of marked) {
      s.cell(row - 1, col).fill = { color: "#FFFF00", pattern: "Gray50", patternColor: "#C00000", tintAndShade: 0.4, patternTintAndShade: -0.25 };
    }
    const before = snapshot(wb);
    const snap = await adapter.readSheet();
    expect((await adapter.annotate(validate(snap), "vi", snap.sheets)).marked).toBeGreaterThan(0);
    expect(snapshot(wb)).not.toEqual(before);
    expect((await adapter.clear()).cleared).toBe(true);
    expect(snapshot(wb)).toEqual(before);
  });

  it("the stand-in resets a tint when the colour is set, as the colour is written untinted", async () => {
    const wb = unitWorkbook(3);
    wb.sheet("Báo cáo")!.cell(0, 0).fill = { color: "#FFFF00", pattern: "Gray50", patternColor: "#C00000", tintAndShade: 0.4 };
    const host = new FakeExcelHost(wb, { excelApi: "1.9" });
    await host.run(async (ctx) => { ctx.workbook.worksheets.getItem("Báo cáo").getRange("A1").format.fill.color = "#00FF00"; await ctx.sync(); });
    expect(wb.sheet("Báo cáo")!.get(0, 0)!.fill).toEqual({ color: "#00FF00", pattern: "Gray50", patternColor: "#C00000" });
    // Tints are −1…1 and need a fill to tint.
    await expect(host.run(async (ctx) => { ctx.workbook.worksheets.getItem("Báo cáo").getRange("A1").format.fill.tintAndShade = 2; await ctx.sync(); })).rejects.toMatchObject({ code: "InvalidArgument" });
  });
});
