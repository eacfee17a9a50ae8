import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { annotateWorkbook } from "../../cli/annotate.ts";
import { capabilities, ExcelAdapter } from "../../addin/src/excel/adapter.ts";
import { FakeExcelHost, fromExcelJs, snapshot } from "./fake-excel/index.ts";
import { validate } from "./sheets.ts";

/** The CLI and the add-in keep the same restore record, so either can clear what the other annotated. */
const seed = join(import.meta.dirname, "..", "..", "seeds", "workbooks", "ham-tan-tong-sai.xlsx");

async function book(): Promise<ExcelJS.Workbook> {
  const b = new ExcelJS.Workbook();
  await b.xlsx.load(readFileSync(seed) as unknown as ArrayBuffer);
  return b;
}

describe("annotation record shared with the CLI", () => {
  it("the add-in clears a workbook the CLI annotated", async () => {
    const original = fromExcelJs(await book());
    const host0 = new FakeExcelHost(original);
    const snap = await new ExcelAdapter(host0.run, capabilities(host0.office)).readSheet("Báo cáo");
    const issues = validate(snap);
    expect(issues.some((i) => i.severity === "error")).toBe(true);

    const annotated = await book();
    annotateWorkbook(annotated, issues, "vi");
    const buffer = await annotated.xlsx.writeBuffer();
    const reloaded = new ExcelJS.Workbook();
    await reloaded.xlsx.load(buffer);
    const wb = fromExcelJs(reloaded);
    expect(wb.sheet("_htct_annotations")).toBeDefined();

    const host = new FakeExcelHost(wb);
    const { cleared } = await new ExcelAdapter(host.run, capabilities(host.office)).clear();
    expect(cleared).toBe(true);
    expect(snapshot(wb)).toEqual(snapshot(original));
  });

  it("the record the add-in writes holds exceljs fills the CLI can put back", async () => {
    const wb = fromExcelJs(await book());
    const host = new FakeExcelHost(wb);
    const adapter = new ExcelAdapter(host.run, capabilities(host.office));
    const snap = await adapter.readSheet("Báo cáo");
    await adapter.annotate(validate(snap), "vi", snap.sheets);
    // Column A, as the CLI reads it (B and C hold the marked rows' anchors).
    const chunks = [...wb.sheet("_htct_annotations")!.entries()].filter(([, c]) => c === 0).sort((a, b) => a[0] - b[0]).map(([, , c]) => String(c.value));
    const record = JSON.parse(chunks.join("")) as { cells: { fill: { type?: string; pattern?: string; fgColor?: { argb?: string } } | null }[] };
    expect(record.cells.length).toBeGreaterThan(0);
    for (const c of record.cells) if (c.fill) expect(c.fill).toMatchObject({ type: "pattern", pattern: expect.any(String), fgColor: { argb: expect.stringMatching(/^FF[0-9A-F]{6}$/) } });
  });
});
