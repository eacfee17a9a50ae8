/** A worksheet's settings beside its cells: page layout for printing, protection, frozen rows. */
import type { XlPageLayout, XlWorksheetProtection } from "../../../addin/src/excel/surface.ts";
import type { FakeContext } from "./context.ts";
import { FakeExcelError } from "./errors.ts";
import { NO_PERMISSIONS, type FakeSheet, type ProtectionOptions } from "./model.ts";
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

export class FreezePanesProxy extends ProxyBase<FakeSheet> {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => FakeSheet) { super(ctx, "WorksheetFreezePanes", node); }
  protected target() { return this.find(); }
  protected read(): unknown { throw new FakeExcelError("InvalidArgument", "freezePanes has no properties"); }
  protected override sheetOf(s: FakeSheet) { return s; }
  freezeRows(count: number): void { this.call("freezeRows", [count], (s) => { s.frozenRows = count; }); }
}
