import { columnLetters as columnName } from "../../../shared/index.ts";
import type { Capabilities } from "./capabilities.ts";
import type { XlWorksheet } from "./surface.ts";
import { footerSections, type PrintPlan } from "../../../shared/report/print-plan.ts";

/**
 * Column widths (characters, as the shared layouts give them), the machine columns hidden, then
 * where this Excel has them (freeze panes from ExcelApi 1.7, page layout from 1.9): the rows kept
 * in view, and A4 as the print plan says: fitted to one width only when the text stays at 8 pt
 * or more, else at the plan's scale in groups of columns (page breaks between them, the unit
 * column repeated), the header rows repeated, and a footer with the sheet's name and page numbers.
 */
export function printable(ws: XlWorksheet, L: { widths: number[]; freeze: { rows: number; columns: number }; print: { repeatRows: [number, number] }; plan?: PrintPlan; hidden?: readonly number[] }, caps: Pick<Capabilities, "freeze" | "print">): void {
  L.widths.forEach((w, c) => { ws.getRange(`${columnName(c)}:${columnName(c)}`).format.columnWidth = Math.round(w * 5.3); });
  for (const c of L.hidden ?? []) ws.getRange(`${columnName(c)}:${columnName(c)}`).columnHidden = true;
  if (caps.freeze) freezePane(ws, L.freeze);
  if (caps.print) printPlan(ws, L.plan ?? null, L.print.repeatRows, "Landscape");
}

/**
 * Keeps the header rows and the unit's columns in view (ExcelApi 1.7; the caller checks). Both at
 * once through freezeAt (the pane from A1 through its last cell): whether freezeRows keeps frozen
 * columns is not documented, so the two calls are never combined.
 */
export function freezePane(ws: XlWorksheet, f: { rows: number; columns: number }): void {
  if (f.rows > 0 && f.columns > 0) ws.freezePanes.freezeAt(`A1:${columnName(f.columns - 1)}${f.rows}`);
  else if (f.rows > 0) ws.freezePanes.freezeRows(f.rows);
  else if (f.columns > 0) ws.freezePanes.freezeColumns(f.columns);
}

/** The page layout of a print plan (ExcelApi 1.9; the caller checks): orientation, fit or scale, print titles, column breaks, footer. */
export function printPlan(ws: XlWorksheet, plan: PrintPlan | null, repeatRows: [number, number], orientation: "Landscape" | "Portrait"): void {
  const page = ws.pageLayout;
  page.orientation = plan ? (plan.orientation === "portrait" ? "Portrait" : "Landscape") : orientation;
  page.paperSize = "A4";
  // Fitted to one width only when the text stays at 8 pt or more; a wider sheet prints at the plan's scale, pages across.
  page.zoom = plan && !plan.fitToWidth ? { scale: plan.scale } : { horizontalFitToPages: 1, verticalFitToPages: 0 };
  page.setPrintTitleRows(`$${repeatRows[0] + 1}:$${repeatRows[1] + 1}`);
  if (!plan) return;
  if (plan.repeatColumns) page.setPrintTitleColumns(`$${columnName(plan.repeatColumns[0])}:$${columnName(plan.repeatColumns[1])}`);
  // A refreshed sheet keeps its old breaks through clear(): removed first, so only the plan's stand.
  ws.verticalPageBreaks.removePageBreaks();
  for (const c of plan.columnBreaks) ws.verticalPageBreaks.add(`${columnName(c)}1`);
  const f = footerSections(plan.footer);
  const footer = page.headersFooters.defaultForAllPages;
  footer.leftFooter = f.left;
  footer.centerFooter = f.center;
  footer.rightFooter = f.right;
}
