import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { checkWorkbook } from "../../cli/check.ts";
import { readXlsx } from "../../shared/xlsx/read.ts";
import type { Issue } from "../../shared/index.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";

/**
 * `htct validate` reads .xlsx with the streaming reader: a formula saved without its result
 * (tools other than Excel write them so) reaches the core's engine there too, so the short SUM
 * and the rate on the wrong row are caught, with the same issues as the exceljs path gives.
 */
type Cell = string | number | null | { formula: string };
const sheet: Cell[][] = [
  ["BÁO CÁO NĂM 2023"],
  ["Đơn vị", "Tổng số chi bộ", "Chi bộ đạt TSVM", "Tỷ lệ chi bộ đạt TSVM (%)"],
  ["Xã Sơn Mỹ", 9, 6, { formula: "ROUND(C3/B3*100,2)" }],
  ["Xã Tân Đức", 8, 4, { formula: "ROUND(C4/B3*100,2)" }],
  ["TT Tân Minh", 10, 5, { formula: "ROUND(C5/B5*100,2)" }],
  ["Tổng cộng", { formula: "SUM(B3:B4)" }, { formula: "SUM(C3:C5)" }, { formula: "ROUND(C6/B6*100,2)" }],
];

async function bytes(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Báo cáo");
  sheet.forEach((row, r) => row.forEach((v, c) => { if (v !== null) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue; }));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
const key = (i: Issue) => `${i.severity} ${i.rule} ${i.cells.join(",")} ${i.message}`;
const opts = { registry: REGISTRY, targets: [], lang: "vi" as const };

describe("formulas without saved results, read by the streaming reader", () => {
  it("are handed to the core, computed and checked, as on the exceljs path", async () => {
    const b = await bytes();
    const grid = readXlsx(b).sheets[0]!.grid();
    expect(grid.values[5]![1]).toBeNull();
    expect(grid.formulas?.[5]?.[1]).toBe("=SUM(B3:B4)");
    const streamed = checkWorkbook(readXlsx(b), opts);
    const errors = streamed.issues.filter((i) => i.severity === "error").map((i) => [i.rule, i.cells[0]]);
    expect(errors).toContainEqual(["rate_mismatch", "D4"]);
    expect(errors).toContainEqual(["total_sum_range", "B6"]);
    expect(streamed.issues.find((i) => i.rule === "formula_computed")?.message).toMatch(/^Tệp lưu 6 ô công thức chưa có kết quả/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(b as unknown as ArrayBuffer);
    expect(streamed.issues.map(key)).toEqual(checkWorkbook(wb, opts).issues.map(key));
  });

  it("a cell with its saved result is not computed again", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Báo cáo").addRow([1, { formula: "A1*2", result: 2 }]);
    const grid = readXlsx(new Uint8Array(await wb.xlsx.writeBuffer())).sheets[0]!.grid();
    expect(grid.values[0]).toEqual([1, 2]);
    expect(grid.formulas).toBeUndefined();
  });
});
