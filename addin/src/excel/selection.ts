import { UNIT_CODE } from "../../../shared/contract/index.ts";
import type { XlRun } from "./surface.ts";

/** The code column of the sheets the pane writes units into (the rollup's and the detail sheets' "Mã"). */
const CODE_COLUMN = "B";

export interface SelectedRow {
  sheet: string;
  sheetId: string;
  /** 0-based row of the selection's first cell. */
  row: number;
  /** The unit code in that row's code column, when it holds one. */
  code: string | null;
}

/**
 * The row the person has selected on the active sheet and the unit code it holds, in two syncs
 * (where the selection is, then that one cell). Several areas selected read as no selection.
 */
export async function selectedRow(run: XlRun): Promise<SelectedRow | null> {
  return run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getActiveWorksheet().load("name,id");
    const sel = ctx.workbook.getSelectedRange().load("rowIndex");
    try {
      await ctx.sync();
    } catch (e) {
      if ((e as { code?: string })?.code === "InvalidSelection" || /InvalidSelection/.test(String(e))) return null;
      throw e;
    }
    const cell = ws.getRange(`${CODE_COLUMN}${sel.rowIndex + 1}`).load("values");
    await ctx.sync();
    const v = cell.values[0]?.[0];
    const text = typeof v === "string" ? v.trim() : "";
    return { sheet: ws.name, sheetId: ws.id, row: sel.rowIndex, code: UNIT_CODE.test(text) ? text : null };
  });
}
