import { columnLetters as columnName } from "../../../shared/index.ts";
import type { Capabilities } from "./adapter.ts";
import type { XlWorksheet } from "./surface.ts";
import type { PrintPlan } from "../../../shared/report/print-plan.ts";

/**
 * Column widths (characters, as the shared layouts give them), then where this Excel has them
 * (freeze panes from ExcelApi 1.7, page layout from 1.9): the rows kept in view, and A4
 * landscape, one page wide, the group and header rows repeated on every printed page.
 */
export function printable(ws: XlWorksheet, L: { widths: number[]; freeze: { rows: number }; print: { repeatRows: [number, number] }; plan?: PrintPlan }, caps: Pick<Capabilities, "freeze" | "print">): void {
  L.widths.forEach((w, c) => { ws.getRange(`${columnName(c)}:${columnName(c)}`).format.columnWidth = Math.round(w * 5.3); });
  if (caps.freeze) ws.freezePanes.freezeRows(L.freeze.rows);
  if (caps.print) {
    const page = ws.pageLayout;
    page.orientation = "Landscape";
    page.paperSize = "A4";
    // Fitted to one width only when the text stays at 8 pt or more; a wider sheet prints at the plan's scale, pages across.
    page.zoom = L.plan && !L.plan.fitToWidth ? { scale: L.plan.scale } : { horizontalFitToPages: 1, verticalFitToPages: 0 };
    page.setPrintTitleRows(`$${L.print.repeatRows[0] + 1}:$${L.print.repeatRows[1] + 1}`);
  }
}
