import { APPROXIMATE_FILL, BASIS_COL, columnLetters as columnName, layoutRollup, MET_FILL as MET, MISSED_FILL as MISSED, ROLLUP_SHEET, ROLLUP_TABLE, type Lang } from "../../../shared/index.ts";
import type { RollupResponse } from "../../../shared/contract/index.ts";
import type { Comparable } from "../../../shared/report/rollup-comparison.ts";
import type { Capabilities } from "./adapter.ts";
import { estimate, RequestBudget, ROWS_PER_WRITE } from "./budget.ts";
import { printable } from "./sheet-setup.ts";
import { AdapterError } from "./errors.ts";
import { loadStructureProtection } from "./structure.ts";
import type { XlRun } from "./surface.ts";

export { ROLLUP_SHEET, ROLLUP_TABLE, layoutRollup };

const HEAD_FILL = "#DDEBF7";

export interface RollupSheetOptions {
  /** The previous period of the same kind and the same period a year earlier, for the comparison rows. */
  previous?: Comparable | null;
  yearEarlier?: Comparable | null;
  /** What this Excel can do beyond ExcelApi 1.1 (freeze panes, chart series, page layout). */
  caps?: Pick<Capabilities, "freeze" | "print">;
  /** Ids of the report sheets the product wrote (document settings): a renamed rollup is found among them, never a sheet of the clerk's. */
  ownSheets?: ReadonlySet<string>;
}

/**
 * Writes or refreshes the rollup sheet in place, in the shared layout (shared/report/rollup-layout.ts):
 * title, group headings, the units as an Excel table, the province total, the comparisons, the
 * targets in words with attainment highlighted, and a chart of one rate by unit drawn from the
 * table's own columns. Refreshing removes the old table and chart and rewrites the sheet where
 * it is: found by its name, or, once the clerk renamed it, as the product's own sheet (by id)
 * holding the rollup table. The table is named uniquely in the workbook before anything is written. Where Excel has ExcelApi 1.9 the sheet prints on A4 landscape, fitted to the width, with
 * the header rows repeated; older Excel gets the same sheet without the print settings.
 */
export async function writeRollupSheet(run: XlRun, rollup: RollupResponse, lang: Lang, opts: RollupSheetOptions = {}): Promise<{ sheet: string; id: string; rows: number; syncs: number }> {
  const L = layoutRollup(rollup, lang, { previous: opts.previous, yearEarlier: opts.yearEarlier });
  const caps = opts.caps ?? { freeze: false, print: false };
  return run(async (ctx) => {
    let syncs = 0;
    const books = ctx.workbook.worksheets.load("items/name,items/id");
    const structure = loadStructureProtection(ctx, caps);
    await ctx.sync(); syncs++;
    // Every table of the workbook: table names are unique across it, and the rollup's own table
    // tells which sheet is the rollup after the clerk renamed it.
    const tablesOf = books.items.map((s) => ({ sheet: s.name, ours: opts.ownSheets?.has(s.id) ?? false, tables: ctx.workbook.worksheets.getItem(s.name).tables.load("items/name") }));
    await ctx.sync(); syncs++;
    const hasOurs = (x: (typeof tablesOf)[number]) => x.tables.items.some((t) => t.name.toLocaleUpperCase() === ROLLUP_TABLE.toLocaleUpperCase());
    const target = books.items.find((s) => s.name.toLocaleUpperCase() === ROLLUP_SHEET.toLocaleUpperCase())?.name ?? tablesOf.find((x) => x.ours && hasOurs(x))?.sheet ?? null;
    // A new sheet cannot be added to a protected structure: refused before anything is written.
    if (!target && structure?.protected) throw new AdapterError("structureProtected");
    const taken = new Set(tablesOf.filter((x) => x.sheet !== target).flatMap((x) => x.tables.items.map((t) => t.name.toLocaleUpperCase())));
    const tableName = uniqueTableName(taken);
    const ws = target ? ctx.workbook.worksheets.getItem(target) : ctx.workbook.worksheets.add(ROLLUP_SHEET);
    if (target) {
      const own = tablesOf.find((x) => x.sheet === target)!.tables;
      const charts = ws.charts.load("items/name");
      await ctx.sync(); syncs++;
      for (const t of own.items) t.delete();
      for (const c of charts.items) c.delete();
      ws.getRange().clear();
    }
    const budget = new RequestBudget(ctx);
    const width = L.header.length;
    const last = columnName(width - 1);
    const at = (r: number) => r + 1;
    const n = L.rows.length;

    L.title.forEach((t, i) => { ws.getRange(`A${at(i)}`).values = [[t]]; });
    ws.getRange(`A1`).format.font.bold = true;
    const groupCells: string[] = Array.from({ length: width }, () => "");
    for (const g of L.groups) groupCells[g.from] = g.label;
    ws.getRange(`A${at(L.groupRow)}:${last}${at(L.groupRow)}`).values = [groupCells];
    const heads = ws.getRange(`A${at(L.groupRow)}:${last}${at(L.headerRow)}`);
    heads.format.font.bold = true;
    heads.format.fill.color = HEAD_FILL;
    heads.format.wrapText = true;
    ws.getRange(`A${at(L.headerRow)}:${last}${at(L.headerRow)}`).values = [L.header];

    for (let i = 0; i < Math.max(n, 1); i += ROWS_PER_WRITE) {
      const block = n ? L.rows.slice(i, i + ROWS_PER_WRITE) : [L.header.map(() => "")];
      await budget.room(estimate(block));
      const range = ws.getRange(`A${at(L.headerRow + 1 + i)}:${last}${at(L.headerRow + i + block.length)}`);
      range.numberFormat = block.map(() => L.formats);
      range.values = block;
      budget.add(block); budget.add(L.formats);
    }
    const table = ws.tables.add(`A${at(L.headerRow)}:${last}${at(L.totalRow - 1)}`, true);
    table.name = tableName;
    table.style = "TableStyleMedium2";
    const total = ws.getRange(`A${at(L.totalRow)}:${last}${at(L.totalRow)}`);
    total.numberFormat = [L.formats];
    total.values = [L.total];
    total.format.font.bold = true;
    for (const h of L.highlights) {
      const row = h.row === -1 ? L.totalRow : L.headerRow + 1 + h.row;
      ws.getRange(`${columnName(h.col)}${at(row)}`).format.fill.color = h.met ? MET : MISSED;
    }
    // The comparison blocks run to four rows per unit: written in blocks like the units.
    for (let i = 0; i < L.comparisons.length; i += ROWS_PER_WRITE) {
      const block = L.comparisons.slice(i, i + ROWS_PER_WRITE);
      const values = block.map((c) => c.values);
      const formats = block.map((c) => c.formats);
      await budget.room(estimate(values) + estimate(formats));
      const range = ws.getRange(`A${at(L.comparisonRow + i)}:${last}${at(L.comparisonRow + i + block.length - 1)}`);
      range.numberFormat = formats;
      range.values = values;
      budget.add(values); budget.add(formats);
    }
    L.comparisons.forEach((c, i) => {
      const r = at(L.comparisonRow + i);
      if (c.kind === "heading" || c.kind === "total") ws.getRange(`A${r}:${last}${r}`).format.font.bold = true;
      if (c.approximate) ws.getRange(`${columnName(BASIS_COL)}${r}`).format.fill.color = APPROXIMATE_FILL;
    });
    if (L.targets.rows.length) {
      const tw = columnName(L.targets.header.length - 1);
      const head = ws.getRange(`A${at(L.targetRow)}:${tw}${at(L.targetRow)}`);
      head.values = [L.targets.header];
      head.format.font.bold = true;
      ws.getRange(`A${at(L.targetRow + 1)}:${tw}${at(L.targetRow + L.targets.rows.length)}`).values = L.targets.rows;
      L.targets.met.forEach((m, i) => { if (m !== null) ws.getRange(`${columnName(L.targets.resultCol)}${at(L.targetRow + 1 + i)}`).format.fill.color = m ? MET : MISSED; });
    }
    if (L.chart && n && caps.freeze) {
      // The chart reads the table's own columns (the rate, the unit names), so it follows the data.
      const col = columnName(L.chart.col);
      const chart = ws.charts.add("ColumnClustered", ws.getRange(`${col}${at(L.headerRow + 1)}:${col}${at(L.headerRow + n)}`), "Columns");
      chart.title.text = L.chart.title;
      const series = chart.series.getItemAt(0);
      series.name = L.chart.title;
      series.setXAxisValues(ws.getRange(`A${at(L.headerRow + 1)}:A${at(L.headerRow + n)}`));
      chart.setPosition(`A${at(L.endRow + 1)}`, `H${at(L.endRow + 19)}`);
    }
    printable(ws, L, caps);
    ws.load("id,name");
    await ctx.sync(); syncs++;
    return { sheet: ws.name, id: ws.id, rows: n, syncs: syncs + budget.extraSyncs };
  });
}

/** The rollup table's name, or with a number after it where another sheet's table has it (a copy of the sheet). */
function uniqueTableName(taken: ReadonlySet<string>): string {
  let name = ROLLUP_TABLE;
  for (let k = 2; taken.has(name.toLocaleUpperCase()); k++) name = `${ROLLUP_TABLE}_${k}`;
  return name;
}
