import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { capabilities, ExcelAdapter } from "../../addin/src/excel/adapter.ts";
import { deleteRowWithFormulas } from "../../addin/src/preview/formulas.ts";
import { FakeExcelHost, fromExcelJs, type FakeSheet } from "./fake-excel/index.ts";
import { validate } from "./sheets.ts";

/**
 * The clerk deletes rows after marking (Excel moves the marks with the cells, and rewrites the
 * record's row anchors): Clear then finds every mark where it is now and puts the clerk's own
 * formatting back, and a second marking after the deletion leaves no mark behind.
 */
const seed = join(import.meta.dirname, "..", "..", "seeds", "workbooks", "ham-tan-tong-sai.xlsx");

async function setUp() {
  const b = new ExcelJS.Workbook();
  await b.xlsx.load(readFileSync(seed) as unknown as ArrayBuffer);
  const wb = fromExcelJs(b);
  const sheet = wb.sheet("Báo cáo")!;
  // The clerk's own green on L14 and a note on G10, before any marking.
  sheet.cell(13, 11).fill = { color: "#C6EFCE", pattern: "Solid" };
  sheet.cell(9, 6).note = "Số liệu của chi bộ";
  const host = new FakeExcelHost(wb, { excelApi: "1.18" });
  return { wb, sheet, adapter: new ExcelAdapter(host.run, capabilities(host.office)) };
}

const formats = (s: FakeSheet) => [...s.entries()].filter(([, , c]) => c.fill || c.note).map(([r, c, cell]) => `${r},${c},${JSON.stringify(cell.fill)},${cell.note}`).sort();
const shifted = (list: string[], row: number) => list
  .map((x) => x.split(",")).filter(([r]) => Number(r) !== row - 1)
  .map(([r, ...rest]) => [Number(r) > row - 1 ? Number(r) - 1 : Number(r), ...rest].join(",")).sort();

describe("marks follow the rows they were put on", () => {
  it("Clear after deleting rows restores every cell where it now is", async () => {
    const { wb, sheet, adapter } = await setUp();
    const before = formats(sheet);
    const snap = await adapter.readSheet("Báo cáo");
    await adapter.annotate(validate(snap), "vi", snap.sheets);
    expect(formats(sheet).length).toBeGreaterThan(before.length);
    deleteRowWithFormulas(wb, sheet, 6); // row 7
    deleteRowWithFormulas(wb, sheet, 10); // row 11 of what is left
    expect((await adapter.clear()).cleared).toBe(true);
    expect(formats(sheet)).toEqual(shifted(shifted(before, 7), 11));
  });

  it("marking again after a deletion takes the moved marks off before marking afresh", async () => {
    const { wb, sheet, adapter } = await setUp();
    const before = formats(sheet);
    let snap = await adapter.readSheet("Báo cáo");
    const first = validate(snap);
    await adapter.annotate(first, "vi", snap.sheets);
    deleteRowWithFormulas(wb, sheet, 6);
    snap = await adapter.readSheet("Báo cáo");
    // As the pane's re-check does: the issues the marks showed are passed as `previous`.
    await adapter.annotate(validate(snap), "vi", snap.sheets, first);
    await adapter.clear();
    expect(formats(sheet)).toEqual(shifted(before, 7));
  });
});
