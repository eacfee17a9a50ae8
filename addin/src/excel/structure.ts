import type { Capabilities } from "./capabilities.ts";
import type { XlContext, XlWorkbookProtection } from "./surface.ts";

/**
 * Queues a read of the workbook's structure protection (ExcelApi 1.7), for the batch's first
 * sync: with the structure protected Excel refuses to add, delete, rename or hide a sheet, and a
 * batch that meets that refusal half-way has already written its first sheets. Null where the
 * host cannot say; Excel's own refusal then stands.
 */
export function loadStructureProtection(ctx: XlContext, caps: Pick<Capabilities, "freeze">): XlWorkbookProtection | null {
  return caps.freeze ? ctx.workbook.protection.load("protected") : null;
}
