import ExcelJS from "exceljs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { workbookModels, type ModelValue, type WorkbookModel } from "./layouts.ts";

export { hamTanCommuneValues, laiChauDistrictValues, sumValues, gradeCounts } from "./data.ts";
export { workbookModels } from "./layouts.ts";

/**
 * Writes the sample workbooks (`npx tsx seeds/generate.ts [outDir]`). Everything that goes into a
 * cell comes from fixed data and a fixed-seed generator, and the workbook dates are fixed, so a
 * rerun gives the same cells; only the zip container's own timestamps differ between runs.
 */

export const WORKBOOK_DIR = fileURLToPath(new URL("./workbooks/", import.meta.url));

type ExcelValue = ExcelJS.CellValue;

function toExcel(v: ModelValue): ExcelValue {
  if (v === null || typeof v !== "object") return v;
  return { formula: v.formula, result: v.result as ExcelJS.CellFormulaValue["result"] } as ExcelJS.CellFormulaValue;
}

export async function writeWorkbook(model: WorkbookModel, dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "HTCT seeds";
  wb.lastModifiedBy = "HTCT seeds";
  wb.created = model.date;
  wb.modified = model.date;
  wb.title = model.description;
  for (const sheet of model.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    sheet.rows.forEach((row, r) =>
      row.forEach((cell, col) => {
        if (!cell) return;
        const x = ws.getCell(r + 1, col + 1);
        x.value = toExcel(cell.value);
        if (cell.numFmt) x.numFmt = cell.numFmt;
        if (cell.bold) x.font = { bold: true };
      }),
    );
    for (const m of sheet.merges) ws.mergeCells(m);
    sheet.widths.forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  }
  const file = path.join(dir, model.file);
  await wb.xlsx.writeFile(file);
  return file;
}

/** Writes every sample workbook into `dir` and returns their paths. */
export async function generateAll(dir: string = WORKBOOK_DIR): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const out: string[] = [];
  for (const model of workbookModels()) out.push(await writeWorkbook(model, dir));
  return out;
}

/** A cell as read back: plain value, or formula with its cached result. */
export type ReadValue = number | string | boolean | null | { formula: string; result: unknown } | { error: string };

/**
 * The cells of a workbook by sheet and A1 address (merged-away cells left out), normalised so two
 * files can be compared cell by cell regardless of zip bytes.
 */
export async function readCells(file: string): Promise<Record<string, Record<string, ReadValue>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Record<string, Record<string, ReadValue>> = {};
  wb.eachSheet((ws) => {
    const cells: Record<string, ReadValue> = {};
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.isMerged && cell.master.address !== cell.address) return;
        cells[cell.address] = normalise(cell.value);
      });
    });
    out[ws.name] = cells;
  });
  return out;
}

function normalise(v: ExcelValue): ReadValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString();
  if ("formula" in v && typeof v.formula === "string") return { formula: v.formula, result: v.result ?? null };
  if ("error" in v) return { error: String(v.error) };
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  return JSON.stringify(v);
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const dir = process.argv[2] ? path.resolve(process.argv[2]) : WORKBOOK_DIR;
  const files = await generateAll(dir);
  for (const f of files) console.log(`wrote ${path.relative(process.cwd(), f)}`);
}
