import { describe, expect, it } from "vitest";
import fc from "fast-check";
import ExcelJS from "exceljs";
import { compileValidator, getCatalog, readSheets, type Issue, type SheetGrid } from "../../shared/index.ts";
import { readXlsx } from "../../shared/xlsx/read.ts";
import { formulaEngine } from "../../shared/parse/formula-engine.ts";
import { worksheetGrid } from "../../cli/xlsx-grid.ts";
import { checkWorkbook } from "../../cli/check.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";

/**
 * A clerk's workbook whose totals and rates are lookups (VLOOKUP, INDEX/MATCH, INDIRECT,
 * OFFSET, SUMIFS over whole columns, defined names, another sheet's cells), as real .xlsx files
 * written without saved results (tools other than Excel do so) and read by both readers: the
 * core's (the CLI's) and exceljs'. The values each formula must give are Excel's, worked out
 * here from the data the sheet is built from (Microsoft's pages for INDEX, MATCH, INDIRECT,
 * OFFSET, SUMIFS and SUMPRODUCT give the rules), never from the engine.
 */
const catalog = getCatalog();
type Cell = string | number | null | { formula: string; result: number };

const UNITS = ["Xã Sơn Mỹ", "Xã Tân Đức", "TT Tân Minh", "Xã Tân Hà", "Xã Tân Xuân"];

interface Book { rows: Cell[][]; data: [string, number, number][] }

async function bytesOf(book: Book, withResults: boolean): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Báo cáo");
  book.rows.forEach((row, r) => row.forEach((v, c) => {
    if (v === null) return;
    ws.getCell(r + 1, c + 1).value = (typeof v === "object" ? (withResults ? { formula: v.formula, result: v.result } : { formula: v.formula }) : v) as ExcelJS.CellValue;
  }));
  const data = wb.addWorksheet("Số liệu");
  data.addRow(["Đơn vị", "Tổng số chi bộ", "Chi bộ đạt TSVM"]);
  for (const d of book.data) data.addRow(d);
  wb.definedNames.add(`'Số liệu'!$A$2:$A$${book.data.length + 1}`, "TEN_DON_VI");
  wb.definedNames.add(`'Số liệu'!$C$2:$C$${book.data.length + 1}`, "SO_DAT");
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The two readers' grids of the same bytes: the core's streaming reader and exceljs'. */
async function gridsOf(bytes: Uint8Array): Promise<{ core: SheetGrid[]; exceljs: SheetGrid[] }> {
  const core = readXlsx(bytes).sheets.map((s) => s.grid());
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return { core, exceljs: back.worksheets.map(worksheetGrid) };
}

function check(book: SheetGrid[]) {
  const reads = readSheets(book, { catalog, registry: REGISTRY, formulaEngine });
  const read = reads.find((r) => r.sheet === "Báo cáo")!;
  const issues: Issue[] = [...read.issues, ...compileValidator(catalog)(read.table, { history: read.history })];
  return { read, issues };
}
const key = (i: Issue) => `${i.severity} ${i.rule} ${i.cells.join(",")} ${i.message}`;
const round2 = (x: number) => Math.round(Number((x * 100).toPrecision(15))) / 100;

/**
 * The report: per unit its cells by one of five lookups, its TSVM cells through defined names,
 * its rate; a total row. `wrongRate`: a unit whose rate divides by the row above (planted);
 * `shortTotal`: the TSVM total's OFFSET stops a row early (planted).
 */
function report(data: [string, number, number][], lookups: number[], wrongRate: number | null, shortTotal: boolean): Book {
  const n = data.length;
  const rows: Cell[][] = [["BÁO CÁO NĂM 2023"], ["Đơn vị", "Tổng số chi bộ", "Chi bộ đạt TSVM", "Tỷ lệ chi bộ đạt TSVM (%)"]];
  data.forEach(([name, cells, tsvm], i) => {
    const r = i + 3;
    const lookup = [
      `VLOOKUP(A${r},'Số liệu'!A:C,2,FALSE)`,
      `INDEX('Số liệu'!$B$2:$B$${n + 1},MATCH(A${r},'Số liệu'!$A$2:$A$${n + 1},0))`,
      `INDIRECT("'Số liệu'!B"&${i + 2})`,
      `OFFSET('Số liệu'!$B$1,${i + 1},0)`,
      `SUMIFS('Số liệu'!B:B,'Số liệu'!A:A,A${r})`,
    ][lookups[i]! % 5]!;
    const below = wrongRate === i && i > 0 ? r - 1 : r;
    const whole = wrongRate === i && i > 0 ? data[i - 1]![1] : cells;
    rows.push([
      name,
      { formula: lookup, result: cells },
      { formula: `INDEX(SO_DAT,MATCH(A${r},TEN_DON_VI,0))`, result: tsvm },
      { formula: `IF(B${below}=0,0,ROUND(C${r}/B${below}*100,2))`, result: whole === 0 ? 0 : round2((tsvm / whole) * 100) },
    ]);
  });
  const t = n + 3;
  const cellsTotal = data.reduce((s, d) => s + d[1], 0);
  const tsvmTotal = data.slice(0, shortTotal ? n - 1 : n).reduce((s, d) => s + d[2], 0);
  rows.push([
    "Tổng cộng",
    { formula: `SUMPRODUCT(B3:B${t - 1})`, result: cellsTotal },
    { formula: `SUM(OFFSET(C3,0,0,${shortTotal ? n - 1 : n},1))`, result: tsvmTotal },
    { formula: `ROUND(C${t}/B${t}*100,2)`, result: round2((tsvmTotal / cellsTotal) * 100) },
  ]);
  return { rows, data };
}

const DATA: [string, number, number][] = [["Xã Sơn Mỹ", 9, 6], ["Xã Tân Đức", 8, 4], ["TT Tân Minh", 10, 5], ["Xã Tân Hà", 12, 9], ["Xã Tân Xuân", 7, 7]];

describe("lookups in a workbook saved without formula results", () => {
  it("are computed as Excel computes them, by both readers, and the planted errors are found", async () => {
    const bytes = await bytesOf(report(DATA, [0, 1, 2, 3, 4], 2, true), false);
    const grids = await gridsOf(bytes);
    for (const [reader, book] of Object.entries(grids)) {
      expect(book[0]!.values[2]![1], reader).toBeNull(); // no saved result
      const { read, issues } = check(book);
      // VLOOKUP over whole columns, INDEX/MATCH, INDIRECT, OFFSET, SUMIFS: the same five counts; SUMPRODUCT totals them.
      expect(Array.from(read.table.values.get("party.cells")!), reader).toEqual([9, 8, 10, 12, 7, 46]);
      const tsvm = read.mapping.find((m) => m.header.includes("đạt TSVM") && !m.header.includes("Tỷ lệ"))!.indicator!;
      expect(Array.from(read.table.values.get(tsvm)!), reader).toEqual([6, 4, 5, 9, 7, 24]);
      const rate = read.mapping.find((m) => m.header.startsWith("Tỷ lệ"))!.indicator!;
      // D5 divides TT Tân Minh's 5 by Xã Tân Đức's 8: 62.5, not 50.
      expect(Array.from(read.table.values.get(rate)!), reader).toEqual([66.67, 50, 62.5, 75, 100, 52.17]);
      const errors = issues.filter((i) => i.severity === "error").map((i) => [i.rule, i.cells[0]]);
      expect(errors, reader).toContainEqual(["rate_mismatch", "D5"]);
      expect(errors.some(([rule, cell]) => cell === "C8" && String(rule).startsWith("total")), reader).toBe(true);
      expect(issues.filter((i) => i.rule === "formula_unevaluated"), reader).toEqual([]);
      expect(issues.find((i) => i.rule === "formula_computed")!.message, reader).toMatch(/^Tệp lưu 18 ô công thức chưa có kết quả/);
    }
  });

  it("htct validate computes them too (the core's reader), instead of reading blanks", async () => {
    const bytes = await bytesOf(report(DATA, [0, 1, 2, 3, 4], 2, true), false);
    const result = checkWorkbook(readXlsx(bytes), { registry: REGISTRY, targets: [], lang: "vi" });
    const rules = result.issues.map((i) => [i.rule, i.cells[0]]);
    expect(rules).toContainEqual(["rate_mismatch", "D5"]);
    expect(result.issues.some((i) => i.rule === "formula_computed")).toBe(true);
    expect(result.issues.some((i) => i.rule === "formula_unevaluated")).toBe(false);
  });

  it("a shared formula's copies are computed from their master, moved by their offset", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Báo cáo");
    ws.addRow(["BÁO CÁO NĂM 2023"]);
    ws.addRow(["Đơn vị", "Tổng số chi bộ", "Chi bộ đạt TSVM", "Tỷ lệ chi bộ đạt TSVM (%)"]);
    DATA.slice(0, 3).forEach(([name, cells, tsvm]) => ws.addRow([name, cells, tsvm]));
    ws.getCell("D3").value = { formula: "ROUND(C3/B3*100,2)", shareType: "shared", ref: "D3:D5" } as ExcelJS.CellValue;
    ws.getCell("D4").value = { sharedFormula: "D3" } as ExcelJS.CellValue;
    ws.getCell("D5").value = { sharedFormula: "D3" } as ExcelJS.CellValue;
    const g = readXlsx(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)).sheets[0]!.grid();
    expect(g.formulas?.[3]?.[3]).toBe("=ROUND(C4/B4*100,2)");
    const { read } = check([g]);
    const rate = read.mapping.find((m) => m.header.startsWith("Tỷ lệ"))!.indicator!;
    expect(Array.from(read.table.values.get(rate)!)).toEqual([66.67, 50, 50]);
  });

  it("property: the same sheet saved with and without its results gives the same issues", async () => {
    const unit = fc.tuple(fc.integer({ min: 0, max: 30 }), fc.nat());
    await fc.assert(fc.asyncProperty(
      fc.array(unit, { minLength: 3, maxLength: 5 }), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 5, maxLength: 5 }), fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }), fc.boolean(),
      async (units, lookups, wrongRate, shortTotal) => {
        const data = units.map(([cells, k], i): [string, number, number] => [UNITS[i]!, cells, cells === 0 ? 0 : k % (cells + 1)]);
        const book = report(data, lookups, wrongRate !== null && wrongRate < data.length ? wrongRate : null, shortTotal);
        const without = (await gridsOf(await bytesOf(book, false))).core;
        const withResults = (await gridsOf(await bytesOf(book, true))).core;
        const a = check(without).issues;
        const b = check(withResults).issues;
        expect(a.filter((i) => i.rule === "formula_unevaluated")).toEqual([]);
        expect(a.filter((i) => i.rule !== "formula_computed").map(key)).toEqual(b.map(key));
      },
    ), { numRuns: 25 });
  }, 120_000);
});
