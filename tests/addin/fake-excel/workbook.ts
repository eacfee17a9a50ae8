/** The workbook's own members: the selection, structure protection, and `context.workbook` itself. */
import type { XlRange, XlWorkbookProtection } from "../../../addin/src/excel/surface.ts";
import { parseBox } from "./cells.ts";
import type { FakeContext, WorkbookSurface } from "./context.ts";
import { FakeExcelError } from "./errors.ts";
import type { FakeWorkbook } from "./model.ts";
import { ProxyBase } from "./proxy-base.ts";
import { RangeProxy } from "./range.ts";
import type { PathNode } from "./request.ts";
import { WorksheetCollectionProxy } from "./worksheets.ts";

/**
 * The workbook's own members. The selection is always on the active sheet (a selection recorded
 * on another sheet means the active one's A1, as Excel shows a sheet just activated); several
 * areas selected make getSelectedRange fail as Excel's does (InvalidSelection).
 */
export class WorkbookProxy extends ProxyBase<FakeWorkbook> {
  constructor(ctx: FakeContext, node: PathNode) { super(ctx, "Workbook", node); }
  protected target() { return this.ctx.wb; }
  protected read(_t: FakeWorkbook, name: string): unknown { throw new FakeExcelError("InvalidArgument", `workbook.${name}`); }
  /** ExcelApi 1.7. */
  get protection(): XlWorkbookProtection { return new WorkbookProtectionProxy(this.ctx, this.sub(4, "protection")); }
  getSelectedRange(): XlRange {
    const node = this.sub(3, "getSelectedRange", []);
    return new RangeProxy(this.ctx, node, () => {
      const wb = this.ctx.wb;
      const sheet = wb.sheets[wb.activeSheet];
      if (!sheet) throw new FakeExcelError("ItemNotFound", "no active sheet");
      const sel = wb.selection;
      if (!sel || sel.sheet.toLocaleUpperCase() !== sheet.name.toLocaleUpperCase()) return { sheet, box: { r0: 0, c0: 0, r1: 0, c1: 0 } };
      if (sel.address.includes(",")) throw new FakeExcelError("InvalidSelection", "the selection has several areas");
      return { sheet, box: parseBox(sel.address.replace(/^.*!/, "")) };
    });
  }
}

export class WorkbookProtectionProxy extends ProxyBase<FakeWorkbook> implements XlWorkbookProtection {
  constructor(ctx: FakeContext, node: PathNode) { super(ctx, "WorkbookProtection", node); }
  protected target() { return this.ctx.wb; }
  protected read(wb: FakeWorkbook, name: string): unknown {
    if (name === "protected") return wb.structureProtected;
    throw new FakeExcelError("InvalidArgument", `workbook.protection.${name}`);
  }
  get protected(): boolean { return this.get_("protected"); }
  load(names?: string | string[]): XlWorkbookProtection { this.doLoad(names); return this; }
}

/** `context.workbook`: the worksheets, the selection and structure protection over the workbook's path. */
export function workbookSurface(ctx: FakeContext, wb: PathNode): WorkbookSurface {
  return {
    worksheets: new WorksheetCollectionProxy(ctx, ctx.child(wb, 4, "Worksheets")),
    getSelectedRange: () => new WorkbookProxy(ctx, wb).getSelectedRange(),
    get protection() { return new WorkbookProxy(ctx, wb).protection; },
  };
}
