import { asCellText as asText, columnLetters as columnName, layoutRollup, MET_FILL as MET, MISSED_FILL as MISSED, ROLLUP_SHEET, ROLLUP_TABLE, type Lang } from "../../../shared/index.ts";
import type { RollupResponse } from "../../../shared/contract/index.ts";
import { estimate, RequestBudget, ROWS_PER_WRITE } from "./budget.ts";
import type { XlRun } from "./surface.ts";

export { ROLLUP_SHEET, ROLLUP_TABLE, layoutRollup };


/**
 * Writes or refreshes the rollup sheet in place: the district table (an Excel table), the
 * province total row under it, the targets with attainment highlighted, and a chart of one rate
 * by district. Refreshing removes the old table and chart and rewrites the sheet where it is.
 */
export async function writeRollupSheet(run: XlRun, rollup: RollupResponse, lang: Lang): Promise<{ sheet: string; rows: number; syncs: number }> {
  const layout = layoutRollup(rollup, lang);
  return run(async (ctx) => {
    let syncs = 0;
    const books = ctx.workbook.worksheets.load("items/name");
    await ctx.sync(); syncs++;
    const exists = books.items.some((s) => s.name.toLocaleUpperCase() === ROLLUP_SHEET.toLocaleUpperCase());
    const ws = exists ? ctx.workbook.worksheets.getItem(ROLLUP_SHEET) : ctx.workbook.worksheets.add(ROLLUP_SHEET);
    if (exists) {
      const tables = ws.tables.load("items/name");
      const charts = ws.charts.load("items/name");
      await ctx.sync(); syncs++;
      for (const t of tables.items) t.delete();
      for (const c of charts.items) c.delete();
      ws.getRange().clear();
    }
    const budget = new RequestBudget(ctx);
    const width = layout.header.length;
    const last = columnName(width - 1);
    const n = layout.rows.length;
    ws.getRange(`A1:${last}1`).values = [layout.header];
    ws.getRange(`A1:${last}1`).format.font.bold = true;
    for (let i = 0; i < Math.max(n, 1); i += ROWS_PER_WRITE) {
      const block = n ? layout.rows.slice(i, i + ROWS_PER_WRITE) : [layout.header.map(() => "")];
      await budget.room(estimate(block));
      const range = ws.getRange(`A${i + 2}:${last}${i + 1 + block.length}`);
      range.numberFormat = block.map(() => layout.formats);
      range.values = block;
      budget.add(block); budget.add(layout.formats);
    }
    const dataRows = Math.max(n, 1);
    const table = ws.tables.add(`A1:${last}${dataRows + 1}`, true);
    table.name = ROLLUP_TABLE;
    table.style = "TableStyleMedium2";
    const totalRow = dataRows + 2;
    const total = ws.getRange(`A${totalRow}:${last}${totalRow}`);
    total.numberFormat = [layout.formats];
    total.values = [layout.total];
    total.format.font.bold = true;
    for (const h of layout.highlights) {
      const row = h.row === -1 ? totalRow : h.row + 2;
      ws.getRange(`${columnName(h.col)}${row}`).format.fill.color = h.met ? MET : MISSED;
    }
    let next = totalRow + 2;
    if (layout.targets.rows.length) {
      const tw = columnName(layout.targets.header.length - 1);
      ws.getRange(`A${next}:${tw}${next}`).values = [layout.targets.header];
      ws.getRange(`A${next}:${tw}${next}`).format.font.bold = true;
      ws.getRange(`A${next + 1}:${tw}${next + layout.targets.rows.length}`).values = layout.targets.rows;
      layout.targets.met.forEach((m, i) => { if (m !== null) ws.getRange(`F${next + 1 + i}`).format.fill.color = m ? MET : MISSED; });
      next += layout.targets.rows.length + 2;
    }
    if (layout.chart && n) {
      // Charts need one contiguous source: district names beside the charted rate.
      const block = layout.rows.map((r) => [r[0]!, r[layout.chart!.col]!]);
      const src = ws.getRange(`A${next}:B${next + n}`);
      src.values = [[layout.header[0]!, asText(layout.chart.title)], ...block];
      ws.getRange(`B${next + 1}:B${next + n}`).numberFormat = block.map(() => ["0.0%"]);
      const chart = ws.charts.add("ColumnClustered", src, "Columns");
      chart.title.text = layout.chart.title;
      chart.setPosition(`D${next}`, `K${next + 18}`);
    }
    ws.getRange(`A:A`).format.columnWidth = 120;
    await ctx.sync(); syncs++;
    return { sheet: ROLLUP_SHEET, rows: n, syncs: syncs + budget.extraSyncs };
  });
}
