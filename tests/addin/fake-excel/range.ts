/** Ranges and multi-area ranges: values, formulas, number formats, hidden rows and columns, cell properties. */
import type { XlCellFill, XlColumnProperties, XlRange, XlRangeAreas, XlRangeFill, XlRangeFormat, XlResult, XlRowProperties } from "../../../addin/src/excel/surface.ts";
import { allOrNone, boxAddress, cellCount, cellsIn, eachInput, grid, quoteSheet, type RangeTarget } from "./cells.ts";
import type { FakeContext } from "./context.ts";
import { enter } from "./entry.ts";
import { FakeExcelError } from "./errors.ts";
import { fillColor, fillPattern, RangeFormatProxy } from "./format.ts";
import { DESKTOP_CELL_LIMIT } from "./limits.ts";
import type { Box, FakeSheet } from "./model.ts";
import { ProxyBase, type Permission } from "./proxy-base.ts";
import type { PathNode } from "./request.ts";

export class RangeProxy extends ProxyBase<RangeTarget> implements XlRange {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => RangeTarget | null, nullable = false) {
    super(ctx, "Range", node);
    this.nullable = nullable;
  }
  protected target() { return this.find(); }
  protected override sheetOf(t: RangeTarget) { return t.sheet; }
  protected override permissions(name: string, args: unknown[]): Permission[] {
    if (name === "values" || name === "formulas") return ["content"];
    if (name === "numberFormat") return ["format"];
    // Hiding columns on a protected sheet needs "format columns".
    if (name === "columnHidden") return ["columns"];
    if (name === "clear") return args[0] === "Contents" ? ["content"] : args[0] === "Formats" ? ["format"] : ["content", "format"];
    return ["never"];
  }
  /** Typing on a protected sheet: every cell of the range unlocked (a cell never touched is locked). */
  protected override allUnlocked(t: RangeTarget): boolean {
    if (cellCount(t.box) > t.sheet.cells.size) return false;
    for (let r = t.box.r0; r <= t.box.r1; r++) for (let c = t.box.c0; c <= t.box.c1; c++) if (t.sheet.get(r, c)?.locked !== false) return false;
    return true;
  }
  protected read(t: RangeTarget, name: string): unknown {
    switch (name) {
      case "address": return `${quoteSheet(t.sheet.name)}!${boxAddress(t.box)}`;
      case "values": return grid(this.ctx, t, (c) => c?.value ?? "");
      case "formulas": return grid(this.ctx, t, (c) => c?.formula ?? c?.value ?? "");
      case "numberFormat": return grid(this.ctx, t, (c) => c?.numberFormat ?? "General");
      case "rowIndex": return t.box.r0;
      case "columnIndex": return t.box.c0;
      case "rowCount": return t.box.r1 - t.box.r0 + 1;
      case "columnCount": return t.box.c1 - t.box.c0 + 1;
      case "rowHidden": return allOrNone(t.box.r0, t.box.r1, t.sheet.hiddenRows);
      case "columnHidden": return allOrNone(t.box.c0, t.box.c1, t.sheet.hiddenColumns);
      default: throw new FakeExcelError("InvalidArgument", `range.${name}`);
    }
  }
  protected override write(t: RangeTarget, name: string, value: unknown): void {
    switch (name) {
      case "values": case "formulas": eachInput(t, value, name, (cell, v) => enter(cell, v)); return;
      case "numberFormat": eachInput(t, value, name, (cell, v) => { if (v !== null && v !== undefined) cell.numberFormat = String(v); }); return;
      case "columnHidden": {
        if (typeof value !== "boolean") throw new FakeExcelError("InvalidArgument", `columnHidden must be true or false`);
        for (let c = t.box.c0; c <= t.box.c1; c++) { if (value) t.sheet.hiddenColumns.add(c); else t.sheet.hiddenColumns.delete(c); }
        return;
      }
      default: super.write(t, name, value);
    }
  }
  get address(): string { return this.get_("address"); }
  get values(): unknown[][] { return this.get_("values"); }
  set values(v: unknown[][]) { this.set_("values", v); }
  get formulas(): unknown[][] { return this.get_("formulas"); }
  set formulas(v: unknown[][]) { this.set_("formulas", v); }
  get numberFormat(): unknown[][] { return this.get_("numberFormat"); }
  set numberFormat(v: unknown[][]) { this.set_("numberFormat", v); }
  get rowHidden(): boolean | null { return this.get_("rowHidden"); }
  get columnHidden(): boolean | null { return this.get_("columnHidden"); }
  set columnHidden(v: boolean | null) { this.set_("columnHidden", v); }
  get rowIndex(): number { return this.get_("rowIndex"); }
  get columnIndex(): number { return this.get_("columnIndex"); }
  get rowCount(): number { return this.get_("rowCount"); }
  get columnCount(): number { return this.get_("columnCount"); }
  load(names?: string | string[]): XlRange & { readonly isNullObject: boolean } { this.doLoad(names); return this; }
  get format(): XlRangeFormat { return new RangeFormatProxy(this.ctx, this.sub(4, "format"), () => [this.resolve()]); }
  select(): void {
    this.call("select", [], (t) => {
      if (t.sheet.visibility !== "Visible") throw new FakeExcelError("InvalidOperation", `"${t.sheet.name}" is hidden`);
      this.ctx.wb.activeSheet = this.ctx.wb.sheets.indexOf(t.sheet);
      this.ctx.wb.selection = { sheet: t.sheet.name, address: boxAddress(t.box) };
    }, false);
  }
  clear(applyTo = "All"): void {
    this.call("clear", [applyTo], (t) => {
      for (const [r, c, cell] of cellsIn(t)) {
        if (applyTo === "All" || applyTo === "Contents") { cell.value = ""; cell.formula = null; }
        if (applyTo === "All" || applyTo === "Formats") { cell.numberFormat = "General"; cell.fill = null; cell.bold = false; cell.fontColor = null; cell.underline = null; }
        t.sheet.tidy(r, c);
      }
    });
  }
  getRowProperties(loadOptions: { rowHidden?: boolean; rowIndex?: boolean }): XlResult<XlRowProperties[]> {
    return this.lineProperties("getRowProperties", loadOptions, ["rowHidden", "rowIndex"], (t) => {
      const out: XlRowProperties[] = [];
      for (let r = t.box.r0; r <= t.box.r1; r++) {
        const p: XlRowProperties = {};
        if (loadOptions.rowHidden) p.rowHidden = t.sheet.hiddenRows.has(r);
        if (loadOptions.rowIndex) p.rowIndex = r;
        out.push(p);
      }
      return out;
    });
  }
  getColumnProperties(loadOptions: { columnHidden?: boolean; columnIndex?: boolean }): XlResult<XlColumnProperties[]> {
    return this.lineProperties("getColumnProperties", loadOptions, ["columnHidden", "columnIndex"], (t) => {
      const out: XlColumnProperties[] = [];
      for (let c = t.box.c0; c <= t.box.c1; c++) {
        const p: XlColumnProperties = {};
        if (loadOptions.columnHidden) p.columnHidden = t.sheet.hiddenColumns.has(c);
        if (loadOptions.columnIndex) p.columnIndex = c;
        out.push(p);
      }
      return out;
    });
  }
  /**
   * getRowProperties / getColumnProperties: a ClientResult filled at the sync. Options this
   * stand-in does not model are refused rather than answered with nothing, and the desktop's cell
   * limit applies to the range as for any other read.
   */
  private lineProperties<P>(name: string, options: Record<string, unknown>, known: string[], fn: (t: RangeTarget) => P[]): XlResult<P[]> {
    const unknown = Object.keys(options ?? {}).filter((k) => !known.includes(k));
    if (unknown.length) throw new FakeExcelError("InvalidArgument", `${name}: ${unknown.join(", ")} not modelled`);
    let value: P[] | null = null;
    this.call(name, [options], (t) => {
      if (cellCount(t.box) > DESKTOP_CELL_LIMIT) {
        if (this.ctx.host.mode === "web") throw new FakeExcelError("ResponsePayloadSizeLimitExceeded", "range too large to read");
        throw new FakeExcelError("RangeExceedsLimit", `${name} over ${cellCount(t.box)} cells`);
      }
      value = fn(t);
      return value;
    }, false);
    const self = this;
    return { get value(): P[] {
      self.ctx.alive(`${self.path}.${name}().value`);
      if (value === null) throw new FakeExcelError("ValueNotLoaded", `${name}: call sync() first`);
      return value;
    } };
  }
  getCellProperties(loadOptions: { format?: { fill?: { color?: boolean; pattern?: boolean } } }): XlResult<XlCellFill[][]> {
    let value: XlCellFill[][] | null = null;
    const want = loadOptions?.format?.fill ?? {};
    this.call("getCellProperties", [loadOptions], (t) => {
      const out = grid(this.ctx, t, (c) => {
        const fill: { color?: string | null; pattern?: string | null } = {};
        if (want.color) fill.color = fillColor(c);
        if (want.pattern) fill.pattern = fillPattern(c);
        return { format: { fill } };
      });
      if (out === null) throw new FakeExcelError("RangeExceedsLimit", "getCellProperties over too many cells");
      value = out;
      return out;
    }, false);
    const self = this;
    return { get value(): XlCellFill[][] {
      self.ctx.alive(`${self.path}.getCellProperties().value`);
      if (value === null) throw new FakeExcelError("ValueNotLoaded", "getCellProperties: call sync() first");
      return value;
    } };
  }
}

export interface AreasTarget { sheet: FakeSheet; boxes: Box[] }

export class RangeAreasProxy extends ProxyBase<AreasTarget> implements XlRangeAreas {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => AreasTarget) { super(ctx, "RangeAreas", node); }
  protected target() { return this.find(); }
  protected read(): unknown { throw new FakeExcelError("InvalidArgument", "rangeAreas: nothing to load here"); }
  get format(): { readonly fill: XlRangeFill } {
    const node = this.sub(4, "format");
    const targets = () => { const t = this.resolve(); return t.boxes.map((box) => ({ sheet: t.sheet, box })); };
    return new RangeFormatProxy(this.ctx, node, targets, "RangeFormat");
  }
}
