/** The worksheet collection and a worksheet: sheets added, renamed, hidden, deleted under Excel's rules, and what hangs off a sheet. */
import type { XlChangedEvent, XlChartCollection, XlEventSource, XlCommentCollection, XlFreezePanes, XlNoteCollection, XlPageBreakCollection, XlPageLayout, XlRange, XlRangeAreas, XlRowHiddenEvent, XlTableCollection, XlWorksheet, XlWorksheetCollection, XlWorksheetProtection } from "../../../addin/src/excel/surface.ts";
import { parseBox } from "./cells.ts";
import { ChartCollectionProxy } from "./charts.ts";
import type { FakeContext } from "./context.ts";
import { FakeExcelError } from "./errors.ts";
import { eventSource } from "./events.ts";
import { MAX_AREAS_ADDRESS } from "./limits.ts";
import { MAX_COLS, MAX_ROWS, type FakeSheet, type FakeWorkbook } from "./model.ts";
import { sheetNameProblem } from "./names.ts";
import { CommentCollectionProxy, NoteCollectionProxy } from "./notes.ts";
import { ProxyBase } from "./proxy-base.ts";
import { RangeAreasProxy, RangeProxy } from "./range.ts";
import type { PathNode } from "./request.ts";
import { pascal } from "./request.ts";
import { FreezePanesProxy, PageBreakCollectionProxy, PageLayoutProxy, ProtectionProxy } from "./sheet-options.ts";
import { TableCollectionProxy } from "./tables.ts";

/** Excel's refusal of a sheet added, deleted, renamed, hidden or shown in a structure-protected workbook. */
export function guardStructure(wb: FakeWorkbook, what: string): void {
  if (wb.structureProtected) throw new FakeExcelError("AccessDenied", `${what}: the workbook's structure is protected`);
}
export class WorksheetCollectionProxy extends ProxyBase<FakeWorkbook> implements XlWorksheetCollection {
  constructor(ctx: FakeContext, node: PathNode) { super(ctx, "WorksheetCollection", node); }
  protected target() { return this.ctx.wb; }
  protected read(wb: FakeWorkbook, name: string): unknown {
    if (name.startsWith("items")) {
      const sub = name.includes("/") ? name.slice(name.indexOf("/") + 1) : "name";
      const subs = sub.split(",").map((x) => x.replace(/^items\//, ""));
      const items = wb.sheets.map((s) => new WorksheetProxy(this.ctx, this.ctx.child(this.node, 5, "", [s.id]), () => (wb.sheets.includes(s) ? s : null)));
      items.forEach((p, i) => { for (const n of subs) p.preload(n, wb.sheets[i]!); });
      this.data.set("items", items);
      return wb.sheets.map((s, i) => Object.fromEntries(subs.map((n) => [pascal(n), items[i]!.readSheet(s, n)])));
    }
    throw new FakeExcelError("InvalidArgument", `worksheets.${name}`);
  }
  get items(): XlWorksheet[] { return this.get_("items"); }
  load(names?: string | string[]): XlWorksheetCollection { this.doLoad(names); return this; }
  getItem(key: string): XlWorksheet {
    return new WorksheetProxy(this.ctx, this.sub(3, "getItem", [key]), () => this.ctx.wb.sheet(key) ?? null);
  }
  getItemOrNullObject(key: string): XlWorksheet {
    return new WorksheetProxy(this.ctx, this.sub(3, "getItemOrNullObject", [key]), () => this.ctx.wb.sheet(key) ?? null, true);
  }
  getActiveWorksheet(): XlWorksheet {
    return new WorksheetProxy(this.ctx, this.sub(3, "getActiveWorksheet", []), () => this.ctx.wb.sheets[this.ctx.wb.activeSheet] ?? null);
  }
  add(name?: string): XlWorksheet {
    let created: FakeSheet | null = null;
    const node = this.sub(3, "add", [name]);
    this.ctx.queue(this.node, 3, "Add", { ArgumentInfo: { Arguments: [name] } }, () => {
      const wb = this.ctx.wb;
      guardStructure(wb, "worksheets.add");
      let n = name;
      if (n === undefined || n === "") {
        for (let k = 1; !n || wb.sheet(n); k++) n = `Sheet${wb.sheets.length + k}`;
      } else {
        const problem = sheetNameProblem(n);
        if (problem) throw new FakeExcelError("InvalidArgument", `${JSON.stringify(n)}: ${problem}`);
        if (wb.sheet(n)) throw new FakeExcelError("ItemAlreadyExists", `a sheet named ${JSON.stringify(wb.sheet(n)!.name)} exists`);
      }
      created = wb.add(n);
    }, "none");
    return new WorksheetProxy(this.ctx, node, () => created);
  }
}

export class WorksheetProxy extends ProxyBase<FakeSheet> implements XlWorksheet {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => FakeSheet | null, nullable = false) {
    super(ctx, "Worksheet", node);
    this.nullable = nullable;
  }
  protected target() { return this.find(); }
  resolveSheet(): FakeSheet { return this.resolve(); }
  readSheet(s: FakeSheet, name: string): unknown { return this.read(s, name); }
  preload(name: string, s: FakeSheet): void { this.data.set(name, this.read(s, name)); this.data.set("isNullObject", false); }
  protected read(s: FakeSheet, name: string): unknown {
    switch (name) {
      case "name": return s.name;
      case "visibility": return s.visibility;
      case "position": return this.ctx.wb.sheets.indexOf(s);
      case "id": return s.id;
      default: throw new FakeExcelError("InvalidArgument", `worksheet.${name}`);
    }
  }
  protected override write(s: FakeSheet, name: string, value: unknown): void {
    if (name === "name" || name === "visibility") guardStructure(this.ctx.wb, `worksheet.${name}`);
    if (name === "name") {
      const n = String(value);
      const problem = sheetNameProblem(n);
      if (problem) throw new FakeExcelError("InvalidArgument", `${JSON.stringify(n)}: ${problem}`);
      const other = this.ctx.wb.sheet(n);
      if (other && other !== s) throw new FakeExcelError("ItemAlreadyExists", `a sheet named ${JSON.stringify(other.name)} exists`);
      s.name = n;
    } else if (name === "visibility") {
      const v = String(value);
      if (!["Visible", "Hidden", "VeryHidden"].includes(v)) throw new FakeExcelError("InvalidArgument", `visibility ${v}`);
      const visible = this.ctx.wb.sheets.filter((x) => x.visibility === "Visible");
      if (v !== "Visible" && s.visibility === "Visible" && visible.length <= 1) throw new FakeExcelError("InvalidOperation", "a workbook keeps at least one visible sheet");
      s.visibility = v;
    } else super.write(s, name, value);
  }
  // Renaming, hiding and deleting a sheet are not cell edits: sheet protection allows them.
  get name(): string { return this.get_("name"); }
  set name(v: string) { this.set_("name", v); }
  get visibility(): string { return this.get_("visibility"); }
  set visibility(v: string) { this.set_("visibility", v); }
  get id(): string { return this.get_("id"); }
  load(names?: string | string[]): XlWorksheet { this.doLoad(names); return this; }

  getRange(address?: string): XlRange {
    const node = this.sub(3, "getRange", address === undefined ? [] : [address]);
    const box = address ? parseBox(address) : { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 };
    return new RangeProxy(this.ctx, node, () => ({ sheet: this.resolve(), box }));
  }
  getRanges(address?: string): XlRangeAreas {
    const node = this.sub(3, "getRanges", address === undefined ? [] : [address]);
    const text = address ?? "";
    if (text.length > MAX_AREAS_ADDRESS) throw new FakeExcelError("InvalidArgument", `getRanges: an address of ${text.length} characters (Excel takes ${MAX_AREAS_ADDRESS})`);
    const boxes = text.split(",").map((a) => a.trim()).filter(Boolean).map(parseBox);
    if (!boxes.length) throw new FakeExcelError("InvalidArgument", "getRanges: no address");
    return new RangeAreasProxy(this.ctx, node, () => ({ sheet: this.resolve(), boxes }));
  }
  getUsedRange(valuesOnly?: boolean): XlRange {
    const node = this.sub(3, "getUsedRange", valuesOnly === undefined ? [] : [valuesOnly]);
    // The valuesOnly argument arrived with ExcelApi 1.2.
    if (valuesOnly !== undefined) this.ctx.host.requireApi("1.2", "getUsedRange(valuesOnly)");
    return new RangeProxy(this.ctx, node, () => {
      const s = this.resolve();
      // Excel answers A1 for an empty sheet.
      return { sheet: s, box: s.usedBox(!!valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange & { readonly isNullObject: boolean } {
    const node = this.sub(3, "getUsedRangeOrNullObject", valuesOnly === undefined ? [] : [valuesOnly]);
    return new RangeProxy(this.ctx, node, () => {
      const s = this.target();
      const box = s?.usedBox(!!valuesOnly);
      return s && box ? { sheet: s, box } : null;
    }, true);
  }
  delete(): void {
    this.call("delete", [], (s) => {
      const wb = this.ctx.wb;
      guardStructure(wb, "worksheet.delete");
      if (s.visibility === "VeryHidden") throw new FakeExcelError("InvalidOperation", `"${s.name}" is very hidden: make it visible or hidden before deleting it`);
      if (wb.sheets.filter((x) => x.visibility === "Visible").length <= 1 && s.visibility === "Visible") {
        throw new FakeExcelError("InvalidOperation", "a workbook keeps at least one visible sheet");
      }
      const active = wb.sheets[wb.activeSheet];
      wb.sheets.splice(wb.sheets.indexOf(s), 1);
      wb.activeSheet = Math.max(0, active && active !== s ? wb.sheets.indexOf(active) : wb.sheets.findIndex((x) => x.visibility === "Visible"));
    }, false);
  }
  activate(): void {
    this.call("activate", [], (s) => {
      if (s.visibility !== "Visible") throw new FakeExcelError("InvalidOperation", `"${s.name}" is hidden`);
      this.ctx.wb.activeSheet = this.ctx.wb.sheets.indexOf(s);
    }, false);
  }
  get notes(): XlNoteCollection {
    return new NoteCollectionProxy(this.ctx, this.sub(4, "notes"), () => this.resolve());
  }
  get comments(): XlCommentCollection {
    return new CommentCollectionProxy(this.ctx, this.sub(4, "comments"), () => this.resolve());
  }
  get protection(): XlWorksheetProtection {
    return new ProtectionProxy(this.ctx, this.sub(4, "protection"), () => this.resolve());
  }
  get tables(): XlTableCollection { return new TableCollectionProxy(this.ctx, this.sub(4, "tables"), () => this.resolve()); }
  get charts(): XlChartCollection { return new ChartCollectionProxy(this.ctx, this.sub(4, "charts"), () => this.resolve()); }
  get freezePanes(): XlFreezePanes {
    const p = new FreezePanesProxy(this.ctx, this.sub(4, "freezePanes"), () => this.resolve());
    return { freezeRows: (count = 1) => p.freezeRows(count), freezeColumns: (count = 1) => p.freezeColumns(count), freezeAt: (range) => p.freezeAt(range), unfreeze: () => p.unfreeze() };
  }
  get onChanged(): XlEventSource<XlChangedEvent> {
    this.member("onChanged");
    return eventSource(this.ctx, this.ctx.child(this.node, 4, "OnChanged"), () => this.resolveSheet(), this.ctx.host.changeHandlers);
  }
  get onRowHiddenChanged(): XlEventSource<XlRowHiddenEvent> {
    this.member("onRowHiddenChanged");
    return eventSource(this.ctx, this.ctx.child(this.node, 4, "OnRowHiddenChanged"), () => this.resolveSheet(), this.ctx.host.rowHiddenHandlers);
  }
  get pageLayout(): XlPageLayout {
    return new PageLayoutProxy(this.ctx, this.sub(4, "pageLayout"), () => this.resolve());
  }
  get verticalPageBreaks(): XlPageBreakCollection {
    return new PageBreakCollectionProxy(this.ctx, this.sub(4, "verticalPageBreaks"), () => this.resolve());
  }
}
