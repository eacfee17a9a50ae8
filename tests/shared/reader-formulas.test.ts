import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { compileValidator, getCatalog, readSheet, readSheets, type Issue, type SheetGrid } from "../../shared/index.ts";
import { worksheetGrid } from "../../cli/xlsx-grid.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { formulaEngine } from "../../shared/parse/formula-engine.ts";

/**
 * Formulas saved without results (files written by tools other than Excel), as real .xlsx
 * files: computed by the core's one formula engine, then checked like any figure. The same sheet
 * saved with its results gives the same issues; a formula the engine cannot compute is named.
 */
const catalog = getCatalog();
type Cell = string | number | null | { formula: string; result?: number };

async function grids(rows: Cell[][], withResults: boolean, extra?: (wb: ExcelJS.Workbook) => void): Promise<SheetGrid[]> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Báo cáo");
  rows.forEach((row, r) => row.forEach((v, c) => {
    if (v === null) return;
    const cell = ws.getCell(r + 1, c + 1);
    cell.value = typeof v === "object" ? (withResults ? { formula: v.formula, result: v.result } : { formula: v.formula }) as ExcelJS.CellValue : v;
  }));
  extra?.(wb);
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return back.worksheets.map(worksheetGrid);
}

function check(grid: SheetGrid, book?: SheetGrid[]) {
  const read = book ? readSheets(book, { catalog, registry: REGISTRY, formulaEngine }).find((r) => r.sheet === grid.name)! : readSheet(grid, { catalog, registry: REGISTRY, formulaEngine });
  const issues: Issue[] = [...read.issues, ...compileValidator(catalog)(read.table, { history: read.history })];
  return { read, issues };
}
const key = (i: Issue) => `${i.severity} ${i.rule} ${i.cells.join(",")} ${i.message}`;

// The total's SUM stops a row early and a rate divides by the wrong row: both planted.
const sheet: Cell[][] = [
  ["BÁO CÁO NĂM 2023"],
  ["Đơn vị", "Tổng số chi bộ", "Chi bộ đạt TSVM", "Tỷ lệ chi bộ đạt TSVM (%)"],
  ["Xã Sơn Mỹ", 9, 6, { formula: "ROUND(C3/B3*100,2)", result: 66.67 }],
  ["Xã Tân Đức", 8, 4, { formula: "ROUND(C4/B3*100,2)", result: 44.44 }],
  ["TT Tân Minh", 10, 5, { formula: "ROUND(C5/B5*100,2)", result: 50 }],
  ["Tổng cộng", { formula: "SUM(B3:B4)", result: 17 }, { formula: "SUM(C3:C5)", result: 15 }, { formula: "ROUND(C6/B6*100,2)", result: 88.24 }],
];

describe("formulas saved without results", () => {
  it("are computed, so the short SUM and the rate on the wrong row are caught", async () => {
    const [g] = await grids(sheet, false);
    expect(g!.values[5]![1]).toBeNull();
    const { read, issues } = check(g!);
    expect(Array.from(read.table.values.get("party.cells")!)).toEqual([9, 8, 10, 17]);
    const errors = issues.filter((i) => i.severity === "error").map((i) => [i.rule, i.cells[0]]);
    expect(errors).toContainEqual(["rate_mismatch", "D4"]);
    expect(errors).toContainEqual(["total_sum_range", "B6"]);
    const note = issues.find((i) => i.rule === "formula_computed")!;
    expect(note.severity).toBe("info");
    expect(note.message).toMatch(/^Tệp lưu 6 ô công thức chưa có kết quả \(D3, D4, D5, B6, C6, D6\)/);
  });

  it("give the same issues as the same sheet saved with its results", async () => {
    const [without] = await grids(sheet, false);
    const [withResults] = await grids(sheet, true);
    const a = check(without!).issues.filter((i) => i.rule !== "formula_computed").map(key);
    const b = check(withResults!).issues.map(key);
    expect(b.some((k) => k.includes("formula_computed"))).toBe(false);
    expect(a).toEqual(b);
    // The workbook path (the CLI's) says the same.
    expect(check(without!, [without!]).issues.map(key)).toEqual(check(without!).issues.map(key));
  });

  it("read other sheets of the workbook", async () => {
    const rows: Cell[][] = sheet.map((r) => r.slice());
    rows[2]![1] = { formula: "'Số liệu'!A1", result: 9 };
    const book = await grids(rows, false, (wb) => { wb.addWorksheet("Số liệu").getCell("A1").value = 9; });
    const { read } = check(book[0]!, book);
    expect(read.table.values.get("party.cells")![0]).toBe(9);
  });

  it("name a formula the engine cannot compute instead of leaving it silently blank", async () => {
    const rows: Cell[][] = sheet.map((r) => r.slice());
    rows[5]![1] = { formula: "HAMLA(B3:B5)" };
    const [g] = await grids(rows, false);
    const { issues } = check(g!);
    const warn = issues.find((i) => i.rule === "formula_unevaluated")!;
    expect(warn.severity).toBe("warning");
    expect(warn.cells).toEqual(["B6"]);
    expect(warn.message).toBe("Ô B6: công thức chưa có kết quả lưu trong tệp và không tính được (=HAMLA(B3:B5)); ô này chưa được kiểm tra.");
  });

  it("name a formula that reads a cell the engine cannot compute, and compute IF's branch alone", async () => {
    const rows: Cell[][] = sheet.map((r) => r.slice());
    rows[4]![2] = { formula: "HAMLA(C3)" };
    // The rate of a row with no branch: IF takes the "" side, its division by zero never runs.
    rows[3]![3] = { formula: 'IF(B4=0,"",ROUND(C4/B3*100,2))' };
    const [g] = await grids(rows, false);
    const { read, issues } = check(g!);
    const named = issues.filter((i) => i.rule === "formula_unevaluated");
    // C5 itself, and what reads it (its rate, the total and the total's rate): none is read as a blank.
    expect(named.map((i) => i.cells[0])).toEqual(["C5", "D5", "C6", "D6"]);
    expect(named[0]!.message).toBe("Ô C5: công thức chưa có kết quả lưu trong tệp và không tính được (=HAMLA(C3)); ô này chưa được kiểm tra.");
    expect(issues.filter((i) => i.rule === "formula_error")).toEqual([]);
    expect(issues.filter((i) => i.severity === "error").map((i) => [i.rule, i.cells[0]])).toContainEqual(["rate_mismatch", "D4"]);
    expect(read.table.values.get("party.cells")![1]).toBe(8);
  });

  it("survive hostile formulas: a circle, a whole-sheet range, a division by zero", async () => {
    const rows: Cell[][] = sheet.map((r) => r.slice());
    rows[4]![3] = { formula: "D5+1" };
    rows[5]![1] = { formula: "SUM(A1:XFD1048576)" };
    rows[5]![2] = { formula: "1/0" };
    const [g] = await grids(rows, false);
    const t = Date.now();
    const { issues } = check(g!);
    expect(Date.now() - t).toBeLessThan(10_000);
    expect(issues.filter((i) => i.rule === "formula_error").map((i) => i.cells[0])).toEqual(["C6", "D5", "D6"]); // D6 divides by C6: its error is the formula's, as in Excel
  });
});
