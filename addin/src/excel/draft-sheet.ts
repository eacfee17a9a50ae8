import type { Lang } from "../../../shared/index.ts";
import type { Draft } from "../../../shared/report/draft.ts";
import { planPrint } from "../../../shared/report/print-plan.ts";
import type { Capabilities } from "./capabilities.ts";
import { estimate, RequestBudget } from "./budget.ts";
import { freezePane, printPlan } from "./sheet-setup.ts";
import type { XlRun } from "./surface.ts";

export const DRAFT_SHEET = "Báo cáo";
/** Excel holds at most 32,767 characters in a cell: a longer paragraph continues on the next row. */
const CELL_MAX = 32_767;
/** Column A's width: 560 pixels, about 105 characters. */
const WIDTH_PX = 560;

/**
 * The draft report's lines, one a row in column A: title, consolidation time, then each section's
 * numbered heading and paragraphs, a blank row between sections.
 */
export function draftRows(draft: Draft): { text: string; bold: boolean }[] {
  const rows: { text: string; bold: boolean }[] = [{ text: draft.title, bold: true }, { text: draft.subtitle, bold: false }];
  draft.sections.forEach((s, i) => {
    rows.push({ text: "", bold: false }, { text: `${i + 1}. ${s.heading}`, bold: true });
    for (const p of s.paragraphs) for (let at = 0; at < Math.max(p.text.length, 1); at += CELL_MAX) rows.push({ text: p.text.slice(at, at + CELL_MAX), bold: false });
  });
  return rows;
}

/** The first name Excel would take that no sheet of the workbook has (names compare without case). */
function freeName(taken: string[]): string {
  const names = new Set(taken.map((n) => n.toLocaleUpperCase()));
  for (let i = 1; ; i++) {
    const name = i === 1 ? DRAFT_SHEET : `${DRAFT_SHEET} (${i})`;
    if (!names.has(name.toLocaleUpperCase())) return name;
  }
}

/**
 * Writes the draft report into its own sheet. The sheet is known by the id recorded when the
 * pane made it, never by its name: a workbook whose data sheet is already called "Báo cáo" (the
 * seeds' are) keeps it untouched and the draft goes to "Báo cáo (2)". Every cell is text ("@"),
 * so a paragraph that starts with "=" or looks like a number or a date stays as written. Where
 * this Excel has them, the title row stays in view (ExcelApi 1.7) and it prints as every sheet
 * the product writes (1.9): A4 portrait at 8 pt or more, the title repeated, page numbers below.
 */
export async function writeDraftSheet(run: XlRun, draft: Draft, ownId: string | null,
  opts: { caps?: Pick<Capabilities, "freeze" | "print">; lang?: Lang } = {}): Promise<{ sheet: string; id: string; rows: number; syncs: number }> {
  const caps = opts.caps ?? { freeze: false, print: false };
  const rows = draftRows(draft);
  return run(async (ctx) => {
    let syncs = 0;
    const sheets = ctx.workbook.worksheets.load("items/name,items/id");
    await ctx.sync(); syncs++;
    const own = ownId ? sheets.items.find((s) => s.id === ownId) : undefined;
    const ws = own ?? ctx.workbook.worksheets.add(freeName(sheets.items.map((s) => s.name)));
    if (own) ws.getRange().clear();
    const budget = new RequestBudget(ctx);
    const BLOCK = 200;
    for (let i = 0; i < rows.length; i += BLOCK) {
      const block = rows.slice(i, i + BLOCK).map((r) => [r.text]);
      await budget.room(estimate(block));
      const range = ws.getRange(`A${i + 1}:A${i + block.length}`);
      range.numberFormat = block.map(() => ["@"]);
      range.values = block;
      budget.add(block);
    }
    rows.forEach((r, i) => { if (r.bold) ws.getRange(`A${i + 1}`).format.font.bold = true; });
    const col = ws.getRange("A:A");
    col.format.columnWidth = WIDTH_PX;
    col.format.wrapText = true;
    if (caps.freeze) freezePane(ws, { rows: 1, columns: 0 });
    if (caps.print) printPlan(ws, planPrint({ widths: [WIDTH_PX / 5.3], lead: 0, repeatRows: [0, 0], orientation: "portrait" }, opts.lang ?? "vi"), [0, 0], "Portrait");
    ws.load("name,id");
    await ctx.sync(); syncs++;
    return { sheet: ws.name, id: ws.id, rows: rows.length, syncs: syncs + budget.extraSyncs };
  });
}
