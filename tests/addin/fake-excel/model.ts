import type { XlValue } from "../../../addin/src/excel/surface.ts";
import { sameSheetName } from "./names.ts";

/**
 * The in-memory workbook behind the fake Excel host: only what the add-in can observe or change
 * through Office.js (values, formulas, number formats, fills, notes, a few font properties,
 * tables, charts, sheet visibility), plus merges for drawing the preview grid.
 */
export interface FakeFill {
  /** "#RRGGBB". */
  color: string;
  /** Office.js pattern name: "Solid", "Gray50"…, or "LinearGradient"/"RectangularGradient" (read-only). */
  pattern: string;
}

export interface FakeCell {
  /** What `values` reports: "" for empty, "#DIV/0!" for errors, a formula's result. */
  value: XlValue;
  formula: string | null;
  numberFormat: string;
  fill: FakeFill | null;
  note: string | null;
  /** A threaded comment's text (ExcelApi 1.10); a cell holds a comment or a note, never both. */
  comment?: string | null;
  bold: boolean;
  fontColor: string | null;
  underline: string | null;
  /** `format.protection.locked`: Excel's cells are locked unless unlocked (absent = locked). */
  locked?: boolean;
}

/**
 * What a protected sheet still allows (WorksheetProtectionOptions, ExcelApi 1.2), as Microsoft's
 * "Protect a worksheet" lists it: typing only into unlocked cells; Format cells (fills, fonts,
 * number formats, conditional formats — on any cell, unlocked or not) only with allowFormatCells;
 * column widths with allowFormatColumns; notes and other objects with allowEditObjects.
 */
export interface ProtectionOptions { allowFormatCells: boolean; allowFormatColumns: boolean; allowEditObjects: boolean }
export const NO_PERMISSIONS: ProtectionOptions = { allowFormatCells: false, allowFormatColumns: false, allowEditObjects: false };

export interface Box { r0: number; c0: number; r1: number; c1: number }

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export function emptyCell(): FakeCell {
  return { value: "", formula: null, numberFormat: "General", fill: null, note: null, bold: false, fontColor: null, underline: null };
}

function isBlank(c: FakeCell): boolean {
  return c.value === "" && c.formula === null && c.numberFormat === "General" && !c.fill && c.note === null && c.comment == null && !c.bold && !c.fontColor && !c.underline && c.locked !== false;
}

let sheetIds = 0;

export class FakeSheet {
  visibility = "Visible";
  /** Sheet protection: cells, formats, notes and comments cannot be changed. */
  protected = false;
  /** What the protection allows; Excel's default protection allows none of these. */
  protectionOptions: ProtectionOptions = { ...NO_PERMISSIONS };
  /** Excel's stable worksheet id, used in object paths. */
  readonly id = `{${String(++sheetIds).padStart(8, "0")}-0000-4000-8000-000000000000}`;
  readonly cells = new Map<number, FakeCell>();
  tables: { name: string; address: string; style: string }[] = [];
  charts: { name: string; type: string; source: string; title: string; position: string; seriesName?: string; xValues?: string }[] = [];
  /** The frozen pane (ExcelApi 1.7): rows from the top and columns from the left kept in view. */
  frozenRows = 0;
  frozenColumns = 0;
  /** What printing is set to (ExcelApi 1.9), as Excel keeps it. */
  pageLayout: { orientation: string; paperSize: string; zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }; printTitleRows: string | null } =
    { orientation: "Portrait", paperSize: "Letter", zoom: { scale: 100 }, printTitleRows: null };
  /** Columns repeated at the left of every printed page (ExcelApi 1.9), "$A:$A", or null. */
  printTitleColumns: string | null = null;
  /** The header and footer of every page (HeaderFooterGroup.defaultForAllPages, ExcelApi 1.9), Excel's codes as given. */
  headerFooter: Record<"leftHeader" | "centerHeader" | "rightHeader" | "leftFooter" | "centerFooter" | "rightFooter", string> =
    { leftHeader: "", centerHeader: "", rightHeader: "", leftFooter: "", centerFooter: "", rightFooter: "" };
  /** 0-based columns a manual vertical page break stands before (Worksheet.verticalPageBreaks, ExcelApi 1.9), in order added. */
  columnBreaks: number[] = [];
  merges: Box[] = [];
  /** 0-based rows and columns the clerk hid (or a filter hides): Office.js reports them through rowHidden/columnHidden. */
  hiddenRows = new Set<number>();
  hiddenColumns = new Set<number>();
  columnWidths = new Map<number, number>();
  constructor(public name: string) {}

  private key(r: number, c: number): number { return r * MAX_COLS + c; }
  /** 0-based row and column. */
  get(r: number, c: number): FakeCell | undefined { return this.cells.get(this.key(r, c)); }
  cell(r: number, c: number): FakeCell {
    let cell = this.cells.get(this.key(r, c));
    if (!cell) { cell = emptyCell(); this.cells.set(this.key(r, c), cell); }
    return cell;
  }
  /** Drops cells that hold nothing, so the used range behaves as Excel's. */
  tidy(r: number, c: number): void {
    const cell = this.cells.get(this.key(r, c));
    if (cell && isBlank(cell)) this.cells.delete(this.key(r, c));
  }
  *entries(): Generator<[number, number, FakeCell]> {
    for (const [k, cell] of this.cells) yield [Math.floor(k / MAX_COLS), k % MAX_COLS, cell];
  }
  /**
   * Deletes a whole row as Excel's "Delete row" does: the rows below move up one, merged areas
   * below move with them, and a merge the row cuts through shrinks.
   */
  deleteRow(row: number): void {
    const moved = new Map<number, FakeCell>();
    for (const [r, c, cell] of this.entries()) {
      if (r === row) continue;
      moved.set(this.key(r > row ? r - 1 : r, c), cell);
    }
    this.cells.clear();
    for (const [k, cell] of moved) this.cells.set(k, cell);
    this.hiddenRows = new Set([...this.hiddenRows].filter((r) => r !== row).map((r) => (r > row ? r - 1 : r)));
    this.merges = this.merges
      .filter((m) => !(m.r0 === row && m.r1 === row))
      .map((m) => ({ ...m, r0: m.r0 > row ? m.r0 - 1 : m.r0, r1: m.r1 >= row ? m.r1 - 1 : m.r1 }));
  }
  /** Cells with a value (valuesOnly) or with anything at all. */
  usedBox(valuesOnly: boolean): Box | null {
    let box: Box | null = null;
    for (const [r, c, cell] of this.entries()) {
      if (valuesOnly ? cell.value === "" && cell.formula === null : isBlank(cell)) continue;
      if (!box) box = { r0: r, c0: c, r1: r, c1: c };
      else { box.r0 = Math.min(box.r0, r); box.c0 = Math.min(box.c0, c); box.r1 = Math.max(box.r1, r); box.c1 = Math.max(box.c1, c); }
    }
    return box;
  }
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  activeSheet = 0;
  /** Office document settings, as saved with the workbook. */
  settings: Record<string, unknown> = {};
  selection: { sheet: string; address: string } | null = null;
  name = "Book1.xlsx";
  /** Opened read-only (a file from e-mail in Protected View, a shared copy without edit rights): settings cannot be saved. */
  readOnly = false;
  /** Review › Protect Workbook (structure): sheets cannot be added, deleted, renamed, hidden or shown. */
  structureProtected = false;

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => sameSheetName(s.name, name));
  }
  add(name: string): FakeSheet {
    if (this.sheet(name)) throw new Error(`ItemAlreadyExists: ${name}`);
    const s = new FakeSheet(name);
    this.sheets.push(s);
    return s;
  }
}

/** "#RRGGBB" from exceljs' "AARRGGBB" or "RRGGBB". */
export function argbToHex(argb: string): string {
  return `#${argb.slice(-6).toUpperCase()}`;
}

/** A deep, comparable picture of a workbook: what the round-trip tests compare. */
export function snapshot(wb: FakeWorkbook): Record<string, { cells: Record<string, Omit<FakeCell, never>>; visibility: string; hiddenRows: number[]; hiddenColumns: number[] }> {
  const out: Record<string, { cells: Record<string, FakeCell>; visibility: string; hiddenRows: number[]; hiddenColumns: number[] }> = {};
  for (const s of wb.sheets) {
    const cells: Record<string, FakeCell> = {};
    const sorted = [...s.entries()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [r, c, cell] of sorted) if (!isBlank(cell)) cells[`${r},${c}`] = { ...cell, fill: cell.fill ? { ...cell.fill } : null };
    const sorted1 = (set: Set<number>) => [...set].sort((a, b) => a - b);
    out[s.name] = { cells, visibility: s.visibility, hiddenRows: sorted1(s.hiddenRows), hiddenColumns: sorted1(s.hiddenColumns) };
  }
  return out;
}
