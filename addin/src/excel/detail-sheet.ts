import { columnLetters as columnName, type Lang } from "../../../shared/index.ts";
// Straight from its file, not the shared index: the pane loads the layout with the first detail only.
import { detailSheetName, layoutDetail } from "../../../shared/report/detail-layout.ts";
import type { DetailResponse } from "../../../shared/contract/index.ts";
import type { Capabilities } from "./adapter.ts";
import { estimate, RequestBudget, ROWS_PER_WRITE } from "./budget.ts";
import { printable } from "./sheet-setup.ts";
import type { XlRun } from "./surface.ts";

const HEAD_FILL = "#DDEBF7";

/**
 * Writes a unit's detail sheet in the shared layout (shared/report/detail-layout.ts): title,
 * group headings, the units below against the indicators, the unit's total, and the submission
 * history with each value old → new. The sheet is known by the id recorded when the pane made
 * it (`ownId`), never by its name: showing the unit again clears and rewrites that sheet where
 * it is, and a new sheet takes a name no sheet has (Excel's rules, shared detailSheetName), so
 * a clerk's own sheet of the same name is never touched. Two syncs and one more per 4 MB.
 */
export async function writeDetailSheet(run: XlRun, detail: DetailResponse, lang: Lang, ownId: string | null,
  caps: Pick<Capabilities, "freeze" | "print"> = { freeze: false, print: false }): Promise<{ sheet: string; id: string; rows: number; syncs: number }> {
  const L = layoutDetail(detail, lang);
  return run(async (ctx) => {
    let syncs = 0;
    const sheets = ctx.workbook.worksheets.load("items/name,items/id");
    await ctx.sync(); syncs++;
    const own = ownId ? sheets.items.find((s) => s.id === ownId) : undefined;
    const ws = own ?? ctx.workbook.worksheets.add(detailSheetName(detail.name, lang, sheets.items.map((s) => s.name)));
    if (own) ws.getRange().clear();
    const budget = new RequestBudget(ctx);
    const width = L.header.length;
    const last = columnName(width - 1);
    const hLast = columnName(L.historyHeader.length - 1);
    const at = (r: number) => r + 1;

    ws.getRange(`A1:A${L.title.length}`).values = L.title.map((t) => [t]);
    ws.getRange("A1").format.font.bold = true;
    const groupCells: string[] = Array.from({ length: width }, () => "");
    for (const g of L.groups) groupCells[g.from] = g.label;
    ws.getRange(`A${at(L.groupRow)}:${last}${at(L.groupRow)}`).values = [groupCells];
    ws.getRange(`A${at(L.headerRow)}:${last}${at(L.headerRow)}`).values = [L.header];
    const heads = ws.getRange(`A${at(L.groupRow)}:${last}${at(L.headerRow)}`);
    heads.format.font.bold = true;
    heads.format.fill.color = HEAD_FILL;
    heads.format.wrapText = true;

    const n = L.rows.length;
    for (let i = 0; i < n; i += ROWS_PER_WRITE) {
      const block = L.rows.slice(i, i + ROWS_PER_WRITE);
      await budget.room(estimate(block) * 2);
      const range = ws.getRange(`A${at(L.headerRow + 1 + i)}:${last}${at(L.headerRow + i + block.length)}`);
      range.numberFormat = block.map(() => L.formats);
      range.values = block;
      budget.add(block); budget.add(block.map(() => L.formats));
    }
    const total = ws.getRange(`A${at(L.totalRow)}:${last}${at(L.totalRow)}`);
    total.numberFormat = [L.formats];
    total.values = [L.total];
    total.format.font.bold = true;

    ws.getRange(`A${at(L.historyRow)}`).values = [[L.historyTitle]];
    ws.getRange(`A${at(L.historyRow)}`).format.font.bold = true;
    const hh = ws.getRange(`A${at(L.historyRow + 1)}:${hLast}${at(L.historyRow + 1)}`);
    hh.values = [L.historyHeader];
    hh.format.font.bold = true;
    hh.format.fill.color = HEAD_FILL;
    const first = L.historyRow + 2;
    for (let i = 0; i < L.history.length; i += ROWS_PER_WRITE) {
      const block = L.history.slice(i, i + ROWS_PER_WRITE);
      const formats = L.historyFormats.slice(i, i + ROWS_PER_WRITE);
      await budget.room(estimate(block) + estimate(formats));
      const range = ws.getRange(`A${at(first + i)}:${hLast}${at(first + i + block.length - 1)}`);
      // Formats first: a clerk's text "1.716" written into a General cell would become a number.
      range.numberFormat = formats;
      range.values = block;
      budget.add(block); budget.add(formats);
    }
    // Each version's first line in bold, so the versions stand apart when printed.
    for (const s of L.versionStarts) {
      await budget.room(estimate(null) * 3);
      ws.getRange(`A${at(first + s)}:D${at(first + s)}`).format.font.bold = true;
      budget.add(null); budget.add(null); budget.add(null);
    }
    printable(ws, L, caps);
    ws.activate();
    ws.load("name,id");
    await ctx.sync(); syncs++;
    return { sheet: ws.name, id: ws.id, rows: n, syncs: syncs + budget.extraSyncs };
  });
}
