import { asText, parseA1 } from "../../../shared/index.ts";
import { AdapterError } from "./errors.ts";
import type { XlRun } from "./surface.ts";

/**
 * Puts the server's values the clerk chose in a conflict into their cells: the one time the
 * add-in writes a figure on the clerk's sheet, because the clerk asked for that value to stand.
 * Two syncs: what the cells hold (a formula is never overwritten: it is listed and left), their
 * number formats (a percent cell takes the fraction Excel shows as that percent) and the sheet's
 * protection; then the values. A protected sheet is refused before anything is written.
 */
export async function writeChosen(run: XlRun, sheet: string, cells: readonly { address: string; value: number | string | null }[]): Promise<{ written: string[]; formulas: string[] }> {
  const todo = cells.filter((c) => parseA1(c.address));
  if (!todo.length) return { written: [], formulas: [] };
  return run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    const protection = ws.protection.load("protected");
    const ranges = todo.map((c) => ws.getRange(c.address).load("formulas,numberFormat"));
    await ctx.sync();
    if (protection.protected) throw new AdapterError("protected", sheet);
    const written: string[] = [], formulas: string[] = [];
    todo.forEach((c, i) => {
      const range = ranges[i]!;
      const formula = range.formulas[0]?.[0];
      if (typeof formula === "string" && formula.startsWith("=")) { formulas.push(c.address); return; }
      const format = String(range.numberFormat[0]?.[0] ?? "");
      // Text goes in as text: a value starting with "=" never becomes a formula.
      const value = c.value === null ? "" : typeof c.value === "number" ? (format.includes("%") ? c.value / 100 : c.value) : asText(c.value);
      range.values = [[value]];
      written.push(c.address);
    });
    await ctx.sync();
    return { written, formulas };
  });
}
