import { formulaEngine } from "../shared/parse/formula-engine.ts";
import type ExcelJS from "exceljs";
import {
  catalogFor, compileValidator, dataSheets, getCatalog, isWithin, nameTables, readSheets, summarize, validateReads, workbookIssues, RECORD_SHEET, REPORT_SHEET,
  type Issue, type Lang, type SheetGrid, type OrgUnit, type SavedMapping, type SheetRead, type Target, type Validator,
} from "../shared/index.ts";
import { CliError } from "./errors.ts";
import type { XlsxBook } from "../shared/xlsx/read.ts";
import { worksheetGrid } from "./xlsx-grid.ts";

export interface CheckOptions {
  sheet?: string;
  mapping?: SavedMapping;
  registry: OrgUnit[];
  targets: Target[];
  lang: Lang;
  /** Rows are matched against the units valid in this period; without it, against every unit. */
  period?: string;
}

export interface CheckResult {
  sheets: SheetRead[];
  issues: Issue[];
  summary: { errors: number; warnings: number; infos: number };
}

/** Sheets annotate wrote itself, never validated as data. */
export function isOwnSheet(ws: { name: string }): boolean {
  return ws.name === RECORD_SHEET || ws.name === REPORT_SHEET || ws.name.startsWith(`${REPORT_SHEET} (`);
}

interface BookSheet { name: string; state: string; grid(): SheetGrid }

/** An exceljs workbook (annotate's, the tests') seen as the streaming reader's sheets. */
function sheetsOf(wb: ExcelJS.Workbook | XlsxBook): BookSheet[] {
  if ("sheets" in wb) return wb.sheets;
  return wb.worksheets.map((ws) => ({ name: ws.name, state: ws.state, grid: () => worksheetGrid(ws) }));
}

/** Reads and validates the workbook's data sheets (or the one asked for) with the shared core. */
export function checkWorkbook(wb: ExcelJS.Workbook | XlsxBook, opts: CheckOptions): CheckResult {
  // The period's structure decides which indicators exist (no thị trấn from 1/7/2025, đặc khu since).
  const catalog = opts.period ? catalogFor(getCatalog(), opts.period) : getCatalog();
  const all = sheetsOf(wb);
  let sheets = all.filter((ws) => !isOwnSheet(ws) && ws.state !== "veryHidden");
  if (opts.sheet) {
    const ws = all.find((s) => s.name === opts.sheet);
    if (!ws) {
      throw new CliError(
        `Không có trang tính "${opts.sheet}". Các trang tính: ${sheets.map((s) => s.name).join(", ")}.`,
        `No sheet named "${opts.sheet}". Sheets: ${sheets.map((s) => s.name).join(", ")}.`,
      );
    }
    sheets = [ws];
  }
  const grids = sheets.map((ws) => ws.grid()).filter((g) => g.values.some((r) => r.some((v) => v !== null && v !== undefined)));
  const nonEmpty = grids;
  if (nonEmpty.length === 0) {
    throw new CliError(
      opts.sheet ? `Trang tính "${opts.sheet}" trống.` : "Bảng tính không có trang tính nào có dữ liệu.",
      opts.sheet ? `Sheet "${opts.sheet}" is empty.` : "The workbook has no sheet with data.",
    );
  }
  // Copies of one report form (a sheet per commune) are read from the first one's template and
  // validated stacked in one run: the same issues as sheet by sheet.
  const reads = readSheets(nonEmpty, { catalog, registry: opts.registry, mapping: opts.mapping, lang: opts.lang, formulaEngine, ...(opts.period ? { period: opts.period } : {}) });
  // The reads hold what validation needs (tables of typed arrays): the grids, most of the
  // memory of a large sheet, go now rather than when the command ends.
  grids.length = 0;
  // Without --sheet, sheets with no recognisable table (notes, sources) are skipped, unless no
  // sheet has one at all.
  const used = opts.sheet ? reads : dataSheets(reads);
  // A total row stands for the sheet's scope: one validator per scope. A sheet without a total
  // row (a commune's form) does not depend on it, so forms of communes of several districts
  // share one validator and are validated stacked together.
  const validators = new Map<string | null, Validator>();
  const validatorFor = (read: SheetRead): Validator => {
    const key = read.table.rows.some((r) => r.isTotal) ? read.scope : null;
    let v = validators.get(key);
    if (!v) {
      v = compileValidator(catalog, {
        lang: opts.lang,
        targets: opts.targets,
        inScope: (unitId, scope) => isWithin(opts.registry, unitId, scope),
        totalUnitId: key,
        nameOf: (id) => opts.registry.find((u) => u.code === id)?.name,
      });
      validators.set(key, v);
    }
    return v;
  };
  const found = validateReads(used, validatorFor);
  const perSheet = used.map((read, i) => ({ table: read.table, issues: found[i]! }));
  // One issue per cause, across the workbook's sheets; on a sheet of several tables, each says which.
  const issues = nameTables(used, workbookIssues(perSheet, opts.lang), opts.lang);
  return { sheets: used, issues, summary: summarize(issues) };
}
