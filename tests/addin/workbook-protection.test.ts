import { describe, expect, it } from "vitest";
import { capabilities, ExcelAdapter } from "../../addin/src/excel/adapter.ts";
import { AdapterError } from "../../addin/src/excel/errors.ts";
import { writeTableSheet } from "../../addin/src/excel/table-sheet.ts";
import { loadLang, t } from "../../addin/src/i18n.ts";
import { FakeExcelHost, snapshot } from "./fake-excel/index.ts";
import { unitWorkbook, validate } from "./sheets.ts";

/** Review › Protect Workbook: the structure is locked, sheets can be neither added nor deleted. */
describe("a workbook whose structure is protected", () => {
  it("the strict stand-in refuses adding, deleting, renaming and hiding sheets, as Excel does", async () => {
    const wb = unitWorkbook(3);
    wb.add("Khác");
    wb.structureProtected = true;
    const host = new FakeExcelHost(wb);
    const names = wb.sheets.map((s) => s.name);
    for (const act of [
      (c: Parameters<Parameters<typeof host.run>[0]>[0]) => { c.workbook.worksheets.add("Mới"); },
      (c: Parameters<Parameters<typeof host.run>[0]>[0]) => { c.workbook.worksheets.getItem("Khác").delete(); },
      (c: Parameters<Parameters<typeof host.run>[0]>[0]) => { c.workbook.worksheets.getItem("Khác").name = "Đổi"; },
      (c: Parameters<Parameters<typeof host.run>[0]>[0]) => { c.workbook.worksheets.getItem("Khác").visibility = "Hidden"; },
    ]) {
      await expect(host.run(async (c) => { act(c); await c.sync(); })).rejects.toMatchObject({ code: "AccessDenied" });
    }
    expect(wb.sheets.map((s) => s.name)).toEqual(names);
  });

  it("Đánh dấu is refused before anything is written, with what to do (ExcelApi 1.7+)", async () => {
    const wb = unitWorkbook(5);
    wb.sheet("Báo cáo")!.cell(3, 4).value = 999_999;
    wb.structureProtected = true;
    const host = new FakeExcelHost(wb, { excelApi: "1.9" });
    const adapter = new ExcelAdapter(host.run, capabilities(host.office));
    const snap = await adapter.readSheet();
    const issues = validate(snap);
    expect(issues.length).toBeGreaterThan(0);
    const before = snapshot(wb);
    const err = await adapter.annotate(issues, "vi", snap.sheets).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AdapterError);
    expect((err as AdapterError).code).toBe("structureProtected");
    expect(snapshot(wb)).toEqual(before);
    expect(t("vi", "error.structureProtected")).toMatch(/bảo vệ cấu trúc.*Bỏ bảo vệ/);
    await loadLang("en");
    expect(t("en", "error.structureProtected")).toMatch(/structure is protected.*Unprotect/);
  });

  it("Xóa đánh dấu on marks made before the workbook was protected is refused whole: marks and sheets stay", async () => {
    const wb = unitWorkbook(5);
    wb.sheet("Báo cáo")!.cell(3, 4).value = 999_999;
    const host = new FakeExcelHost(wb, { excelApi: "1.18" });
    const adapter = new ExcelAdapter(host.run, capabilities(host.office));
    const snap = await adapter.readSheet();
    await adapter.annotate(validate(snap), "vi", snap.sheets);
    wb.structureProtected = true;
    const before = snapshot(wb);
    await expect(adapter.clear()).rejects.toMatchObject({ code: "structureProtected" });
    expect(snapshot(wb)).toEqual(before);
    wb.structureProtected = false;
    await expect(adapter.clear()).resolves.toMatchObject({ cleared: true });
  });

  it("a report sheet is refreshed in place when it exists, and a new one refused before it is half-made", async () => {
    const wb = unitWorkbook(2);
    const host = new FakeExcelHost(wb, { excelApi: "1.9" });
    const caps = capabilities(host.office);
    const sheet = { name: "Tình hình nộp", title: ["Mẫu"], blocks: [{ header: ["A", "B"], rows: [["x", 1]] }], widths: [10, 10], orientation: "Portrait" as const };
    await writeTableSheet(host.run, sheet, caps);
    wb.structureProtected = true;
    await expect(writeTableSheet(host.run, { ...sheet, blocks: [{ header: ["A", "B"], rows: [["y", 2]] }] }, caps)).resolves.toMatchObject({ rows: 1 });
    expect(wb.sheet("Tình hình nộp")!.get(3, 0)?.value).toBe("y");
    const before = snapshot(wb);
    await expect(writeTableSheet(host.run, { ...sheet, name: "Khác" }, caps)).rejects.toMatchObject({ code: "structureProtected" });
    expect(snapshot(wb)).toEqual(before);
  });
});

/** Excel keeps one visible sheet: the clerk may hide every sheet but the pane's report. */
describe("the report sheet as the workbook's only visible sheet", () => {
  async function markedWithOnlyReportVisible() {
    const wb = unitWorkbook(5);
    wb.sheet("Báo cáo")!.cell(3, 4).value = 999_999;
    const host = new FakeExcelHost(wb, { excelApi: "1.18" });
    const adapter = new ExcelAdapter(host.run, capabilities(host.office));
    const snap = await adapter.readSheet();
    const issues = validate(snap);
    const first = await adapter.annotate(issues, "vi", snap.sheets);
    for (const s of wb.sheets) if (s.name !== first.reportSheet && s.visibility === "Visible") s.visibility = "Hidden";
    return { wb, adapter, issues, report: first.reportSheet };
  }

  it("marking again refreshes it in place instead of deleting it (Excel would refuse)", async () => {
    const { wb, adapter, issues, report } = await markedWithOnlyReportVisible();
    const again = await adapter.annotate(issues, "vi");
    expect(again.reportSheet).toBe(report);
    expect(wb.sheets.filter((s) => s.visibility === "Visible").map((s) => s.name)).toEqual([report]);
    expect(String(wb.sheet(report)!.get(1, 0)?.value ?? "")).not.toBe("");
  });

  it("Clear restores the clerk's cells and empties it instead of deleting it", async () => {
    const { wb, adapter, report } = await markedWithOnlyReportVisible();
    await expect(adapter.clear()).resolves.toMatchObject({ cleared: true });
    expect(wb.sheet(report)!.visibility).toBe("Visible");
    expect([...wb.sheet(report)!.entries()].filter(([, , c]) => c.value !== "")).toEqual([]);
    expect(wb.sheet("Báo cáo")!.get(3, 4)?.fill ?? null).toBeNull();
  });
});
