import { columnLetters as columnName } from "../../../shared/index.ts";
import type { ScorecardLayout } from "../../../shared/quality/scorecard-layout.ts";
import { STATUS_HIDDEN, STATUS_WIDTHS, type StatusLayout } from "../../../shared/report/status-layout.ts";
import type { PrintPlan } from "../../../shared/report/print-plan.ts";
import type { Capabilities } from "./adapter.ts";
import { estimate, RequestBudget, ROWS_PER_WRITE } from "./budget.ts";
import { AdapterError } from "./errors.ts";
import { loadStructureProtection } from "./structure.ts";
import { freezePane, printPlan } from "./sheet-setup.ts";
import type { XlRun } from "./surface.ts";

type Cell = string | number;
const HEAD_FILL = "#DDEBF7";

/** A block of a report sheet: a bold header row over its rows. */
export interface SheetBlock {
  header: string[];
  rows: Cell[][];
  /** Number format per column; without it text cells are "@" and numbers "General". */
  formats?: string[];
  /** The last row is a total (bold). */
  boldLast?: boolean;
}

/** A report sheet the pane writes from a shared layout: title lines, then blocks one blank row apart. */
export interface TableSheet {
  name: string;
  title: string[];
  blocks: SheetBlock[];
  /** Column widths in characters. */
  widths: number[];
  orientation: "Portrait" | "Landscape";
  /** Rows and columns kept in view while scrolling (ExcelApi 1.7): the long list's header, the unit's name. */
  freeze?: { rows: number; columns: number };
  /** 0-based rows repeated at the top of every printed page (ExcelApi 1.9): the long list's header. */
  repeatRows?: [number, number];
  /** How it prints (footer with page numbers, fit or scale, columns repeated): the shared layout's plan. */
  plan?: PrintPlan;
  /** Machine columns (codes), hidden. */
  hidden?: number[];
}

/** Where each block's header row falls (0-based), from the title down. */
export function blockRows(sheet: TableSheet): number[] {
  const out: number[] = [];
  let r = sheet.title.length + 1;
  for (const b of sheet.blocks) { out.push(r); r += b.rows.length + 2; }
  return out;
}

/** The "Tình hình nộp báo cáo" sheet of the shared layout: the summary by level, every unit, the units still to report with their clerks. */
export function statusSheet(name: string, L: StatusLayout): TableSheet {
  // The list of units is the long block: its header repeats when printed and stays in view.
  const unitsHeader = L.unitsHeaderRow;
  return {
    name, title: L.title, orientation: L.plan.orientation === "portrait" ? "Portrait" : "Landscape", widths: [...STATUS_WIDTHS],
    freeze: L.freeze, repeatRows: [unitsHeader, unitsHeader], plan: L.plan, hidden: [...STATUS_HIDDEN],
    blocks: [
      { header: L.summary.header, rows: L.summary.rows, formats: L.summary.formats, boldLast: true },
      { header: L.units.header, rows: L.units.rows, formats: ["@", "@", "@", "@", "@", "0", "@", "@"] },
      ...(L.missing.rows.length ? [{ header: L.missing.header, rows: L.missing.rows, formats: ["@", "@", "@", "@"] }] : []),
    ],
  };
}

/** The "Chất lượng số liệu" sheet of the shared layout: the units ranked, the province's line last. */
export function scorecardSheet(name: string, L: ScorecardLayout): TableSheet {
  return {
    name, title: L.title, orientation: "Landscape", widths: L.widths, freeze: L.freeze,
    repeatRows: [L.headerRow, L.headerRow], plan: L.plan,
    blocks: [{ header: L.header, rows: [...L.rows, L.summary], formats: L.formats, boldLast: true }],
  };
}

/**
 * Writes or refreshes a report sheet in place, found by name without regard to case (Excel's
 * rule), its old contents cleared, other sheets untouched. Rows go in blocks under the request
 * budget; with ExcelApi 1.9 it is set to print on A4, fitted to the width.
 */
export async function writeTableSheet(run: XlRun, sheet: TableSheet, caps: Pick<Capabilities, "freeze" | "print"> = { freeze: false, print: false }): Promise<{ sheet: string; id: string; rows: number; syncs: number }> {
  return run(async (ctx) => {
    let syncs = 0;
    const books = ctx.workbook.worksheets.load("items/name");
    const structure = loadStructureProtection(ctx, caps);
    await ctx.sync(); syncs++;
    const found = books.items.find((s) => s.name.toLocaleUpperCase() === sheet.name.toLocaleUpperCase());
    // A new sheet cannot be added to a protected structure: refused before anything is written.
    if (!found && structure?.protected) throw new AdapterError("structureProtected");
    const ws = found ? ctx.workbook.worksheets.getItem(found.name) : ctx.workbook.worksheets.add(sheet.name);
    if (found) {
      // A table someone added over the old rows would keep its frame: removed with the contents.
      const tables = ws.tables.load("items/name");
      await ctx.sync(); syncs++;
      for (const t of tables.items) t.delete();
      ws.getRange().clear();
    }
    const budget = new RequestBudget(ctx);
    sheet.title.forEach((t, i) => { ws.getRange(`A${i + 1}`).values = [[t]]; });
    if (sheet.title.length) ws.getRange("A1").format.font.bold = true;
    const starts = blockRows(sheet);
    let rows = 0;
    for (const [k, b] of sheet.blocks.entries()) {
      const width = Math.max(b.header.length, ...b.rows.map((r) => r.length), 1);
      const last = columnName(width - 1);
      const pad = (r: Cell[]): Cell[] => (r.length < width ? [...r, ...Array.from({ length: width - r.length }, () => "")] : r);
      const head = starts[k]! + 1;
      const h = ws.getRange(`A${head}:${last}${head}`);
      h.values = [pad(b.header)];
      h.format.font.bold = true;
      h.format.fill.color = HEAD_FILL;
      h.format.wrapText = true;
      for (let i = 0; i < b.rows.length; i += ROWS_PER_WRITE) {
        const block = b.rows.slice(i, i + ROWS_PER_WRITE).map(pad);
        const formats = block.map((r) => r.map((c, j) => b.formats?.[j] ?? (typeof c === "string" ? "@" : "General")));
        await budget.room(estimate(block) + estimate(formats));
        const range = ws.getRange(`A${head + 1 + i}:${last}${head + i + block.length}`);
        range.numberFormat = formats;
        range.values = block;
        budget.add(block); budget.add(formats);
      }
      if (b.boldLast && b.rows.length) ws.getRange(`A${head + b.rows.length}:${last}${head + b.rows.length}`).format.font.bold = true;
      rows += b.rows.length;
    }
    sheet.widths.forEach((w, c) => { ws.getRange(`${columnName(c)}:${columnName(c)}`).format.columnWidth = Math.round(w * 5.3); });
    for (const c of sheet.hidden ?? []) ws.getRange(`${columnName(c)}:${columnName(c)}`).columnHidden = true;
    if (caps.freeze && sheet.freeze) freezePane(ws, sheet.freeze);
    if (caps.print) {
      if (sheet.repeatRows) printPlan(ws, sheet.plan ?? null, sheet.repeatRows, sheet.orientation);
      else {
        const page = ws.pageLayout;
        page.orientation = sheet.orientation;
        page.paperSize = "A4";
        page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      }
    }
    ws.load("name,id");
    await ctx.sync(); syncs++;
    return { sheet: ws.name, id: ws.id, rows, syncs: syncs + budget.extraSyncs };
  });
}
