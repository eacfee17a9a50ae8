import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { worksheetGrid } from "../../cli/xlsx-grid.ts";
import { writeCountryWorkbook } from "../../bench/generate-country.ts";
import { workbookModels, writeWorkbook } from "../../seeds/generate.ts";
import type { CellValue, SheetGrid } from "../../shared/index.ts";
import { readXlsx } from "../../shared/xlsx/read.ts";

/**
 * The streaming reader against the exceljs path it replaces: every sheet of every workbook the
 * project ships or generates gives the same grid (values, number formats, merges, hidden rows
 * and columns), up to trailing empty cells and rows, which the core does not read.
 */
const SEEDS = join(import.meta.dirname, "../../seeds/workbooks");

function norm(g: SheetGrid) {
  const cell = (v: CellValue) => (v instanceof Date ? { date: v.getTime() } : v ?? null);
  const values = g.values.map((r) => r.map(cell));
  for (const r of values) while (r.length && r[r.length - 1] === null) r.pop();
  while (values.length && values[values.length - 1]!.length === 0) values.pop();
  const width = values.reduce((m, r) => Math.max(m, r.length), 0);
  const formats = values.map((r, i) => r.map((v, c) => (v === null ? null : g.formats?.[i]?.[c] ?? null)));
  const merges = [...(g.merges ?? [])].map((m) => `${m.top},${m.left}:${m.bottom},${m.right}`).sort();
  return {
    name: g.name, values, formats, merges,
    hiddenRows: [...(g.hiddenRows ?? [])].filter((r) => r < values.length),
    hiddenColumns: [...(g.hiddenColumns ?? [])].filter((c) => c < width),
  };
}

async function compare(bytes: Uint8Array): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const book = readXlsx(bytes);
  expect(book.sheets.map((s) => [s.name, s.state])).toEqual(wb.worksheets.map((ws) => [ws.name, ws.state]));
  for (const ws of wb.worksheets) expect(norm(book.sheet(ws.name)!.grid())).toEqual(norm(worksheetGrid(ws)));
  return wb.worksheets.length;
}

let dir = "";
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), "htct-xlsx-")); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe("the streaming .xlsx reader gives the grid exceljs gave", () => {
  it("on every workbook in seeds/workbooks", async () => {
    const files = readdirSync(SEEDS).filter((f) => f.endsWith(".xlsx"));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) expect(await compare(readFileSync(join(SEEDS, f)))).toBeGreaterThan(0);
  });

  it("on every layout the seeds generate", async () => {
    for (const model of workbookModels()) await compare(await readFile(await writeWorkbook(model, dir)));
  });

  it("on the benchmark's workbook, written by exceljs' streaming writer (inline strings, no styles)", async () => {
    const file = join(dir, "country.xlsx");
    await writeCountryWorkbook(file, 40);
    await compare(await readFile(file));
  });

  it("on shared and rich strings, formulas and their results, errors, booleans, dates, formats, merges, hidden rows, columns and sheets", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Biểu 01");
    ws.addRow(["ĐẢNG BỘ XÃ MẪU 01", null, null]);
    ws.mergeCells("A1:C1");
    ws.addRow(["Chỉ tiêu", "Số lượng", "Tỷ lệ"]);
    ws.addRow([{ richText: [{ text: "Đảng viên ", font: { bold: true } }, { text: "mới" }] }, 12, 0.25]);
    ws.getCell("C3").numFmt = "0.00%";
    ws.addRow(["Tổng", { formula: "B3*2", result: 24 }, { formula: "1/0", result: { error: "#DIV/0!" } }]);
    ws.addRow(["Ngày", new Date(Date.UTC(2025, 6, 1)), true]);
    ws.addRow(["Chuỗi & <ký tự> \"đặc biệt\"", { formula: 'CONCAT("a","b")', result: "ab" }, -1.5e-7]);
    ws.getRow(6).hidden = true;
    ws.getColumn(4).hidden = true;
    ws.getCell("D2").value = "ẩn";
    ws.getCell("F9").value = 1;
    ws.getCell("B9").numFmt = "#,##0";
    wb.addWorksheet("Ẩn", { state: "hidden" }).addRow(["x"]);
    wb.addWorksheet("Rất ẩn", { state: "veryHidden" }).addRow([1]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    await compare(bytes);
    const g = readXlsx(bytes, { keep: { formulas: true, fonts: true } }).sheet("Biểu 01")!.grid();
    expect(g.values[2]![0]).toBe("Đảng viên mới");
    expect(g.values[3]![2]).toEqual({ error: "#DIV/0!" });
    expect(g.formulas![3]![1]).toBe("B3*2");
    expect(g.fonts![2]![1]).toBe("Calibri");
  });
});
