/** A worksheet's settings beside its cells: page layout for printing, protection, frozen rows. */
import type { XlHeaderFooter, XlHeaderFooterGroup, XlPageBreakCollection, XlPageLayout, XlWorksheetProtection } from "../../../addin/src/excel/surface.ts";
import { parseBox } from "./cells.ts";
import type { FakeContext } from "./context.ts";
import { FakeExcelError } from "./errors.ts";
import { MAX_COLS, MAX_ROWS, NO_PERMISSIONS, type FakeSheet, type ProtectionOptions } from "./model.ts";
import { ProxyBase } from "./proxy-base.ts";
import type { PathNode } from "./request.ts";

export const ORIENTATIONS = ["Portrait", "Landscape"];
export const PAPERS = ["A3", "A4", "A5", "B4", "B5", "Letter", "Legal", "Tabloid", "Executive"];

/** Page layout as strict as Excel: known enum values only, fit-to-pages as whole numbers, title rows as a row range. */
export class PageLayoutProxy extends ProxyBase<FakeSheet> implements XlPageLayout {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => FakeSheet) { super(ctx, "PageLayout", node); }
  protected target() { return this.find(); }
  protected override sheetOf(s: FakeSheet) { return s; }
  protected read(s: FakeSheet, name: string): unknown {
    if (name === "orientation") return s.pageLayout.orientation;
    if (name === "paperSize") return s.pageLayout.paperSize;
    if (name === "zoom") return s.pageLayout.zoom;
    throw new FakeExcelError("InvalidArgument", `pageLayout.${name}`);
  }
  protected override write(s: FakeSheet, name: string, value: unknown): void {
    if (name === "orientation") {
      if (!ORIENTATIONS.includes(String(value))) throw new FakeExcelError("InvalidArgument", `orientation ${String(value)}`);
      s.pageLayout.orientation = String(value);
    } else if (name === "paperSize") {
      if (!PAPERS.includes(String(value))) throw new FakeExcelError("InvalidArgument", `paperSize ${String(value)}`);
      s.pageLayout.paperSize = String(value);
    } else if (name === "zoom") {
      const v = (value ?? {}) as XlPageLayout["zoom"];
      const keys = Object.keys(v);
      const whole = (x: unknown) => x === undefined || (Number.isInteger(x) && (x as number) >= 0);
      if (keys.some((k) => !["horizontalFitToPages", "verticalFitToPages", "scale"].includes(k)) || !whole(v.horizontalFitToPages) || !whole(v.verticalFitToPages)) throw new FakeExcelError("InvalidArgument", `zoom ${JSON.stringify(v)}`);
      if (v.scale !== undefined && (v.horizontalFitToPages !== undefined || v.verticalFitToPages !== undefined)) throw new FakeExcelError("InvalidArgument", "zoom takes a scale or pages to fit, not both");
      s.pageLayout.zoom = { ...v };
    } else super.write(s, name, value);
  }
  get orientation(): string { return this.get_("orientation"); }
  set orientation(v: string) { this.set_("orientation", v); }
  get paperSize(): string { return this.get_("paperSize"); }
  set paperSize(v: string) { this.set_("paperSize", v); }
  get zoom(): XlPageLayout["zoom"] { return this.get_("zoom"); }
  set zoom(v: XlPageLayout["zoom"]) { this.set_("zoom", v); }
  get headersFooters(): XlHeaderFooterGroup {
    return new HeaderFooterGroupProxy(this.ctx, this.sub(4, "headersFooters"), this.find);
  }
  /** "The range must span the entire column": whole columns only, as "$A:$B" or "A:A". */
  setPrintTitleColumns(columns: string): void {
    this.call("setPrintTitleColumns", [columns], (s) => {
      const m = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/i.exec(columns);
      if (!m) throw new FakeExcelError("InvalidArgument", `print title columns ${columns}`);
      const box = parseBox(`${m[1]}:${m[2]}`);
      if (box.c1 < box.c0) throw new FakeExcelError("InvalidArgument", `print title columns ${columns}`);
      s.printTitleColumns = `$${m[1]!.toUpperCase()}:$${m[2]!.toUpperCase()}`;
    });
  }
  setPrintTitleRows(rows: string): void {
    this.call("setPrintTitleRows", [rows], (s) => {
      const m = /^\$?(\d+):\$?(\d+)$/.exec(rows);
      if (!m || Number(m[1]) < 1 || Number(m[2]) < Number(m[1])) throw new FakeExcelError("InvalidArgument", `print title rows ${rows}`);
      s.pageLayout.printTitleRows = `$${m[1]}:$${m[2]}`;
    });
  }
}

export class ProtectionProxy extends ProxyBase<FakeSheet> implements XlWorksheetProtection {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => FakeSheet) { super(ctx, "WorksheetProtection", node); }
  protected target() { return this.find(); }
  protected read(s: FakeSheet, name: string): unknown {
    if (name === "protected") return s.protected;
    if (name === "options") return { ...s.protectionOptions };
    throw new FakeExcelError("InvalidArgument", `protection.${name}`);
  }
  get protected(): boolean { return this.get_("protected"); }
  get options(): ProtectionOptions { return this.get_("options"); }
  load(names?: string | string[]): XlWorksheetProtection { this.doLoad(names); return this; }
  protect(options?: Partial<ProtectionOptions>): void {
    this.call("protect", options ? [options] : [], (s) => {
      if (s.protected) throw new FakeExcelError("AccessDenied", "already protected");
      s.protected = true;
      s.protectionOptions = { ...NO_PERMISSIONS, ...options };
    }, false);
  }
  unprotect(): void { this.call("unprotect", [], (s) => { if (!s.protected) throw new FakeExcelError("AccessDenied", "not protected"); s.protected = false; }, false); }
}

/** A count of rows or columns to freeze: a whole number from 0 (unfreeze) to below the sheet's size. */
function freezeCount(count: unknown, limit: number, what: string): number {
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0 || count >= limit) throw new FakeExcelError("InvalidArgument", `${what}(${String(count)}): a whole number from 0 to ${limit - 1}`);
  return count;
}

/**
 * Worksheet.freezePanes (ExcelApi 1.7), as @types/office-js defines it: freezeRows(count = 1),
 * freezeColumns(count = 1), zero unfreezing that direction; freezeAt(range) freezes the rows and
 * columns from A1 through the range's last cell (the top- and left-most pane), null unfreezing all;
 * unfreeze(). The docs do not say whether freezeRows keeps frozen columns (Excel's own "Freeze Top
 * Row" drops them): the stand-in takes the stricter reading, each of freezeRows and freezeColumns
 * replacing the whole pane, so a sheet frozen both ways must use freezeAt. A range on another sheet,
 * of more than one area, or spanning every row or column (nothing left to scroll) is refused.
 */
export class FreezePanesProxy extends ProxyBase<FakeSheet> {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => FakeSheet) { super(ctx, "WorksheetFreezePanes", node); }
  protected target() { return this.find(); }
  protected read(): unknown { throw new FakeExcelError("InvalidArgument", "freezePanes has no properties"); }
  protected override sheetOf(s: FakeSheet) { return s; }
  // Bad arguments are refused at sync, as Excel answers them.
  freezeRows(count: number): void {
    this.call("freezeRows", [count], (s) => { s.frozenRows = freezeCount(count, MAX_ROWS, "freezeRows"); s.frozenColumns = 0; });
  }
  freezeColumns(count: number): void {
    this.call("freezeColumns", [count], (s) => { s.frozenColumns = freezeCount(count, MAX_COLS, "freezeColumns"); s.frozenRows = 0; });
  }
  freezeAt(frozenRange: string | null): void {
    this.call("freezeAt", [frozenRange], (s) => {
      if (frozenRange !== null && typeof frozenRange !== "string") throw new FakeExcelError("InvalidArgument", "freezeAt takes an address here (the add-in's surface passes no Range)");
      if (frozenRange === null) { s.frozenRows = 0; s.frozenColumns = 0; return; }
      const bang = frozenRange.lastIndexOf("!");
      if (bang >= 0) {
        const named = frozenRange.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
        if (named.toLocaleUpperCase() !== s.name.toLocaleUpperCase()) throw new FakeExcelError("InvalidArgument", `freezeAt(${frozenRange}): a range of another sheet`);
      }
      if (frozenRange.includes(",")) throw new FakeExcelError("InvalidArgument", `freezeAt(${frozenRange}): one area only`);
      const box = parseBox(frozenRange);
      if (box.r1 >= MAX_ROWS - 1 || box.c1 >= MAX_COLS - 1) throw new FakeExcelError("InvalidArgument", `freezeAt(${frozenRange}): every row or column frozen, nothing left to scroll`);
      s.frozenRows = box.r1 + 1;
      s.frozenColumns = box.c1 + 1;
    });
  }
  unfreeze(): void { this.call("unfreeze", [], (s) => { s.frozenRows = 0; s.frozenColumns = 0; }); }
}

type Section = keyof FakeSheet["headerFooter"];
const SECTIONS: readonly Section[] = ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"];
/** Excel refuses a header or footer section longer than this ("The text string you entered is too long"). */
export const MAX_HEADER_FOOTER = 255;

/** PageLayout.headersFooters (ExcelApi 1.9): only the set for every page is modelled; the others are refused, not ignored. */
export class HeaderFooterGroupProxy extends ProxyBase<FakeSheet> implements XlHeaderFooterGroup {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => FakeSheet) { super(ctx, "HeaderFooterGroup", node); }
  protected target() { return this.find(); }
  protected override sheetOf(s: FakeSheet) { return s; }
  protected read(s: FakeSheet, name: string): unknown {
    if (name === "state") return "Default";
    throw new FakeExcelError("InvalidArgument", `headersFooters.${name}`);
  }
  get defaultForAllPages(): XlHeaderFooter { return new HeaderFooterProxy(this.ctx, this.sub(4, "defaultForAllPages"), this.find); }
}

/** One header/footer set: six sections of text with Excel's codes (&P page, &N pages, &A sheet), each at most 255 characters. */
export class HeaderFooterProxy extends ProxyBase<FakeSheet> implements XlHeaderFooter {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => FakeSheet) { super(ctx, "HeaderFooter", node); }
  protected target() { return this.find(); }
  protected override sheetOf(s: FakeSheet) { return s; }
  protected read(s: FakeSheet, name: string): unknown {
    if ((SECTIONS as readonly string[]).includes(name)) return s.headerFooter[name as Section];
    throw new FakeExcelError("InvalidArgument", `headerFooter.${name}`);
  }
  protected override write(s: FakeSheet, name: string, value: unknown): void {
    if (!(SECTIONS as readonly string[]).includes(name)) return super.write(s, name, value);
    if (typeof value !== "string") throw new FakeExcelError("InvalidArgument", `${name} must be text`);
    if (value.length > MAX_HEADER_FOOTER) throw new FakeExcelError("InvalidArgument", `${name} is longer than ${MAX_HEADER_FOOTER} characters`);
    s.headerFooter[name as Section] = value;
  }
  load(names?: string | string[]): XlHeaderFooter { this.doLoad(names); return this; }
  get leftFooter(): string { return this.get_("leftFooter"); }
  set leftFooter(v: string) { this.set_("leftFooter", v); }
  get centerFooter(): string { return this.get_("centerFooter"); }
  set centerFooter(v: string) { this.set_("centerFooter", v); }
  get rightFooter(): string { return this.get_("rightFooter"); }
  set rightFooter(v: string) { this.set_("rightFooter", v); }
}

/** Excel's limit on manual page breaks in each direction. */
export const MAX_PAGE_BREAKS = 1026;

/** Worksheet.verticalPageBreaks (ExcelApi 1.9): a break stands before the given range's first column, never before column A. */
export class PageBreakCollectionProxy extends ProxyBase<FakeSheet> implements XlPageBreakCollection {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => FakeSheet) { super(ctx, "PageBreakCollection", node); }
  protected target() { return this.find(); }
  protected override sheetOf(s: FakeSheet) { return s; }
  protected read(): unknown { throw new FakeExcelError("InvalidArgument", "pageBreaks has no properties here"); }
  add(pageBreakRange: string): void {
    this.call("add", [pageBreakRange], (s) => {
      const box = parseBox(pageBreakRange);
      if (box.c0 === 0) throw new FakeExcelError("InvalidArgument", `no page break before column A (${pageBreakRange})`);
      if (s.columnBreaks.length >= MAX_PAGE_BREAKS) throw new FakeExcelError("InvalidArgument", `more than ${MAX_PAGE_BREAKS} page breaks`);
      if (!s.columnBreaks.includes(box.c0)) s.columnBreaks.push(box.c0);
    });
  }
  /** Removes every manual break of the collection. */
  removePageBreaks(): void { this.call("removePageBreaks", [], (s) => { s.columnBreaks = []; }); }
}
